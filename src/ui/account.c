/* account: the sender's verification, the quota and the account's
 * standing, off the UI thread; the check itself is the engine's
 * (send_account_fetch). */
#include <stdio.h>
#include <string.h>

#include "ui/account.h"

static void account_run(void *job)
{
    account_check *check = job;
    send_account_fetch(&check->connection, check->address, check->domain, &check->result);
}

void account_start(account_state *a, const briefing_config *config, int wake_fd)
{
    if (a->worker.running)
        return; /* the answer on its way will do */
    account_check *check = &a->check;
    memset(check, 0, sizeof *check);
    a->have_answer = false; /* the old answer may no longer hold (a send, a new repos.env) */
    char error[512];
    if (!config->from_address) {
        snprintf(a->unavailable, sizeof a->unavailable, "unavailable: no SES_FROM_ADDRESS");
        return;
    }
    if (!send_connection_resolve(config, &check->connection, error, sizeof error)) {
        snprintf(a->unavailable, sizeof a->unavailable, "unavailable: %s", error);
        return;
    }
    check->connection.ses.request_timeout_ms = 10000; /* the top bar should not wait for long */
    config_sender_identity(config, check->address, sizeof check->address, check->domain,
                           sizeof check->domain);
    if (!worker_start(&a->worker, account_run, check, wake_fd, error, sizeof error)) {
        snprintf(a->unavailable, sizeof a->unavailable, "unavailable: %s", error);
        return;
    }
    a->unavailable[0] = '\0';
}

bool account_collect(account_state *a)
{
    if (!worker_collect(&a->worker))
        return false;
    a->answer = a->check;
    a->have_answer = true;
    return true;
}

/* Why the check has no answer ("unavailable: why"), or false. */
static bool account_unavailable(const account_state *a, char *out, size_t out_size)
{
    const send_account *c = &a->answer.result;
    if (!a->have_answer && !a->worker.running && a->unavailable[0])
        snprintf(out, out_size, "%s", a->unavailable);
    else if (a->have_answer && !c->verification[0] && c->error[0])
        snprintf(out, out_size, "unavailable: %s", c->error);
    else
        return false;
    return true;
}

/* The quota, "123 of 200 left" or `compact` "123/200 left" when SES gave
 * figures, else "unavailable" / "unlimited" (after "quota " when compact,
 * where no other word says what it is): the one place that reads the
 * answer, for the bar's long and short forms alike. */
static void account_quota_text(const account_state *a, bool compact, char *out, size_t out_size)
{
    const send_account *c = &a->answer.result;
    const char *prefix = compact ? "quota " : "";
    double left = c->quota.max_24_hour_send - c->quota.sent_last_24_hours;
    if (!a->have_answer || !c->quota_known)
        snprintf(out, out_size, "%sunavailable", prefix);
    else if (c->quota.max_24_hour_send < 0)
        snprintf(out, out_size, "%sunlimited", prefix);
    else
        snprintf(out, out_size, compact ? "%.0f/%.0f left" : "%.0f of %.0f left", left,
                 c->quota.max_24_hour_send);
}

void account_describe(const account_state *a, char *verification, size_t verification_size,
                      char *quota, size_t quota_size)
{
    const send_account *c = &a->answer.result;
    char why[sizeof a->unavailable + sizeof c->error];
    if (account_unavailable(a, why, sizeof why)) {
        /* The word only: the top bar keeps the sender and the region, and
         * the reason goes to M's log whole (account_problem). */
        snprintf(verification, verification_size, "unavailable");
    } else if (!a->have_answer) {
        snprintf(verification, verification_size, "%s", a->worker.running ? "checking…" : "");
    } else {
        snprintf(verification, verification_size, "%s",
                 strcmp(c->verification, "Success") == 0 ? "verified"
                 : c->verification[0]                   ? c->verification
                                                        : "not an SES identity");
    }
    account_quota_text(a, false, quota, quota_size);
}

bool account_problem(const account_state *a, char *out, size_t out_size)
{
    char why[sizeof a->unavailable + sizeof a->answer.result.error];
    if (!account_unavailable(a, why, sizeof why))
        return false;
    snprintf(out, out_size, "SES account check: %s", why);
    return true;
}

void account_quota_short(const account_state *a, char *quota, size_t quota_size)
{
    account_quota_text(a, true, quota, quota_size);
}

void account_adopt_preflight(account_state *a, const batch_preflight_result *p)
{
    if (!p->checked || !p->verification[0])
        return; /* the check never reached SES (no sender, refused credentials) */
    send_account *c = &a->answer.result;
    snprintf(c->identity, sizeof c->identity, "%s", p->identity);
    snprintf(c->verification, sizeof c->verification, "%s", p->verification);
    c->identity_ok = p->identity_ok;
    c->identity_answered = strcmp(p->verification, "unavailable") != 0;
    c->error[0] = '\0';
    /* A refusal that cannot be overridden (an unverified sender) stops the
     * preflight before it asks for the quota: the bar keeps what it knew. */
    bool quota_asked = p->quota_known || !p->error[0] || p->overridable;
    if (quota_asked) {
        c->quota_known = p->quota_known;
        c->quota = p->quota;
    }
    a->have_answer = true;
}

void account_adopt_quota(account_state *a, const ses_quota *quota)
{
    if (!a->have_answer)
        return;
    a->answer.result.quota_known = true;
    a->answer.result.quota = *quota;
}

void account_standing(const account_state *a, char *out, size_t out_size, bool *alarm,
                      bool *must_show)
{
    static const char *const words[] = {
        [SEND_STANDING_UNKNOWN] = "account ?",
        [SEND_STANDING_HEALTHY] = NULL, /* SES's own word: HEALTHY (or none) */
        [SEND_STANDING_PROBATION] = "PROBATION",
        [SEND_STANDING_PAUSED] = "sending paused",
        [SEND_STANDING_SHUTDOWN] = "SHUTDOWN",
    };
    *alarm = *must_show = false;
    out[0] = '\0';
    if (!a->have_answer)
        return;
    const send_account *c = &a->answer.result;
    send_standing standing = send_standing_of(&c->state, c->state_known);
    *alarm = send_standing_alarm(standing);
    /* The sandbox limits who may receive; a healthy production account or
     * an unanswered question can give way to the sender on a narrow bar
     * (the review's Account line still says it). */
    *must_show = *alarm || (c->state_known && !c->state.production_access);
    const char *word = words[standing] ? words[standing] : c->state.enforcement;
    if (standing == SEND_STANDING_UNKNOWN)
        snprintf(out, out_size, "%s", word);
    else
        snprintf(out, out_size, "%s%s%s", c->state.production_access ? "production" : "sandbox",
                 word[0] ? " " : "", word);
}
