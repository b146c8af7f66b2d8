/* The part of `send` and `resend` that is the same: print what goes out,
 * ask, print what happened. The engine (briefing/send.h) does the rest. */
#ifndef BRIEFING_SEND_COMMON_H
#define BRIEFING_SEND_COMMON_H

#include "briefing/send.h"
#include "cli/cli_internal.h"
#include "cli/send_interrupt.h"

typedef struct {
    const cli_options *options;
    batch *batch;
    const briefing_config *config;
    send_session session;     /* open when session_open */
    bool session_open;
    cli_send_interrupt interrupt; /* Ctrl-C stops the batch while it sends */
} cli_send_job;

/* Opens the engine's session (the ledger); prints why not. */
bool cli_send_open(cli_send_job *s);
/* Validates, prints the summary, runs the preflight, asks, sends. Returns
 * the exit code. Opens the session when it is not open yet. */
int cli_send_run(cli_send_job *s);
void cli_send_close(cli_send_job *s);

#endif
