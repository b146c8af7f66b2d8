/* mail_charset: byte-level checks on what goes into a message.
 *
 * UTF-8 (RFC 3629, checked by util's utf8.h) is the only charset the module
 * writes: a stray Latin-1 byte would otherwise reach the reader as mojibake
 * with no error. Header
 * values must not hold CR or LF (header injection) nor other controls.
 */
#include <stdio.h>
#include <string.h>

#include "briefing/utf8.h"
#include "mail/mime_internal.h"

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
    if (utf8_valid(s, strlen(s), &bad))
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
