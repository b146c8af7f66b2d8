/* send_diff: this report now against the copy that last went out (the
 * archived .txt of its latest `sent` delivery): a unified line diff, and
 * above it the money figures that moved, "Revenue $3,700 → $4,100", so
 * the operator reads what changed in the numbers before confirming.
 *
 * The line diff is a longest-common-subsequence table: reports are a few
 * hundred lines, so n×m cells are cheap; past SEND_DIFF_MAX_CELLS every
 * line counts as changed rather than using the memory. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/render.h"
#include "briefing/send.h"
#include "send/send_internal.h"

enum { SEND_DIFF_CONTEXT = 3, SEND_DIFF_MAX_CELLS = 16 * 1024 * 1024 };


/* Splits `text` in place at '\n' (the last line may lack one). */
static void send_diff_split(char *text, send_diff_lines *out)
{
    size_t capacity = 1;
    for (const char *p = text; *p; p++)
        capacity += *p == '\n';
    out->lines = calloc(capacity, sizeof *out->lines);
    out->lengths = calloc(capacity, sizeof *out->lengths);
    if (!out->lines || !out->lengths)
        abort();
    out->count = 0;
    for (char *p = text; *p;) {
        char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        out->lines[out->count] = p;
        out->lengths[out->count++] = n;
        p += n + (end != NULL);
    }
}

static bool send_diff_same(const send_diff_lines *a, size_t i, const send_diff_lines *b, size_t j)
{
    return a->lengths[i] == b->lengths[j] && memcmp(a->lines[i], b->lines[j], a->lengths[i]) == 0;
}

/* One edit: ' ' kept, '-' only in the sent copy, '+' only now. */
typedef struct {
    char op;
    size_t old_line;          /* index in the sent copy (kept, '-') */
    size_t new_line;          /* index now (kept, '+') */
} send_diff_edit;

/* The edit script old → new (malloc'ed; *count edits). */
static send_diff_edit *send_diff_script(const send_diff_lines *a, const send_diff_lines *b,
                                        size_t *count)
{
    size_t n = a->count, m = b->count;
    send_diff_edit *edits = calloc(n + m + 1, sizeof *edits);
    if (!edits)
        abort();
    size_t k = 0;
    if ((n + 1) * (m + 1) > SEND_DIFF_MAX_CELLS) {
        for (size_t i = 0; i < n; i++)
            edits[k++] = (send_diff_edit){'-', i, 0};
        for (size_t j = 0; j < m; j++)
            edits[k++] = (send_diff_edit){'+', n, j};
        *count = k;
        return edits;
    }
    /* lcs[i][j]: the longest common subsequence of a[i..] and b[j..]. */
    unsigned *lcs = calloc((n + 1) * (m + 1), sizeof *lcs);
    if (!lcs)
        abort();
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            lcs[i * (m + 1) + j] = send_diff_same(a, i, b, j)
                                       ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                                       : (lcs[(i + 1) * (m + 1) + j] > lcs[i * (m + 1) + j + 1]
                                              ? lcs[(i + 1) * (m + 1) + j]
                                              : lcs[i * (m + 1) + j + 1]);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && send_diff_same(a, i, b, j))
            edits[k++] = (send_diff_edit){' ', i++, j++};
        else if (i < n && (j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]))
            edits[k++] = (send_diff_edit){'-', i++, j}; /* removals first, as diff(1) */
        else
            edits[k++] = (send_diff_edit){'+', i, j++};
    }
    free(lcs);
    *count = k;
    return edits;
}

/* The index after the last change of the hunk that starts with the change
 * at `e`: changes closer than 2×context lines share a hunk. */
static size_t send_diff_hunk_end(const send_diff_edit *edits, size_t count, size_t e)
{
    size_t last_change = e;
    for (size_t k = e; k < count;) {
        if (edits[k].op != ' ') {
            last_change = k++;
            continue;
        }
        size_t run = k;
        while (run < count && edits[run].op == ' ')
            run++;
        if (run == count || run - k > 2 * SEND_DIFF_CONTEXT)
            break;
        k = run;
    }
    return last_change + 1;
}

/* Writes the hunks of `edits` with SEND_DIFF_CONTEXT lines around each
 * change; returns how many lines changed. */
static size_t send_diff_hunks(const send_diff_edit *edits, size_t count, const send_diff_lines *a,
                              const send_diff_lines *b, strbuf *out)
{
    size_t changed = 0;
    for (size_t e = 0; e < count;) {
        while (e < count && edits[e].op == ' ')
            e++;
        if (e == count)
            break;
        size_t first = e > SEND_DIFF_CONTEXT ? e - SEND_DIFF_CONTEXT : 0;
        size_t last = send_diff_hunk_end(edits, count, e) + SEND_DIFF_CONTEXT;
        if (last > count)
            last = count;
        size_t old_count = 0, new_count = 0;
        for (size_t k = first; k < last; k++) {
            old_count += edits[k].op != '+';
            new_count += edits[k].op != '-';
        }
        strbuf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", edits[first].old_line + 1, old_count,
                      edits[first].new_line + 1, new_count);
        for (size_t k = first; k < last; k++) {
            const send_diff_lines *side = edits[k].op == '+' ? b : a;
            size_t line = edits[k].op == '+' ? edits[k].new_line : edits[k].old_line;
            strbuf_printf(out, "%c%.*s\n", edits[k].op, (int)side->lengths[line], side->lines[line]);
            changed += edits[k].op != ' ';
        }
        e = last;
    }
    return changed;
}

/* One amount: "$" then digits, commas and dots between digits, and an
 * optional K/M. A comma or dot after the last digit is the sentence's
 * ("$379, Queen…"), not the amount's. Returns its length or 0. */
static size_t send_diff_amount_at(const char *s, size_t n)
{
    if (n < 2 || s[0] != '$' || !isdigit((unsigned char)s[1]))
        return 0;
    size_t i = 1;
    while (i < n && (isdigit((unsigned char)s[i]) ||
                     ((s[i] == ',' || s[i] == '.') && i + 1 < n && isdigit((unsigned char)s[i + 1]))))
        i++;
    if (i < n && (s[i] == 'K' || s[i] == 'M'))
        i++;
    return i;
}

/* A range separator before a second amount ("-", "–", "—"); its length. */
static size_t send_diff_range_at(const char *s, size_t n)
{
    if (n >= 1 && s[0] == '-')
        return 1;
    if (n >= 3 && (memcmp(s, "\xE2\x80\x93", 3) == 0 || memcmp(s, "\xE2\x80\x94", 3) == 0))
        return 3;
    return 0;
}

/* A money figure as a reader sees it: an amount, an optional range to a
 * second amount, and an optional period ("/month", or "/" where the text
 * wrapped). "$1,238–$2,348/month" is one figure. Returns its length or 0. */
size_t send_diff_money_at(const char *s, size_t n)
{
    size_t i = send_diff_amount_at(s, n);
    if (!i)
        return 0;
    size_t dash = send_diff_range_at(s + i, n - i);
    size_t high = dash ? send_diff_amount_at(s + i + dash, n - i - dash) : 0;
    if (high)
        i += dash + high;
    if (i < n && s[i] == '/')
        for (i++; i < n && isalpha((unsigned char)s[i]);)
            i++;
    return i;
}

/* Each figure of the sent copy whose label is still there now with
 * another value: "label: old → new", in the sent copy's order. A figure
 * whose label is gone on either side is left to the line diff. */
static void send_diff_money(const send_diff_lines *a, const send_diff_lines *b, strbuf *out)
{
    send_figures before = {0}, after = {0};
    send_figures_scan(a, &before);
    send_figures_scan(b, &after);
    for (size_t i = 0; i < before.count; i++)
        for (size_t k = 0; k < after.count; k++) {
            if (strcmp(before.items[i].key, after.items[k].key) != 0)
                continue;
            if (strcmp(before.items[i].figure, after.items[k].figure) != 0)
                strbuf_printf(out, "%s: %s → %s\n", before.items[i].label,
                              before.items[i].figure, after.items[k].figure);
            break;
        }
    send_figures_free(&before);
    send_figures_free(&after);
}

void send_diff_text(const char *sent, const char *now, send_diff_result *out)
{
    char *old_copy = strdup(sent), *new_copy = strdup(now);
    if (!old_copy || !new_copy)
        abort();
    send_diff_lines a, b;
    send_diff_split(old_copy, &a);
    send_diff_split(new_copy, &b);
    size_t count = 0;
    send_diff_edit *edits = send_diff_script(&a, &b, &count);
    send_diff_money(&a, &b, &out->moved);
    out->changed_lines = send_diff_hunks(edits, count, &a, &b, &out->unified);
    free(edits);
    free(a.lines);
    free(a.lengths);
    free(b.lines);
    free(b.lengths);
    free(old_copy);
    free(new_copy);
}

/* The latest `sent` delivery of `target`; false when there is none. */
static bool send_diff_last_sent(ledger *l, const report_target *target, ledger_delivery *out,
                                char *error, size_t error_size)
{
    ledger_filter filter = {.persona = report_personas[target->persona].id,
                            .scope = target->scope, .has_state = true,
                            .state = DELIVERY_SENT, .limit = 1};
    ledger_delivery *list = NULL;
    size_t count = 0;
    if (!ledger_list(l, &filter, &list, &count, error, error_size))
        return false;
    if (count == 0) {
        snprintf(error, error_size, "%s/%s has no sent version in %s to compare with",
                 report_personas[target->persona].id, target->scope, ledger_path(l));
        ledger_deliveries_free(list, count);
        return false;
    }
    *out = list[0];
    memset(&list[0], 0, sizeof list[0]); /* its strings are out's now */
    ledger_deliveries_free(list, count);
    return true;
}

/* The archived text of `d`: the .txt beside its .eml, wherever the
 * archive keeps it (a folder or S3). */
static bool send_diff_read_sent(const briefing_config *c, const ledger_delivery *d, strbuf *out,
                                char *error, size_t error_size)
{
    char why[768];
    if (d->archive_path && *d->archive_path &&
        send_archive_read(c, d->archive_path, "txt", NULL, out, why, sizeof why))
        return true;
    snprintf(error, error_size, "delivery %lld: its archived text cannot be read: %s",
             (long long)d->id, d->archive_path && *d->archive_path ? why : "(none recorded)");
    return false;
}

bool send_diff_against_sent(const briefing_config *c, const report_target *target,
                            const char *text, send_diff_result *out, char *error,
                            size_t error_size)
{
    memset(out, 0, sizeof *out);
    if (!report_target_valid(c->portfolio, target, error, error_size))
        return false;
    /* diff only reads: a ledger that does not exist yet is "no sent
     * version", never created (as log, ledger_open_existing). */
    int recovered = 0;
    bool missing = false;
    ledger *l = send_ledger_open_named(c->overrides.ledger_path, c, NULL, true, &missing,
                                       &recovered, error, error_size);
    out->no_sent_version = true; /* until the ledger shows one */
    if (!l) {
        out->no_sent_version = missing;
        if (missing) {
            char why[1024];
            snprintf(why, sizeof why, "%s", error);
            snprintf(error, error_size, "%s/%s has no sent version to compare with: %s",
                     report_personas[target->persona].id, target->scope, why);
        }
        return false;
    }
    ledger_delivery last;
    bool found = send_diff_last_sent(l, target, &last, error, error_size);
    ledger_close(l);
    if (!found)
        return false;
    out->no_sent_version = false;
    out->delivery_id = last.id;
    out->sent_at = last.created_at;
    strbuf sent = STRBUF_INIT;
    bool ok = send_diff_read_sent(c, &last, &sent, error, error_size);
    ledger_delivery_clear(&last);
    if (ok)
        send_diff_text(strbuf_cstr(&sent), text, out);
    strbuf_free(&sent);
    return ok;
}

bool send_diff_report(const briefing_config *c, const report_target *target, time_t now,
                      send_diff_result *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    if (!report_target_valid(c->portfolio, target, error, error_size))
        return false;
    report_options options = {.now = now};
    strbuf markdown = STRBUF_INIT, text = STRBUF_INIT;
    report_render(c->portfolio, target, &options, &markdown);
    render_text(strbuf_cstr(&markdown), markdown.len, RENDER_TEXT_WIDTH, &text);
    bool ok = send_diff_against_sent(c, target, strbuf_cstr(&text), out, error, error_size);
    strbuf_free(&markdown);
    strbuf_free(&text);
    return ok;
}

void send_diff_free(send_diff_result *d)
{
    strbuf_free(&d->moved);
    strbuf_free(&d->unified);
}
