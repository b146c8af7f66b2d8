/* send_interrupt: Ctrl-C (SIGINT) or SIGTERM while a batch sends stops
 * starting new requests (the batch's cancel flag) instead of killing the
 * process, so the requests in flight end sent, failed or unknown with
 * their reason. A second one quits at once: the rows still `sending` are
 * read as `unknown` on the next run (docs/ledger.md). */
#ifndef BRIEFING_SEND_INTERRUPT_H
#define BRIEFING_SEND_INTERRUPT_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "briefing/send.h"

/* Invariant: `running` exactly while the watcher thread lives; the two
 * signals are blocked in the process between start and stop, and the
 * watcher alone takes them (sigtimedwait). */
typedef struct {
    pthread_t thread;
    batch *batch;
    atomic_bool done;
    sigset_t previous;        /* the mask to restore */
    bool running;
} cli_send_interrupt;

/* From now on the signals stop the batch. False (with a message on
 * stderr) when the watcher cannot start: then they kill as before. */
bool cli_send_interrupt_start(cli_send_interrupt *w, batch *b);
void cli_send_interrupt_stop(cli_send_interrupt *w);

#endif
