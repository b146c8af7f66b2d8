/* address: "Name <local@domain>" and "local@domain", as people type them.
 *
 * The syntax accepted is a practical subset of RFC 5322 that SES and every
 * mail server take: a dot-atom or quoted-string local part, a domain of
 * letter/digit/hyphen labels with at least one dot (or an IP literal), ASCII
 * only, within RFC 5321's lengths. Display names may be anything printable
 * in UTF-8; they are re-encoded when the header is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail/mime_internal.h"

#define LOCAL_PART_MAX 64   /* RFC 5321 §4.5.3.1.1 */
#define PATH_MAX_OCTETS 254 /* RFC 5321 path (256) without the angle brackets */
#define LABEL_MAX 63

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

/* The end (index of the closing quote) of the quoted-string opening at s[0],
 * or n when it is not closed. */
static size_t quoted_string_end(const char *s, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i;
    }
    return n;
}

/* The first '<' outside quoted strings, or n. */
static size_t angle_open(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            i = quoted_string_end(s + i, n - i) + i;
        else if (s[i] == '<')
            return i;
    }
    return n;
}

static bool quotes_closed(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '"')
            continue;
        i += quoted_string_end(s + i, n - i);
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

static bool dot_atom_valid(const char *s, size_t n, char *error, size_t error_size)
{
    if (s[0] == '.' || s[n - 1] == '.')
        return fail(error, error_size, "the local part starts or ends with a dot");
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.' && s[i + 1] == '.')
            return fail(error, error_size, "the local part has two dots in a row");
        if (s[i] == ' ')
            return fail(error, error_size, "contains a space");
        if (s[i] != '.' && !mime_is_atext(s[i]))
            return fail(error, error_size, "the local part has a character that needs quoting");
    }
    return true;
}

static bool ipv4_literal_valid(const char *s, size_t n)
{
    int parts = 0;
    size_t i = 0;
    while (i < n) {
        size_t digits = 0;
        unsigned value = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 4) {
            value = value * 10 + (unsigned)(s[i++] - '0');
            digits++;
        }
        if (digits == 0 || value > 255)
            return false;
        parts++;
        if (i < n && (s[i++] != '.' || i == n))
            return false;
    }
    return parts == 4;
}

static bool ipv6_literal_valid(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdefABCDEF:.", s[i]))
            return false;
    return true;
}

static bool domain_literal_valid(const char *s, size_t n, char *error, size_t error_size)
{
    bool valid = n >= 2 && s[n - 1] == ']';
    if (valid && n > 7 && strncmp(s, "[IPv6:", 6) == 0)
        valid = ipv6_literal_valid(s + 6, n - 7);
    else if (valid)
        valid = ipv4_literal_valid(s + 1, n - 2);
    return valid || fail(error, error_size, "the domain is not a valid IP literal");
}

static bool domain_valid(const char *s, size_t n, char *error, size_t error_size)
{
    if (s[0] == '[')
        return domain_literal_valid(s, n, error, error_size);
    bool dotted = false;
    size_t label = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && s[i] != '.') {
            char c = s[i];
            bool letter_digit = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (c == ' ')
                return fail(error, error_size, "contains a space");
            if (!letter_digit && c != '-')
                return fail(error, error_size, "the domain has a character other than letters, digits, '-' and '.'");
            label++;
            continue;
        }
        if (label == 0)
            return fail(error, error_size, "the domain has an empty label");
        if (label > LABEL_MAX)
            return fail(error, error_size, "a domain label is over 63 characters");
        if (s[i - label] == '-' || s[i - 1] == '-')
            return fail(error, error_size, "a domain label starts or ends with '-'");
        dotted = dotted || i < n;
        label = 0;
    }
    return dotted || fail(error, error_size, "the domain has no dot");
}

/* local@domain: the local part ends at its closing quote or the first '@'. */
static bool addr_spec_valid(const char *s, size_t n, char *error, size_t error_size)
{
    if (n == 0)
        return fail(error, error_size, "empty address");
    if (!mime_ascii_printable(s, n))
        return fail(error, error_size, "non-ASCII address (SES needs the domain in punycode)");
    size_t at = s[0] == '"' ? quoted_string_end(s, n) + 1 : 0;
    while (at < n && s[at] != '@')
        at++;
    if (at >= n)
        return fail(error, error_size, "no @");
    if (memchr(s + at + 1, '@', n - at - 1))
        return fail(error, error_size, "two @");
    if (at == 0)
        return fail(error, error_size, "empty local part");
    if (at + 1 == n)
        return fail(error, error_size, "empty domain");
    if (at > LOCAL_PART_MAX) {
        snprintf(error, error_size, "local part is %zu characters, over RFC 5321's %d", at, LOCAL_PART_MAX);
        return false;
    }
    /* The path limit (254) also keeps the domain under its own (255). */
    if (n > PATH_MAX_OCTETS) {
        snprintf(error, error_size, "address is %zu characters, over RFC 5321's %d", n, PATH_MAX_OCTETS);
        return false;
    }
    bool quoted = s[0] == '"';
    if (quoted && quoted_string_end(s, n) + 1 != at)
        return fail(error, error_size, "the quoted local part is not closed");
    if (!quoted && !dot_atom_valid(s, at, error, error_size))
        return false;
    return domain_valid(s + at + 1, n - at - 1, error, error_size);
}

static bool display_name_valid(const char *s, size_t n, char *error, size_t error_size)
{
    if (s[0] == '"') {
        if (quoted_string_end(s, n) != n - 1)
            return fail(error, error_size, "the display name's quotes are not balanced");
        return true;
    }
    if (memchr(s, '"', n) || memchr(s, '<', n) || memchr(s, '>', n))
        return fail(error, error_size, "the display name has '\"', '<' or '>' outside quotes");
    return true;
}

bool mime_address_parse(const char *address, mime_address *parsed, char *error, size_t error_size)
{
    if (!address)
        return fail(error, error_size, "missing");
    if (!mime_header_text_valid(address, error, error_size))
        return false;
    if (!quotes_closed(address))
        return fail(error, error_size, "a '\"' is not closed");
    address_locate(address, parsed);
    if (parsed->display && !display_name_valid(parsed->display, parsed->display_len, error, error_size))
        return false;
    if (!parsed->display && (memchr(parsed->addr_spec, '<', parsed->addr_spec_len) ||
                             memchr(parsed->addr_spec, '>', parsed->addr_spec_len)))
        return fail(error, error_size, "'<' and '>' do not enclose the address");
    char reason[160];
    if (addr_spec_valid(parsed->addr_spec, parsed->addr_spec_len, reason, sizeof reason))
        return true;
    snprintf(error, error_size, "%s (\"%.*s\")", reason, (int)parsed->addr_spec_len, parsed->addr_spec);
    return false;
}

bool mime_address_valid(const char *address, char *error, size_t error_size)
{
    mime_address parsed;
    return mime_address_parse(address, &parsed, error, error_size);
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

void mime_header_address(mime_header *h, const mime_address *parsed)
{
    strbuf name = STRBUF_INIT;
    mime_address_display_name(parsed, &name);
    if (name.len == 0) {
        mime_header_word(h, parsed->addr_spec, parsed->addr_spec_len);
        return;
    }
    mime_header_phrase(h, name.data, name.len);
    strbuf angle = STRBUF_INIT;
    strbuf_printf(&angle, "<%.*s>", (int)parsed->addr_spec_len, parsed->addr_spec);
    mime_header_word(h, angle.data, angle.len);
    strbuf_free(&angle);
    strbuf_free(&name);
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
            size_t end = quoted_string_end(list + i, n - i);
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
