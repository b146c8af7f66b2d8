/* theme_apply: which theme (--theme, then BRIEFING_THEME, then "default";
 * NO_COLOR always "mono"), and the parsed theme into curses attributes, one
 * colour pair per role. Colours the terminal lacks degrade to the 8 basic ones; a terminal
 * without colour (or NO_COLOR, which picks the mono theme) keeps only the
 * attributes, which every theme sets so it still reads in monochrome. */
#include <curses.h>
#include <stdlib.h>

#include "ui/ui_internal.h"

static attr_t theme_curses_attributes(unsigned bits)
{
    attr_t attributes = A_NORMAL;
    if (bits & THEME_BOLD)
        attributes |= A_BOLD;
    if (bits & THEME_DIM)
        attributes |= A_DIM;
    if (bits & THEME_ITALIC)
        attributes |= A_ITALIC;
    if (bits & THEME_UNDERLINE)
        attributes |= A_UNDERLINE;
    if (bits & THEME_REVERSE)
        attributes |= A_REVERSE;
    return attributes;
}

static bool theme_uses_colour(const theme *t)
{
    for (int i = 0; i < ROLE_COUNT; i++) {
        if (t->styles[i].foreground != THEME_DEFAULT_COLOUR ||
            t->styles[i].background != THEME_DEFAULT_COLOUR)
            return true;
    }
    return false;
}

void theme_apply(ui_state *s)
{
    bool colour = has_colors() && theme_uses_colour(&s->theme);
    if (colour) {
        start_color();
        use_default_colors();
    }
    for (int role = 0; role < ROLE_COUNT; role++) {
        const theme_style *style = &s->theme.styles[role];
        attr_t attributes = theme_curses_attributes(style->attributes);
        if (colour && role + 1 < COLOR_PAIRS) {
            init_pair((short)(role + 1), theme_degrade_colour(style->foreground, COLORS),
                      theme_degrade_colour(style->background, COLORS));
            attributes |= COLOR_PAIR(role + 1);
        }
        s->styles[role] = (int)attributes;
    }
}

void theme_choose(ui_state *s)
{
    const char *no_colour = getenv("NO_COLOR"), *from_environment = getenv("BRIEFING_THEME");
    const char *name = s->options.theme ? s->options.theme
                       : from_environment && *from_environment ? from_environment
                                                               : "default";
    if (no_colour && *no_colour)
        name = "mono"; /* https://no-color.org: the operator asked for no colour */
    char error[512];
    if (!theme_load(&s->theme, name, error, sizeof error))
        ui_set_message(s, ROLE_ERROR, "%s; using the built-in monochrome look", error);
    else if (s->theme.error_count)
        ui_set_message(s, ROLE_ERROR, "theme: %zu bad line(s), first %s", s->theme.error_count,
                       s->theme.error);
}
