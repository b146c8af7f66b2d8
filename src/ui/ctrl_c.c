/* ctrl_c: the console's Ctrl-C (SIGINT) as an event of the main loop
 * instead of a death that leaves a delivery `sending`. SIGINT is blocked in
 * the thread that opens it before any other thread starts, so every worker
 * inherits the block and none can take it; the loop polls a signalfd beside
 * the keyboard. No handler runs and nothing global is needed. A program the
 * console starts (the editor) gets the signal back before exec. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "ui/ui_internal.h"

static void ctrl_c_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
}

int ctrl_c_open(char *error, size_t error_size)
{
    sigset_t set;
    ctrl_c_signals(&set);
    int failed = pthread_sigmask(SIG_BLOCK, &set, NULL);
    if (failed) {
        snprintf(error, error_size, "Ctrl-C quits at once (it cannot be caught: %s)", strerror(failed));
        return -1;
    }
    int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0) {
        snprintf(error, error_size, "Ctrl-C quits at once (signalfd: %s)", strerror(errno));
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    }
    return fd;
}

int ctrl_c_take(int fd)
{
    int count = 0;
    struct signalfd_siginfo info;
    while (fd >= 0 && read(fd, &info, sizeof info) == (ssize_t)sizeof info)
        count++;
    return count;
}

void ctrl_c_unblock(void)
{
    sigset_t set;
    ctrl_c_signals(&set);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

void ctrl_c_die(void)
{
    signal(SIGINT, SIG_DFL);
    ctrl_c_unblock(); /* the pending one, or this one, ends the process */
    raise(SIGINT);
}

void ctrl_c_close(int fd)
{
    if (fd < 0)
        return;
    close(fd);
}
