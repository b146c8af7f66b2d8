/* The console's private contract: its one state struct, the views, the key
 * table's vocabulary and what each file offers the others.
 *
 * Invariants:
 *  - all console state lives in one ui_state owned by ui_run(); there are no
 *    globals but const tables;
 *  - a view is a (draw, handle) pair in the view table (ui.c); keys reach it
 *    only as actions looked up in the key table (keymap.c), so the `?`
 *    overlay and the bottom bar always say what the keys really do;
 *  - only the curses thread touches curses; a worker thread (sending) talks
 *    back through the batch's lock and the wake pipe.
 */
#ifndef BRIEFING_UI_INTERNAL_H
#define BRIEFING_UI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "briefing/send.h"
#include "briefing/model.h"
#include "briefing/render.h"
#include "briefing/report.h"
#include "briefing/ui.h"
#include "ui/account.h"
#include "ui/events_poll.h"
#include "ui/line_editor.h"
#include "ui/preview.h"
#include "ui/search.h"
#include "ui/ui_send.h"
#include "ui/theme.h"

#define UI_MIN_COLUMNS 80
#define UI_MIN_LINES 24
#define UI_MAX_MARKS 64
#define UI_MESSAGE_SIZE 512
#define UI_ELLIPSIS "…"

typedef enum {
    VIEW_MAIN,
    VIEW_HELP,
    VIEW_RECIPIENTS,
    VIEW_CONFIRM,
    VIEW_PROGRESS,
    VIEW_HISTORY,
    VIEW_STATS,
    VIEW_PAGER,              /* a text to read: a message, a delivery, the log */
    VIEW_COUNT
} ui_view;

/* Where a key row applies: everywhere, or in one view. */
typedef enum {
    KEYS_GLOBAL,
    KEYS_MAIN,
    KEYS_HELP,
    KEYS_RECIPIENTS,
    KEYS_EDITING,            /* a recipients field being typed into */
    KEYS_CONFIRM,
    KEYS_PROGRESS,
    KEYS_HISTORY,
    KEYS_STATS,
    KEYS_PAGER,
    KEYS_QUESTION,           /* a yes/no question in the status line */
    KEYS_CONTEXT_COUNT
} keymap_context;

typedef enum {
    ACTION_NONE,
    ACTION_QUIT,
    ACTION_HELP,
    ACTION_BACK,
    ACTION_REDRAW,
    ACTION_FOCUS_NEXT,
    ACTION_FOCUS_LISTS,
    ACTION_FOCUS_PREVIEW,
    ACTION_MOVE_DOWN,
    ACTION_MOVE_UP,
    ACTION_PAGE_DOWN,
    ACTION_PAGE_UP,
    ACTION_TOP,
    ACTION_BOTTOM,
    ACTION_SCROLL_LEFT,
    ACTION_SCROLL_RIGHT,
    ACTION_PICK_PERSONA,     /* argument: persona */
    ACTION_SEARCH,
    ACTION_SEARCH_NEXT,
    ACTION_SEARCH_PREVIOUS,
    ACTION_CYCLE_MODE,
    ACTION_EDIT_HANDOFF,
    ACTION_RELOAD,
    ACTION_MARK,
    ACTION_MARK_PLAN,
    ACTION_CLEAR_MARKS,
    ACTION_SEND,
    ACTION_SEND_TEST,
    ACTION_HISTORY,
    ACTION_STATS,
    ACTION_NEXT_FIELD,
    ACTION_PREVIOUS_FIELD,
    ACTION_EDIT_FIELD,
    ACTION_APPLY_TO_ALL,
    ACTION_SAVE_RECIPIENTS,
    ACTION_CONFIRM,
    ACTION_SEND_UNVERIFIED,  /* the confirmation: go on without SES's word (--unverified-ok) */
    ACTION_STOP,
    ACTION_RESEND,
    ACTION_REFRESH,
    ACTION_FILTER_PERSONA,
    ACTION_FILTER_STATE,
    ACTION_FILTER_CLEAR,
    ACTION_EDIT_KEEP,
    ACTION_EDIT_DROP,
    ACTION_EDIT_CLEAR,
    ACTION_OPEN,             /* the selected message or delivery in full */
    ACTION_DIFF,             /* the review: the message against its report's last sent copy */
    ACTION_UNDO,
    ACTION_MESSAGE_LOG,
    ACTION_ANSWER_YES,
    ACTION_ANSWER_NO,
    ACTION_INTERRUPT,        /* Ctrl-C: stop a send, else quit (ui_interrupt) */
    ACTION_COUNT
} ui_action;

typedef struct {
    int key;                 /* curses key code or character */
    const char *name;        /* as shown: "j", "Down", "PgDn", "^F" */
    keymap_context context;
    ui_action action;
    int argument;            /* ACTION_PICK_PERSONA: the persona */
    const char *help;        /* the `?` overlay; rows with equal help merge */
    const char *hint;        /* the bottom bar's word, or NULL */
} keymap_entry;

extern const keymap_entry keymap_table[];
extern const size_t keymap_count;

/* The row for `key` in `context`, else in KEYS_GLOBAL; NULL when unbound. */
const keymap_entry *keymap_lookup(keymap_context context, int key);
const char *keymap_context_name(keymap_context context);

typedef enum { FOCUS_ENTITIES, FOCUS_PERSONAS, FOCUS_PREVIEW, FOCUS_COUNT } ui_focus;

typedef struct {
    int top, left, height, width;
} ui_rect;

/* Screen regions for one terminal size (ui_layout.c, pure). */
typedef struct {
    bool too_small;
    int lines, columns;
    ui_rect top_bar;
    ui_rect entities;        /* title row included */
    ui_rect personas;
    ui_rect preview;
    int separator_column;
    ui_rect status_line;     /* message or first diagnostic */
    ui_rect key_bar;         /* the context's keys */
    ui_rect body;            /* everything between the bars: full-screen views */
} ui_layout;

void layout_compute(int lines, int columns, ui_layout *out);

/* A report marked for sending. has_recipients: the operator set its
 * recipients in the form and the batch did not deliver it, so the next
 * send starts from them rather than the persona's defaults (issue 13). */
typedef struct {
    persona persona;
    char scope[128];
    bool has_recipients;
    char to[1024], cc[1024], bcc[1024];
} ui_mark;

/* The last delivery of each persona's report for one scope
 * (last_delivery.c). Invariant: when `loaded`, the arrays describe `scope`
 * as the ledger had it then; `readable` false means the ledger could not
 * be read and nothing is claimed. */
typedef struct {
    bool loaded;
    bool readable;
    char scope[128];
    bool known[PERSONA_COUNT];
    delivery_state state[PERSONA_COUNT];
    time_t when[PERSONA_COUNT];
    /* SES's events on it: "complained" or "bounced" when a recipient
     * did, else "" */
    char trouble[PERSONA_COUNT][16];
    double loaded_at;         /* CLOCK_MONOTONIC seconds of the read */
} last_deliveries;

/* What the recipients form says about each message's addresses
 * (recipient_flags.c): per batch item, the To/Cc/Bcc it was read for and
 * the ledger's word on them ("" when nothing to flag). Invariant: an
 * entry is true for its `key` as of events generation `generation`; it is
 * read again when either changed. */
typedef struct {
    char *key;               /* malloc'ed "to\ncc\nbcc" */
    unsigned long generation;
    char text[UI_MESSAGE_SIZE];
} recipient_flag_entry;

typedef struct {
    recipient_flag_entry *entries; /* malloc'ed, `count` of them */
    size_t count;
} recipient_flags;

#define UI_VIEW_DEPTH 8

struct ui_state;

/* The confirmation's review (view_confirm.c): where it is scrolled and
 * which messages have been on screen. Invariant: while the review is open,
 * `seen` has `seen_count` == the batch's count entries; `y` sends only once
 * every one is true, so nothing leaves that the screen did not show. */
typedef struct {
    size_t top;              /* first review line shown */
    size_t selected;         /* the message Enter opens */
    bool *seen;              /* per message: its whole block was on screen */
    size_t seen_count;
    bool follow_selection;   /* j/k moved: scroll the selection into view */
} review_state;

/* The pager (view_pager.c): a text read in full (a message, a delivery,
 * the message log). It owns `text`; `page` is its wrapping at `width`
 * columns, redone when the width changes. */
typedef struct {
    char title[256];
    strbuf text;
    preview_page page;
    int width;
    size_t top;
    size_t open_at;          /* the line of `text` to bring to the top once the
                                text is wrapped (0: the top), then 0 */
    bool diff;               /* a diff: lines coloured by their first character */
    /* Text lines watch_first..watch_last (inclusive) must each be on screen
     * whole once: watch_seen[i - watch_first] says which were. When the
     * last one is, `watched(s, watched_arg)` runs once and is set NULL. */
    size_t watch_first, watch_last;
    bool *watch_seen;
    void (*watched)(struct ui_state *s, size_t arg);
    size_t watched_arg;
} pager_state;

/* A yes/no question in the status line (question.c). While `open`, keys
 * are read in KEYS_QUESTION: y runs `yes`, any other key runs `no`, or
 * when there is none drops the action. */
typedef struct {
    bool open;
    char text[UI_MESSAGE_SIZE];
    void (*yes)(struct ui_state *s);
    void (*no)(struct ui_state *s);
} ui_question;

#define UI_LOG_SIZE 100
/* Every status message, oldest first; past UI_LOG_SIZE the oldest goes
 * (message_log.c). */
typedef struct {
    char text[UI_LOG_SIZE][UI_MESSAGE_SIZE];
    time_t at[UI_LOG_SIZE];
    size_t count;            /* entries held, at most UI_LOG_SIZE */
    size_t next;             /* the slot the next one takes */
} message_log;

/* What `a` in the recipients form replaced, so `u` can put it back:
 * `count` items of FIELD_COUNT strings each (malloc'ed), or nothing. */
typedef struct {
    char **fields;
    size_t count;
} recipients_undo;

typedef struct ui_state {
    ui_options options;
    const char *root;
    portfolio *portfolio;
    briefing_config config;
    char endpoint[512];      /* resolved SES endpoint, or why it cannot be */
    char ledger[320];        /* which ledger: "sqlite", "dynamodb://TABLE" (top bar) */
    time_t now;
    unsigned long page_serial; /* last preview_page.serial handed out */

    ui_layout layout;
    theme theme;
    int styles[ROLE_COUNT];  /* curses attributes per role (attr_t fits in int) */
    ui_view view;            /* in front: always stack[depth - 1] */
    ui_view stack[UI_VIEW_DEPTH]; /* where q goes back to; stack[0] is VIEW_MAIN */
    size_t depth;
    ui_focus focus;
    bool quit;

    size_t entity_row;       /* 0: Portfolio; i + 1: entities[i] */
    size_t entity_scroll;
    persona persona;

    preview_mode mode;
    size_t preview_top;
    int preview_left;        /* columns scrolled sideways (wide code lines) */
    preview_cache cache;
    search_state search;
    bool searching;          /* the `/` prompt is open */
    line_editor search_input;

    ui_mark marks[UI_MAX_MARKS];
    size_t mark_count;

    size_t help_top;

    int watch_fd;            /* inotify, -1 when unavailable */
    int wake_pipe[2];        /* workers write a byte to wake the loop */
    int ctrl_c_fd;           /* SIGINT as an event (ctrl_c.c), -1 when it cannot be */
    bool quit_at_once;       /* a second Ctrl-C: leave without waiting for SES */

    char message[UI_MESSAGE_SIZE];
    ui_role message_role;
    message_log log;
    ui_question question;
    bool cursor_visible;     /* set while drawing by whoever edits text */
    int cursor_y, cursor_x;

    account_state account;   /* top bar: sender verification, quota */
    ui_send send;            /* recipients, confirmation, progress */
    bool reload_pending;     /* the portfolio changed during a send session */
    history_state history;
    stats_state stats;
    last_deliveries last;
    review_state review;
    pager_state pager;
    recipients_undo undo;
    events_poll_state events; /* SES's delivery events, polled in the background */
    recipient_flags flags;   /* the recipients form's addresses SES said bounced or complained */
} ui_state;

/* ui.c */
void ui_set_message(ui_state *s, ui_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Brings `view` to the front: back to it when it is on the stack already,
 * else on top of the one in front (q comes back here). */
void ui_open_view(ui_state *s, ui_view view);
/* Back to the view below the one in front (never below VIEW_MAIN). */
void ui_close_view(ui_state *s);
/* Closes the send session's views (recipients, review, progress and what
 * was opened from them): back to where the session began. */
void ui_close_send_views(ui_state *s);
/* The view under the one in front (what help was opened from). */
ui_view ui_view_below(const ui_state *s);

/* last_delivery.c: "sent 09:12" (today), "sent Nov 28", "failed",
 * "unknown", "not sent" (not attempted), "never", or "" when the ledger
 * cannot be read. */
void last_delivery_describe(ui_state *s, const char *scope, persona p, char *out, size_t out_size);
/* Reads the ledger again at the next describe (a send session closed). */
void last_delivery_forget(last_deliveries *l);
/* While a row shows `sending` (another process's send, or ours), its end
 * comes from no event the console sees: the rows are read again every few
 * seconds until none is `sending`. The timeout is the loop's poll timeout
 * for it (-1: no row is `sending`); tick forgets the rows when it is due. */
int last_delivery_timeout_ms(const ui_state *s);
void last_delivery_tick(ui_state *s);
/* True when that last delivery drew a bounce or a complaint (SES's
 * events): its row is marked; describe then says "! bounced". */
bool last_delivery_troubled(ui_state *s, const char *scope, persona p);

/* question.c: asks once before a bulk or destructive action. */
void ui_ask(ui_state *s, void (*yes)(ui_state *s), const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same where "no" also goes on, differently (`no` runs on any other key). */
void ui_ask_either(ui_state *s, void (*yes)(ui_state *s), void (*no)(ui_state *s),
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void ui_answer(ui_state *s, const keymap_entry *k);

/* message_log.c: every status message, for `M`. */
void message_log_add(message_log *log, time_t at, const char *text);
/* ui.c: the top bar's account check started again (after a send, a reload);
 * a reason it cannot even start goes to the message log at once, an answer's
 * when the worker brings it, each whole (the bar cuts it). */
void ui_account_check(ui_state *s);
/* The log as text, newest first, one "HH:MM:SS  message" per entry. */
void message_log_text(const message_log *log, strbuf *out);
/* The key table context of a view. */
keymap_context ui_view_keys(ui_view view);
/* session.c: the portfolio and configuration from disk. */
bool session_open(ui_state *s, char *error, size_t error_size);
/* Reloads both, keeping the selection; waits for a send session to close. */
void session_reload(ui_state *s);

/* selection.c: what the left side points at. */
const char *ui_selected_scope(const ui_state *s);
const entity *ui_selected_entity(const ui_state *s);
size_t ui_entity_rows(const ui_state *s);
bool ui_is_marked(const ui_state *s, persona persona, const char *scope);
void ui_toggle_mark(ui_state *s, persona persona, const char *scope);
/* Removes the mark, quietly; false when it was not marked. */
bool ui_unmark(ui_state *s, persona persona, const char *scope);
void ui_mark_default_plan(ui_state *s);

/* theme_apply.c: picks the theme (--theme, BRIEFING_THEME, NO_COLOR) and
 * turns it into s->styles (after initscr). */
void theme_choose(ui_state *s);
void theme_apply(ui_state *s);

/* draw.c: curses helpers shared by the views. */
int ui_style(const ui_state *s, ui_role role);
/* Draws at most `columns` display columns of UTF-8 `text`; returns columns drawn. */
int ui_draw_text(int y, int x, int columns, const char *text, size_t length, int attributes);
/* The same for a whole string, ending with UI_ELLIPSIS when it is cut. */
int ui_draw_string(int y, int x, int columns, const char *text, int attributes);
int ui_text_width(const char *text);
/* "1 bounce", "2 bounces", "0 delivery attempts" (util's english_plural). */
void ui_count(char *out, size_t out_size, int64_t count, const char *noun);
/* Shows the terminal cursor at (y, x) once the frame is drawn. */
void ui_place_cursor(ui_state *s, int y, int x);
void ui_fill(int y, int x, int columns, int attributes);
void ui_draw_title(const ui_state *s, int y, int x, int columns, const char *title, bool focused);

/* bars.c */
void bars_draw(ui_state *s);
/* "file:line: message", as the status line shows a diagnostic. */
void bars_diag_text(const diag *d, char *out, size_t out_size);

/* Views: view_*.c. */
void view_main_draw(ui_state *s);
bool view_main_handle(ui_state *s, const keymap_entry *k);
void view_main_search_key(ui_state *s, int key);
void view_lists_draw(ui_state *s);
bool view_lists_handle(ui_state *s, const keymap_entry *k);
bool view_lists_click(ui_state *s, int y, int x);
void view_preview_draw(ui_state *s);
bool view_preview_handle(ui_state *s, const keymap_entry *k);
void view_preview_scroll(ui_state *s, long lines);
/* Back to the top left: a new report or form is read from its start. */
void view_preview_reset(ui_state *s);
/* Runs `query` over the page and shows the first match at or below the top. */
void view_preview_search(ui_state *s, const char *query);
/* The page for the current selection, mode and pane width (cached). */
const preview_page *view_preview_page(ui_state *s);
void view_recipients_draw(ui_state *s);
bool view_recipients_handle(ui_state *s, const keymap_entry *k);
/* A key typed while a field is being edited. */
void view_recipients_type(ui_state *s, int key);
/* Drops what `u` would put back (the session closed). */
void view_recipients_forget_undo(ui_state *s);
void view_confirm_draw(ui_state *s);
bool view_confirm_handle(ui_state *s, const keymap_entry *k);
void view_progress_draw(ui_state *s);
bool view_progress_handle(ui_state *s, const keymap_entry *k);
void view_history_open(ui_state *s);
void view_history_draw(ui_state *s);
bool view_history_handle(ui_state *s, const keymap_entry *k);
void view_history_close(ui_state *s);
/* Reads the ledger again, keeping the filters and the selection. */
void view_history_refresh(ui_state *s);
void view_stats_open(ui_state *s);
void view_stats_draw(ui_state *s);
bool view_stats_handle(ui_state *s, const keymap_entry *k);
void view_stats_collect(ui_state *s);
void view_stats_close(ui_state *s);
/* view_pager.c: opens `text` (copied) under `title` in the pager. */
void view_pager_open(ui_state *s, const char *title, const char *text, size_t length);
/* The same for a diff (send_diff): '+' lines in the colour of what is new,
 * '-' of what goes, "@@" as headings and VIEW_PAGER_MOVED lines (a figure
 * that moved) highlighted. */
#define VIEW_PAGER_MOVED "▸ "
void view_pager_open_diff(ui_state *s, const char *title, const char *text, size_t length);
/* view_pager_open, scrolled so that the line holding text[offset] is the
 * first on screen (the reader can still go up). */
void view_pager_open_at(ui_state *s, const char *title, const char *text, size_t length,
                        size_t offset);
/* After an open: runs `watched(s, arg)` once every text line from `first`
 * to `last` (0-based, inclusive) was on screen whole, each at some time. */
void view_pager_watch(ui_state *s, size_t first, size_t last,
                      void (*watched)(ui_state *s, size_t arg), size_t arg);
void view_pager_draw(ui_state *s);
bool view_pager_handle(ui_state *s, const keymap_entry *k);
void view_pager_close(ui_state *s);
/* view_confirm.c: forgets what the review showed (a new or rebuilt batch). */
void view_confirm_reset(ui_state *s);
void view_help_draw(ui_state *s);
bool view_help_handle(ui_state *s, const keymap_entry *k);

/* preview_build.c: fills `page` with `target` in `mode`, `width` columns. */
void preview_build(ui_state *s, preview_page *page, const report_target *target, int width,
                   preview_mode mode);

/* send_flow.c: the send session's steps (send.h). */
void send_begin(ui_state *s);
void send_begin_resend(ui_state *s, const ledger_delivery *original);
/* The current report to the sender's own address only, straight to the
 * confirmation (no recipients form: nobody else can be added). */
void send_begin_test(ui_state *s);
void send_set_field(ui_state *s, size_t row, int field, const char *value);
/* Gives every other report in the form the To/Cc/Bcc of report `row`. */
void send_apply_to_all(ui_state *s, size_t row);
/* Writes the form's recipients as per-persona keys to <root>/recipients.env. */
void send_save_recipients(ui_state *s);
void send_check(ui_state *s);
void send_start(ui_state *s);
/* When the only refusal is that SES could not confirm the sender or the
 * quota: checks again with that allowed, so `y` can send (the CLI's
 * --unverified-ok). */
void send_allow_unverified(ui_state *s);
void send_stop(ui_state *s);
/* While sending, what q, Q and Ctrl-C say: Esc stops, or (stopped) how
 * many are still in flight and for how long at most. */
void send_say_sending(ui_state *s);
/* "Stopping: waiting for N in flight (up to 30 s)": the title once stopped. */
void send_stopping_text(ui_state *s, char *out, size_t size);
void send_collect(ui_state *s);
void send_close(ui_state *s);

/* send_refresh.c: whether the open session's messages can be rebuilt now
 * (no worker runs on them); rebuilding them from s->portfolio; the test
 * label on a test send's subject. */
bool send_refresh_possible(const ui_state *s);
/* Rebuilds the open session's messages; `why` opens the status message
 * ("the data changed", "a new day began"). */
void send_refresh_batch(ui_state *s, const char *why);
/* Every persona's configured recipients as one text, taken before a reload
 * and handed to send_refresh_say_recipients after it. */
void send_recipient_defaults(const briefing_config *c, strbuf *out);
/* When the reload changed the configured recipients, an open form keeps the
 * recipients it shows (they are what the review showed): the status line
 * says so, and how to take the new ones. */
void send_refresh_say_recipients(ui_state *s, const char *defaults_before);
/* True when `item`'s recipients are its persona's configured ones. */
bool send_item_has_default_recipients(const briefing_config *c, const batch_item *item);
/* The rebuilt marks (ui_send.rebuilt): the first item still marked, or
 * SEND_NOT_REBUILT; clearing one when it is opened; freeing them all. */
#define SEND_NOT_REBUILT ((size_t)-1)
size_t send_rebuilt_first(const ui_state *s);
bool send_rebuilt(const ui_state *s, size_t item);
void send_rebuilt_clear(ui_state *s, size_t item);
/* A marked item's text part (decoded) as it was before it was rebuilt;
 * "" when not marked. */
const char *send_rebuilt_before(const ui_state *s, size_t item);
void send_rebuilt_free(ui_state *s);
void send_label_test(ui_state *s);

/* day_watch.c: the reports follow the clock's date (config_clock). How
 * long poll may sleep before the day can change (-1: the date is pinned),
 * and rebuilding what a new day dates anew. */
int day_watch_timeout_ms(const ui_state *s);
void day_watch_check(ui_state *s);

/* events_poll.c (events_poll.h): starts the poll when none runs (and
 * SES_EVENTS_QUEUE_URL is set), takes a finished one's events and redraws
 * what they changed; the loop calls it each turn. */
void events_poll_tick(ui_state *s);
/* How long poll may sleep before a retry is due (-1: the worker wakes it). */
int events_poll_timeout_ms(const ui_state *s);
/* repos.env was read again: the queue and credentials are resolved anew. */
void events_poll_reconfigure(ui_state *s);
/* Waits for a running poll (quitting). */
void events_poll_stop(ui_state *s);

/* recipient_flags.c: "" or what the ledger says about item `index`'s
 * addresses ("bob@example.com bounced permanently Dec 05: ..."). */
const char *recipient_flags_describe(ui_state *s, size_t index);
void recipient_flags_free(recipient_flags *f);

/* ctrl_c.c: SIGINT read from a descriptor the loop polls. Open blocks it
 * (call before any thread starts) and returns the descriptor, or -1 with
 * why Ctrl-C still kills at once. Take reads what came (how many).
 * Unblock is for a child before exec; die ends the process by SIGINT, as
 * an uncaught Ctrl-C would (the terminal already put back). */
int ctrl_c_open(char *error, size_t error_size);
int ctrl_c_take(int fd);
void ctrl_c_unblock(void);
void ctrl_c_die(void);
void ctrl_c_close(int fd);
/* ui.c: Ctrl-C in the console: as Esc while sending (a second one quits at
 * once), else as Q (the same question while messages wait; a second
 * Ctrl-C then quits). */
void ui_interrupt(ui_state *s);

/* watch.c: inotify on the handoffs, repos.env and recipients.env, and the
 * `--env FILE` (`env_file`, NULL: none) that replaces repos.env. */
int watch_open(const char *root, const char *env_file, char *error, size_t error_size);
/* Reads pending events; true when one concerns the portfolio. */
bool watch_drain(int fd, const char *env_file);

/* editor.c: runs $EDITOR on `path` with curses suspended. */
bool editor_run(const char *path, char *error, size_t error_size);

#endif
