/* account: what the top bar says about the SES account — whether the
 * sender identity is verified, how much of the daily quota is left, and
 * the account's standing (sandbox or production, probation, shut down) —
 * checked on a worker at start and after each batch. Until an answer comes
 * (or when credentials are missing) it says "unavailable" and why. */
#ifndef BRIEFING_UI_ACCOUNT_H
#define BRIEFING_UI_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/send.h"
#include "ui/worker.h"

typedef struct {
    /* inputs: copies, so a portfolio reload cannot pull them away */
    send_connection connection;
    char address[320];       /* the From address... */
    char domain[256];        /* ...or, when SES does not know it, its domain */
    /* output: the engine's account check, the same the preflight makes */
    send_account result;
} account_check;

typedef struct {
    ui_worker worker;
    account_check check;     /* the job: the worker's alone while it runs */
    account_check answer;    /* the last finished check, what the top bar shows */
    bool have_answer;
    char unavailable[512];   /* why no check could start: "unavailable: why" */
    char logged[600];        /* the last problem put in the message log, so each goes once */
} account_state;

/* Starts a check; on a configuration problem says why instead. */
void account_start(account_state *a, const briefing_config *config, int wake_fd);
/* Takes the answer when the worker is done; true when something changed. */
bool account_collect(account_state *a);
/* The preflight asked SES the same questions just now: its answer is the
 * top bar's too, so the bar never says "verified" while the review says
 * "unavailable". */
void account_adopt_preflight(account_state *a, const batch_preflight_result *p);
/* The statistics view (`S`) asked SES for the quota just now: the bar
 * takes the fresher figure, so the two never disagree on one screen. Only
 * over an answer the bar already shows (before it, the bar says why not). */
void account_adopt_quota(account_state *a, const ses_quota *quota);
/* "verified" / "Pending" / "checking…" / "unavailable" (why: account_problem), and
 * "123 of 200 left" / "unlimited" / "unavailable". */
void account_describe(const account_state *a, char *verification, size_t verification_size,
                      char *quota, size_t quota_size);
/* Why the account cannot be checked ("SES account check: unavailable: …"),
 * whole: the top bar cuts it, so the console puts it in `M`'s log. False
 * while the check runs or succeeded. */
bool account_problem(const account_state *a, char *out, size_t out_size);
/* The quota in fewer columns for a bar that needs the room: "123/200 left"
 * (the "left" says what it counts), else "quota unlimited" / "quota
 * unavailable". */
void account_quota_short(const account_state *a, char *quota, size_t quota_size);
/* The standing in a word or two: "production HEALTHY", "sandbox HEALTHY",
 * "sandbox PROBATION", "production SHUTDOWN", "account ?" (GetAccount unanswered),
 * or "" before any answer. `alarm`: draw it in the error colour;
 * `must_show`: never drop it for room (an alarm, or the sandbox). */
void account_standing(const account_state *a, char *out, size_t out_size, bool *alarm,
                      bool *must_show);

#endif
