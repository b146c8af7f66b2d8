/* What every subcommand needs: the portfolio, the time, the targets, the
 * ledger, and a way to say what went wrong. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "briefing/json.h"
#include "cli/cli_internal.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("briefing: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void cli_print_json(strbuf *out)
{
    strbuf_putc(out, '\n');
    fwrite(out->data, 1, out->len, stdout);
    strbuf_free(out);
}

void cli_json_list_open(json_writer *w, strbuf *out, const char *key)
{
    jsonw_begin(w, out);
    jsonw_object_open(w);
    jsonw_key(w, key);
    jsonw_array_open(w);
}

bool cli_confirm(const char *question)
{
    if (!isatty(STDIN_FILENO))
        return false;
    fprintf(stderr, "%s [y/N] ", question);
    fflush(stderr);
    char answer[16];
    if (!fgets(answer, sizeof answer, stdin))
        return false;
    return answer[0] == 'y' || answer[0] == 'Y';
}

portfolio *cli_load_portfolio(const cli_options *options)
{
    const char *root = options->root ? options->root : ".";
    char error[512];
    portfolio *p = model_portfolio_open(root, options->env_file, error, sizeof error);
    if (!p) {
        cli_error("%s", error);
        return NULL;
    }
    /* What is wrong with the settings (a secret others can read, a value cut
     * by a NUL) is said by every command that reads them. */
    for (size_t i = 0; i < p->settings_diagnostic_count; i++)
        cli_error("%s", diag_format(&p->arena, &p->diagnostics.items[i]));
    return p;
}

/* "  file:line: message", as diag_format writes it, without an arena. */
static void cli_print_diag(const diag *d, FILE *out)
{
    if (d->line > 0)
        fprintf(out, "  %s:%d: %s\n", d->file, d->line, d->message);
    else
        fprintf(out, "  %s: %s\n", d->file, d->message);
}

size_t cli_data_diagnostic_count(const portfolio *p)
{
    return p->diagnostics.count - p->settings_diagnostic_count;
}

void cli_print_data_diagnostics(const portfolio *p, FILE *out, size_t max)
{
    size_t count = cli_data_diagnostic_count(p);
    if (count == 0)
        return;
    fprintf(out, "%zu data diagnostic(s) (each report's Data quality lists its own):\n", count);
    size_t first = p->settings_diagnostic_count;
    for (size_t i = 0; i < count && i < max; i++)
        cli_print_diag(&p->diagnostics.items[first + i], out);
    if (count > max)
        fprintf(out, "  ... and %zu more: `briefing list --root %s` shows them all\n", count - max,
                p->root);
}

portfolio *cli_load_reportable(const cli_options *options, time_t *now)
{
    if (now && !cli_resolve_now(options, now))
        return NULL;
    portfolio *p = cli_load_portfolio(options);
    char error[1024];
    if (p && !report_portfolio_usable(p, error, sizeof error)) {
        cli_error("%s", error);
        model_portfolio_free(p);
        return NULL;
    }
    return p;
}

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with "Z" or "+HH:MM"/"-HH:MM"
 * (no offset means UTC), or "@SECONDS". */
static bool cli_parse_time(const char *text, time_t *out)
{
    if (text[0] == '@') {
        char *end;
        long long seconds = strtoll(text + 1, &end, 10);
        if (*end || end == text + 1)
            return false;
        *out = (time_t)seconds;
        return true;
    }
    struct tm tm = {0};
    int consumed = 0;
    if (sscanf(text, "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &consumed) != 3 ||
        consumed != 10)
        return false;
    const char *rest = text + consumed;
    if (*rest == 'T' || *rest == ' ') {
        int n = 0;
        if (sscanf(rest + 1, "%2d:%2d%n", &tm.tm_hour, &tm.tm_min, &n) != 2)
            return false;
        rest += 1 + n;
        if (*rest == ':') {
            if (sscanf(rest + 1, "%2d%n", &tm.tm_sec, &n) != 1)
                return false;
            rest += 1 + n;
        }
    }
    long offset = 0;
    if (*rest == 'Z') {
        rest++;
    } else if (*rest == '+' || *rest == '-') {
        int hours, minutes, n = 0;
        if (sscanf(rest + 1, "%2d:%2d%n", &hours, &minutes, &n) != 2)
            return false;
        offset = (hours * 60L + minutes) * 60L * (*rest == '-' ? -1 : 1);
        rest += 1 + n;
    }
    if (*rest || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
        tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *out = timegm(&tm) - offset;
    return true;
}

bool cli_resolve_now(const cli_options *options, time_t *now)
{
    if (options->now) {
        if (cli_parse_time(options->now, now))
            return true;
        cli_error("--now: \"%s\" is not an ISO 8601 date or time (2026-11-23T09:00:00Z)",
                  options->now);
        return false;
    }
    char error[256];
    if (config_report_time(now, error, sizeof error))
        return true;
    cli_error("%s", error);
    return false;
}

bool cli_parse_since(const char *text, time_t *out)
{
    return cli_parse_time(text, out);
}

void cli_config_from_options(const cli_options *options, const portfolio *p, briefing_config *out)
{
    config_overrides overrides = {
        .endpoint = options->endpoint,
        .ledger_path = options->ledger,
        .archive_root = options->archive,
    };
    config_load(p, &overrides, out);
}

/* A portfolio of ancillary handoffs only has no portfolio report. */
size_t cli_plan_reportable(const portfolio *p, report_target *targets, size_t count)
{
    size_t kept = 0;
    for (size_t i = 0; i < count; i++) {
        char error[256];
        if (report_target_valid(p, &targets[i], error, sizeof error))
            targets[kept++] = targets[i];
        else
            cli_error("%s/%s left out: %s", report_personas[targets[i].persona].id,
                      targets[i].scope, error);
    }
    return kept;
}

size_t cli_resolve_targets(const cli_options *options, const portfolio *p, report_target *out,
                           size_t max, bool *ok)
{
    *ok = false;
    if (options->all) {
        if (options->persona || options->entity) {
            cli_error("--all renders the default plan: leave out --persona and --entity");
            return 0;
        }
        *ok = true;
        return cli_plan_reportable(p, out, report_default_plan(p, out, max));
    }
    if (!options->persona) {
        cli_error("say which report: --persona P (ceo cto cfo cmo cao audit), or --all");
        return 0;
    }
    const persona_info *info = cli_persona(options->persona);
    if (!info)
        return 0;
    if (info->persona == PERSONA_AUDIT && !options->entity) {
        cli_error("--persona audit needs --entity E: an audit is of one entity "
                  "(briefing list names them)");
        return 0;
    }
    out[0].persona = info->persona;
    out[0].scope = options->entity ? options->entity : REPORT_SCOPE_PORTFOLIO;
    char error[1024]; /* an unknown entity lists the ids there are */
    if (!report_target_valid(p, &out[0], error, sizeof error)) {
        cli_error("%s", error);
        return 0;
    }
    *ok = true;
    return 1;
}

const persona_info *cli_persona(const char *id)
{
    const persona_info *info = report_persona_by_id(id);
    if (!info)
        cli_error("--persona: \"%s\" is not a persona (ceo cto cfo cmo cao audit)", id);
    return info;
}

ledger *cli_open_ledger(const cli_options *options)
{
    char error[1024];
    int recovered = 0;
    ledger *l = send_ledger_open_named(options->ledger, NULL, NULL, false, NULL, &recovered, error,
                                       sizeof error);
    if (!l) {
        cli_error("%s", error);
        return NULL;
    }
    cli_print_recovered(recovered);
    return l;
}

ledger *cli_open_existing_ledger(const cli_options *options, int *code)
{
    char error[1024];
    bool missing = false;
    int recovered = 0;
    ledger *l = send_ledger_open_named(options->ledger, NULL, NULL, true, &missing, &recovered,
                                       error, sizeof error);
    if (!l) {
        cli_error("%s", error);
        *code = missing ? EXIT_USAGE : EXIT_CONFIG;
        return NULL;
    }
    cli_print_recovered(recovered);
    *code = EXIT_OK;
    return l;
}

void cli_print_recovered(int recovered)
{
    if (recovered > 0)
        fprintf(stderr,
                "briefing: %d delivery(ies) were interrupted while sending and are now marked "
                "unknown: SES may or may not have accepted them. See `briefing log --state "
                "unknown`; resend one with `briefing resend ID` only after checking.\n",
                recovered);
}
