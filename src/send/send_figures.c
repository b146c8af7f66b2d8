/* send_figures: every money figure of a text report with the label a
 * reader gives it, so the diff pairs "Revenue" with revenue's own figures
 * in the sent copy and now (issue 13: pairing by line put gross burn's
 * figure under "Revenue").
 *
 * The text is the one render_text draws: sections are a title over a rule
 * of '-' or '='; a table is header lines over a rule of dash runs (one per
 * column), then rows, one line each, or, when any row wraps, blocks apart
 * by a blank line (render/table_layout.c); the rest is paragraphs and
 * bullets ("- ") wrapped with a two-blank indent.
 *
 * Labels (docs/sending.md, `briefing diff`):
 * - a table cell's figure: "<row's first cell> · <column header>";
 * - a sentence's figure: the words just before it back to punctuation or
 *   the previous figure ("net burn $1,793" → "net burn"), else the words
 *   just after it ("$24,000 cash" → "cash"), else, after a lone comma, the
 *   clause before it ("largest: Slip rent (JADA), $1,650" → "Slip rent
 *   (JADA)"), else, inside parentheses, the
 *   label of the figure before them (a range or share of it), else the
 *   bullet's subject marked "unlabelled figure";
 * - a bullet's subject ("Surplus target: …") precedes each label of its
 *   sentence ("Surplus target — revenue").
 * Each label is prefixed by its section; a key repeated in one text gets
 * "#2", "#3" so that the n-th is compared with the n-th. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "send/send_internal.h"

enum { FIGURES_MAX_COLUMNS = 16, FIGURES_TEXT = 1024 };

static void figures_add(send_figures *list, const char *section, const char *label,
                        const char *figure, size_t figure_length)
{
    char key[sizeof list->items[0].key];
    snprintf(key, sizeof key, "%s%s%s", section, section[0] ? " › " : "", label);
    size_t repeat = 1;
    for (size_t i = 0; i < list->count; i++)
        repeat += strcmp(list->items[i].base, key) == 0;
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? 2 * list->capacity : 64;
        list->items = realloc(list->items, list->capacity * sizeof *list->items);
        if (!list->items)
            abort();
    }
    send_figure *f = &list->items[list->count++];
    snprintf(f->base, sizeof f->base, "%s", key);
    if (repeat > 1)
        snprintf(f->key, sizeof f->key, "%s#%zu", key, repeat);
    else
        snprintf(f->key, sizeof f->key, "%s", key);
    snprintf(f->label, sizeof f->label, "%s", key);
    snprintf(f->figure, sizeof f->figure, "%.*s", (int)figure_length, figure);
}

static bool figures_blank(const send_diff_lines *t, size_t i)
{
    for (size_t k = 0; k < t->lengths[i]; k++)
        if (t->lines[i][k] != ' ')
            return false;
    return true;
}

/* A line of only `c` (a section's rule). */
static bool figures_all(const send_diff_lines *t, size_t i, char c)
{
    if (t->lengths[i] == 0)
        return false;
    for (size_t k = 0; k < t->lengths[i]; k++)
        if (t->lines[i][k] != c)
            return false;
    return true;
}

/* The columns of a table rule "-----  ---  ----": at least two runs. */
typedef struct {
    size_t start[FIGURES_MAX_COLUMNS], end[FIGURES_MAX_COLUMNS];
    size_t count;
} figures_columns;

static bool figures_rule(const send_diff_lines *t, size_t i, figures_columns *out)
{
    const char *s = t->lines[i];
    size_t n = t->lengths[i];
    out->count = 0;
    for (size_t k = 0; k < n;) {
        if (s[k] == ' ') {
            k++;
            continue;
        }
        if (s[k] != '-' || out->count == FIGURES_MAX_COLUMNS)
            return false;
        out->start[out->count] = k;
        while (k < n && s[k] == '-')
            k++;
        out->end[out->count++] = k;
    }
    return out->count >= 2;
}

/* The byte offset of display column `column` of line i (columns count
 * code points: the rule is drawn in columns, "–" takes three bytes). */
static size_t figures_byte_at(const send_diff_lines *t, size_t i, size_t column)
{
    size_t k = 0;
    for (size_t seen = 0; k < t->lengths[i]; k++) {
        if (((unsigned char)t->lines[i][k] & 0xC0) == 0x80)
            continue;
        if (seen++ == column)
            return k;
    }
    return k;
}

/* A row line keeps blanks in every gap between columns. */
static bool figures_fits(const send_diff_lines *t, size_t i, const figures_columns *c)
{
    for (size_t col = 1; col < c->count; col++)
        for (size_t k = figures_byte_at(t, i, c->end[col - 1]);
             k < figures_byte_at(t, i, c->start[col]); k++)
            if (t->lines[i][k] != ' ')
                return false;
    return true;
}

/* Appends `piece` trimmed to `cell`: a blank between pieces unless the
 * previous one ended where a wrapped word breaks ('/', '-', en dash). */
static void figures_join(char *cell, size_t size, const char *piece, size_t n)
{
    while (n && *piece == ' ')
        piece++, n--;
    while (n && piece[n - 1] == ' ')
        n--;
    if (!n)
        return;
    size_t used = strlen(cell);
    bool glued = used && (cell[used - 1] == '/' || cell[used - 1] == '-' ||
                          (used >= 3 && memcmp(cell + used - 3, "\xE2\x80\x93", 3) == 0));
    snprintf(cell + used, size - used, "%s%.*s", used && !glued ? " " : "", (int)n, piece);
}

/* Column `col` of lines [first, last) joined. */
static void figures_cell(const send_diff_lines *t, size_t first, size_t last,
                         const figures_columns *c, size_t col, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = first; i < last; i++) {
        size_t start = figures_byte_at(t, i, c->start[col]);
        size_t end = col + 1 < c->count ? figures_byte_at(t, i, c->start[col + 1]) : t->lengths[i];
        if (start >= t->lengths[i])
            continue;
        figures_join(out, size, t->lines[i] + start, end - start);
    }
}

/* A cell of digits only: a rank ("#"), which moves when the table
 * re-sorts, so it cannot name its row. */
static bool figures_rank(const char *cell)
{
    if (!cell[0])
        return false;
    for (const char *c = cell; *c; c++)
        if (!isdigit((unsigned char)*c))
            return false;
    return true;
}

static void figures_row(const send_diff_lines *t, size_t first, size_t last,
                        const figures_columns *c, char header[][FIGURES_TEXT],
                        const char *section, send_figures *list)
{
    char row[FIGURES_TEXT], cell[FIGURES_TEXT], label[2 * FIGURES_TEXT + 8];
    size_t name = 0; /* the column naming the row */
    figures_cell(t, first, last, c, name, row, sizeof row);
    if (figures_rank(row) && c->count > 2)
        figures_cell(t, first, last, c, ++name, row, sizeof row);
    for (size_t col = name + 1; col < c->count; col++) {
        figures_cell(t, first, last, c, col, cell, sizeof cell);
        snprintf(label, sizeof label, "%s · %s", row, header[col]);
        for (size_t k = 0, n = strlen(cell); k < n;) {
            size_t figure = send_diff_money_at(cell + k, n - k);
            if (figure)
                figures_add(list, section, label, cell + k, figure);
            k += figure ? figure : 1;
        }
    }
}

/* The table whose header starts at `first` and rule is at `rule`; returns
 * the line after it. */
static size_t figures_table(const send_diff_lines *t, size_t first, size_t rule,
                            const figures_columns *c, const char *section, send_figures *list)
{
    char (*header)[FIGURES_TEXT] = calloc(c->count, sizeof *header);
    if (!header)
        abort();
    for (size_t col = 0; col < c->count; col++)
        figures_cell(t, first, rule, c, col, header[col], sizeof header[col]);
    size_t end = rule + 1;
    bool blocks = false; /* rows apart by blank lines: each block is a row */
    while (end < t->count) {
        if (!figures_blank(t, end)) {
            if (!figures_fits(t, end, c))
                break;
            end++;
            continue;
        }
        if (end + 1 >= t->count || figures_blank(t, end + 1) || !figures_fits(t, end + 1, c) ||
            (end + 2 < t->count && (figures_all(t, end + 2, '-') || figures_all(t, end + 2, '='))))
            break;
        blocks = true;
        end++;
    }
    for (size_t i = rule + 1; i < end;) {
        size_t last = i + 1;
        if (blocks)
            while (last < end && !figures_blank(t, last))
                last++;
        figures_row(t, i, last, c, header, section, list);
        i = last;
        while (i < end && figures_blank(t, i))
            i++;
    }
    free(header);
    return end;
}

/* Where a sentence's label stops: punctuation, an operator, a parenthesis. */
static size_t figures_boundary_at(const char *s, size_t n)
{
    if (n >= 1 && strchr("(),;:.=+", s[0]))
        return 1;
    if (n >= 2 && memcmp(s, "\xC3\xB7", 2) == 0) /* ÷ */
        return 2;
    if (n >= 3 && memcmp(s, "\xE2\x88\x92", 3) == 0) /* − */
        return 3;
    return 0;
}

/* Words that say how a figure relates, not what it is. */
static bool figures_filler(const char *word, size_t n)
{
    static const char *const filler[] = {"the", "a", "an", "at", "of", "is", "are", "against",
                                         "below", "above", "and", "or", "to", "with", "for",
                                         "by", "close", "than", "in", "on"};
    for (size_t i = 0; i < sizeof filler / sizeof *filler; i++)
        if (strlen(filler[i]) == n && strncmp(filler[i], word, n) == 0)
            return true;
    return false;
}

/* s[0, n) without blanks and filler words at either end, into `out`. */
static void figures_words(const char *s, size_t n, char *out, size_t size)
{
    for (;;) {
        while (n && *s == ' ')
            s++, n--;
        while (n && s[n - 1] == ' ')
            n--;
        size_t first = 0;
        while (first < n && s[first] != ' ')
            first++;
        if (n && figures_filler(s, first)) {
            s += first, n -= first;
            continue;
        }
        size_t last = n;
        while (last && s[last - 1] != ' ')
            last--;
        if (n && figures_filler(s + last, n - last)) {
            n = last;
            continue;
        }
        break;
    }
    snprintf(out, size, "%.*s", (int)n, s);
}

/* The words before the figure at `at` back to a boundary or `from`. */
static void figures_before(const char *s, size_t from, size_t at, char *out, size_t size)
{
    size_t start = from;
    for (size_t k = from; k < at;) {
        size_t b = figures_boundary_at(s + k, at - k);
        k += b ? b : 1;
        if (b)
            start = k;
    }
    figures_words(s + start, at - start, out, size);
}

/* The words after the figure ending at `at`, up to a boundary or figure. */
static void figures_after(const char *s, size_t n, size_t at, char *out, size_t size)
{
    size_t end = at;
    while (end < n && !figures_boundary_at(s + end, n - end) && s[end] != '$')
        end++;
    figures_words(s + at, end - at, out, size);
}

/* "largest: Slip rent (JADA), $1,650/month": only a comma before the
 * figure at `at`, so the clause before the comma names it, back to a `:`,
 * `;`, `.` or `from`, a parenthesized part kept. "" when no comma is there. */
static void figures_before_comma(const char *s, size_t from, size_t at, char *out, size_t size)
{
    out[0] = '\0';
    size_t comma = at;
    while (comma > from && s[comma - 1] == ' ')
        comma--;
    if (comma == from || s[comma - 1] != ',')
        return;
    comma--;
    size_t start = comma;
    for (int depth = 0; start > from; start--) {
        char c = s[start - 1];
        depth += (c == ')') - (c == '(');
        if (depth < 0 || (depth == 0 && strchr(":;.,", c)))
            break;
    }
    figures_words(s + start, comma - start, out, size);
}

/* Verbs that say which way a figure's money goes: a figure listed after
 * one under it ("JADA burns $2,800 and Queen of San Diego $42") carries it,
 * so burning $42 and making $78 are two labels, never one figure moved. */
static const char *const figures_direction_verbs[] = {"burns", "makes"};

/* The direction verb `label` ends with, or NULL. */
static const char *figures_direction(const char *label)
{
    const char *last = strrchr(label, ' ');
    last = last ? last + 1 : label;
    for (size_t i = 0; i < sizeof figures_direction_verbs / sizeof *figures_direction_verbs; i++)
        if (strcmp(last, figures_direction_verbs[i]) == 0)
            return figures_direction_verbs[i];
    return NULL;
}

/* Whether s[from, to) ends a list under one verb: a ';', ':' or '.'. */
static bool figures_list_ends(const char *s, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++)
        if (strchr(";:.", s[k]) && !(s[k] == '.' && k + 1 < to && isdigit((unsigned char)s[k + 1])))
            return true;
    return false;
}

/* The label of a figure in a list under `verb` gets the verb ("Queen of
 * San Diego" → "Queen of San Diego burns"); a label with its own verb
 * starts a new list. */
static void figures_carry_direction(char *label, size_t size, const char **verb)
{
    const char *own = figures_direction(label);
    if (own) {
        *verb = own;
        return;
    }
    if (*verb && label[0] && strcmp(label, "unlabelled figure") != 0) {
        size_t used = strlen(label);
        snprintf(label + used, size - used, " %s", *verb);
    }
}

/* One bullet or paragraph, its lines joined. */
static void figures_sentence(const char *s, const char *section, send_figures *list)
{
    size_t n = strlen(s), from = 0;
    if (n >= 2 && s[0] == '-' && s[1] == ' ')
        from = 2;
    char subject[FIGURES_TEXT] = "";
    const char *colon = strstr(s + from, ": ");
    if (colon && (size_t)(colon - s) - from < 60 && !memchr(s + from, '$', (size_t)(colon - s) - from))
        snprintf(subject, sizeof subject, "%.*s", (int)((size_t)(colon - s) - from), s + from);
    char label[FIGURES_TEXT], outside[FIGURES_TEXT] = "", shown[2 * FIGURES_TEXT + 8];
    int depth = 0;
    size_t figures = 0;
    const char *verb = NULL; /* the direction verb of the list being read */
    for (size_t k = from, after_last = from; k < n;) {
        size_t figure = send_diff_money_at(s + k, n - k);
        if (!figure) {
            depth += (s[k] == '(') - (s[k] == ')');
            k++;
            continue;
        }
        if (depth > 0 || figures_list_ends(s, after_last, k))
            verb = NULL;
        figures_before(s, after_last, k, label, sizeof label);
        if (label[0] && depth == 0)
            figures_carry_direction(label, sizeof label, &verb);
        if (!label[0])
            figures_after(s, n, k + figure, label, sizeof label);
        if (!label[0])
            figures_before_comma(s, after_last, k, label, sizeof label);
        if (!label[0] && depth > 0)
            snprintf(label, sizeof label, "%s", outside);
        if (!label[0] && !(figures == 0 && subject[0]))
            snprintf(label, sizeof label, "unlabelled figure");
        if (depth == 0)
            snprintf(outside, sizeof outside, "%s", label);
        if (subject[0] && label[0] && strcmp(label, subject) != 0)
            snprintf(shown, sizeof shown, "%s — %s", subject, label);
        else
            snprintf(shown, sizeof shown, "%s", label[0] ? label : subject);
        figures_add(list, section, shown, s + k, figure);
        figures++;
        k += figure;
        after_last = k;
    }
}

/* A section's title: a line over a rule of '-' or '=' as long. */
static bool figures_title(const send_diff_lines *t, size_t i)
{
    return i + 1 < t->count && !figures_blank(t, i) &&
           (figures_all(t, i + 1, '-') || figures_all(t, i + 1, '='));
}

/* The table starting at line i: its rule is the first line, within four,
 * before any blank line. */
static bool figures_table_at(const send_diff_lines *t, size_t i, size_t *rule, figures_columns *c)
{
    for (size_t k = i + 1; k < t->count && k < i + 5 && !figures_blank(t, k); k++)
        if (figures_rule(t, k, c)) {
            *rule = k;
            return true;
        }
    return false;
}

void send_figures_scan(const send_diff_lines *t, send_figures *list)
{
    char section[FIGURES_TEXT] = "", sentence[4 * FIGURES_TEXT];
    figures_columns columns;
    for (size_t i = 0; i < t->count;) {
        size_t rule = 0;
        if (figures_blank(t, i)) {
            i++;
        } else if (figures_title(t, i)) {
            snprintf(section, sizeof section, "%.*s", (int)t->lengths[i], t->lines[i]);
            i += 2;
        } else if (figures_table_at(t, i, &rule, &columns)) {
            i = figures_table(t, i, rule, &columns, section, list);
        } else {
            sentence[0] = '\0';
            do
                figures_join(sentence, sizeof sentence, t->lines[i], t->lengths[i]);
            while (++i < t->count && !figures_blank(t, i) && !figures_title(t, i) &&
                   !(t->lengths[i] >= 2 && t->lines[i][0] == '-' && t->lines[i][1] == ' '));
            figures_sentence(sentence, section, list);
        }
    }
}

void send_figures_free(send_figures *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}
