/* worker: one background job on its own thread, for whatever talks to SES
 * (account check, preflight, sending, statistics) so the screen never
 * freezes. The job's struct holds its inputs, set before worker_start, and
 * its outputs, read by the UI thread only after worker_collect returned
 * true (the join orders the memory). The thread wakes the main loop through
 * the wake pipe when it ends; progress in between goes through the job's
 * own lock. */
#ifndef BRIEFING_UI_WORKER_H
#define BRIEFING_UI_WORKER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

typedef void (*worker_function)(void *job);

typedef struct {
    pthread_t thread;
    bool running;            /* started, not yet joined; UI thread only */
    atomic_bool finished;
    worker_function run;
    void *job;
    int wake_fd;
} ui_worker;

/* False with a message when a job is still running or no thread starts. */
bool worker_start(ui_worker *w, worker_function run, void *job, int wake_fd, char *error,
                  size_t error_size);
/* True once, when the job has finished: the thread is joined and the
 * job's outputs may be read. */
bool worker_collect(ui_worker *w);
/* Wakes the main loop (poll on the pipe's other end). */
void worker_wake(int wake_fd);
/* Blocks until a running job ends (quitting, closing a session). */
void worker_wait(ui_worker *w);

#endif
