/* events_poll: SES's delivery events brought in while the console is open.
 * When SES_EVENTS_QUEUE_URL is set, a worker polls the queue through the
 * engine (send_events_poll: the engine reads the events and writes the
 * ledger; the console only redraws), a short long-poll at a time; each
 * time it ends, what it applied is redrawn (history, the personas' last
 * delivery, the recipients form's flags) and the next poll starts. A
 * failure is said once and retried after EVENTS_POLL_RETRY_SECONDS, so an
 * unreachable queue never spins. No key ever waits for it. */
#ifndef BRIEFING_UI_EVENTS_POLL_H
#define BRIEFING_UI_EVENTS_POLL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "briefing/send.h"
#include "ui/worker.h"

enum {
    EVENTS_POLL_WAIT_SECONDS = 2,    /* each long poll: short, so quitting never waits long */
    EVENTS_POLL_RETRY_SECONDS = 30,  /* after a failure */
};

typedef struct {
    /* the job: resolved in place before the worker starts (never copied) */
    send_events_source source;
    bool ok;
    send_events_totals totals;
    char error[1024];
    int exit_code;
} events_poll_job;

typedef struct {
    ui_worker worker;
    events_poll_job job;     /* the worker's alone while it runs */
    bool resolved;           /* job.source holds the current configuration */
    bool off;                /* no SES_EVENTS_QUEUE_URL: nothing to poll */
    time_t retry_at;         /* after a failure, not before; 0: now */
    char failure[1024];      /* the last failure said, so it is said once */
    size_t applied;          /* events applied while the console is open */
    unsigned long generation; /* bumped each time events changed the ledger */
} events_poll_state;

#endif
