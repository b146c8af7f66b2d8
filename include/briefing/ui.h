/* ui: the review-and-send console (ncursesw).
 *
 * `briefing [--root DIR] [--theme NAME]` with no subcommand opens it: the
 * portfolio's entities and personas on the left, the live report on the
 * right; marking, recipients, confirmation, sending with progress, history
 * and statistics. The UI owns the terminal; the core it calls (model,
 * report, render, batch) never sees ncurses, and the UI never calls libcurl.
 */
#ifndef BRIEFING_UI_H
#define BRIEFING_UI_H

typedef struct {
    const char *root;          /* portfolio folder; NULL: "." */
    const char *theme;         /* NULL: $BRIEFING_THEME, then "default"; NO_COLOR forces "mono" */
    const char *ledger_path;   /* NULL: the ledger's default */
    const char *archive_root;  /* NULL: beside the ledger */
    const char *endpoint;      /* SES endpoint override; NULL: DESIGN §5 chain */
    const char *env_file;      /* replaces <root>/repos.env; NULL: none */
} ui_options;

/* Runs the console until the operator quits. Returns a process exit code:
 * 0, or 2 when the terminal or the portfolio cannot be opened (message on
 * stderr). */
int ui_run(const ui_options *options);

#endif
