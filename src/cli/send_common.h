/* The part of `send` and `resend` that is the same: print what goes out,
 * ask, print what happened. The engine (briefing/send.h) does the rest. */
#ifndef BRIEFING_SEND_COMMON_H
#define BRIEFING_SEND_COMMON_H

#include "briefing/send.h"
#include "cli/cli_internal.h"
#include "cli/send_interrupt.h"

typedef struct cli_send_job cli_send_job;

/* Where an item's To, Cc or Bcc came from, in words: "--to",
 * "repos.env:13 EXEC_REPORT_TO_CFO". */
typedef void (*cli_recipient_source_fn)(const cli_send_job *s, const batch_item *item,
                                        recipient_field field, char *out, size_t out_size);

struct cli_send_job {
    const cli_options *options;
    batch *batch;
    const briefing_config *config;
    send_session session;     /* open when session_open */
    bool session_open;
    cli_send_interrupt interrupt; /* Ctrl-C stops the batch while it sends */
    /* The operator answered no: nothing sent, as asked, which is neither a
     * failure nor bad input (exit 0; docs/sending.md "Exit codes"). */
    bool declined;
    /* `send`: names each recipient's source in the dry run and in address
     * errors. NULL (`resend`): the recipients are the original delivery's. */
    cli_recipient_source_fn recipient_source;
    /* A dry run: the ledger it reads (borrowed; NULL: none yet), for what
     * the dashboard would get. */
    ledger *plan_ledger;
};

/* Opens the engine's session (the ledger); prints why not. */
bool cli_send_open(cli_send_job *s);
/* Validates, prints the summary, runs the preflight, asks, sends. Returns
 * the exit code. Opens the session when it is not open yet. */
int cli_send_run(cli_send_job *s);
void cli_send_close(cli_send_job *s);

#endif
