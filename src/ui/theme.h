/* theme: what each part of the screen looks like, read from a theme file.
 *
 * A role is either a report style (render_style, same order, so the preview
 * maps a span's style to a role by value) or a part of the console. Parsing
 * is pure (no curses): theme_apply.c turns a theme into curses attributes.
 */
#ifndef BRIEFING_UI_THEME_H
#define BRIEFING_UI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/render.h"

typedef enum {
    ROLE_BODY = STYLE_BODY, /* a span's style is its role: the report styles come first */
    ROLE_HEADING = STYLE_HEADING2,
    ROLE_STRONG = STYLE_STRONG,
    ROLE_TITLE_BAR = STYLE_COUNT,
    ROLE_STATUS,
    ROLE_KEY_BAR,
    ROLE_KEY,
    ROLE_PANE_TITLE,
    ROLE_PANE_TITLE_FOCUSED,
    ROLE_LIST,
    ROLE_SELECTED,
    ROLE_SELECTED_UNFOCUSED,
    ROLE_ANCILLARY,
    ROLE_MARKED,
    ROLE_SEARCH_MATCH,
    ROLE_CURRENT_MATCH,
    ROLE_BORDER,
    ROLE_OK,
    ROLE_WARNING,
    ROLE_ERROR,
    ROLE_FIELD,
    ROLE_FIELD_ACTIVE,
    ROLE_FIELD_EDITING,      /* the field being typed into */
    ROLE_GAUGE,
    ROLE_CHART,
    ROLE_COUNT
} ui_role;

enum {
    THEME_BOLD = 1 << 0,
    THEME_DIM = 1 << 1,
    THEME_ITALIC = 1 << 2,
    THEME_UNDERLINE = 1 << 3,
    THEME_REVERSE = 1 << 4,
};

#define THEME_DEFAULT_COLOUR (-1)

typedef struct {
    short foreground;   /* 0-255, or THEME_DEFAULT_COLOUR */
    short background;
    unsigned attributes; /* THEME_BOLD | ... */
} theme_style;

#define THEME_ERROR_SIZE 512

typedef struct {
    char name[64];
    theme_style styles[ROLE_COUNT];
    char error[THEME_ERROR_SIZE]; /* first problem found, "file:line: why"; "" if none */
    size_t error_count;
} theme;

/* The built-in styles (attributes only, no colour): used by "mono" when
 * its file is missing, and as the base every theme file overrides. */
void theme_init_builtin(theme *t, const char *name);

/* Applies the lines of a theme file to `t`. A bad line is counted and the
 * first one described in t->error; the others still apply. */
void theme_parse(theme *t, const char *path, const char *text, size_t length);

/* Finds <dir>/<name>.theme in the search path (BRIEFING_THEME_DIR,
 * $XDG_CONFIG_HOME/briefing/themes, ~/.config/briefing/themes, the
 * executable's ../themes and ../share/briefing/themes) and parses it. False
 * with a message listing where it looked when no file is found. */
bool theme_load(theme *t, const char *name, char *error, size_t error_size);

const char *theme_role_name(ui_role role);
bool theme_role_by_name(const char *name, ui_role *role);

/* A colour the terminal can show: itself when below `colours`, else the
 * nearest of the 8 basic colours (for 16-colour, 256-colour cube and grey
 * ramp values). */
short theme_degrade_colour(short colour, int colours);

#endif
