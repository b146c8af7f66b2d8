/* worker: start, collect, wait (see worker.h). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ui/worker.h"

void worker_wake(int wake_fd)
{
    char byte = 1;
    ssize_t written = write(wake_fd, &byte, 1);
    (void)written; /* a full pipe already holds a wake-up */
}

static void *worker_main(void *argument)
{
    ui_worker *w = argument;
    w->run(w->job);
    atomic_store(&w->finished, true);
    worker_wake(w->wake_fd);
    return NULL;
}

bool worker_start(ui_worker *w, worker_function run, void *job, int wake_fd, char *error,
                  size_t error_size)
{
    if (w->running) {
        snprintf(error, error_size, "busy: the previous request has not finished");
        return false;
    }
    w->run = run;
    w->job = job;
    w->wake_fd = wake_fd;
    atomic_store(&w->finished, false);
    int failed = pthread_create(&w->thread, NULL, worker_main, w);
    if (failed) {
        snprintf(error, error_size, "cannot start a thread: %s", strerror(failed));
        return false;
    }
    w->running = true;
    return true;
}

bool worker_collect(ui_worker *w)
{
    if (!w->running || !atomic_load(&w->finished))
        return false;
    pthread_join(w->thread, NULL);
    w->running = false;
    return true;
}

void worker_wait(ui_worker *w)
{
    if (!w->running)
        return;
    pthread_join(w->thread, NULL);
    w->running = false;
}
