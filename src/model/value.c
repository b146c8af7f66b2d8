/* value: figures as written in handoffs, into integers.
 *
 * Money is integer cents; numbers and percents are integers scaled by
 * MODEL_SCALE. Nothing here uses floating point: "$1.2K" is the mantissa 12
 * with one decimal, times 1,000, times 100 cents. Rounding (more decimals
 * than the scale keeps) is half away from zero. A figure that would not fit
 * comfortably in 64 bits is not a figure: it stays text.
 *
 * Grammar (after trimming):
 *   money   = "$" amount [range] [period]
 *   range   = ("-" | "–" | "—" | " to ") ["$"] amount
 *   amount  = digits-with-thousands-commas ["." digits] ["K" | "M" | "B"]
 *   period  = "/" word | " per " word | " a " word      (month, year, charter, ...)
 *   number  = amount-without-suffix [range] ["%"]
 * A suffix on the high end only applies to the low end too: "$7-9K".
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/rounding.h"
#include "model/model_internal.h"

#define VALUE_MAX_MANTISSA 100000000000000LL /* 1e14: far beyond any real figure */

typedef struct {
    int64_t mantissa;  /* digits without separators */
    int decimals;      /* digits after the point */
    int64_t multiplier; /* K, M, B; 1 when none */
    bool has_suffix;
} value_amount;

static const struct {
    const char *words[5];
    money_period period;
} value_periods[] = {
    {{"month", "mo", "monthly", "mth", NULL}, PERIOD_MONTH},
    {{"year", "yr", "annum", "annual", "annually"}, PERIOD_YEAR},
    {{"quarter", "qtr", "quarterly", NULL, NULL}, PERIOD_QUARTER},
    {{"week", "wk", "weekly", NULL, NULL}, PERIOD_WEEK},
};

static const char *const value_period_suffixes[] = {
    [PERIOD_NONE] = "", [PERIOD_WEEK] = "/week", [PERIOD_MONTH] = "/month",
    [PERIOD_QUARTER] = "/quarter", [PERIOD_YEAR] = "/year", [PERIOD_UNIT] = "/",
};

const char *model_period_suffix(money_period period)
{
    return value_period_suffixes[period];
}

bool model_word_equals(const char *word, const char *text, size_t n)
{
    return strlen(word) == n && strncasecmp(word, text, n) == 0;
}

void model_trim(const char **start, size_t *length)
{
    while (*length && isspace((unsigned char)**start)) {
        (*start)++;
        (*length)--;
    }
    while (*length && isspace((unsigned char)(*start)[*length - 1]))
        (*length)--;
}

void model_singular(const char *word, size_t n, char *out, size_t out_size)
{
    char lower[64];
    if (n >= sizeof lower)
        n = sizeof lower - 1;
    for (size_t i = 0; i < n; i++)
        lower[i] = (char)tolower((unsigned char)word[i]);
    lower[n] = '\0';
    size_t keep = n;
    bool y_ending = false;
    if (n > 3 && strcmp(lower + n - 3, "ies") == 0) {
        keep = n - 3;
        y_ending = true;
    } else if (n > 3 && (strcmp(lower + n - 4, "ches") == 0 || strcmp(lower + n - 4, "shes") == 0)) {
        keep = n - 2;
    } else if (n > 2 && (strcmp(lower + n - 3, "xes") == 0 || strcmp(lower + n - 3, "ses") == 0)) {
        keep = n - 2;
    } else if (n > 1 && lower[n - 1] == 's' && lower[n - 2] != 's') {
        keep = n - 1;
    }
    snprintf(out, out_size, "%.*s%s", (int)keep, lower, y_ending ? "y" : "");
}

bool model_looks_like_money(const char *text)
{
    while (isspace((unsigned char)*text))
        text++;
    return text[0] == '$' && isdigit((unsigned char)text[1]);
}

/* "$-500", "-$500", "−$500" (U+2212): amounts are never negative, the
 * section says which way money flows, so these are reported, not read. */
bool model_looks_like_negative_money(const char *text)
{
    static const char *const minus_forms[] = {"-", "\xE2\x88\x92"};
    while (isspace((unsigned char)*text))
        text++;
    bool dollar_first = text[0] == '$';
    const char *rest = dollar_first ? text + 1 : text;
    for (size_t i = 0; i < sizeof minus_forms / sizeof minus_forms[0]; i++) {
        size_t n = strlen(minus_forms[i]);
        if (strncmp(rest, minus_forms[i], n) != 0)
            continue;
        rest += n;
        if (!dollar_first && *rest++ != '$')
            return false;
        return isdigit((unsigned char)*rest) != 0;
    }
    return false;
}

/* Digits with optional thousands commas (groups of exactly three) and a
 * decimal part. Advances *p; false when nothing or a malformed grouping. */
static bool value_read_digits(const char **p, value_amount *a)
{
    const char *s = *p;
    if (!isdigit((unsigned char)*s))
        return false;
    a->mantissa = 0;
    a->decimals = 0;
    int group = 0;
    bool grouped = false;
    for (; isdigit((unsigned char)*s) || (*s == ',' && isdigit((unsigned char)s[1])); s++) {
        if (*s == ',') {
            if ((grouped && group != 3) || (!grouped && (group < 1 || group > 3)))
                return false;
            grouped = true;
            group = 0;
            continue;
        }
        if (a->mantissa >= VALUE_MAX_MANTISSA)
            return false;
        a->mantissa = a->mantissa * 10 + (*s - '0');
        group++;
    }
    if (grouped && group != 3)
        return false;
    if (*s == ',' )
        return false; /* "1,2" style: a comma not followed by a full group */
    if (*s == '.' && isdigit((unsigned char)s[1])) {
        for (s++; isdigit((unsigned char)*s); s++) {
            if (a->mantissa >= VALUE_MAX_MANTISSA || a->decimals >= 6)
                return false;
            a->mantissa = a->mantissa * 10 + (*s - '0');
            a->decimals++;
        }
    }
    *p = s;
    return true;
}

static void value_read_suffix(const char **p, value_amount *a)
{
    a->multiplier = 1;
    a->has_suffix = false;
    char c = (char)toupper((unsigned char)**p);
    if ((c == 'K' || c == 'M' || c == 'B') && !isalpha((unsigned char)(*p)[1])) {
        a->multiplier = c == 'K' ? 1000 : c == 'M' ? 1000000 : 1000000000;
        a->has_suffix = true;
        (*p)++;
    }
}

/* mantissa × multiplier × unit ÷ 10^decimals, rounded half away from zero. */
static bool value_scaled(const value_amount *a, int64_t unit, int64_t *out)
{
    int64_t divisor = 1;
    for (int i = 0; i < a->decimals; i++)
        divisor *= 10;
    if (a->mantissa > INT64_MAX / a->multiplier / unit)
        return false;
    int64_t numerator = a->mantissa * a->multiplier * unit;
    *out = rounding_div(numerator, divisor);
    return *out <= VALUE_MAX_MANTISSA * 100;
}

/* A range separator: '-', en dash, em dash or " to ". Advances *p. */
static bool value_read_range_separator(const char **p)
{
    const char *s = *p;
    while (*s == ' ')
        s++;
    if (*s == '-') {
        s++;
    } else if (strncmp(s, "\xE2\x80\x93", 3) == 0 || strncmp(s, "\xE2\x80\x94", 3) == 0) {
        s += 3;
    } else if (strncasecmp(s, "to ", 3) == 0) {
        s += 3;
    } else {
        return false;
    }
    while (*s == ' ')
        s++;
    *p = s;
    return true;
}

/* "/month", " per charter", " a year": sets period and unit. */
static bool value_read_period(arena *a, const char **p, money *m)
{
    const char *s = *p;
    while (*s == ' ')
        s++;
    if (*s == '/') {
        s++;
    } else if (strncasecmp(s, "per ", 4) == 0) {
        s += 4;
    } else if (strncasecmp(s, "a ", 2) == 0) {
        s += 2;
    } else {
        return false;
    }
    while (*s == ' ')
        s++;
    const char *word = s;
    while (isalpha((unsigned char)*s) || *s == '-')
        s++;
    size_t n = (size_t)(s - word);
    if (n == 0)
        return false;
    for (size_t i = 0; i < sizeof value_periods / sizeof value_periods[0]; i++)
        for (size_t w = 0; w < 5 && value_periods[i].words[w]; w++)
            if (model_word_equals(value_periods[i].words[w], word, n)) {
                m->period = value_periods[i].period;
                *p = s;
                return true;
            }
    char singular[64];
    model_singular(word, n, singular, sizeof singular);
    m->period = PERIOD_UNIT;
    m->unit = arena_strdup(a, singular);
    *p = s;
    return true;
}

static bool value_at_end(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return *s == '\0';
}

static bool value_parse_money(arena *a, const char *s, value *out)
{
    value_amount low, high;
    s++; /* '$' */
    if (!value_read_digits(&s, &low))
        return false;
    value_read_suffix(&s, &low);
    high = low;
    const char *after_low = s;
    if (value_read_range_separator(&s)) {
        if (*s == '$')
            s++;
        if (!value_read_digits(&s, &high)) {
            s = after_low; /* "$5 - tips" is not a range; left as trailing text */
            high = low;
        } else {
            value_read_suffix(&s, &high);
            if (high.has_suffix && !low.has_suffix)
                low.multiplier = high.multiplier;
        }
    }
    money m = {0};
    if (!value_scaled(&low, 100, &m.low_cents) || !value_scaled(&high, 100, &m.high_cents))
        return false;
    if (m.high_cents < m.low_cents)
        return false;
    value_read_period(a, &s, &m);
    if (!value_at_end(s))
        return false;
    out->kind = VALUE_MONEY;
    out->money = m;
    return true;
}

static bool value_parse_number(const char *s, value *out)
{
    value_amount low, high;
    if (!value_read_digits(&s, &low))
        return false;
    low.multiplier = 1;
    high = low;
    const char *after_low = s;
    if (value_read_range_separator(&s) && value_read_digits(&s, &high))
        high.multiplier = 1;
    else
        s = after_low;
    bool percent = false;
    while (*s == ' ')
        s++;
    if (*s == '%') {
        percent = true;
        s++;
    }
    if (!value_at_end(s))
        return false;
    int64_t scaled, scaled_high;
    if (!value_scaled(&low, MODEL_SCALE, &scaled) || !value_scaled(&high, MODEL_SCALE, &scaled_high) ||
        scaled_high < scaled)
        return false;
    out->kind = percent ? VALUE_PERCENT : VALUE_NUMBER;
    out->scaled = scaled;
    out->scaled_high = scaled_high;
    return true;
}

bool model_parse_value(arena *a, const char *text, value *out)
{
    memset(out, 0, sizeof *out);
    out->kind = VALUE_TEXT;
    while (isspace((unsigned char)*text))
        text++;
    if (text[0] == '~')
        text++; /* "~$25/month": an estimate is still a figure */
    bool ok = text[0] == '$' ? value_parse_money(a, text, out) : value_parse_number(text, out);
    if (!ok) {
        memset(out, 0, sizeof *out);
        out->kind = VALUE_TEXT;
    }
    return ok;
}

bool model_looks_like_date(const char *text)
{
    static const char shape[] = "dddd-dd-dd";
    for (size_t i = 0; i < sizeof shape - 1; i++) {
        bool digit = isdigit((unsigned char)text[i]) != 0;
        if (shape[i] == 'd' ? !digit : text[i] != shape[i])
            return false;
    }
    return text[sizeof shape - 1] == '\0';
}

/* Days from 1970-01-01 to year-month-day in the proleptic Gregorian
 * calendar: count from a March-based year so the leap day comes last. */
static int64_t value_days_from_civil(int64_t year, int64_t month, int64_t day)
{
    year -= month <= 2;
    int64_t era = (year >= 0 ? year : year - 399) / 400;
    int64_t year_of_era = year - era * 400;
    int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

bool model_parse_date(const char *text, int64_t *day)
{
    if (!model_looks_like_date(text))
        return false;
    int year = atoi(text), month = atoi(text + 5), mday = atoi(text + 8);
    static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || mday < 1 || mday > month_days[month - 1])
        return false;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && mday == 29 && !leap)
        return false;
    *day = value_days_from_civil(year, month, mday);
    return true;
}
