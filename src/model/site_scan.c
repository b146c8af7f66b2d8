/* site_scan: line-by-line checks over a site's text files.
 *
 * Secrets: AWS access key ids (AKIA + 16), Stripe live keys (sk_live_), and
 * assignments of a quoted literal of 8 or more characters to a name that
 * says secret, token, password or key, and passwords in URLs
 * (scheme://user:password@host); every match on a line, of every format. The excerpt keeps the line with each secret replaced by its first
 * four characters and asterisks: a secret itself never enters the model.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "briefing/strbuf.h"
#include "briefing/url.h"
#include "briefing/utf8.h"
#include "model/model_internal.h"
#include "model/site_scan.h"

enum { SCAN_SECRET_MIN = 8, SCAN_EXCERPT_MAX = 200 };

/* A name that says secret, and what the literal assigned to it is called
 * in a report ("what leaked", docs/reports.md, CTO). */
static const char *const scan_secret_words[][2] = {
    {"secret", "secret"},           {"token", "token"},         {"password", "password"},
    {"passwd", "password"},         {"api_key", "API key"},     {"apikey", "API key"},
    {"private_key", "private key"}, {"access_key", "access key"}};
/* URL schemes whose userinfo password opens a database or a broker. */
static const char *const scan_database_schemes[] = {"postgres",  "postgresql", "mysql",
                                                    "mariadb",   "mongodb",    "mongodb+srv",
                                                    "redis",     "amqp"};
static const char *const scan_analytics[][2] = {
    {"googletagmanager.com", "Google Tag Manager / GA4"}, {"gtag(", "Google Analytics (gtag)"},
    {"google-analytics.com", "Google Analytics"},          {"plausible.io", "Plausible"},
    {"umami", "Umami"},                                    {"usefathom.com", "Fathom"},
    {"matomo", "Matomo"},                                  {"cdn.segment.com", "Segment"},
};
/* The ways an AWS Lambda handler is defined (module.exports.handler holds
 * exports.handler). */
static const char *const scan_handler_marks[] = {
    "def lambda_handler", "def handler(",         "exports.handler",
    "export const handler", "export async function handler", "export function handler"};
/* What a handler's runtime is called, by the file's extension. */
static const char *const scan_lambda_runtimes[][2] = {
    {".py", "Python (AWS Lambda)"},     {".js", "Node.js (AWS Lambda)"},
    {".mjs", "Node.js (AWS Lambda)"},   {".cjs", "Node.js (AWS Lambda)"},
    {".ts", "TypeScript (AWS Lambda)"},
};
static const char *const scan_request_marks[] = {
    "event[",      "event.get(",  "event.body", "event['body']", "json.loads(event",
    "event.queryStringParameters", "event.pathParameters", "event.headers"};
static const char *const scan_auth_marks[] = {"authorization", "x-api-key", "api_key", "token",
                                              "verify", "auth", "cognito", "jwt"};

/* A line that builds a handler's response, and the connection-string
 * settings it must not hand to callers (docs/reports.md, CTO; Q16). */
static const char *const scan_response_marks[] = {"body:", "JSON.stringify(", "json.dumps("};
/* The settings a response may hand out, and what each holds when it is
 * returned whole (docs/reports.md, CTO; eyes-final10 X2). */
static const char *const scan_connection_settings[][2] = {
    {"DATABASE_URL", "password and all"},
    {"DB_URL", "password and all"},
    {"DB_HOST", "the database's host name"},
    {"DB_PASSWORD", "the database password"},
};

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

/* Which bytes of one line are secret: one flag per byte, set by every
 * finder for every match, so a line holding several secrets (of one format
 * or several) has all of them masked. */
/* A secret byte's flag: masked whole, or part of a key whose first four
 * characters are its format's fixed prefix (AKIA, sk_l) and may show. */
enum { SCAN_MASKED = 1, SCAN_PREFIX_SHOWN = 2 };
typedef struct {
    const char *line;
    size_t length;
    unsigned char *secret; /* length flags */
    finding_leak leak; /* what leaked, each kind once, in finder order */
} scan_line_mask;

/* Marks n bytes as secret. `kind` is recorded when a byte is new: a
 * literal an earlier finder already named (AWS_ACCESS_KEY_ID = "AKIA…")
 * is not a second secret. */
static void scan_mark_as(scan_line_mask *mask, const char *from, size_t n, const char *kind,
                         unsigned char flag)
{
    size_t start = (size_t)(from - mask->line);
    bool fresh = false;
    for (size_t i = start; i < start + n && i < mask->length; i++) {
        fresh |= !mask->secret[i];
        if (mask->secret[i] < flag) /* a key's format, once found, keeps its prefix shown */
            mask->secret[i] = flag;
    }
    if (!fresh)
        return;
    finding_leak *leak = &mask->leak;
    for (size_t k = 0; k < leak->kind_count; k++)
        if (strcmp(leak->kinds[k], kind) == 0) {
            leak->counts[k]++;
            return;
        }
    if (leak->kind_count < FINDING_LEAK_KINDS) {
        leak->counts[leak->kind_count] = 1;
        leak->kinds[leak->kind_count++] = kind;
    }
}

static void scan_mark(scan_line_mask *mask, const char *from, size_t n, const char *kind)
{
    scan_mark_as(mask, from, n, kind, SCAN_MASKED);
}

/* "database password", "two database passwords": one kind of what leaked
 * on a line, counted when there are several (docs/reports.md, What
 * leaked), so whoever fixes the line changes them all. */
void model_put_leak_kind(strbuf *what, const char *kind, size_t count, const char *adjective)
{
    static const char *const numbers[] = {"", "", "two", "three", "four", "five",
                                          "six", "seven", "eight", "nine"};
    const char *space = adjective ? " " : "";
    if (!adjective)
        adjective = "";
    if (count < 2)
        strbuf_printf(what, "%s%s%s", adjective, space, kind);
    else if (count < sizeof numbers / sizeof numbers[0])
        strbuf_printf(what, "%s %s%s%ss", numbers[count], adjective, space, kind);
    else
        strbuf_printf(what, "%zu %s%s%ss", count, adjective, space, kind);
}

/* Every AKIA followed by 16 upper-case letters or digits. */
static void scan_find_aws_keys(scan_line_mask *mask)
{
    const char *line = mask->line, *end = line + mask->length;
    for (const char *p = line; (p = scan_find_nocase(p, (size_t)(end - p), "AKIA")); p++) {
        size_t i = 4;
        while (i < 20 && p + i < end && (isupper((unsigned char)p[i]) || isdigit((unsigned char)p[i])))
            i++;
        if (i == 20 && strncmp(p, "AKIA", 4) == 0)
            scan_mark_as(mask, p, 20, "AWS access key", SCAN_PREFIX_SHOWN);
    }
}

/* Every Stripe live key, up to the next quote or blank. */
static void scan_find_stripe_keys(scan_line_mask *mask)
{
    const char *line = mask->line, *end = line + mask->length;
    for (const char *p = line; (p = scan_find_nocase(p, (size_t)(end - p), "sk_live_")); p++) {
        size_t n = 0;
        while (p + n < end && !strchr("\"' \t\r", p[n]))
            n++;
        scan_mark_as(mask, p, n, "Stripe live key", SCAN_PREFIX_SHOWN);
    }
}

/* The quoted literal assigned at `after_word` (NAME = "literal", NAME:
 * 'literal', "NAME": "literal"), if it is long enough to be a secret. */
static void scan_mark_assigned_literal(scan_line_mask *mask, const char *after_word,
                                       const char *kind)
{
    const char *p = after_word, *end = mask->line + mask->length;
    while (p < end && (isalnum((unsigned char)*p) || *p == '_' || *p == '"' || *p == '\''))
        p++;
    while (p < end && *p == ' ')
        p++;
    if (p >= end || (*p != '=' && *p != ':'))
        return;
    for (p++; p < end && *p == ' ';)
        p++;
    if (p >= end || (*p != '"' && *p != '\''))
        return;
    char quote = *p++;
    const char *close = memchr(p, quote, (size_t)(end - p));
    if (close && close - p >= SCAN_SECRET_MIN)
        scan_mark(mask, p, (size_t)(close - p), kind);
}

/* Every occurrence of every word that says secret. */
static void scan_find_assignments(scan_line_mask *mask)
{
    const char *line = mask->line, *end = line + mask->length;
    for (size_t w = 0; w < sizeof scan_secret_words / sizeof scan_secret_words[0]; w++) {
        const char *word = scan_secret_words[w][0];
        for (const char *p = line; (p = scan_find_nocase(p, (size_t)(end - p), word)); p++)
            scan_mark_assigned_literal(mask, p + strlen(word), scan_secret_words[w][1]);
    }
}

/* "database password" when the scheme before `colon_slashes` opens a
 * database or a broker (postgres://, redis://, ...), else "password in a URL". */
static const char *scan_url_password_kind(const char *line, const char *colon_slashes)
{
    const char *scheme = colon_slashes;
    while (scheme > line && (isalnum((unsigned char)scheme[-1]) || scheme[-1] == '+'))
        scheme--;
    size_t n = (size_t)(colon_slashes - scheme);
    for (size_t i = 0; i < sizeof scan_database_schemes / sizeof scan_database_schemes[0]; i++)
        if (strlen(scan_database_schemes[i]) == n &&
            strncasecmp(scheme, scan_database_schemes[i], n) == 0)
            return "database password";
    return "password in a URL";
}

/* Every password in a URL's userinfo: scheme://user:PASSWORD@host. */
static void scan_find_url_passwords(scan_line_mask *mask)
{
    const char *line = mask->line, *end = line + mask->length;
    for (const char *p = line; (p = scan_find_nocase(p, (size_t)(end - p), "://")); p++) {
        const char *authority = p + 3;
        size_t n = 0;
        while (authority + n < end && !strchr("/?#\"'<> \t", authority[n]))
            n++;
        const char *at = NULL;
        for (size_t i = n; i > 0 && !at; i--)
            if (authority[i - 1] == '@')
                at = authority + i - 1;
        const char *colon = at ? memchr(authority, ':', (size_t)(at - authority)) : NULL;
        if (colon && at - colon > 1)
            scan_mark(mask, colon + 1, (size_t)(at - colon - 1), scan_url_password_kind(line, p));
    }
}

static void (*const scan_secret_finders[])(scan_line_mask *) = {
    scan_find_aws_keys,
    scan_find_stripe_keys,
    scan_find_assignments,
    scan_find_url_passwords,
};

/* The trimmed line with each run of secret bytes replaced by up to twelve
 * asterisks, after the first four characters of a key whose format's fixed
 * prefix they are (AKIA): nothing of a password or token shows. */
static void scan_masked_line(const scan_line_mask *mask, strbuf *out)
{
    const char *start = mask->line;
    size_t length = mask->length;
    model_trim(&start, &length);
    size_t offset = (size_t)(start - mask->line);
    for (size_t i = offset; i < offset + length;) {
        size_t run = 0;
        while (i + run < offset + length && mask->secret[i + run])
            run++;
        if (run == 0) {
            strbuf_putc(out, mask->line[i++]);
            continue;
        }
        size_t shown = mask->secret[i] == SCAN_PREFIX_SHOWN ? utf8_prefix(mask->line + i, run, 4) : 0;
        strbuf_append(out, mask->line + i, shown);
        strbuf_repeat(out, '*', run - shown < 12 ? run - shown : 12);
        i += run;
    }
}

/* Masks `line` into `out`; `leak`, when not NULL, receives what leaked by
 * kind and `what` the same in words ("AWS access key and secret"). */
static bool scan_mask_line(const char *line, size_t length, strbuf *out, finding_leak *leak,
                           strbuf *what)
{
    strbuf flags = STRBUF_INIT;
    strbuf_repeat(&flags, 0, length);
    scan_line_mask mask = {line, length, (unsigned char *)flags.data, {{0}, {0}, 0}};
    for (size_t f = 0; f < sizeof scan_secret_finders / sizeof scan_secret_finders[0]; f++)
        scan_secret_finders[f](&mask);
    bool found = false;
    for (size_t i = 0; i < length && !found; i++)
        found = mask.secret[i] != 0;
    scan_masked_line(&mask, out);
    for (size_t k = 0; what && k < mask.leak.kind_count; k++) {
        strbuf_puts(what, k == 0 ? "" : k + 1 == mask.leak.kind_count ? " and " : ", ");
        model_put_leak_kind(what, mask.leak.kinds[k], mask.leak.counts[k], NULL);
    }
    if (leak)
        *leak = mask.leak;
    strbuf_free(&flags);
    return found;
}

bool model_mask_secrets(const char *line, size_t length, strbuf *out)
{
    return scan_mask_line(line, length, out, NULL, NULL);
}

/* A line holding a secret becomes a finding whose excerpt is the masked
 * line cut to SCAN_EXCERPT_MAX bytes between two characters, ending "…"
 * when cut: a cut is never read as a missing closing quote (Q14). */
static void scan_line_secrets(site_scan_context *scan, int number, const char *line, size_t length)
{
    if (length == 0)
        return;
    strbuf excerpt = STRBUF_INIT, what = STRBUF_INIT;
    finding_leak leak;
    if (scan_mask_line(line, length, &excerpt, &leak, &what)) {
        size_t kept = utf8_cut(strbuf_cstr(&excerpt), excerpt.len, SCAN_EXCERPT_MAX);
        if (kept < excerpt.len) {
            strbuf_truncate(&excerpt, kept);
            strbuf_puts(&excerpt, "…");
        }
        finding *f = site_add_finding(scan, FINDING_HARDCODED_SECRET, number,
                                      strbuf_cstr(&excerpt));
        f->leaked = site_copy(scan, strbuf_cstr(&what));
        f->leak = leak;
    }
    strbuf_free(&excerpt);
    strbuf_free(&what);
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
        char link[SCAN_EXCERPT_MAX], excerpt[SCAN_EXCERPT_MAX];
        snprintf(link, sizeof link, "%.*s", (int)utf8_cut(p, n, 150), p);
        url_redact(link, excerpt, sizeof excerpt);
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

static void scan_note_lambda(site_scan_context *scan, const char *name)
{
    const char *extension = strrchr(name, '.');
    for (size_t i = 0; extension && i < sizeof scan_lambda_runtimes / sizeof scan_lambda_runtimes[0];
         i++)
        if (strcasecmp(extension, scan_lambda_runtimes[i][0]) == 0) {
            site_add_stack_of(scan, scan_lambda_runtimes[i][1]);
            return;
        }
    site_add_stack_of(scan, "AWS Lambda");
}

/* Writes "; its response includes part of DATABASE_URL (line 6): check
 * which part" to `clause` when a line from the handler on builds the
 * response and names a connection-string setting, else "": the setting's
 * name only, never its value (docs/reports.md, CTO; eyes-final5a Q16).
 * It says what the line does and no more (eyes-final8 V4): a method or an
 * index after the name takes a piece of it; the bare name hands out the
 * whole string, password and all. */
/* The name whose connection string's host a line takes, the part after
 * its @ (`PRIMARY_DB.split("@")[-1]`, `[1]`, `.pop()`), whatever the
 * setting is called (docs/reports.md, CTO; eyes-final13 Q14); its length
 * in `*length`; NULL when the line takes none. */
static const char *scan_host_part(const char *line, size_t n, size_t *length)
{
    static const char *const splits[] = {".split(\"@\")", ".split('@')"};
    static const char *const tails[] = {"[1]", "[-1]", ".pop()", ".at(-1)"};
    for (size_t k = 0; k < sizeof splits / sizeof splits[0]; k++) {
        const char *split = scan_find_nocase(line, n, splits[k]);
        if (!split)
            continue;
        const char *after = split + strlen(splits[k]);
        size_t left = (size_t)(line + n - after);
        bool host = false;
        for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++)
            host |= strlen(tails[t]) <= left && strncmp(after, tails[t], strlen(tails[t])) == 0;
        const char *name = split;
        while (name > line && (isalnum((unsigned char)name[-1]) || name[-1] == '_'))
            name--;
        if (host && name < split) {
            *length = (size_t)(split - name);
            return name;
        }
    }
    return NULL;
}

static void scan_response_leak(const char *handler, const char *end, int line, char *clause,
                               size_t size)
{
    clause[0] = '\0';
    for (const char *p = handler; p < end; line++) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((eol ? eol : end) - p);
        bool response = scan_has_any(p, n, scan_response_marks,
                                     sizeof scan_response_marks / sizeof scan_response_marks[0]);
        size_t name_length;
        const char *host = response ? scan_host_part(p, n, &name_length) : NULL;
        if (host) { /* the host, as DB_HOST says it (X2), not "part of" */
            snprintf(clause, size,
                     "; its response includes the database's host name (the part of %.*s after "
                     "its @, line %d)",
                     (int)name_length, host, line);
            return;
        }
        for (size_t i = 0;
             response && i < sizeof scan_connection_settings / sizeof scan_connection_settings[0];
             i++) {
            const char *name = scan_connection_settings[i][0];
            const char *setting = scan_find_nocase(p, n, name);
            if (!setting)
                continue;
            const char *after = setting + strlen(name);
            if (after < p + n && (*after == '.' || *after == '['))
                snprintf(clause, size,
                         "; its response includes part of %s (line %d): check which part", name,
                         line);
            else
                snprintf(clause, size, "; its response includes %s (line %d), %s", name, line,
                         scan_connection_settings[i][1]);
            return;
        }
        p += n + 1;
    }
}

/* The words of a comment saying browsers call the handler (docs/reports.md,
 * CTO; eyes-final12 Z8: "Receives page-view events from customers' shops"). */
static const char *const scan_browser_words[] = {"browser",      "page-view",       "pageview",
                                                 "page view",    "client-side",     "customers' shops",
                                                 "customer shops"};
static const char *const scan_comment_marks[] = {"//", "#", "/*", "*", "\"\"\""};

/* Whether a comment line of `text` names browsers as the handler's callers:
 * only the file's own words decide it, never a guess from the code. */
static bool scan_browser_callers(const char *text, size_t length)
{
    for (const char *p = text; p < text + length;) {
        const char *eol = memchr(p, '\n', (size_t)(text + length - p));
        size_t n = (size_t)((eol ? eol : text + length) - p);
        size_t indent = strspn(p, " \t");
        bool comment = false;
        for (size_t i = 0; indent < n && i < sizeof scan_comment_marks / sizeof *scan_comment_marks;
             i++)
            comment |= strncmp(p + indent, scan_comment_marks[i], strlen(scan_comment_marks[i])) == 0;
        if (comment && scan_has_any(p, n, scan_browser_words,
                                    sizeof scan_browser_words / sizeof *scan_browser_words))
            return true;
        p += n + 1;
    }
    return false;
}

/* A Lambda handler is part of the stack; one that reads its event and
 * never checks who is calling is an open endpoint. */
static void scan_handler_auth(site_scan_context *scan, const char *name, const char *text,
                              size_t length)
{
    for (size_t i = 0; i < sizeof scan_handler_marks / sizeof scan_handler_marks[0]; i++) {
        const char *handler = scan_find_nocase(text, length, scan_handler_marks[i]);
        if (!handler)
            continue;
        scan_note_lambda(scan, name);
        if (!scan_has_any(text, length, scan_request_marks,
                          sizeof scan_request_marks / sizeof scan_request_marks[0]) ||
            scan_has_any(text, length, scan_auth_marks,
                         sizeof scan_auth_marks / sizeof scan_auth_marks[0]))
            return;
        int line = 1;
        for (const char *c = text; c < handler; c++)
            line += *c == '\n';
        char leak[160], what[256];
        scan_response_leak(handler, text + length, line, leak, sizeof leak);
        snprintf(what, sizeof what, "handler reads the request and checks no token, key or signature%s",
                 leak);
        site_add_finding(scan, FINDING_UNAUTHENTICATED_ENDPOINT, line, what)->browser_callers =
            scan_browser_callers(text, length);
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
    scan_handler_auth(scan, name, text, length);
}
