/* address: "Name <local@domain>" and "local@domain", as people type them,
 * and comma-separated lists of them.
 *
 * Display names may be anything printable in UTF-8, bare or quoted; they are
 * re-encoded when the header is written. The addr-spec itself is checked by
 * addr_spec.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mime_internal.h"

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static void trim(const char **s, size_t *n)
{
    while (*n > 0 && is_blank(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && is_blank((*s)[*n - 1]))
        (*n)--;
}

/* The first '<' outside quoted strings, or n. */
static size_t angle_open(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            i = mime_quoted_string_end(s + i, n - i) + i;
        else if (s[i] == '<')
            return i;
    }
    return n;
}

/* Whether '<' or '>' appears outside quoted strings: a quoted local part
 * ("a<b"@example.com) may hold them and still be a bare address. */
static bool angle_outside_quotes(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            i = mime_quoted_string_end(s + i, n - i) + i;
        else if (s[i] == '<' || s[i] == '>')
            return true;
    }
    return false;
}

static bool quotes_closed(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '"')
            continue;
        i += mime_quoted_string_end(s + i, n - i);
        if (i >= n)
            return false;
    }
    return true;
}

/* Splits the trimmed address into display name and addr-spec, unchecked. */
static void address_locate(const char *address, mime_address *parts)
{
    const char *s = address;
    size_t n = strlen(address);
    trim(&s, &n);
    memset(parts, 0, sizeof *parts);
    parts->addr_spec = s;
    parts->addr_spec_len = n;
    size_t open = angle_open(s, n);
    if (n == 0 || s[n - 1] != '>' || open == n)
        return;
    parts->addr_spec = s + open + 1;
    parts->addr_spec_len = n - open - 2;
    trim(&parts->addr_spec, &parts->addr_spec_len);
    parts->display = s;
    parts->display_len = open;
    trim(&parts->display, &parts->display_len);
    if (parts->display_len == 0)
        parts->display = NULL;
}

static bool fail(char *error, size_t error_size, const char *reason)
{
    snprintf(error, error_size, "%s", reason);
    return false;
}

static bool display_name_valid(const char *s, size_t n, char *error, size_t error_size)
{
    if (s[0] == '"') {
        if (mime_quoted_string_end(s, n) != n - 1)
            return fail(error, error_size, "has a display name whose quotes are not balanced");
        return true;
    }
    if (memchr(s, '"', n) || memchr(s, '<', n) || memchr(s, '>', n))
        return fail(error, error_size, "has '\"', '<' or '>' outside quotes in its display name");
    return true;
}

/* A header-text reason ("contains a line break", "not UTF-8 (byte 3)") as
 * the predicate that follows an address: "contains ...", "is not UTF-8 ...". */
static bool header_text_fail(const char *reason, char *error, size_t error_size)
{
    bool verb = strncmp(reason, "contains", 8) == 0;
    snprintf(error, error_size, "%s%s", verb ? "" : "is ", reason);
    return false;
}

bool mime_address_parse(const char *address, mime_address *parsed, char *error, size_t error_size)
{
    char reason[160];
    if (!address)
        return fail(error, error_size, "is missing");
    if (!mime_header_text_valid(address, reason, sizeof reason))
        return header_text_fail(reason, error, error_size);
    if (!quotes_closed(address))
        return fail(error, error_size, "has a '\"' that is not closed");
    address_locate(address, parsed);
    if (parsed->display && !display_name_valid(parsed->display, parsed->display_len, error, error_size))
        return false;
    if (!parsed->display && angle_outside_quotes(parsed->addr_spec, parsed->addr_spec_len))
        return fail(error, error_size, "has '<' or '>' that do not enclose the address");
    return mime_addr_spec_valid(parsed->addr_spec, parsed->addr_spec_len, error, error_size);
}

bool mime_address_valid(const char *address, char *error, size_t error_size)
{
    mime_address parsed;
    return mime_address_parse(address, &parsed, error, error_size);
}

/* The address between quotes as the operator typed it, with what a terminal
 * would act on (CR, LF, ESC...) written as \r, \n, \xNN. */
static void address_quote_typed(strbuf *out, const char *address)
{
    strbuf_putc(out, '"');
    for (const unsigned char *c = (const unsigned char *)address; *c; c++) {
        if (*c == '\r')
            strbuf_puts(out, "\\r");
        else if (*c == '\n')
            strbuf_puts(out, "\\n");
        else if (*c < 0x20 || *c == 0x7F)
            strbuf_printf(out, "\\x%02X", *c);
        else
            strbuf_putc(out, (char)*c);
    }
    strbuf_putc(out, '"');
}

/* Words with neither '@' nor '<' (a space or a non-ASCII letter in them)
 * are no address at all but a name: most often half of a display name
 * that a comma split ("Zoë Müller, CFO <…>"), which the addr-spec check
 * would blame on something else (not ASCII, no @). */
static bool address_is_name_only(const char *address)
{
    char reason[160];
    if (!address || !*address || strchr(address, '@') || strchr(address, '<') ||
        !mime_header_text_valid(address, reason, sizeof reason))
        return false;
    for (const unsigned char *c = (const unsigned char *)address; *c; c++)
        if (*c == ' ' || *c >= 0x80)
            return true;
    return false;
}

bool mime_address_check(const char *field, const char *address, char *error, size_t error_size)
{
    char reason[200];
    if (mime_address_valid(address, reason, sizeof reason))
        return true;
    if (address_is_name_only(address))
        snprintf(reason, sizeof reason, "is not an address (no @): a display name with a comma "
                 "must be quoted (\"Müller, Zoë\" <…>)");
    strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "%s: ", field);
    if (address)
        address_quote_typed(&text, address);
    else
        strbuf_puts(&text, "the address");
    snprintf(error, error_size, "%s %s", strbuf_cstr(&text), reason);
    strbuf_free(&text);
    return false;
}

void mime_address_display_name(const mime_address *parsed, strbuf *out)
{
    const char *s = parsed->display;
    size_t n = parsed->display_len;
    if (!s)
        return;
    if (s[0] != '"' || n < 2) {
        strbuf_append(out, s, n);
        return;
    }
    for (size_t i = 1; i + 1 < n; i++) {
        if (s[i] == '\\' && i + 2 < n)
            i++;
        strbuf_putc(out, s[i]);
    }
}

/* The display name (if any) and the address, word by word. */
static void address_words(mime_header *h, const mime_address *parsed)
{
    strbuf name = STRBUF_INIT;
    mime_address_display_name(parsed, &name);
    if (name.len == 0) {
        mime_header_word(h, parsed->addr_spec, parsed->addr_spec_len);
        strbuf_free(&name);
        return;
    }
    mime_header_phrase(h, name.data, name.len);
    strbuf angle = STRBUF_INIT;
    strbuf_printf(&angle, "<%.*s>", (int)parsed->addr_spec_len, parsed->addr_spec);
    mime_header_word(h, angle.data, angle.len);
    strbuf_free(&angle);
    strbuf_free(&name);
}

/* An address that fits on one line is kept whole, so a list folds between
 * addresses rather than between a name and its <addr>. */
void mime_header_address(mime_header *h, const mime_address *parsed)
{
    strbuf item = STRBUF_INIT;
    mime_header fresh_line = {.out = &item, .column = 0, .words = 0};
    address_words(&fresh_line, parsed);
    bool whole = !memchr(item.data, '\r', item.len);
    if (whole)
        mime_header_word(h, item.data + 1, item.len - 1); /* without its leading space */
    else
        address_words(h, parsed);
    strbuf_free(&item);
}

void mime_address_bare(const char *address, strbuf *out)
{
    mime_address parts;
    address_locate(address, &parts);
    strbuf_append(out, parts.addr_spec, parts.addr_spec_len);
}

/* Appends the trimmed item s[0..n) to the list unless it is empty. */
static void list_add(char ***items, size_t *count, const char *s, size_t n)
{
    trim(&s, &n);
    if (n == 0)
        return;
    char **grown = realloc(*items, (*count + 1) * sizeof *grown);
    char *copy = malloc(n + 1);
    if (!grown || !copy) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    memcpy(copy, s, n);
    copy[n] = '\0';
    grown[(*count)++] = copy;
    *items = grown;
}

size_t mime_address_split(const char *list, char ***out)
{
    *out = NULL;
    if (!list)
        return 0;
    size_t count = 0;
    size_t n = strlen(list);
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && list[i] == '"') {
            size_t end = mime_quoted_string_end(list + i, n - i);
            i = end < n - i ? i + end : n - 1; /* unclosed: the rest is one item */
            continue;
        }
        if (i < n && list[i] != ',')
            continue;
        list_add(out, &count, list + start, i - start);
        start = i + 1;
    }
    return count;
}

void mime_address_list_free(char **list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(list[i]);
    free(list);
}
