/* ui_send: the console's side of a batch (briefing/send.h): the marked reports with
 * their recipients, the confirmation, sending on a worker with progress,
 * and resending one delivery from the history. Also the statistics fetch.
 *
 * Life of a session: send_begin (or send_begin_resend) builds the batch →
 * recipients are edited (each edit rebuilds that message) → send_check
 * opens and locks the ledger, connects and runs the preflight on the
 * worker → the operator confirms → send_start sends on the worker →
 * send_close releases everything. Nothing leaves before the confirmation.
 * While a session is open the portfolio is not reloaded (the batch points
 * into it); a reload asked for meanwhile happens at send_close.
 */
#ifndef BRIEFING_UI_UI_SEND_H
#define BRIEFING_UI_UI_SEND_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "briefing/send.h"
#include "ui/line_editor.h"
#include "ui/worker.h"

typedef enum {
    SEND_NONE,        /* no session */
    SEND_EDITING,     /* recipients form */
    SEND_CHECKING,    /* preflight on the worker */
    SEND_READY,       /* confirmation screen */
    SEND_SENDING,     /* batch_send on the worker */
    SEND_DONE,        /* totals shown */
} send_stage;

enum { FIELD_TO, FIELD_CC, FIELD_BCC, FIELD_COUNT };

#define SEND_AGAIN_MAX 64     /* as many as can be marked (UI_MAX_MARKS) */

/* A batch item's rebuilt mark. The review shows only headers, so an item
 * rebuilt from changed data is unseen until the operator opens its bytes
 * (Enter) and every line of its text part that changed was on screen; `y`
 * refuses while any is `unread`. `before` is kept with the mark: the text
 * part (decoded) before the first rebuild still marked, what the changed
 * lines are found against; "" when never marked. */
typedef struct {
    bool unread;              /* rebuilt from changed data and not opened since */
    strbuf before;            /* owned */
} send_rebuilt_item;

typedef struct {
    send_stage stage;
    batch batch;
    send_session session;     /* the engine's: ledger, lock, SES client */
    bool session_open;
    bool connected;           /* session.client is up (the lock is held) */
    char endpoint[1024];      /* a copy of session.endpoint, for the views */
    char dashboard[640];      /* the dashboard cards' outcome, or "" */
    ui_worker worker;
    int wake_fd;              /* progress wakes the main loop */
    bool send_ok;             /* batch_send's result (SEND_DONE) */
    batch_totals totals;
    char error[1024];         /* why the session cannot go on; "" when it can */
    size_t left_out;          /* marked reports skipped: last delivery unknown */
    /* Marked reports already sent today (send_plan_judge), held while the
     * operator is asked once whether to send them again: the CLI's
     * --include-sent. `again_at` is the first one's time. */
    struct {
        persona persona;
        char scope[128];
    } again[SEND_AGAIN_MAX];
    size_t again_count;
    time_t again_at;
    bool test;                /* a test to the sender only: no recipients form */
    long long resend_of_unknown; /* a resend of this `unknown` delivery (the review warns), or 0 */
    /* One per batch item (`rebuilt_count` == the batch's count once one
     * was rebuilt, else NULL; send_refresh.c). */
    send_rebuilt_item *rebuilt;
    size_t rebuilt_count;

    size_t row;               /* recipients form: item and field under the cursor */
    int field;
    bool editing;
    line_editor editor;
    size_t top;               /* first item shown (form, confirmation, progress) */
} ui_send;

/* HISTORY_ANY: no filter on that column. */
#define HISTORY_ANY (-1)

typedef struct {
    ledger_delivery *deliveries; /* newest first, matching the filters */
    size_t count;
    /* Parallel to `deliveries`: for an `unknown` one that was resent, the
     * resend that settled it (id, state, times; send_history_resent), else
     * id 0. */
    ledger_delivery *resent;
    size_t unknown;           /* how many of them are `unknown` and not resent since */
    bool more;                /* the last page read was full: older ones may follow */
    size_t row;
    size_t top;
    int persona_filter;       /* a persona, or HISTORY_ANY */
    int state_filter;         /* a delivery_state, or HISTORY_ANY */
    char error[512];
} history_state;

typedef struct {
    /* the job (worker) */
    send_connection connection;
    bool ok;
    ses_quota quota;
    ses_datapoint *points;    /* malloc'ed, by time */
    size_t count;
    char error[512];
} stats_fetch;

typedef struct {
    ui_worker worker;
    stats_fetch fetch;
    bool loaded;              /* fetch holds an answer */
    time_t answered_at;       /* when it came: the chart ends there ("updated 09:12") */
    stats_summary summary;
} stats_state;

#endif
