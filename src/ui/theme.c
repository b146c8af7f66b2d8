/* theme: theme files ("role = foreground background attributes") into a
 * style per role. Pure text processing; curses is theme_apply.c's business.
 * The file format is documented at the top of themes/default.theme.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "briefing/strbuf.h"
#include "ui/theme.h"

#define THEME_FILE_MAX_BYTES (64 * 1024)
/* $BRIEFING_THEME_DIR, the config folder, two beside the program, the installed one. */
#define THEME_SEARCH_DIRS 5

/* Role names as written in theme files, and the built-in (colourless) look
 * each role has before a file says otherwise. */
static const struct {
    const char *name;
    unsigned builtin;
} theme_roles[ROLE_COUNT] = {
    [ROLE_BODY] = {"body", 0},
    [STYLE_HEADING1] = {"heading1", THEME_BOLD | THEME_UNDERLINE},
    [STYLE_HEADING2] = {"heading2", THEME_BOLD},
    [STYLE_HEADING3] = {"heading3", THEME_BOLD},
    [STYLE_STRONG] = {"strong", THEME_BOLD},
    [STYLE_EMPHASIS] = {"emphasis", THEME_UNDERLINE},
    [STYLE_CODE] = {"code", THEME_DIM},
    [STYLE_TABLE] = {"table", 0},
    [STYLE_BULLET] = {"bullet", THEME_BOLD},
    [STYLE_RULE] = {"rule", THEME_DIM},
    [STYLE_LINK] = {"link", THEME_UNDERLINE},
    [STYLE_QUOTE] = {"quote", THEME_DIM},
    [ROLE_TITLE_BAR] = {"title_bar", THEME_REVERSE},
    [ROLE_STATUS] = {"status", 0},
    [ROLE_KEY_BAR] = {"key_bar", THEME_REVERSE},
    [ROLE_KEY] = {"key", THEME_REVERSE | THEME_BOLD},
    [ROLE_PANE_TITLE] = {"pane_title", THEME_BOLD},
    [ROLE_PANE_TITLE_FOCUSED] = {"pane_title_focused", THEME_BOLD | THEME_UNDERLINE},
    [ROLE_LIST] = {"list", 0},
    [ROLE_SELECTED] = {"selected", THEME_REVERSE},
    [ROLE_SELECTED_UNFOCUSED] = {"selected_unfocused", THEME_BOLD | THEME_UNDERLINE},
    [ROLE_ANCILLARY] = {"ancillary", THEME_DIM},
    [ROLE_MARKED] = {"marked", THEME_BOLD},
    [ROLE_SEARCH_MATCH] = {"search_match", THEME_REVERSE},
    [ROLE_CURRENT_MATCH] = {"current_match", THEME_REVERSE | THEME_BOLD | THEME_UNDERLINE},
    [ROLE_BORDER] = {"border", THEME_DIM},
    [ROLE_OK] = {"ok", THEME_BOLD},
    [ROLE_WARNING] = {"warning", THEME_BOLD},
    [ROLE_ERROR] = {"error", THEME_BOLD | THEME_REVERSE},
    [ROLE_FIELD] = {"field", THEME_UNDERLINE},
    [ROLE_FIELD_ACTIVE] = {"field_active", THEME_REVERSE},
    [ROLE_FIELD_EDITING] = {"field_editing", THEME_REVERSE | THEME_BOLD | THEME_UNDERLINE},
    [ROLE_GAUGE] = {"gauge", THEME_REVERSE},
    [ROLE_CHART] = {"chart", THEME_BOLD},
};

static const char *const theme_colour_names[] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

static const struct {
    const char *name;
    unsigned bit;
} theme_attribute_names[] = {
    {"bold", THEME_BOLD},         {"dim", THEME_DIM},         {"italic", THEME_ITALIC},
    {"underline", THEME_UNDERLINE}, {"reverse", THEME_REVERSE}, {"normal", 0},
};

const char *theme_role_name(ui_role role)
{
    return role < ROLE_COUNT ? theme_roles[role].name : "?";
}

bool theme_role_by_name(const char *name, ui_role *role)
{
    for (int i = 0; i < ROLE_COUNT; i++) {
        if (strcasecmp(theme_roles[i].name, name) == 0) {
            *role = (ui_role)i;
            return true;
        }
    }
    return false;
}

void theme_init_builtin(theme *t, const char *name)
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    for (int i = 0; i < ROLE_COUNT; i++) {
        t->styles[i].foreground = THEME_DEFAULT_COLOUR;
        t->styles[i].background = THEME_DEFAULT_COLOUR;
        t->styles[i].attributes = theme_roles[i].builtin;
    }
}

static bool theme_parse_colour(const char *word, short *out)
{
    if (strcasecmp(word, "default") == 0) {
        *out = THEME_DEFAULT_COLOUR;
        return true;
    }
    for (size_t i = 0; i < sizeof theme_colour_names / sizeof theme_colour_names[0]; i++) {
        if (strcasecmp(word, theme_colour_names[i]) == 0) {
            *out = (short)i;
            return true;
        }
    }
    char *end;
    long number = strtol(word, &end, 10);
    if (!isdigit((unsigned char)word[0]) || *end || number > 255)
        return false;
    *out = (short)number;
    return true;
}

static bool theme_parse_attribute(const char *word, unsigned *bits)
{
    for (size_t i = 0; i < sizeof theme_attribute_names / sizeof theme_attribute_names[0]; i++) {
        if (strcasecmp(word, theme_attribute_names[i].name) == 0) {
            *bits |= theme_attribute_names[i].bit;
            return true;
        }
    }
    return false;
}

static void theme_complain(theme *t, const char *path, int line, const char *fmt, const char *word)
{
    if (t->error_count++ > 0)
        return;
    char why[256];
    snprintf(why, sizeof why, fmt, word);
    snprintf(t->error, sizeof t->error, "%s:%d: %s", path, line, why);
}

/* One "role = foreground background [attribute...]" line, comments and
 * surrounding blanks already removed. */
static void theme_parse_line(theme *t, const char *path, int line_number, char *line)
{
    char *equals = strchr(line, '=');
    if (!equals) {
        theme_complain(t, path, line_number, "expected \"role = foreground background attributes\"%s", "");
        return;
    }
    *equals = '\0';
    char *save;
    char *role_name = strtok_r(line, " \t", &save);
    ui_role role;
    if (!role_name || !theme_role_by_name(role_name, &role)) {
        theme_complain(t, path, line_number, "unknown role \"%s\"", role_name ? role_name : "");
        return;
    }
    theme_style style = {THEME_DEFAULT_COLOUR, THEME_DEFAULT_COLOUR, 0};
    char *word;
    int position = 0;
    for (char *rest = equals + 1; (word = strtok_r(rest, " \t", &save)) != NULL;
         rest = NULL, position++) {
        bool ok = position == 0   ? theme_parse_colour(word, &style.foreground)
                  : position == 1 ? theme_parse_colour(word, &style.background)
                                  : theme_parse_attribute(word, &style.attributes);
        if (!ok) {
            theme_complain(t, path, line_number,
                           position < 2 ? "\"%s\" is not a colour (default, black..white, 0-255)"
                                        : "\"%s\" is not an attribute (bold dim italic underline reverse normal)",
                           word);
            return;
        }
    }
    if (position < 2) {
        theme_complain(t, path, line_number, "%s needs a foreground and a background", role_name);
        return;
    }
    t->styles[role] = style;
}

void theme_parse(theme *t, const char *path, const char *text, size_t length)
{
    int line_number = 0;
    for (size_t start = 0; start < length;) {
        const char *newline = memchr(text + start, '\n', length - start);
        size_t end = newline ? (size_t)(newline - text) : length;
        line_number++;
        char line[512];
        size_t n = end - start < sizeof line - 1 ? end - start : sizeof line - 1;
        memcpy(line, text + start, n);
        line[n] = '\0';
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *first = line + strspn(line, " \t\r");
        if (*first)
            theme_parse_line(t, path, line_number, first);
        start = end + 1;
    }
}

/* Candidate directories, most specific first, into `dirs` (each PATH_MAX). */
static size_t theme_search_path(char dirs[][PATH_MAX], size_t max)
{
    size_t count = 0;
    const char *explicit_dir = getenv("BRIEFING_THEME_DIR");
    if (explicit_dir && *explicit_dir && count < max)
        snprintf(dirs[count++], PATH_MAX, "%s", explicit_dir);
    const char *config = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (config && *config && count < max)
        snprintf(dirs[count++], PATH_MAX, "%s/briefing/themes", config);
    else if (home && *home && count < max)
        snprintf(dirs[count++], PATH_MAX, "%s/.config/briefing/themes", home);
    char executable[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", executable, sizeof executable - 1);
    if (n > 0) {
        executable[n] = '\0';
        char *slash = strrchr(executable, '/');
        if (slash)
            *slash = '\0';
        if (count < max)
            snprintf(dirs[count++], PATH_MAX, "%s/../themes", executable);
        if (count < max)
            snprintf(dirs[count++], PATH_MAX, "%s/../share/briefing/themes", executable);
    }
    /* Where `cmake --install` put them (CMakeLists.txt defines it), for a
     * binary moved or linked away from its share/ folder. */
    if (count < max)
        snprintf(dirs[count++], PATH_MAX, "%s", BRIEFING_THEME_INSTALL_DIR);
    return count;
}

bool theme_load(theme *t, const char *name, char *error, size_t error_size)
{
    theme_init_builtin(t, name);
    if (!*name || strchr(name, '/')) {
        snprintf(error, error_size, "theme \"%s\": a theme is a name, not a path", name);
        return false;
    }
    char dirs[THEME_SEARCH_DIRS][PATH_MAX];
    size_t dir_count = theme_search_path(dirs, THEME_SEARCH_DIRS);
    strbuf looked = STRBUF_INIT;
    for (size_t i = 0; i < dir_count; i++) {
        char path[PATH_MAX + 80];
        snprintf(path, sizeof path, "%s/%s.theme", dirs[i], name);
        strbuf text = STRBUF_INIT;
        if (strbuf_read_file(&text, path, THEME_FILE_MAX_BYTES) == 0) {
            theme_parse(t, path, strbuf_cstr(&text), text.len);
            strbuf_free(&text);
            strbuf_free(&looked);
            return true;
        }
        int read_errno = errno;
        strbuf_free(&text);
        if (read_errno != ENOENT) {
            snprintf(error, error_size, "%s: %s", path, strerror(read_errno));
            strbuf_free(&looked);
            return false;
        }
        strbuf_printf(&looked, "%s%s", i ? ", " : "", dirs[i]);
    }
    snprintf(error, error_size, "theme \"%s\" not found (looked in %s)", name,
             looked.len ? strbuf_cstr(&looked) : "no directory");
    strbuf_free(&looked);
    return false;
}

short theme_degrade_colour(short colour, int colours)
{
    if (colour < 0 || colour < colours)
        return colour;
    if (colour < 16)
        return (short)(colour % 8);
    if (colour >= 232) /* grey ramp: dark half black, light half white */
        return colour < 244 ? 0 : 7;
    int cube = colour - 16; /* 6x6x6: red, green, blue each 0-5 */
    int red = cube / 36 >= 3, green = cube / 6 % 6 >= 3, blue = cube % 6 >= 3;
    return (short)(red | green << 1 | blue << 2); /* curses: red 1, green 2, blue 4 */
}
