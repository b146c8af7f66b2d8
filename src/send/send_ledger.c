/* send_ledger: which ledger the engine and both front ends talk to, and
 * the one place that opens it.
 *
 * The ledger is named by --ledger (the console's too), else BRIEFING_LEDGER,
 * else the config file's `ledger` key (the command line applies it as
 * --ledger's default when BRIEFING_LEDGER is unset), else the default SQLite
 * file. A path names the SQLite ledger, as --ledger always did;
 * "dynamodb://TABLE" names the ledger shared on DynamoDB. A value that is
 * neither is an error that quotes it: never a fallback to another ledger,
 * since a report sent on the wrong ledger is one the others do not know of.
 */
#include "briefing/ledger_dynamodb.h"
#include "briefing/send.h"
#include "send/send_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The back ends a value may name: a URL scheme, or none for a path. */
static const struct {
    send_ledger_kind kind;
    const char *scheme;       /* "dynamodb://"; NULL: a file path */
    const char *name;         /* "sqlite", "dynamodb" */
} send_ledger_kinds[] = {
    {SEND_LEDGER_SQLITE, NULL, "sqlite"},
    {SEND_LEDGER_DYNAMODB, "dynamodb://", "dynamodb"},
};

const char *send_ledger_named(const char *override)
{
    if (override)
        return override;
    const char *environment = getenv("BRIEFING_LEDGER");
    return environment && *environment ? environment : NULL;
}

/* DynamoDB's rule for a table name: 3 to 255 of A-Z a-z 0-9 _ - . */
static bool send_ledger_table_valid(const char *table, char *why, size_t why_size)
{
    size_t length = strlen(table);
    if (length == 0) {
        snprintf(why, why_size, "no table name (dynamodb://TABLE)");
        return false;
    }
    if (length < 3 || length > 255) {
        snprintf(why, why_size, "a DynamoDB table name is 3 to 255 characters");
        return false;
    }
    if (strspn(table, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.") !=
        length) {
        snprintf(why, why_size, "a DynamoDB table name holds only A-Z, a-z, 0-9, '_', '-' and '.'");
        return false;
    }
    return true;
}

bool send_ledger_choose(const char *named, send_ledger_choice *out, char *error,
                        size_t error_size)
{
    memset(out, 0, sizeof *out);
    out->kind = SEND_LEDGER_SQLITE;
    out->named = named;
    if (!named)
        return true;
    char why[160] = "";
    if (!*named) {
        snprintf(error, error_size, "ledger \"\": empty (a file path, or dynamodb://TABLE)");
        return false;
    }
    for (size_t i = 0; i < sizeof send_ledger_kinds / sizeof send_ledger_kinds[0]; i++) {
        const char *scheme = send_ledger_kinds[i].scheme;
        if (!scheme || strncmp(named, scheme, strlen(scheme)) != 0)
            continue;
        const char *table = named + strlen(scheme);
        if (!send_ledger_table_valid(table, why, sizeof why) ||
            strlen(table) >= sizeof out->table)
            break;
        out->kind = send_ledger_kinds[i].kind;
        snprintf(out->table, sizeof out->table, "%s", table);
        return true;
    }
    const char *separator = strstr(named, "://");
    if (!why[0] && !separator)
        return true; /* a file path: the SQLite ledger */
    if (!why[0])
        snprintf(why, sizeof why, "\"%.*s://\" names no ledger back end (a file path, or "
                 "dynamodb://TABLE)", (int)(separator - named), named);
    snprintf(error, error_size, "ledger \"%s\": %s", named, why);
    return false;
}

const char *send_ledger_kind_name(send_ledger_kind kind)
{
    for (size_t i = 0; i < sizeof send_ledger_kinds / sizeof send_ledger_kinds[0]; i++)
        if (send_ledger_kinds[i].kind == kind)
            return send_ledger_kinds[i].name;
    return "invalid";
}

void send_ledger_describe(const briefing_config *c, char *out, size_t out_size)
{
    send_ledger_choice choice;
    char ignored[512];
    if (!send_ledger_choose(send_ledger_named(c->overrides.ledger_path), &choice, ignored,
                            sizeof ignored))
        snprintf(out, out_size, "invalid");
    else if (choice.kind == SEND_LEDGER_DYNAMODB)
        snprintf(out, out_size, "%s", choice.named);
    else
        snprintf(out, out_size, "%s", send_ledger_kind_name(choice.kind));
}

/* The DynamoDB ledger of `choice`, signed with `aws` (NULL: resolved from
 * `c`, or from the environment and the AWS profile without one). */
static ledger *send_ledger_open_dynamodb(const send_ledger_choice *choice,
                                         const briefing_config *c, const ses_config *aws,
                                         int *recovered, char *error, size_t error_size)
{
    send_connection connection;
    if (!aws && !send_ledger_aws(c, &connection, error, error_size))
        return NULL;
    return ledger_dynamodb_open(choice->table, aws ? aws : &connection.ses, recovered, error,
                                error_size);
}

bool send_ledger_folder_exists(const char *named, char *error, size_t error_size)
{
    send_ledger_choice choice;
    if (!send_ledger_choose(send_ledger_named(named), &choice, error, error_size))
        return true; /* not a path: opening it says why */
    if (choice.kind != SEND_LEDGER_SQLITE || !choice.named)
        return true; /* the default file's folder is created on first use */
    const char *slash = strrchr(choice.named, '/');
    if (!slash || slash == choice.named)
        return true; /* the current folder, or the root */
    char folder[4096];
    snprintf(folder, sizeof folder, "%.*s", (int)(slash - choice.named), choice.named);
    struct stat st;
    if (stat(folder, &st) == 0 && S_ISDIR(st.st_mode))
        return true;
    snprintf(error, error_size, "ledger %s: no folder %s: create it, or check the path (a "
             "ledger named by --ledger, BRIEFING_LEDGER or the config file is not created "
             "with its folders: a typo would start an empty ledger that knows of no send)",
             choice.named, folder);
    return false;
}

ledger *send_ledger_open_named(const char *named, const briefing_config *c,
                               const ses_config *aws, bool must_exist, bool *missing,
                               int *recovered, char *error, size_t error_size)
{
    int ignored_recovered = 0;
    bool ignored_missing = false;
    recovered = recovered ? recovered : &ignored_recovered;
    missing = missing ? missing : &ignored_missing;
    *recovered = 0;
    *missing = false;
    send_ledger_choice choice;
    if (!send_ledger_choose(send_ledger_named(named), &choice, error, error_size))
        return NULL;
    if (choice.kind == SEND_LEDGER_DYNAMODB)
        return send_ledger_open_dynamodb(&choice, c, aws, recovered, error, error_size);
    if (!must_exist && !send_ledger_folder_exists(choice.named, error, error_size)) {
        *missing = true;
        return NULL;
    }
    if (must_exist)
        return ledger_open_existing(choice.named, missing, recovered, error, error_size);
    return ledger_open(choice.named, recovered, error, error_size);
}

ledger *send_ledger_open(const briefing_config *c, int *recovered, char *error,
                         size_t error_size)
{
    return send_ledger_open_named(c->overrides.ledger_path, c, NULL, false, NULL, recovered,
                                  error, error_size);
}
