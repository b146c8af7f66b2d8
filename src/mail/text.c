/* text: byte-level checks on what goes into a message.
 *
 * UTF-8 (RFC 3629) is the only charset the module writes: a stray Latin-1
 * byte would otherwise reach the reader as mojibake with no error. Header
 * values must not hold CR or LF (header injection) nor other controls.
 */
#include <stdio.h>
#include <string.h>

#include "mail/mime_internal.h"

/* The first byte's range decides the length and the allowed range of the
 * second byte (which excludes overlongs, surrogates and > U+10FFFF). */
typedef struct {
    unsigned char lead_min, lead_max;
    size_t length;
    unsigned char second_min, second_max;
} utf8_rule;

static const utf8_rule utf8_rules[] = {
    {0xC2, 0xDF, 2, 0x80, 0xBF},
    {0xE0, 0xE0, 3, 0xA0, 0xBF},
    {0xE1, 0xEC, 3, 0x80, 0xBF},
    {0xED, 0xED, 3, 0x80, 0x9F},
    {0xEE, 0xEF, 3, 0x80, 0xBF},
    {0xF0, 0xF0, 4, 0x90, 0xBF},
    {0xF1, 0xF3, 4, 0x80, 0xBF},
    {0xF4, 0xF4, 4, 0x80, 0x8F},
};

size_t mime_utf8_char_length(const unsigned char *s, size_t available)
{
    if (available == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    for (size_t r = 0; r < sizeof utf8_rules / sizeof utf8_rules[0]; r++) {
        const utf8_rule *rule = &utf8_rules[r];
        if (s[0] < rule->lead_min || s[0] > rule->lead_max)
            continue;
        if (available < rule->length)
            return 0;
        if (s[1] < rule->second_min || s[1] > rule->second_max)
            return 0;
        for (size_t i = 2; i < rule->length; i++)
            if ((s[i] & 0xC0) != 0x80)
                return 0;
        return rule->length;
    }
    return 0;
}

bool mime_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
    const unsigned char *bytes = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t length = mime_utf8_char_length(bytes + i, n - i);
        if (length == 0) {
            *bad_offset = i;
            return false;
        }
        i += length;
    }
    return true;
}

bool mime_ascii_printable(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7E)
            return false;
    return true;
}

bool mime_header_text_valid(const char *s, char *error, size_t error_size)
{
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\r' || c == '\n') {
            snprintf(error, error_size, "contains a line break");
            return false;
        }
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            snprintf(error, error_size, "contains a control character (0x%02X)", c);
            return false;
        }
    }
    size_t bad;
    if (mime_utf8_valid(s, strlen(s), &bad))
        return true;
    snprintf(error, error_size, "not UTF-8 (byte %zu)", bad + 1);
    return false;
}

bool mime_is_atext(char c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL;
}
