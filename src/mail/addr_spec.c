/* addr_spec: the local@domain part of an address (RFC 5322 §3.4.1).
 *
 * The syntax accepted is a practical subset that SES and every mail server
 * take: a dot-atom or quoted-string local part, a domain of letter/digit/
 * hyphen labels with at least one dot (or an IP literal), ASCII only, within
 * RFC 5321's lengths. Reasons are written for an operator, without a field,
 * to follow the address as typed: "bob@@example.com" has two @.
 */
#include <stdio.h>
#include <string.h>

#include "mail/mime_internal.h"

#define LOCAL_PART_MAX 64   /* RFC 5321 §4.5.3.1.1 */
#define PATH_MAX_OCTETS 254 /* RFC 5321 path (256) without the angle brackets */
#define LABEL_MAX 63

/* The end (index of the closing quote) of the quoted-string opening at s[0],
 * or n when it is not closed. */
size_t mime_quoted_string_end(const char *s, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i;
    }
    return n;
}

static bool fail(char *error, size_t error_size, const char *reason)
{
    snprintf(error, error_size, "%s", reason);
    return false;
}

static bool dot_atom_valid(const char *s, size_t n, char *error, size_t error_size)
{
    if (s[0] == '.' || s[n - 1] == '.')
        return fail(error, error_size, "has a local part that starts or ends with a dot");
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.' && s[i + 1] == '.')
            return fail(error, error_size, "has two dots in a row in its local part");
        if (s[i] == ' ')
            return fail(error, error_size, "contains a space");
        if (s[i] != '.' && !mime_is_atext(s[i]))
            return fail(error, error_size, "has a character in its local part that needs quoting");
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
    return valid || fail(error, error_size, "has a domain that is not a valid IP literal");
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
                return fail(error, error_size, "has a character in its domain other than letters, digits, '-' and '.'");
            label++;
            continue;
        }
        if (label == 0)
            return fail(error, error_size, "has an empty label in its domain");
        if (label > LABEL_MAX)
            return fail(error, error_size, "has a domain label over 63 characters");
        if (s[i - label] == '-' || s[i - 1] == '-')
            return fail(error, error_size, "has a domain label that starts or ends with '-'");
        dotted = dotted || i < n;
        label = 0;
    }
    return dotted || fail(error, error_size, "has no dot in its domain");
}

/* local@domain: the local part ends at its closing quote or the first '@'. */
bool mime_addr_spec_valid(const char *s, size_t n, char *error, size_t error_size)
{
    if (n == 0)
        return fail(error, error_size, "is empty");
    if (!mime_ascii_printable(s, n))
        return fail(error, error_size, "is not ASCII (SES needs the domain in punycode)");
    size_t at = s[0] == '"' ? mime_quoted_string_end(s, n) + 1 : 0;
    while (at < n && s[at] != '@')
        at++;
    if (at >= n)
        return fail(error, error_size, "has no @");
    if (memchr(s + at + 1, '@', n - at - 1))
        return fail(error, error_size, "has two @");
    if (at == 0)
        return fail(error, error_size, "has an empty local part");
    if (at + 1 == n)
        return fail(error, error_size, "has an empty domain");
    if (at > LOCAL_PART_MAX) {
        snprintf(error, error_size, "has a local part of %zu characters, over RFC 5321's %d", at, LOCAL_PART_MAX);
        return false;
    }
    /* The path limit (254) also keeps the domain under its own (255). */
    if (n > PATH_MAX_OCTETS) {
        snprintf(error, error_size, "is %zu characters long, over RFC 5321's %d", n, PATH_MAX_OCTETS);
        return false;
    }
    bool quoted = s[0] == '"';
    if (quoted && mime_quoted_string_end(s, n) + 1 != at)
        return fail(error, error_size, "has a quoted local part that is not closed");
    if (!quoted && !dot_atom_valid(s, at, error, error_size))
        return false;
    return domain_valid(s + at + 1, n - at - 1, error, error_size);
}

