/* utf8: strict UTF-8 (see utf8.h). */
#include "briefing/utf8.h"

/* The first byte's range decides the length and the allowed range of the
 * second byte, which is what excludes overlongs (E0 80-9F, F0 80-8F),
 * surrogates (ED A0-BF) and code points above U+10FFFF (F4 90-BF, F5-FF);
 * C0 and C1 lead only overlongs and appear in no rule. */
typedef struct {
    unsigned char lead_min, lead_max;
    size_t length;
    unsigned char second_min, second_max;
} utf8_rule;

static const utf8_rule utf8_rules[] = {
    {0xC2, 0xDF, 2, 0x80, 0xBF}, {0xE0, 0xE0, 3, 0xA0, 0xBF}, {0xE1, 0xEC, 3, 0x80, 0xBF},
    {0xED, 0xED, 3, 0x80, 0x9F}, {0xEE, 0xEF, 3, 0x80, 0xBF}, {0xF0, 0xF0, 4, 0x90, 0xBF},
    {0xF1, 0xF3, 4, 0x80, 0xBF}, {0xF4, 0xF4, 4, 0x80, 0x8F},
};

size_t utf8_char_length(const char *s, size_t available)
{
    const unsigned char *bytes = (const unsigned char *)s;
    if (available == 0)
        return 0;
    if (bytes[0] < 0x80)
        return 1;
    for (size_t r = 0; r < sizeof utf8_rules / sizeof utf8_rules[0]; r++) {
        const utf8_rule *rule = &utf8_rules[r];
        if (bytes[0] < rule->lead_min || bytes[0] > rule->lead_max)
            continue;
        if (available < rule->length || bytes[1] < rule->second_min || bytes[1] > rule->second_max)
            return 0;
        for (size_t i = 2; i < rule->length; i++)
            if ((bytes[i] & 0xC0) != 0x80)
                return 0;
        return rule->length;
    }
    return 0;
}

size_t utf8_decode(const char *s, size_t length, unsigned int *codepoint)
{
    static const unsigned char lead_bits[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    const unsigned char *bytes = (const unsigned char *)s;
    size_t size = utf8_char_length(s, length);
    if (size == 0) {
        *codepoint = 0xFFFD;
        return length ? 1 : 0;
    }
    unsigned int value = bytes[0] & lead_bits[size];
    for (size_t i = 1; i < size; i++)
        value = (value << 6) | (bytes[i] & 0x3F);
    *codepoint = value;
    return size;
}

bool utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
    for (size_t i = 0; i < n;) {
        size_t length = utf8_char_length(s + i, n - i);
        if (length == 0) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += length;
    }
    return true;
}

size_t utf8_append_repaired(strbuf *out, const char *s, size_t n)
{
    size_t replaced = 0;
    for (size_t i = 0; i < n;) {
        size_t length = s[i] ? utf8_char_length(s + i, n - i) : 0;
        if (length == 0) {
            strbuf_puts(out, UTF8_REPLACEMENT);
            replaced++;
            i++;
            continue;
        }
        strbuf_append(out, s + i, length);
        i += length;
    }
    return replaced;
}

size_t utf8_cut(const char *s, size_t length, size_t max)
{
    size_t at = 0;
    while (at < length) {
        size_t size = utf8_char_length(s + at, length - at);
        size = size ? size : 1;
        if (at + size > max)
            break;
        at += size;
    }
    return at;
}

size_t utf8_prefix(const char *s, size_t length, size_t count)
{
    size_t at = 0;
    for (size_t i = 0; i < count && at < length; i++) {
        size_t size = utf8_char_length(s + at, length - at);
        at += size ? size : 1;
    }
    return at;
}
