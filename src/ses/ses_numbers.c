/* ses_numbers: numbers and times from SES answers, whatever the process locale.
 *
 * The console may run under a locale whose decimal point is a comma, so
 * strtod is not used: SES writes "200.0" or, for large quotas, Java-style
 * "1.0E7". Every parser accepts the whole text or nothing.
 */
#include <math.h>
#include <string.h>

#include "briefing/utf8.h"
#include "ses/ses_internal.h"

static bool text_is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads [0-9]+ into *value (saturating far beyond any SES number). */
static const char *text_digits(const char *p, double *value, int *count)
{
    *count = 0;
    while (text_is_digit(*p)) {
        *value = *value * 10.0 + (*p - '0');
        (*count)++;
        p++;
    }
    return p;
}

bool ses_parse_decimal(const char *text, double *out)
{
    const char *p = text;
    double sign = 1.0;
    if (*p == '-' || *p == '+')
        sign = *p++ == '-' ? -1.0 : 1.0;
    double mantissa = 0.0;
    int integer_digits = 0, fraction_digits = 0;
    p = text_digits(p, &mantissa, &integer_digits);
    if (*p == '.')
        p = text_digits(p + 1, &mantissa, &fraction_digits);
    if (integer_digits + fraction_digits == 0)
        return false;
    int exponent = -fraction_digits;
    if (*p == 'e' || *p == 'E') {
        p++;
        int exponent_sign = 1;
        if (*p == '-' || *p == '+')
            exponent_sign = *p++ == '-' ? -1 : 1;
        double written = 0.0;
        int exponent_digits = 0;
        p = text_digits(p, &written, &exponent_digits);
        if (exponent_digits == 0 || written > 300)
            return false;
        exponent += exponent_sign * (int)written;
    }
    if (*p)
        return false;
    *out = sign * mantissa * pow(10.0, exponent);
    return true;
}

bool ses_parse_int64(const char *text, int64_t *out)
{
    const char *p = text;
    bool negative = *p == '-';
    if (negative)
        p++;
    if (!text_is_digit(*p))
        return false;
    int64_t value = 0;
    for (; text_is_digit(*p); p++) {
        int digit = *p - '0';
        if (value > (INT64_MAX - digit) / 10)
            return false;
        value = value * 10 + digit;
    }
    if (*p)
        return false;
    *out = negative ? -value : value;
    return true;
}

/* Reads exactly `width` digits. */
static bool text_fixed(const char **p, int width, int *value)
{
    *value = 0;
    for (int i = 0; i < width; i++, (*p)++) {
        if (!text_is_digit(**p))
            return false;
        *value = *value * 10 + (**p - '0');
    }
    return true;
}

static bool text_expect(const char **p, char c)
{
    if (**p != c)
        return false;
    (*p)++;
    return true;
}

/* "Z", "+hh:mm" or "-hh:mm" into seconds east of UTC. */
static bool text_zone(const char *p, long *offset_seconds)
{
    if (strcmp(p, "Z") == 0) {
        *offset_seconds = 0;
        return true;
    }
    if (*p != '+' && *p != '-')
        return false;
    long sign = *p++ == '-' ? -1 : 1;
    int hours, minutes;
    if (!text_fixed(&p, 2, &hours) || !text_expect(&p, ':') || !text_fixed(&p, 2, &minutes) || *p)
        return false;
    *offset_seconds = sign * (hours * 3600L + minutes * 60L);
    return true;
}

bool ses_parse_iso8601(const char *text, time_t *out)
{
    const char *p = text;
    struct tm fields = {0};
    int year, month, day, hour, minute, second;
    if (!text_fixed(&p, 4, &year) || !text_expect(&p, '-') || !text_fixed(&p, 2, &month) ||
        !text_expect(&p, '-') || !text_fixed(&p, 2, &day) || !text_expect(&p, 'T') ||
        !text_fixed(&p, 2, &hour) || !text_expect(&p, ':') || !text_fixed(&p, 2, &minute) ||
        !text_expect(&p, ':') || !text_fixed(&p, 2, &second))
        return false;
    if (*p == '.') {
        p++;
        if (!text_is_digit(*p))
            return false;
        while (text_is_digit(*p))
            p++; /* SES's datapoints are whole minutes: the fraction is dropped */
    }
    long offset_seconds;
    if (!text_zone(p, &offset_seconds))
        return false;
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return false;
    fields.tm_year = year - 1900;
    fields.tm_mon = month - 1;
    fields.tm_mday = day;
    fields.tm_hour = hour;
    fields.tm_min = minute;
    fields.tm_sec = second;
    *out = timegm(&fields) - offset_seconds;
    return true;
}

void ses_copy_text(char *dest, size_t dest_size, const char *text)
{
    if (!dest_size)
        return;
    /* Never half a UTF-8 character at the cut. */
    size_t length = utf8_cut(text, strlen(text), dest_size - 1);
    memcpy(dest, text, length);
    dest[length] = '\0';
}
