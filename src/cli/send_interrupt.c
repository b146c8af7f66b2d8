/* send_interrupt: the batch's Ctrl-C, without a signal handler. The two
 * signals are blocked in every thread and one thread waits for them with
 * sigtimedwait, so stopping is ordinary code (an atomic store and a line on
 * stderr) rather than something async-signal-safe, and nothing global is
 * needed. */
#include "cli/send_interrupt.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const long WATCH_POLL_NANOSECONDS = 100 * 1000 * 1000; /* to notice `done` */

static void interrupt_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
}

/* The second signal quits at once, as the operator asked twice. */
static void interrupt_quit(int signal_number)
{
    fputs("\nbriefing: stopped at once: what was in flight reads as unknown on the next run\n",
          stderr);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal_number);
    signal(signal_number, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(signal_number);
}

/* The first signal: what the stop waits for and for how long at most, so
 * that a quiet half-minute does not read as a hang (a second Ctrl-C then
 * would turn what is in flight `unknown` without its reason). */
static void interrupt_say_stopping(batch *b)
{
    batch_flight flight;
    batch_flight_read(b, &flight);
    if (flight.in_flight == 0) {
        fputs("\nbriefing: stopping: no new message starts; none is in flight\n", stderr);
        return;
    }
    fprintf(stderr,
            "\nbriefing: stopping: no new message starts; waiting for %d in flight, up to %d s "
            "(SES's answer or the request's time limit); Ctrl-C again quits at once\n",
            flight.in_flight, SES_DEFAULT_REQUEST_TIMEOUT_MS / 1000);
}

static void *interrupt_watch(void *arg)
{
    cli_send_interrupt *w = arg;
    sigset_t set;
    interrupt_signals(&set);
    const struct timespec poll = {0, WATCH_POLL_NANOSECONDS};
    while (!atomic_load(&w->done)) {
        int signal_number = sigtimedwait(&set, NULL, &poll);
        if (signal_number < 0)
            continue; /* EAGAIN: time to look at `done`; EINTR: again */
        if (atomic_exchange(&w->batch->cancel, true))
            interrupt_quit(signal_number);
        interrupt_say_stopping(w->batch);
    }
    return NULL;
}

bool cli_send_interrupt_start(cli_send_interrupt *w, batch *b)
{
    memset(w, 0, sizeof *w);
    w->batch = b;
    atomic_init(&w->done, false);
    sigset_t set;
    interrupt_signals(&set);
    int failed = pthread_sigmask(SIG_BLOCK, &set, &w->previous);
    if (!failed)
        failed = pthread_create(&w->thread, NULL, interrupt_watch, w);
    if (failed) {
        pthread_sigmask(SIG_SETMASK, &w->previous, NULL);
        fprintf(stderr, "briefing: Ctrl-C will not stop the batch cleanly: %s\n",
                strerror(failed));
        return false;
    }
    w->running = true;
    return true;
}

void cli_send_interrupt_stop(cli_send_interrupt *w)
{
    if (!w->running)
        return;
    atomic_store(&w->done, true);
    pthread_join(w->thread, NULL);
    w->running = false;
    pthread_sigmask(SIG_SETMASK, &w->previous, NULL);
}
