/* ui: the console's life: open the session and the terminal, loop on
 * poll() over the keyboard, the inotify watch and the wake pipe, redraw,
 * and put the terminal back. Keys become actions through the key table and
 * go to the view in front (the view table below), then to the global
 * actions.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/ui_internal.h"

#define UI_ESCAPE_DELAY_MS 25
#define CONTROL_C 3 /* as a key only under stty -isig; else SIGINT */

typedef struct {
    keymap_context keys;
    void (*draw)(ui_state *s);
    bool (*handle)(ui_state *s, const keymap_entry *k);
} ui_view_entry;

static const ui_view_entry ui_views[VIEW_COUNT] = {
    [VIEW_MAIN] = {KEYS_MAIN, view_main_draw, view_main_handle},
    [VIEW_HELP] = {KEYS_HELP, view_help_draw, view_help_handle},
    [VIEW_RECIPIENTS] = {KEYS_RECIPIENTS, view_recipients_draw, view_recipients_handle},
    [VIEW_CONFIRM] = {KEYS_CONFIRM, view_confirm_draw, view_confirm_handle},
    [VIEW_PROGRESS] = {KEYS_PROGRESS, view_progress_draw, view_progress_handle},
    [VIEW_HISTORY] = {KEYS_HISTORY, view_history_draw, view_history_handle},
    [VIEW_STATS] = {KEYS_STATS, view_stats_draw, view_stats_handle},
    [VIEW_PAGER] = {KEYS_PAGER, view_pager_draw, view_pager_handle},
};

keymap_context ui_view_keys(ui_view view)
{
    return view < VIEW_COUNT ? ui_views[view].keys : KEYS_GLOBAL;
}

void ui_set_message(ui_state *s, ui_role role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->message, sizeof s->message, fmt, ap);
    va_end(ap);
    s->message_role = role;
    message_log_add(&s->log, time(NULL), s->message);
}

void ui_open_view(ui_state *s, ui_view view)
{
    if (view >= VIEW_COUNT || !ui_views[view].draw) {
        ui_set_message(s, ROLE_WARNING, "that view is not available in this build");
        return;
    }
    for (size_t i = 0; i < s->depth; i++) {
        if (s->stack[i] == view) { /* back to it: what was above is closed */
            s->depth = i + 1;
            s->view = view;
            return;
        }
    }
    if (view == VIEW_HELP)
        s->help_top = 0;
    if (view == VIEW_CONFIRM)
        view_confirm_reset(s);
    if (s->depth == UI_VIEW_DEPTH) /* cannot happen: every view is on it at most once */
        s->depth--;
    s->stack[s->depth++] = view;
    s->view = view;
}

void ui_close_view(ui_state *s)
{
    if (s->depth > 1)
        s->depth--;
    s->view = s->stack[s->depth - 1];
}

ui_view ui_view_below(const ui_state *s)
{
    return s->depth >= 2 ? s->stack[s->depth - 2] : VIEW_MAIN;
}

static bool ui_is_send_view(ui_view view)
{
    return view == VIEW_RECIPIENTS || view == VIEW_CONFIRM || view == VIEW_PROGRESS;
}

void ui_close_send_views(ui_state *s)
{
    view_confirm_reset(s);
    last_delivery_forget(&s->last); /* the session may have sent some */
    view_recipients_forget_undo(s);
    size_t depth = s->depth;
    for (size_t i = 1; i < s->depth; i++) {
        if (ui_is_send_view(s->stack[i])) {
            depth = i;
            break;
        }
    }
    if (depth == s->depth)
        return;
    view_pager_close(s); /* a message opened from the review goes with it */
    s->depth = depth;
    s->view = s->stack[depth - 1];
    if (s->view == VIEW_HISTORY)
        view_history_refresh(s); /* the session may have added a delivery */
}

static void ui_draw(ui_state *s)
{
    layout_compute(LINES, COLS, &s->layout);
    erase();
    curs_set(0);
    if (s->layout.too_small) {
        const char *text = "terminal too small (need 80×24)";
        int width = ui_text_width(text);
        ui_draw_string(LINES / 2, COLS > width ? (COLS - width) / 2 : 0, COLS, text, A_BOLD);
        refresh();
        return;
    }
    s->cursor_visible = false;
    ui_views[s->view].draw(s);
    bars_draw(s);
    if (s->cursor_visible) { /* where the next typed character goes */
        move(s->cursor_y, s->cursor_x);
        curs_set(1);
    }
    refresh();
}

static void ui_handle_mouse(ui_state *s)
{
    MEVENT event;
    if (getmouse(&event) != OK || s->view != VIEW_MAIN || s->layout.too_small)
        return;
    if (event.bstate & BUTTON4_PRESSED)
        view_preview_scroll(s, -3);
    else if (event.bstate & BUTTON5_PRESSED)
        view_preview_scroll(s, 3);
    else if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
        if (!view_lists_click(s, event.y, event.x) && event.x > s->layout.separator_column)
            s->focus = FOCUS_PREVIEW;
    }
}

static void ui_quit_now(ui_state *s)
{
    s->quit = true;
}

/* Q, q in the reports view, and Ctrl-C when nothing is being sent. Reports
 * marked (to send, or left marked by a batch that did not send them) are
 * messages waiting to be sent as much as an open form's: it asks. */
static void ui_quit(ui_state *s)
{
    if (s->send.stage == SEND_SENDING)
        send_say_sending(s);
    else if (s->send.stage != SEND_NONE && s->send.stage != SEND_DONE)
        ui_ask(s, ui_quit_now, "Quit and drop the %zu message%s not sent (and any recipients "
               "you edited)?", s->send.batch.count, s->send.batch.count == 1 ? "" : "s");
    else if (s->mark_count)
        ui_ask(s, ui_quit_now, "Quit and drop the %zu marked report%s, not sent?",
               s->mark_count, s->mark_count == 1 ? "" : "s");
    else
        s->quit = true;
}

void ui_interrupt(ui_state *s)
{
    bool asked_to_quit = s->question.open && s->question.yes == ui_quit_now;
    s->message[0] = '\0';
    if (s->send.stage == SEND_SENDING) {
        if (atomic_load(&s->send.batch.cancel)) { /* the second: as the CLI's */
            s->quit_at_once = true;
            s->quit = true;
        } else
            send_stop(s);
        return;
    }
    s->question = (ui_question){.open = false}; /* another question: Ctrl-C is not its answer */
    s->searching = false;
    if (asked_to_quit)
        s->quit = true;
    else
        ui_quit(s);
}

static void ui_handle_global(ui_state *s, const keymap_entry *k)
{
    switch (k->action) {
    case ACTION_QUIT: ui_quit(s); break;
    case ACTION_INTERRUPT: ui_interrupt(s); break;
    case ACTION_HELP: ui_open_view(s, VIEW_HELP); break;
    case ACTION_MESSAGE_LOG: {
        strbuf text = STRBUF_INIT;
        message_log_text(&s->log, &text);
        char title[64]; /* the messages counted: the pager's own count is of wrapped lines */
        snprintf(title, sizeof title, "Messages, newest first — %zu message%s", s->log.count,
                 s->log.count == 1 ? "" : "s");
        view_pager_open(s, title, strbuf_cstr(&text), text.len);
        strbuf_free(&text);
        break;
    }
    case ACTION_REDRAW: clearok(curscr, TRUE); break;
    default: break;
    }
}

/* A reason the account cannot be checked goes to `M`'s log once, whole: the
 * top bar has room for its start only. */
static void ui_log_account_problem(ui_state *s)
{
    char problem[sizeof s->account.logged];
    if (!account_problem(&s->account, problem, sizeof problem)) {
        if (s->account.have_answer)
            s->account.logged[0] = '\0'; /* answered: a later problem is news again */
        return;
    }
    if (strcmp(problem, s->account.logged) == 0)
        return;
    snprintf(s->account.logged, sizeof s->account.logged, "%s", problem);
    message_log_add(&s->log, time(NULL), problem);
}

void ui_account_check(ui_state *s)
{
    account_start(&s->account, &s->config, s->wake_pipe[1]);
    ui_log_account_problem(s); /* a check that could not start says why now */
}

static void ui_handle_key(ui_state *s, int key)
{
    if (key == KEY_RESIZE)
        return; /* the next draw lays out for the new size */
    if (key == KEY_MOUSE) {
        ui_handle_mouse(s);
        return;
    }
    if (key == CONTROL_C) { /* before any field, search or question takes it */
        ui_interrupt(s);
        return;
    }
    if (s->layout.too_small && key != 'q' && key != 'Q')
        return;
    if (s->searching) {
        view_main_search_key(s, key);
        return;
    }
    if (s->view == VIEW_RECIPIENTS && s->send.editing) {
        view_recipients_type(s, key);
        return;
    }
    s->message[0] = '\0'; /* a message lasts until the next key */
    if (s->question.open) {
        ui_answer(s, keymap_lookup(KEYS_QUESTION, key));
        return;
    }
    const keymap_entry *k = keymap_lookup(ui_views[s->view].keys, key);
    if (!k)
        return;
    if (!ui_views[s->view].handle(s, k))
        ui_handle_global(s, k);
}

static void ui_drain_pipe(int fd)
{
    char bytes[64];
    while (read(fd, bytes, sizeof bytes) > 0)
        ;
}

/* The sooner of two timeouts, -1 being none. */
static int ui_sooner_ms(int a, int b)
{
    return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

/* The soonest of the day watch's, the events poll's and the `sending`
 * rows' re-read timeouts (-1: none). */
static int ui_timeout_ms(const ui_state *s)
{
    int soonest = ui_sooner_ms(day_watch_timeout_ms(s), events_poll_timeout_ms(s));
    return ui_sooner_ms(soonest, last_delivery_timeout_ms(s));
}

/* Returns false when the loop cannot go on (the reason in s->message). */
static bool ui_loop(ui_state *s)
{
    while (!s->quit) {
        ui_draw(s);
        /* poll skips a descriptor of -1 (no watch, no Ctrl-C event). */
        struct pollfd fds[4] = {
            {STDIN_FILENO, POLLIN, 0}, {s->wake_pipe[0], POLLIN, 0}, {s->watch_fd, POLLIN, 0},
            {s->ctrl_c_fd, POLLIN, 0},
        };
        if (poll(fds, 4, ui_timeout_ms(s)) < 0 && errno != EINTR) {
            ui_set_message(s, ROLE_ERROR, "poll: %s", strerror(errno));
            return false;
        }
        if (fds[1].revents & POLLIN)
            ui_drain_pipe(s->wake_pipe[0]);
        if (account_collect(&s->account))
            ui_log_account_problem(s);
        send_collect(s);
        if (s->reload_pending && send_refresh_possible(s)) /* the check that held it is over */
            session_reload(s);
        view_stats_collect(s);
        events_poll_tick(s);
        day_watch_check(s);
        last_delivery_tick(s);
        if ((fds[2].revents & POLLIN) && watch_drain(s->watch_fd, s->options.env_file))
            session_reload(s);
        for (int i = ctrl_c_take(s->ctrl_c_fd); i > 0 && !s->quit; i--)
            ui_interrupt(s);
        int key;
        while (!s->quit && (key = getch()) != ERR) /* EINTR (SIGWINCH) lands here too */
            ui_handle_key(s, key);
    }
    return true;
}

/* The second Ctrl-C while a stopped batch waits: no join of the worker
 * (it may wait up to SES's time limit), the ledger repaired by the next
 * run, and a line that says so, as the CLI's. */
static void ui_leave_at_once(ui_state *s)
{
    batch_flight flight;
    batch_flight_read(&s->send.batch, &flight);
    fprintf(stderr, "briefing: stopped at once: %d message(s) in flight read as unknown on the next "
            "run (briefing log --state unknown)\n", flight.in_flight);
    ctrl_c_die();
}

static bool ui_open_terminal(ui_state *s, SCREEN **screen)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "briefing: the console needs a terminal; "
                        "scripts use the subcommands (briefing --help)\n");
        return false;
    }
    *screen = newterm(NULL, stdout, stdin);
    if (!*screen) {
        fprintf(stderr, "briefing: cannot open the terminal (TERM=%s)\n",
                getenv("TERM") ? getenv("TERM") : "");
        return false;
    }
    set_escdelay(UI_ESCAPE_DELAY_MS);
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
    mouseinterval(0);
    theme_apply(s);
    return true;
}

/* Non-blocking both ends: a worker never blocks on a full pipe, the loop
 * never blocks draining it. */
static bool ui_open_wake_pipe(int fds[2])
{
    if (pipe(fds) != 0)
        return false;
    for (int i = 0; i < 2; i++) {
        if (fcntl(fds[i], F_SETFL, O_NONBLOCK) != 0 || fcntl(fds[i], F_SETFD, FD_CLOEXEC) != 0)
            return false;
    }
    return true;
}

static void ui_free(ui_state *s)
{
    s->reload_pending = false; /* leaving: nothing to reload for */
    send_close(s);
    view_history_close(s);
    view_stats_close(s);
    view_pager_close(s);
    view_confirm_reset(s);
    view_recipients_forget_undo(s);
    worker_wait(&s->account.worker);
    events_poll_stop(s);
    recipient_flags_free(&s->flags);
    preview_cache_clear(&s->cache);
    search_free(&s->search);
    if (s->watch_fd >= 0)
        close(s->watch_fd);
    ctrl_c_close(s->ctrl_c_fd);
    for (int i = 0; i < 2; i++) {
        if (s->wake_pipe[i] >= 0)
            close(s->wake_pipe[i]);
    }
    model_portfolio_free(s->portfolio);
    free(s);
}

/* The environment's locale, with UTF-8 characters whatever it says: every
 * report, border and ellipsis the console draws is UTF-8, and under the C
 * locale (a fresh server, a cron shell, `su -`) ncurses would print each of
 * their bytes as ~T~B garbage. C.UTF-8 ships with every Debian libc. */
static void ui_set_locale(void)
{
    setlocale(LC_ALL, "");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
        setlocale(LC_CTYPE, "C.UTF-8");
}

int ui_run(const ui_options *options)
{
    ui_set_locale();
    ui_state *s = calloc(1, sizeof *s);
    if (!s)
        abort();
    s->options = *options;
    s->root = options->root ? options->root : ".";
    s->watch_fd = -1;
    s->wake_pipe[0] = s->wake_pipe[1] = -1;
    char ctrl_c_error[160];
    s->ctrl_c_fd = ctrl_c_open(ctrl_c_error, sizeof ctrl_c_error); /* before any thread */
    s->stack[0] = s->view = VIEW_MAIN;
    s->depth = 1;
    char error[512];
    if (!session_open(s, error, sizeof error)) {
        fprintf(stderr, "briefing: %s\n", error);
        ui_free(s);
        return 2;
    }
    theme_choose(s);
    s->watch_fd = watch_open(s->root, s->options.env_file, error, sizeof error);
    if (s->watch_fd < 0)
        ui_set_message(s, ROLE_WARNING, "%s", error);
    if (s->ctrl_c_fd < 0)
        ui_set_message(s, ROLE_WARNING, "%s", ctrl_c_error);
    if (!ui_open_wake_pipe(s->wake_pipe)) {
        fprintf(stderr, "briefing: pipe: %s\n", strerror(errno));
        ui_free(s);
        return 2;
    }
    SCREEN *screen = NULL;
    if (!ui_open_terminal(s, &screen)) {
        ui_free(s);
        return 2;
    }
    ui_account_check(s);
    events_poll_tick(s);
    bool ok = ui_loop(s);
    endwin();
    delscreen(screen);
    if (s->quit_at_once)
        ui_leave_at_once(s);
    if (!ok)
        fprintf(stderr, "briefing: %s\n", s->message);
    ui_free(s);
    return ok ? 0 : 2;
}
