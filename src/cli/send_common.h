/* The part of `send` and `resend` that is the same: check, summarise, ask,
 * send, report. */
#ifndef BRIEFING_SEND_COMMON_H
#define BRIEFING_SEND_COMMON_H

#include "briefing/send.h"
#include "cli/cli_internal.h"

typedef struct {
    const cli_options *options;
    batch *batch;
    const briefing_config *config;
    ses_client *client;       /* owned: send_session_close() */
    ledger *ledger;           /* owned, or borrowed when ledger_borrowed */
    bool ledger_borrowed;
    char endpoint[1024];
} send_session;

/* Validates, prints the summary, runs the preflight, asks, sends. Returns
 * the exit code. `ledger` may already be open in the session. */
int send_run(send_session *s);
void send_session_close(send_session *s);

#endif
