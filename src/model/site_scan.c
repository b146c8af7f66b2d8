/* site_scan: line-by-line checks over a site's text files.
 *
 * Secrets: AWS access key ids (AKIA + 16), Stripe live keys (sk_live_), and
 * assignments of a quoted literal of 8 or more characters to a name that
 * says secret, token, password or key. The excerpt keeps the line with the
 * secret replaced by its first four characters and asterisks: the secret
 * itself never enters the model.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "briefing/strbuf.h"
#include "model/model_internal.h"
#include "model/site_scan.h"

enum { SCAN_SECRET_MIN = 8, SCAN_EXCERPT_MAX = 160 };

static const char *const scan_secret_words[] = {"secret", "token", "password", "passwd",
                                                "api_key", "apikey", "private_key",
                                                "access_key"};
static const char *const scan_analytics[][2] = {
    {"googletagmanager.com", "Google Tag Manager / GA4"}, {"gtag(", "Google Analytics (gtag)"},
    {"google-analytics.com", "Google Analytics"},          {"plausible.io", "Plausible"},
    {"umami", "Umami"},                                    {"usefathom.com", "Fathom"},
    {"matomo", "Matomo"},                                  {"cdn.segment.com", "Segment"},
};
static const char *const scan_handler_marks[] = {"def lambda_handler", "def handler(",
                                                 "exports.handler", "export const handler"};
static const char *const scan_request_marks[] = {"event[", "event.get(", "event.body",
                                                 "event['body']", "json.loads(event"};
static const char *const scan_auth_marks[] = {"authorization", "x-api-key", "api_key", "token",
                                              "verify", "auth", "cognito", "jwt"};

static const char *scan_find_nocase(const char *haystack, size_t length, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= length; i++)
        if (strncasecmp(haystack + i, needle, n) == 0)
            return haystack + i;
    return NULL;
}

static bool scan_has_any(const char *text, size_t length, const char *const *marks, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (scan_find_nocase(text, length, marks[i]))
            return true;
    return false;
}

/* The line with [secret, secret + n) masked, cut to SCAN_EXCERPT_MAX. */
static void scan_masked_line(const char *line, size_t line_length, const char *secret, size_t n,
                             strbuf *out)
{
    size_t before = (size_t)(secret - line);
    const char *start = line;
    size_t length = before;
    model_trim(&start, &length);
    strbuf_append(out, start, length);
    strbuf_append(out, secret, n < 4 ? n : 4);
    strbuf_repeat(out, '*', n > 4 ? (n - 4 < 12 ? n - 4 : 12) : 0);
    const char *after = secret + n;
    size_t rest = line_length - before - n;
    strbuf_append(out, after, rest);
    if (out->len > SCAN_EXCERPT_MAX)
        strbuf_truncate(out, SCAN_EXCERPT_MAX);
}

static void scan_report_secret(site_scan_context *scan, int line_number, const char *line,
                               size_t line_length, const char *secret, size_t n)
{
    strbuf excerpt = STRBUF_INIT;
    scan_masked_line(line, line_length, secret, n, &excerpt);
    site_add_finding(scan, FINDING_HARDCODED_SECRET, line_number, strbuf_cstr(&excerpt));
    strbuf_free(&excerpt);
}

/* AKIA followed by 16 upper-case letters or digits. */
static const char *scan_aws_key(const char *line, size_t length)
{
    for (const char *p = line; (p = scan_find_nocase(p, length - (size_t)(p - line), "AKIA"));
         p++) {
        size_t i = 4;
        while (i < 20 && p + i < line + length && (isupper((unsigned char)p[i]) || isdigit((unsigned char)p[i])))
            i++;
        if (i == 20 && strncmp(p, "AKIA", 4) == 0)
            return p;
    }
    return NULL;
}

/* NAME = "literal" where NAME says secret: returns the literal. */
static const char *scan_secret_assignment(const char *line, size_t length, size_t *n)
{
    for (size_t w = 0; w < sizeof scan_secret_words / sizeof scan_secret_words[0]; w++) {
        const char *word = scan_find_nocase(line, length, scan_secret_words[w]);
        if (!word)
            continue;
        const char *p = word + strlen(scan_secret_words[w]);
        const char *end = line + length;
        while (p < end && (isalnum((unsigned char)*p) || *p == '_' || *p == '"' || *p == '\''))
            p++;
        while (p < end && *p == ' ')
            p++;
        if (p >= end || (*p != '=' && *p != ':'))
            continue;
        for (p++; p < end && *p == ' ';)
            p++;
        if (p >= end || (*p != '"' && *p != '\''))
            continue;
        char quote = *p++;
        const char *close = memchr(p, quote, (size_t)(end - p));
        if (close && close - p >= SCAN_SECRET_MIN) {
            *n = (size_t)(close - p);
            return p;
        }
    }
    return NULL;
}

static void scan_line_secrets(site_scan_context *scan, int number, const char *line, size_t length)
{
    const char *key = scan_aws_key(line, length);
    size_t n = 20;
    if (!key && (key = scan_find_nocase(line, length, "sk_live_")))
        n = strcspn(key, "\"' \t\r\n");
    if (!key)
        key = scan_secret_assignment(line, length, &n);
    if (key)
        scan_report_secret(scan, number, line, length, key, n);
}

static void scan_line_http(site_scan_context *scan, int number, const char *line, size_t length)
{
    const char *end = line + length;
    for (const char *p = line; (p = scan_find_nocase(p, (size_t)(end - p), "http://")); p += 7) {
        size_t n = 7;
        while (p + n < end && !strchr("\"'<> \t)", p[n]))
            n++;
        if (scan_find_nocase(p, n, "localhost") || scan_find_nocase(p, n, "127.0.0.1") ||
            scan_find_nocase(p, n, "www.w3.org"))
            continue;
        char excerpt[SCAN_EXCERPT_MAX];
        snprintf(excerpt, sizeof excerpt, "%.*s", (int)(n < 150 ? n : 150), p);
        site_add_finding(scan, FINDING_HTTP_LINK, number, excerpt);
    }
}

static bool scan_is_html(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0);
}

static void scan_analytics_presence(site_scan_context *scan, const char *text, size_t length)
{
    for (size_t i = 0; i < sizeof scan_analytics / sizeof scan_analytics[0]; i++) {
        const char *hit = scan_find_nocase(text, length, scan_analytics[i][0]);
        if (hit) {
            int line = 1;
            for (const char *c = text; c < hit; c++)
                line += *c == '\n';
            site_add_finding(scan, FINDING_ANALYTICS, line, scan_analytics[i][1]);
            return;
        }
    }
    site_add_finding(scan, FINDING_NO_ANALYTICS, 0, "no analytics tag on this page");
}

/* A request handler that reads its event and never checks who is calling. */
static void scan_handler_auth(site_scan_context *scan, const char *text, size_t length)
{
    for (size_t i = 0; i < sizeof scan_handler_marks / sizeof scan_handler_marks[0]; i++) {
        const char *handler = scan_find_nocase(text, length, scan_handler_marks[i]);
        if (!handler)
            continue;
        if (!scan_has_any(text, length, scan_request_marks,
                          sizeof scan_request_marks / sizeof scan_request_marks[0]) ||
            scan_has_any(text, length, scan_auth_marks,
                         sizeof scan_auth_marks / sizeof scan_auth_marks[0]))
            return;
        int line = 1;
        for (const char *c = text; c < handler; c++)
            line += *c == '\n';
        site_add_finding(scan, FINDING_UNAUTHENTICATED_ENDPOINT, line,
                         "handler reads the request and checks no token, key or signature");
        return;
    }
}

void site_scan_text(site_scan_context *scan, const char *name, const char *text, size_t length)
{
    int number = 1;
    for (const char *line = text; line < text + length; number++) {
        const char *eol = memchr(line, '\n', (size_t)(text + length - line));
        size_t n = (size_t)((eol ? eol : text + length) - line);
        scan_line_secrets(scan, number, line, n);
        scan_line_http(scan, number, line, n);
        line += n + 1;
    }
    if (scan_is_html(name))
        scan_analytics_presence(scan, text, length);
    scan_handler_auth(scan, text, length);
}
