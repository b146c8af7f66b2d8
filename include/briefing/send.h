/* send: the engine under both front ends (`briefing send|resend|stats|diff`
 * and the console). It owns, in this order of use:
 *   config_*  who sends what to whom, from repos.env, the environment, flags;
 *   stats_*   SES statistics judged against SES's review thresholds;
 *   batch_*   report targets -> built messages -> the write-ahead send;
 *   send_*    planning (what is left out and why), the account check,
 *             the send session (ledger, SES client, preflight, confirm and
 *             progress callbacks), statistics and history fetches.
 * The front ends parse, print and draw; they never call ses_* or open the
 * ledger themselves (tests/layering checks it).
 */
#ifndef BRIEFING_SEND_H
#define BRIEFING_SEND_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "briefing/ledger.h"
#include "briefing/model.h"
#include "briefing/report.h"
#include "briefing/ses.h"
#include "briefing/strbuf.h"


/* ---- config ------------------------------------------------------------
 *
 * config: who sends what to whom, from repos.env, the environment and flags.
 *
 * repos.env keys (DESIGN §5; later keys override earlier): SES_REGION (alias
 * AWS_SES_REGION), SES_FROM_ADDRESS, SES_BCC_ADDRESS, EXEC_REPORT_TO,
 * EXEC_REPORT_CC, EXEC_REPORT_BCC, SES_CONFIGURATION_SET, SES_ENDPOINT,
 * DASHBOARD_URL, and per persona EXEC_REPORT_TO_<P>, EXEC_REPORT_CC_<P>,
 * EXEC_REPORT_BCC_<P> (P = CEO CTO CFO CMO CAO AUDIT). A persona's own key
 * wins over the shared one; Bcc falls back to SES_BCC_ADDRESS, the seeds'
 * audit copy. Credentials are resolved only when something is about to talk
 * to SES (config_resolve_ses), never at load, so `render` works without them.
 *
 * Strings point into the portfolio's arena or into `storage`; the config
 * lives as long as both.
 */

typedef struct {
    const char *to;     /* comma-separated addresses; "" when none */
    const char *cc;
    const char *bcc;
} recipients;

typedef enum { RECIPIENT_TO, RECIPIENT_CC, RECIPIENT_BCC, RECIPIENT_FIELD_COUNT } recipient_field;

/* What the command line (or the console) overrides. Any may be NULL. */
typedef struct {
    const char *endpoint;
    const char *region;
    const char *access_key_id;
    const char *secret_access_key;
    const char *ledger_path;
    const char *archive_root;
    const char *aws_dir;          /* tests: instead of ~/.aws */
    bool terminal_busy;           /* the console: no prompt may write to the terminal */
    double backoff_base_seconds;  /* tests: 0 keeps SES retries' default */
} config_overrides;

typedef struct {
    const char *from_address;     /* SES_FROM_ADDRESS; NULL when unset */
    const char *region;           /* SES_REGION, AWS_SES_REGION, then the AWS profile's
                                     (AWS_REGION, AWS_DEFAULT_REGION, region) */
    char profile_region[64];      /* storage for the last */
    const char *configuration_set;
    const char *dashboard_url;
    recipients persona_recipients[PERSONA_COUNT];
    config_overrides overrides;
    const portfolio *portfolio;
} briefing_config;

void config_load(const portfolio *p, const config_overrides *overrides, briefing_config *out);

/* The reports' date: SOURCE_DATE_EPOCH (reproducible builds and tests) or
 * else the clock (config_clock). False with a message when SOURCE_DATE_EPOCH
 * or the test clock (BRIEFING_TEST_CLOCK_OFFSET, BRIEFING_TEST_CLOCK_FILE)
 * is not a number of seconds, the file cannot be read or both are set. */
bool config_report_time(time_t *now, char *error, size_t error_size);

/* The clock reports and messages follow when nothing pins it: time(NULL),
 * plus BRIEFING_TEST_CLOCK_OFFSET seconds, or the seconds written in the
 * file BRIEFING_TEST_CLOCK_FILE names, when set (tests only: a console
 * open across midnight without waiting for one; the ledger keeps the real
 * clock). */
time_t config_clock(void);

/* True when BRIEFING_TEST_CLOCK_FILE is set: a test may move the clock at
 * any moment, so a console must look at it often rather than sleep until
 * its next midnight. */
bool config_clock_movable(void);

/* True when SOURCE_DATE_EPOCH pins the date; otherwise a batch follows the
 * clock (batch.follow_clock), so each message carries the time it was built. */
bool config_clock_pinned(void);

/* The default recipients of `persona`. */
recipients config_recipients(const briefing_config *c, persona persona);

/* Where one of those came from, for an operator checking a plan:
 * "repos.env:13 EXEC_REPORT_TO_CFO", "recipients.env:2 EXEC_REPORT_TO",
 * or "none set: no EXEC_REPORT_CC_CFO or EXEC_REPORT_CC". */
void config_recipient_source(const briefing_config *c, persona persona, recipient_field field,
                             char *out, size_t out_size);
/* The line that sets one of `persona`'s recipient fields but could not be
 * read (env_entry.unreadable), else NULL: that report is not sent until the
 * line is fixed, whatever another key would give. */
const env_entry *config_recipient_unreadable(const briefing_config *c, persona persona,
                                             recipient_field field);
/* The same for any key: "repos.env:4 SES_FROM_ADDRESS" or "no KEY set". */
void config_key_source(const briefing_config *c, const char *key, char *out, size_t out_size);

/* Everything needed to build an ses_client: endpoint, region, credentials.
 * False with a message (exit code 3) naming the key to set. */
bool config_resolve_ses(const briefing_config *c, ses_config *out, char *endpoint_storage,
                        size_t endpoint_storage_size, char *error, size_t error_size);

/* The identity whose verification is checked before a batch: the From
 * address, or its domain. */
void config_sender_identity(const briefing_config *c, char *address, size_t address_size,
                            char *domain, size_t domain_size);

/* ---- stats -------------------------------------------------------------
 *
 * stats: SES send statistics summed and judged against SES's review
 * thresholds (bounce 5% review / 10% at risk; complaint 0.1% / 0.5%).
 * Rates are integers in hundredths of a percent (basis points): 512 is 5.12%. */

typedef enum { STATS_OK, STATS_REVIEW, STATS_AT_RISK } stats_level;

typedef struct {
    int64_t delivery_attempts;
    int64_t bounces;
    int64_t complaints;
    int64_t rejects;
    int64_t bounce_basis_points;
    int64_t complaint_basis_points;
    stats_level bounce_level;
    stats_level complaint_level;
    char bounce_rate_text[16];     /* "5.12%" */
    char complaint_rate_text[16];
} stats_summary;

void stats_summarize(const ses_datapoint *points, size_t count, stats_summary *out);
const char *stats_level_name(stats_level level); /* "ok", "under review", "at risk" */

/* ---- batch -------------------------------------------------------------
 *
 * batch: from report targets to messages that went out, with nothing lost.
 *
 * Life of a batch (the same for `briefing send`, the console and resends):
 *   batch_init → batch_add (renders the report, builds text, HTML and the
 *   MIME message; an item that cannot be built carries build_error) →
 *   optional batch_set_recipients → batch_preflight (sender verified? quota
 *   enough?) → the operator confirms → batch_send → batch_free.
 * batch_send writes ahead: each item gets a ledger row, its exact .eml is
 * archived, the row is committed `sending` before the request leaves, and
 * updated to sent / failed / unknown after the answer. Several requests
 * are in flight at once, started no faster than SES's MaxSendRate
 * (docs/sending.md): each is committed `sending` just before it starts. It
 * stops starting new ones on SES's daily quota, on an authentication
 * failure, or when `cancel` is set; the requests in flight then finish and
 * end sent, failed or unknown, and a send waiting for a retry is not retried
 * (failed, with its last answer). The rest are recorded `not-attempted`.
 *
 * Threading: batch_send may run on a worker thread while another thread
 * reads progress. Item fields marked (progress) are written under `lock`;
 * readers take `lock` too, or read them after batch_send returned.
 */

typedef struct {
    report_target target;
    char scope[128];          /* storage for target.scope */
    char *to;                 /* owned, comma-separated */
    char *cc;
    char *bcc;
    char *subject;            /* owned */
    strbuf markdown;
    strbuf text;              /* text/plain part */
    strbuf html;              /* text/html part */
    strbuf eml;               /* the whole message as it would go out now */
    char build_error[512];    /* non-empty: this item cannot be sent */
    char unreadable_recipients[320]; /* non-empty: a recipients line for this report could
                                 not be read ("To: recipients.env:11 EXEC_REPORT_TO_CEO
                                 could not be read (...)"); refused until the line is
                                 fixed or the operator gives other recipients */
    char *source;             /* SES Source when not the configured sender (a resend), or NULL */
    int64_t resend_of;        /* a resend: the original delivery id */
    bool from_archive;        /* a resend of the archived .eml, byte for byte */
    char *archived_to;        /* a resend: the original's recipients (owned) */
    char *archived_cc;
    char *archived_bcc;
    strbuf archived_eml;      /* a resend: the archived bytes, kept to go back to */
    char notice[512];         /* what the engine wants the operator to know
                                 ("byte-identical resend: ..."), or "" */
    bool claims_day;          /* a planned report (send_plan_check.claims_day): claims
                                 its UTC day (ledger_claim_day) just before it goes
                                 `sending`; a resend, a test, or a report asked for
                                 again (--include-sent, named, "send again") does not */

    /* (progress) */
    delivery_state state;
    int64_t delivery_id;
    char message_id[160];
    char error[640];          /* "Throttling: Rate exceeded (request abc)" */
    int attempts;
    bool day_held;            /* not attempted: another delivery held its day */
} batch_item;

typedef struct {
    bool checked;
    char identity[320];       /* what was checked: address or domain */
    char verification[32];    /* "Success", "Pending", ... or "" */
    bool identity_ok;
    bool quota_known;
    ses_quota quota;
    bool account_known;       /* SES v2 GetAccount answered */
    ses_account_state account;
    size_t suppressed;        /* recipients on the account's suppression list (each warned) */
    bool suppression_checked; /* every recipient was asked about */
    size_t flagged_recipients; /* recipients SES's events said bounced permanently or
                                  complained about before (each warned) */
    char warnings[4096];      /* one per line: unverified sender, quota short,
                                 sandbox, probation, a suppressed recipient... */
    char error[640];          /* why the batch must not start; "" when it may */
    int error_exit_code;      /* 3 or 4 when error is set */
    bool overridable;         /* the error is only that SES could not confirm the
                                 sender or the quota: batch.unverified_ok (the
                                 CLI's --unverified-ok, the console's key) lifts it */
    bool unreachable;         /* ...because SES did not answer at all: the send would
                                 fail the same way, so the network comes first */
} batch_preflight_result;

/* Called on the sending thread each time item `index` changed (its state,
 * or while `sending` its attempts and error: a retry is coming); the
 * batch's `flight` is up to date at each call. */
typedef void (*batch_progress_fn)(void *user, size_t index);

/* (progress) What is on the wire while batch_send runs: the pacing and
 * concurrency of the send engine, for a progress view. */
typedef struct {
    int in_flight;            /* requests sent whose answer is awaited */
    int waiting_retry;        /* sends waiting for their next attempt */
    int max_in_flight;        /* at most in flight now (1 until the first answer when
                                 the first send goes alone) */
    double max_send_rate;     /* SES's MaxSendRate; 0 unknown */
    double pacing_rate;       /* sends a second in force now; 0 not paced */
    size_t throttled;         /* "Maximum sending rate exceeded" answers in this batch */
    size_t done;              /* this batch's requests ended so far (answered, or not) */
    double first_request_at;  /* batch_clock_now() when its first request left; 0 before:
                                 with `done`, the pace reached (pacing_rate is a ceiling) */
    double updated_at;        /* batch_clock_now() of this view: a batch over ended then */
} batch_flight;

/* A monotonic clock in seconds, batch_flight.first_request_at's. */
double batch_clock_now(void);
/* The suppression list's answers already given, so a session asks SES
 * once per address (GetSuppressedDestination). Owned by whoever holds it
 * (the send session); a batch borrows it. Addresses compare case-blind. */
typedef struct {
    char address[320];
    ses_suppression answer;
} send_suppression_entry;

typedef struct {
    send_suppression_entry *entries;  /* malloc'ed */
    size_t count;
    size_t capacity;
} send_suppression_cache;

void send_suppression_cache_free(send_suppression_cache *cache);

/* What the dashboard gets after the batch, shown before the operator says
 * yes (docs/sending.md, "Dashboard cards"). Cards go with the first
 * non-test CEO report of a scope sent in a (local) day: a resend, a send
 * again or --include-sent of the same report that day posts none, so a
 * dashboard never holds the same cards twice for one day. */
typedef struct {
    bool configured;          /* DASHBOARD_URL is set and the batch holds a CEO report */
    bool will_post;           /* cards go after the send (if the CEO report goes out) */
    char url[512];            /* DASHBOARD_URL as shown (a password masked) */
    char report[160];         /* "ceo/portfolio" */
    size_t count;
    char titles[3][256];
    char why_none[256];       /* !will_post: "cards for ceo/portfolio went with delivery 1
                                 today at 04:33" */
} batch_dashboard_plan;

typedef struct {
    const portfolio *portfolio;
    const briefing_config *config;
    time_t now;               /* the pinned date (--now, SOURCE_DATE_EPOCH)... */
    bool follow_clock;        /* ...or, when true, the clock at each build */
    bool unverified_ok;       /* send when SES could not confirm the sender or quota */
    batch_item *items;
    size_t count;
    size_t capacity;
    int64_t batch_id;
    batch_preflight_result preflight;
    pthread_mutex_t lock;
    batch_flight flight;      /* (progress) */
    atomic_bool cancel;
    bool no_pacing;           /* benchmarks: do not pace at MaxSendRate (the
                                 number in flight still follows it) */
    bool test;                /* a test send: the ledger flags its deliveries as tests */
    send_suppression_cache *suppression_cache; /* borrowed; NULL: each preflight asks anew */
    batch_dashboard_plan dashboard; /* send_session_preflight fills it: shown before yes */
} batch;

void batch_init(batch *b, const portfolio *p, const briefing_config *config, time_t now);
void batch_free(batch *b);

/* Adds `target` with `override` recipients (NULL: the persona's defaults).
 * Returns the item; check its build_error. */
batch_item *batch_add(batch *b, const report_target *target, const recipients *override);

/* Whether a resend of `original` is built afresh from today's data
 * whatever the caller asks: it was never sent (`not-attempted`: whatever
 * the staged sender archived before its slot is no message anyone has), or
 * nothing of it is archived. */
bool batch_resend_built_afresh(const ledger_delivery *original);

/* Adds a resend of `original` (from the ledger): the archived .eml byte for
 * byte, or, with `regenerate` or when batch_resend_built_afresh(), the
 * report built afresh from today's data (the item's notice says which).
 * `override` NULL keeps the original recipients. */
batch_item *batch_add_resend(batch *b, const ledger_delivery *original, bool regenerate,
                             const recipients *override);

/* Replaces one item's recipients and rebuilds its message. A byte-for-byte
 * resend given other recipients than its original's becomes a rebuilt
 * message (the archived text and HTML with new headers: the new To: is
 * what its recipients see); given the original's back, the archived bytes
 * again. item->notice says which. */
void batch_set_recipients(batch *b, size_t index, const char *to, const char *cc, const char *bcc);

/* No item index: every message of the batch is built. */
#define BATCH_ALL_BUILT ((size_t)-1)

/* The first item that cannot be sent as built (its build_error says why),
 * or BATCH_ALL_BUILT. Nothing is sent unless every message is built and
 * valid: a front end refuses to start a send before this is BATCH_ALL_BUILT. */
size_t batch_first_unbuilt(const batch *b);

/* Renders item `index`'s report again and rebuilds its message, with the
 * date of now (follow_clock): a front end calls it when the day changed or
 * the data did. A byte-for-byte resend is left alone. */
void batch_rebuild(batch *b, size_t index);

/* The date a message built now carries: b->now, or the clock (config_clock). */
time_t batch_clock(const batch *b);

/* The one check of a report's recipients (new sends and resends): every
 * address valid (no line breaks, no header lines, an addr-spec), a To,
 * at most 50 in all (SES), no address in both To and Bcc. False with
 * "To: \"bob@@example.com\" has two @". */
bool batch_recipients_valid(const recipients *r, char *error, size_t error_size);

/* Checks the sender's verification, the quota against the batch size, the
 * account's state (SES v2 GetAccount) and every recipient against the
 * account's suppression list (docs/sending.md, "Before the first message").
 * What cannot be checked is refused by default (error set, overridable):
 * SES not answering is no proof the sender is verified or the quota left.
 * An account SES says cannot send (SendingEnabled false, SHUTDOWN) is
 * refused outright; sandbox, probation and suppressed recipients are
 * warnings; an unanswered GetAccount or suppression check is a warning. */
void batch_preflight(batch *b, ses_client *client);

/* The ledger's word on the recipients (docs/sending.md, step 4): every
 * distinct recipient of the sendable items against ledger `l`, one warning
 * per address SES's events said bounced permanently or complained about
 * (its latest such event), counted in b->preflight.flagged_recipients; one
 * warning when the ledger cannot be read. A warning, never a refusal, as
 * the console's recipients form. `l` NULL (no ledger yet): nothing was sent
 * with it, nothing to say. Called after batch_preflight (which clears the
 * warnings): send_session_preflight does, and a dry run with its own
 * ledger. */
void batch_check_past_bounces(batch *b, ledger *l);

typedef struct {
    size_t sent;
    size_t failed;
    size_t unknown;
    size_t skipped;          /* not attempted: build error, stopped early, day held */
    size_t day_held;         /* of `skipped`: another delivery (maybe another
                                machine's) held the report's day: no failure */
    bool stopped_on_quota;
    bool stopped_on_auth;
    bool cancelled;
    /* The archive on S3 (send_archive_publish, after the sends): how many
     * sent messages went up, how many stay in the local spool and why
     * (the first failure); `briefing ledger sync` uploads those later. */
    size_t archive_uploaded;
    size_t archive_kept_local;
    char archive_error[512];
} batch_totals;

/* Counts the items by state, under the lock: exact totals while the batch
 * is sending (sent so far...) and after it. `skipped` counts the items
 * recorded `not-attempted`. */
void batch_tally(batch *b, batch_totals *out);

/* The batch's flight, read under the lock. */
void batch_flight_read(batch *b, batch_flight *out);

/* Sends every item without build_error. Returns false (with `error`) only
 * when the ledger cannot be written: then nothing more is sent. */
bool batch_send(batch *b, ledger *l, ses_client *client, const char *archive_root,
                batch_progress_fn progress, void *user, batch_totals *totals, char *error,
                size_t error_size);

/* Fills `out` for batch `b` against ledger `l` (NULL: no ledger yet, as if
 * nothing was sent today). */
void batch_dashboard_preview(const batch *b, ledger *l, batch_dashboard_plan *out);
/* "Dashboard: 3 card(s) to URL after the send" and a line per title (or
 * why none go), each line ending with '\n'; "" when no dashboard is set. */
void batch_dashboard_describe(const batch_dashboard_plan *plan, char *out, size_t out_size);

/* After batch_send: when DASHBOARD_URL is set and the CEO report went out
 * (and it is the first sent today, batch_dashboard_plan), POSTs its top
 * three shortfalls as cards. The outcome ("" when there was nothing to do)
 * is noted on the batch in the ledger and returned in `summary`; it never
 * changes the batch's result. */
void batch_post_dashboard(batch *b, ledger *l, char *summary, size_t summary_size);

/* Process exit code for totals (DESIGN §6): 0 all sent, 4 SES refused
 * (auth, quota), 1 some failed or unknown. */
int batch_exit_code(const batch_totals *totals);

/* Human size "12.3 KB". */
void batch_format_size(size_t bytes, char *out, size_t out_size);

/* ---- connection, account, statistics ------------------------------------
 *
 * send_connection: SES settings resolved once (config_resolve_ses) and
 * copied, so a worker thread can use them while the portfolio reloads. */
typedef struct {
    ses_config ses;           /* points into the two buffers below */
    char endpoint[1024];
    char region[64];
} send_connection;

/* "credential_process of ~/.aws/config [default]": where the connection's
 * credentials came from, never a secret. */
void send_connection_credentials(const send_connection *connection, char *out, size_t out_size);

/* False with a message (exit code 3) naming the key to set. */
bool send_connection_resolve(const briefing_config *c, send_connection *out, char *error,
                             size_t error_size);

/* `briefing ledger create-table`: creates the shared ledger's DynamoDB
 * `table` (NULL: the one BRIEFING_LEDGER=dynamodb://T names; on demand,
 * its indexes, docs/ledger.md) unless it exists, and waits until it is
 * ACTIVE; *created says which, `where` "dynamodb://T". SES's region and
 * credentials, DynamoDB's endpoint. False with a message (exit code 3). */
bool send_ledger_create_table(const briefing_config *c, const char *table, bool *created,
                              char *where, size_t where_size, char *error, size_t error_size);

/* The endpoint the configuration points at, for display: "https://..." or
 * "endpoint: why not". Needs no credentials. */
void send_endpoint_describe(const briefing_config *c, char *out, size_t out_size);

/* What SES says about the account: is the sender verified (the address,
 * else its domain), how much of the quota is left, and may the account
 * send at all (v2 GetAccount). One check for the preflight and for the
 * console's top bar, so both follow the same rules. */
typedef struct {
    char identity[320];       /* what SES answered for: the address or its domain */
    char verification[32];    /* "Success", "Pending", ...; "" when SES knows neither */
    bool identity_answered;   /* false: the question could not be asked or answered */
    bool identity_ok;         /* verification == "Success" */
    bool quota_known;
    ses_quota quota;
    bool auth_failure;        /* SES refused the credentials */
    char error[640];          /* why something is unknown: "identity: RequestTimeout: ..." */
    bool unreachable;         /* that first problem: no answer at all (the network, the
                                 endpoint), not an answer that said no */
    bool state_known;         /* GetAccount answered */
    ses_account_state state;
    char state_error[384];    /* why not: "GetAccount: AccessDeniedException: ..." */
} send_account;

/* The account's standing, worst last; the one rule every face reads. */
typedef enum {
    SEND_STANDING_UNKNOWN,    /* GetAccount unanswered */
    SEND_STANDING_HEALTHY,    /* sending enabled, not on probation (sandbox or not) */
    SEND_STANDING_PROBATION,  /* EnforcementStatus PROBATION: warned, in red */
    SEND_STANDING_PAUSED,     /* SendingEnabled false: no send */
    SEND_STANDING_SHUTDOWN,   /* EnforcementStatus SHUTDOWN: no send */
} send_standing;

/* `known` false (GetAccount unanswered): SEND_STANDING_UNKNOWN. */
send_standing send_standing_of(const ses_account_state *state, bool known);
/* Probation, paused or shut down: it needs the operator's eye. */
bool send_standing_alarm(send_standing standing);

/* The standing in a few words, for `stats`: "production · HEALTHY",
 * "sandbox · PROBATION", "sending paused", "account state unknown". */
void send_account_state_describe(const send_account *a, char *out, size_t out_size);

/* Asks SES through `client`. `address` "" (no sender) asks only for the quota. */
void send_account_check(ses_client *client, const char *address, const char *domain,
                        send_account *out);
/* The same on a connection of its own (a worker thread's job). */
void send_account_fetch(const send_connection *c, const char *address, const char *domain,
                        send_account *out);

/* GetSendQuota then GetSendStatistics, then GetAccount (its failure is
 * not the fetch's: `account` says). `points` is malloc'ed (free()).
 * False with a message; `*exit_code` 4 when SES answered with an error,
 * 3 when it could not be reached. `account` may be NULL. */
bool send_stats_fetch(const send_connection *c, ses_quota *quota, ses_datapoint **points,
                      size_t *count, send_account *account, char *error, size_t error_size,
                      int *exit_code);

/* ---- planning ------------------------------------------------------------
 *
 * Before a report joins a batch the engine asks the ledger whether it may:
 * a report whose standing (send_report_standing) is `unknown` (SES may
 * have it) is left out until the operator resolves it, one `sending` while
 * another process has it in flight; one already sent today is left out unless
 * the operator asked for it (`--include-sent`). Both front ends say why. */
typedef enum {
    SEND_PLAN_INCLUDED,
    SEND_PLAN_LAST_UNKNOWN,   /* the last delivery may have gone out */
    SEND_PLAN_BEING_SENT,     /* its last delivery is `sending`: another process has it */
    SEND_PLAN_SENT_TODAY,     /* sent since local midnight */
} send_plan_verdict;

typedef struct {
    send_plan_verdict verdict;
    int64_t delivery_id;      /* the delivery that decided it, or 0 */
    time_t when;              /* its time */
    char reason[512];         /* "cfo/portfolio left out: ..." ("" when included) */
    bool claims_day;          /* included by the plan itself (not by include_sent):
                                 its batch item claims the day (batch_item.claims_day) */
} send_plan_check;

/* `now` is the clock (the ledger's times are, whatever date a report
 * carries) and places "today"; `include_sent` lets today's sent reports through.
 * `l` NULL (a dry run without a ledger): everything is included. */
/* The latest non-test delivery that resent `original` (its resend_of),
 * in `found` (id, state, times, host): an `unknown` delivery resent is
 * settled by it (docs/ledger.md). False when none did. Every back end
 * answers through ledger_list. */
bool send_resent_as(ledger *l, const ledger_delivery *original, ledger_delivery *found);
/* The latest non-test `sent` delivery of `target` created since local
 * midnight of `now`, other than delivery `except_id` (0: none excepted),
 * in `found` and in words: "already sent today at 04:33 (delivery 1)".
 * False when there is none (or no ledger). */
bool send_report_sent_today(ledger *l, const report_target *target, time_t now,
                            int64_t except_id, ledger_delivery *found, char *words,
                            size_t words_size);
send_plan_verdict send_plan_judge(ledger *l, const report_target *target, time_t now,
                                  bool include_sent, send_plan_check *out);

/* ---- history ------------------------------------------------------------
 *
 * The ledger's deliveries through `filter`, newest first, for a front end
 * that does not keep the ledger open. Free with ledger_deliveries_free(). */
bool send_history_list(const briefing_config *c, const ledger_filter *filter,
                       ledger_delivery **out, size_t *count, char *error, size_t error_size);

/* For each `unknown` delivery of `list`, the latest delivery that resent it
 * (send_resent_as) in resent[i]; resent[i].id is 0 for every other row and
 * an unknown one never resent. `resent` holds `count` entries. What `log`
 * calls "resent as N", for a front end that does not keep the ledger open. */
bool send_history_resent(const briefing_config *c, const ledger_delivery *list, size_t count,
                         ledger_delivery *resent, char *error, size_t error_size);

/* The recipients of delivery `id` with their outcomes (what `log ID`
 * lists), for a front end that does not keep the ledger open. Free with
 * ledger_recipients_free(). Each history row already carries its
 * outcome counts: ledger_outcome_summary() makes the compact column. */
bool send_history_recipients(const briefing_config *c, int64_t id, ledger_recipient **out,
                             size_t *count, char *error, size_t error_size);

/* The deliveries still to settle: failed, unknown or not-attempted, and
 * the standing of their report (send_report_standing: a later send or
 * resend of the same report settles them). A not-attempted delivery whose
 * day another delivery of the report holds (sending, sent or unknown) is
 * left out, and so is an unknown one unless `include_unknown` (SES may have
 * accepted it: resending it unchecked may deliver the report twice); `note`
 * (may be NULL) receives why, one line each.
 * `batch_id` 0: every batch. Oldest first. Free with ledger_deliveries_free(). */
typedef void (*send_unresolved_note_fn)(void *context, const char *why);
bool send_unresolved_list(ledger *l, int64_t batch_id, bool include_unknown, ledger_delivery **out,
                          size_t *count, send_unresolved_note_fn note, void *context, char *error,
                          size_t error_size);

/* A report's standing: its latest non-test delivery, except that a
 * `not-attempted` one (a day-claim refusal, a stop) does not hide a
 * delivery of the report that holds the same UTC day (sending, sent or
 * unknown): that one stands. What planning and `resend --failed` read, the
 * same on every ledger back end. False when the report has no delivery. */
bool send_report_standing(ledger *l, const report_target *target, ledger_delivery *out);

/* ---- diff -----------------------------------------------------------------
 *
 * This report now against its last sent version (the archived .txt of the
 * latest `sent` delivery): the money figures that moved, one
 * "Revenue $3,700 → $4,100" line each, and a unified line diff. */
typedef struct {
    bool no_sent_version;     /* nothing was sent yet (or no ledger): error says so */
    int64_t delivery_id;      /* the delivery compared with */
    time_t sent_at;
    strbuf moved;             /* "label $old → $new\n" per figure that moved */
    strbuf unified;           /* "@@ -a,b +c,d @@" hunks of "-sent" / "+now" lines */
    size_t changed_lines;     /* '-' and '+' lines: 0 when the same */
} send_diff_result;

/* Renders `target` as of `now` and compares. False with a message when the
 * target is not valid, the ledger cannot be read, nothing was sent yet
 * (out->no_sent_version) or the archived text is gone. */
bool send_diff_report(const briefing_config *c, const report_target *target, time_t now,
                      send_diff_result *out, char *error, size_t error_size);
/* The same for a text already built (a message in the console's review:
 * what goes out, not a new rendering). */
bool send_diff_against_sent(const briefing_config *c, const report_target *target,
                            const char *text, send_diff_result *out, char *error,
                            size_t error_size);
/* The comparison itself, of two texts (appends to out's buffers). */
void send_diff_text(const char *sent, const char *now, send_diff_result *out);
void send_diff_free(send_diff_result *d);

/* ---- events --setup -------------------------------------------------------
 *
 * What delivery events need, created where missing, in this order (each
 * step a question first, so running it again creates nothing):
 *   SNS topic <set>-ses-events (CreateTopic returns an existing one);
 *   SQS queue <set>-ses-events (GetQueueUrl, else CreateQueue);
 *   its policy: only that topic may send to it (GetQueueAttributes, else
 *     SetQueueAttributes);
 *   the topic's subscription of the queue (ListSubscriptionsByTopic, else
 *     Subscribe);
 *   the SES configuration set (DescribeConfigurationSet, else
 *     CreateConfigurationSet), SES_CONFIGURATION_SET or "briefing";
 *   its SNS event destination "briefing-sns" for send, reject, bounce,
 *     complaint, delivery, deliveryDelay and renderingFailure (unless one
 *     already publishes to the topic).
 * SNS and SQS are signed with the SES credentials; their endpoints are
 * AWS_ENDPOINT_URL_SNS / _SQS, AWS_ENDPOINT_URL, the profile's, else the
 * region's. A dry run makes no request and notes each call instead. */
typedef struct {
    char configuration_set[128];
    char topic_name[160];
    char queue_name[160];
    char topic_arn[512];
    char queue_url[1024];
    char queue_arn[512];
    size_t created;           /* how many things were made (0: all there already) */
    char error[1024];
    int exit_code;            /* with `error`: 3 configuration, 4 a service refused */
} send_events_setup_result;

/* Called once per step with one line: what was found or made, or in a dry
 * run the call that would be made ("SNS CreateTopic Name=..."). */
typedef void (*send_setup_note_fn)(void *user, const char *line);

/* False with out->error; the steps done before the failure stay done. */
bool send_events_setup(const briefing_config *c, bool dry_run, send_setup_note_fn note,
                       void *user, send_events_setup_result *out);

/* ---- which ledger ----------------------------------------------------------
 *
 * The ledger is named by --ledger (the console's too), else BRIEFING_LEDGER,
 * else the config file's `ledger` (the command line applies it as --ledger's
 * default when BRIEFING_LEDGER is unset), else the default SQLite file
 * ($XDG_STATE_HOME/briefing/ledger.sqlite3). A path is the SQLite ledger;
 * "dynamodb://TABLE" the one shared on DynamoDB (issue 11). Every command
 * and the console open it here, so none of them knows which it talks to. */
typedef enum { SEND_LEDGER_SQLITE, SEND_LEDGER_DYNAMODB } send_ledger_kind;

typedef struct {
    send_ledger_kind kind;
    const char *named;        /* the value as given (borrowed); NULL: the default file */
    char table[256];          /* SEND_LEDGER_DYNAMODB: the table */
} send_ledger_choice;

/* `override` (--ledger, the config file's key), else BRIEFING_LEDGER, else
 * NULL (the default SQLite file). */
const char *send_ledger_named(const char *override);
/* Which back end `named` is. False with a message quoting it when it is
 * neither a path nor dynamodb://TABLE with a valid table name
 * (`ledger "dynamo://x": "dynamo://" names no ledger back end ...`). */
bool send_ledger_choose(const char *named, send_ledger_choice *out, char *error,
                        size_t error_size);
const char *send_ledger_kind_name(send_ledger_kind kind);   /* "sqlite", "dynamodb" */
/* False with "ledger PATH: no folder DIR: create it, or check the path"
 * when `named` (or BRIEFING_LEDGER) is a SQLite path whose folder does not
 * exist: only the default file is created with its folders. */
bool send_ledger_folder_exists(const char *named, char *error, size_t error_size);
/* Opens the ledger `named` (NULL: BRIEFING_LEDGER, else the default file).
 * DynamoDB is signed with `aws`, else the AWS settings resolved from `c`
 * (NULL: the environment and the AWS profile only, no repos.env).
 * `must_exist`: a command that only reads; a SQLite file that does not
 * exist is refused with *missing set (ledger_open_existing). Otherwise a
 * named SQLite path whose folder does not exist is refused with *missing
 * set too (send_ledger_folder_exists). `recovered`, `missing` may be NULL. */
ledger *send_ledger_open_named(const char *named, const briefing_config *c,
                               const ses_config *aws, bool must_exist, bool *missing,
                               int *recovered, char *error, size_t error_size);
/* Which ledger `c` names, for display without opening it: "sqlite",
 * "dynamodb://TABLE", or "invalid" when the value is neither (opening it
 * then says why). */
void send_ledger_describe(const briefing_config *c, char *out, size_t out_size);
/* The ledger `c` names (c->overrides.ledger_path, ...), created if it is a
 * new SQLite file. */
ledger *send_ledger_open(const briefing_config *c, int *recovered, char *error,
                         size_t error_size);

/* ---- briefing ledger migrate ----------------------------------------------
 *
 * The local SQLite ledger's history copied into a DynamoDB table, and its
 * archive up to the S3 archive when one is configured (docs/ledger.md,
 * "Moving a local ledger to the table"). Resumable: run again after a kill
 * or a failure, it continues without duplicating anything. */
typedef struct {
    char source[4200];            /* the local ledger file */
    char target[300];             /* "dynamodb://TABLE" */
    char archive[4096];           /* where the archive is: "s3://B/P" or a folder */
    bool archive_remote;
    ledger_import_plan plan;
    size_t deliveries, copied, already_there;
    size_t uploaded, upload_present, upload_failed;
    size_t source_states[DELIVERY_STATE_COUNT];
    size_t target_states[DELIVERY_STATE_COUNT];  /* the same deliveries read back */
    size_t archived, archive_matching;           /* messages checked, matching */
    size_t problems;                             /* mismatches named through `each` */
} send_migrate_summary;

/* A delivery whose state or archived message does not match: `id` the
 * local id, `report` "cfo/portfolio", `why` what differs. */
typedef void (*send_migrate_problem_fn)(void *user, int64_t id, const char *report,
                                        const char *why);

/* Copies the history of the ledger `c` names (a SQLite file that must
 * exist) into `to` ("dynamodb://TABLE"). True when it ran to the
 * verification (`out->problems` then says whether everything matched);
 * false with a message and `*exit_code` 2 (usage: `to`, the source) or 3
 * (the table, S3, credentials, a batch holding the ledger: run again). */
bool send_ledger_migrate(const briefing_config *c, const char *to, send_migrate_summary *out,
                         send_migrate_problem_fn each, void *user, char *error,
                         size_t error_size, int *exit_code);

/* ---- the archive ----------------------------------------------------------
 *
 * send_archive: where each sent message's .eml, .txt and .html are kept
 * (docs/ledger.md, "Archive"), chosen by --archive or the config file's
 * `archive` (the command line wins), else BRIEFING_ARCHIVE, else the folder
 * "archive" beside the ledger:
 *   a folder      the local archive: the files written before the send are
 *                 the archive (ledger archive_path: the .eml's path);
 *   s3://B/P      S3: the same files are written to the local spool (the
 *                 folder beside the ledger) before the request leaves, and
 *                 uploaded once the batch's answers are in, so a slow S3
 *                 never holds a send; the ledger's archive_path then names
 *                 s3://B/P/YYYY-MM-DD/<name>.eml. An upload that fails leaves
 *                 the local path; `briefing ledger sync` uploads it later.
 * A location in the ledger is read by its own kind (an s3:// one through
 * GetObject), whatever the archive configured now. */
typedef struct send_archive send_archive;

/* The configured archive. A value starting "s3://" that is not a valid
 * s3://BUCKET/PREFIX is an error quoting it (no fallback to a folder).
 * `l` places the default folder and the spool. Nothing is contacted. */
bool send_archive_open(const briefing_config *c, const ledger *l, send_archive **out,
                       char *error, size_t error_size);
void send_archive_free(send_archive *a);
/* The folder each message is written to before its request leaves. */
const char *send_archive_spool(const send_archive *a);
/* Where the archive is, as configured: the folder or "s3://B/P". */
const char *send_archive_where(const send_archive *a);
/* True for S3: the spool's files are uploaded after the send. */
bool send_archive_remote(const send_archive *a);
/* Settles what the uploads will need (S3's endpoint, addressing and the
 * credentials) before the first request of a batch leaves, so a wrong
 * setting stops the batch instead of every upload. Contacts nothing. */
bool send_archive_connect(send_archive *a, char *error, size_t error_size);

/* After batch_send: uploads the messages of the batch's sent and unknown
 * items (SES has, or may have, them) and records their s3:// location.
 * Counts in totals->archive_*; never fails the batch. A folder: nothing. */
void send_archive_publish(send_archive *a, const batch *b, ledger *l, batch_totals *totals);

/* Reads file `extension` ("eml", "txt", "html") of the message archived
 * at `location` (an .eml path or s3:// URL, as the ledger holds it) into
 * `out`. For "eml" with `sha256` (hex, the ledger's message_sha256) the
 * bytes are checked, a local file as an S3 object: bytes whose SHA-256
 * differs (or, on S3, S3's own checksum) are refused with both hashes'
 * first digits. False with "location: why", nothing appended. */
bool send_archive_read(const briefing_config *c, const char *location, const char *extension,
                       const char *sha256, strbuf *out, char *error, size_t error_size);

/* The location of `extension` for the .eml location `eml` ("x.eml" → "x.txt"). */
void send_archive_sibling(const char *eml, const char *extension, char *out, size_t out_size);

/* This machine's last upload to an S3 archive (after a batch, `ledger
 * sync` or `ledger migrate`), as the spool records it. */
typedef struct {
    time_t at;
    size_t uploaded;
    char where[4096];             /* the archive it went to: "s3://B/P" */
} send_archive_upload_note;

/* False when this machine never uploaded (no record in the spool). */
bool send_archive_last_upload(const send_archive *a, send_archive_upload_note *out);

/* What `briefing ledger status` says about the archive (docs/ledger.md). */
typedef struct {
    char where[4096];             /* the folder or "s3://B/P", as configured */
    char problem[512];            /* why it cannot be named ("": it can); nothing else is set */
    bool remote;                  /* on S3: messages may wait for `ledger sync` */
    size_t only_local;            /* sent or unknown, archive still a local path (remote only) */
    bool has_last_upload;
    send_archive_upload_note last_upload;
} send_archive_status;

/* The archive `c` configures for ledger `l`. For an S3 archive it counts
 * the `sent` and `unknown` deliveries whose archive is still a file path
 * (what `ledger sync` would upload): the one figure of `ledger status`
 * that reads those deliveries rather than the writers' counts, so it grows
 * with the history (docs/performance.md). False with out->problem when the
 * archive cannot be named (a bad BRIEFING_ARCHIVE). */
bool send_archive_status_read(const briefing_config *c, ledger *l, send_archive_status *out);

/* `briefing ledger sync`: every sent or unknown delivery whose archive is
 * still local, uploaded to the configured S3 archive (an object already
 * there with the same checksum is not sent again) and its location
 * recorded. Idempotent. False with a message when the archive is not S3,
 * or the ledger or S3's credentials cannot be used (`*exit_code` 2 or 3);
 * a delivery that fails counts in `failed` with the first `why`. */
typedef struct {
    size_t uploaded;
    size_t already_there;
    size_t failed;
    char why[512];
} send_archive_sync_totals;

typedef void (*send_archive_sync_fn)(void *user, int64_t delivery_id, const char *location,
                                     const char *outcome);

bool send_archive_sync(const briefing_config *c, send_archive_sync_fn each, void *user,
                       send_archive_sync_totals *totals, char *error, size_t error_size,
                       int *exit_code);

/* ---- the send session ----------------------------------------------------
 *
 * What a batch needs to go out: the ledger (opened, `sending` rows from a
 * crash turned `unknown`), its batch lock, and an SES client. Order, the
 * operator's guarantee: send_session_open → batch built and valid →
 * send_session_connect (lock, credentials) → batch_preflight → confirm →
 * send_session_send (write-ahead send, then dashboard cards) → close.
 * send_session_run does all of it for a front end that can block; the
 * console calls the steps from its worker thread. */
typedef struct {
    const briefing_config *config;
    ledger *ledger;           /* owned */
    ses_client *client;       /* owned; NULL until connected */
    bool locked;              /* holds the ledger's batch lock */
    int recovered;            /* `sending` rows found at open, now `unknown` */
    char endpoint[1024];
    char region[64];          /* the region SES calls are signed for */
    char credentials[256];    /* where the credentials came from (never the secret) */
    char credentials_warning[384]; /* "" or what to tell the operator once about them */
    char archive_root[4096];  /* the spool: written before each request leaves */
    send_archive *archive;    /* owned: where the messages end up */
    char error[1024];         /* why the last step failed */
    int exit_code;            /* with `error`: 3 configuration, 4 SES refused */
    send_suppression_cache suppression; /* asked once per address per session */
} send_session;

/* Opens the ledger (config->overrides.ledger_path or the default) and
 * settles the archive root. False with s->error. */
bool send_session_open(send_session *s, const briefing_config *config);
/* Takes the batch lock and builds the SES client. False with s->error. */
bool send_session_connect(send_session *s);
/* batch_preflight on the session's client, with its suppression cache. */
void send_session_preflight(send_session *s, batch *b);
/* batch_send, then the dashboard cards (their outcome in `dashboard`, ""
 * when there was nothing to post). False with s->error when the ledger
 * failed: then nothing more was sent. */
bool send_session_send(send_session *s, batch *b, batch_progress_fn progress, void *user,
                       batch_totals *totals, char *dashboard, size_t dashboard_size);
void send_session_close(send_session *s);
/* A dry run's check: the credentials resolved and the read-only preflight
 * (batch_preflight: sender, quota, account, suppression), no ledger, no
 * lock, nothing sent. Returns 0, or the exit code the send would stop
 * with (s->error says why). send_session_close frees the client. */
int send_session_dry_check(send_session *s, const briefing_config *config, batch *b);

/* The callbacks of send_session_run. */
typedef struct {
    /* After the preflight, whatever its result: show what would go out. */
    void (*checked)(void *user, const send_session *s, const batch *b);
    /* The preflight passed: true sends. */
    bool (*confirm)(void *user, const batch *b);
    batch_progress_fn progress;
    void *user;
} send_callbacks;

/* What a whole run did. */
typedef struct {
    batch_totals totals;
    bool sent;                /* the send loop ran */
    char dashboard[640];
} send_outcome;

/* connect → preflight → checked → confirm → send. Returns the exit code
 * (DESIGN §6); s->error says why when it is not 0 or 1. */
int send_session_run(send_session *s, batch *b, const send_callbacks *callbacks,
                     send_outcome *outcome);

/* ---- delivery events (docs/delivery-events.md) ----------------------------
 *
 * send_events_run: what SES published about the deliveries, from the SQS
 * queue SES_EVENTS_QUEUE_URL names, into the ledger. Each message is read
 * (events_parse), applied in one ledger transaction (ledger_apply_event) or
 * kept aside with why, and deleted from the queue only after that commit;
 * one still waiting for its delivery (LEDGER_EVENT_LATER) stays queued. */

/* What happened to one message. */
typedef struct {
    const char *sqs_message_id;
    ledger_event_result result;   /* a malformed message: LEDGER_EVENT_KEPT_ASIDE */
    bool malformed;               /* not an SES event at all */
    bool enveloped;               /* it came through SNS */
    const char *event_type;       /* "Bounce"; NULL when malformed */
    int64_t delivery_id;          /* 0 when none */
    const char *what;             /* why it was kept aside, or what it did */
} send_event_report;

typedef struct {
    size_t received;
    size_t applied;
    size_t duplicates;
    size_t kept_aside;
    size_t later;                 /* left in the queue for the next run */
    size_t deleted;
} send_events_totals;

typedef void (*send_event_fn)(void *user, const send_event_report *report);

/* The queue URL of the configuration (SES_EVENTS_QUEUE_URL), or NULL. */
const char *send_events_queue_url(const briefing_config *c);

/* Receives (long poll of `wait_seconds`, 0 to 20, for the first receive;
 * then without waiting) until the queue has nothing more for us, calling
 * `each` per message. `l` NULL: the configured ledger, opened for the run
 * (a front end that does not keep it open: the console's poller). False with a message and `*exit_code`: 3 when the
 * configuration is missing or wrong, 4 when SQS refused or did not answer,
 * 3 when the ledger could not be written (the message then stays queued). */
bool send_events_run(const briefing_config *c, ledger *l, int wait_seconds, send_event_fn each,
                     void *user, send_events_totals *totals, char *error, size_t error_size,
                     int *exit_code);

/* The same in two steps, for a front end that polls in the background
 * (the console's worker): what a poll needs, resolved once from the
 * configuration and copied (the queue, SQS's endpoint, credentials, the
 * ledger's path), so a portfolio reload cannot pull it away; then polls
 * that open the ledger themselves when `l` is NULL. Resolved in place:
 * connection.ses points into the struct, which must not be copied. */
typedef struct {
    send_connection connection;   /* connection.endpoint: SQS's */
    char queue_url[1024];
    char ledger_path[4096];       /* "": the default ledger */
} send_events_source;

bool send_events_source_resolve(const briefing_config *c, send_events_source *out, char *error,
                                size_t error_size);
bool send_events_poll(const send_events_source *source, ledger *l, int wait_seconds,
                      send_event_fn each, void *user, send_events_totals *totals, char *error,
                      size_t error_size, int *exit_code);

/* ---- what the ledger knows about an address --------------------------------
 *
 * Before an address is used again: did SES say it bounced permanently or
 * drew a complaint (briefing events)? The latest such outcome
 * (ledger_address_flags), for the console's recipients form. */
/* The addresses of the comma-separated `addresses` that bounced
 * permanently or complained, one flag each (malloc'ed; free()). False with
 * a message when the ledger cannot be read. */
bool send_address_flags(const briefing_config *c, const char *addresses, ledger_address_flag **out,
                        size_t *count, char *error, size_t error_size);

#endif
