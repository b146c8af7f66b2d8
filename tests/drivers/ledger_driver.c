/* ledger_driver: a test-only command line over briefing/ledger.h, the same
 * calls on either back end, so that tests/integration/test_ledger_backends.py
 * runs one scenario against SQLite and DynamoDB (dynalite behind the
 * signature-checking stand-in) and expects the same answers. Not installed.
 *
 *   ledger_driver sqlite:PATH | dynamodb://TABLE  < script
 *
 * Opens the ledger once (prints "open recovered=N"), then runs the script
 * read from stdin, one command a line, arguments separated by tabs ("-" is
 * an absent text). Each command's output starts with "> NAME"; a call that
 * fails prints "error: MESSAGE" and the script goes on.
 *
 *   add PERSONA SCOPE TO CC BCC BATCH TEST      id N
 *   batch NOTE | note BATCH TEXT | last-batch
 *   claim ID DAY                                claimed | held ID STATE HOST
 *   sending ID | sent ID MESSAGE_ID REQUEST_ID ATTEMPTS | failed ID CODE MESSAGE
 *   unknown ID CODE MESSAGE | not-attempted ID REASON | archive ID PATH SHA256 SIZE
 *   get ID | recipients ID | flags ADDRESSES | kept | kept-list | keep BODY REASON
 *   list [persona=P] [scope=S] [state=S] [since=EPOCH] [batch=N] [limit=N] [after=ID] [no-tests]
 *   count                                       STATE=N ... (ledger_count_deliveries)
 *   status                                      deliveries=N last=ID (ledger_status_read)
 *   event KEY TYPE MESSAGE_ID HEADER_DELIVERY HEADER_REPORT AT DETAIL ADDRESS...
 *
 * Environment (DynamoDB): AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION and the
 * stand-in's keys. LEDGER_DRIVER_TIMES set: each command's wall time on
 * stderr, "time NAME MILLISECONDS" (bench/ledger_reads.py). Exit status 0 unless the ledger cannot be opened (1) or
 * the usage is wrong (2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "briefing/ledger.h"
#include "briefing/ledger_dynamodb.h"
#include "briefing/ses.h"

enum { DRIVER_MAX_ARGS = 64, DRIVER_LINE = 8192 };

static const char *arg_text(const char *arg)
{
    return strcmp(arg, "-") == 0 ? NULL : arg;
}

static ledger *driver_open_dynamodb(const char *spec, int *recovered, char *error,
                                    size_t error_size)
{
    const char *table = spec + strlen("dynamodb://");
    ses_config config = {0};
    config.region = getenv("AWS_REGION");
    config.backoff_base_seconds = 0.05;
    if (!ses_resolve_credentials(&(ses_credential_inputs){0}, &config.credentials, error,
                                 error_size))
        return NULL;
    bool created;
    if (getenv("LEDGER_DRIVER_CREATE") &&
        !ledger_dynamodb_create_table(table, &config, &created, error, error_size))
        return NULL;
    return ledger_dynamodb_open(table, &config, recovered, error, error_size);
}

static void print_delivery(const ledger_delivery *d)
{
    char outcome[64];
    ledger_outcome_summary(d, outcome, sizeof outcome);
    printf("id=%lld batch=%lld report=%s/%s state=%s attempts=%d test=%d message_id=%s "
           "error_code=%s error=%s archive=%s sha256=%s size=%lld to=%s outcome=%s\n",
           (long long)d->id, (long long)d->batch_id, d->persona, d->scope,
           ledger_state_name(d->state), d->attempts, d->test, d->message_id ? d->message_id : "-",
           d->error_code ? d->error_code : "-", d->error_message ? d->error_message : "-",
           d->archive_path ? d->archive_path : "-", d->message_sha256[0] ? d->message_sha256 : "-",
           (long long)d->size_bytes, d->to_addresses ? d->to_addresses : "-",
           outcome[0] ? outcome : "-");
}

static bool cmd_list(ledger *l, char **argv, int argc, char *error, size_t size)
{
    ledger_filter f = {0};
    for (int i = 1; i < argc; i++) {
        char *value = strchr(argv[i], '=');
        value = value ? value + 1 : argv[i] + strlen(argv[i]);
        if (strncmp(argv[i], "persona=", 8) == 0)
            f.persona = value;
        else if (strncmp(argv[i], "scope=", 6) == 0)
            f.scope = value;
        else if (strncmp(argv[i], "state=", 6) == 0)
            f.has_state = ledger_state_from_name(value, &f.state);
        else if (strncmp(argv[i], "since=", 6) == 0)
            f.since = (time_t)atoll(value);
        else if (strncmp(argv[i], "batch=", 6) == 0)
            f.batch_id = atoll(value);
        else if (strncmp(argv[i], "limit=", 6) == 0)
            f.limit = (size_t)atoll(value);
        else if (strncmp(argv[i], "after=", 6) == 0)
            f.after_id = atoll(value);
        else if (strcmp(argv[i], "no-tests") == 0)
            f.exclude_tests = true;
    }
    ledger_delivery *list;
    size_t count;
    if (!ledger_list(l, &f, &list, &count, error, size))
        return false;
    for (size_t i = 0; i < count; i++)
        printf("%lld %s %s/%s\n", (long long)list[i].id, ledger_state_name(list[i].state),
               list[i].persona, list[i].scope);
    ledger_deliveries_free(list, count);
    return true;
}

static bool cmd_count(ledger *l, char *error, size_t size)
{
    size_t by_state[DELIVERY_STATE_COUNT];
    if (!ledger_count_deliveries(l, by_state, error, size))
        return false;
    for (int s = 0; s < DELIVERY_STATE_COUNT; s++)
        printf("%s%s=%zu", s ? " " : "", ledger_state_name((delivery_state)s), by_state[s]);
    putchar('\n');
    return true;
}

static bool cmd_status(ledger *l, char *error, size_t size)
{
    ledger_status status;
    if (!ledger_status_read(l, &status, error, size))
        return false;
    printf("deliveries=%zu last=%lld batches=%lld\n", status.deliveries,
           status.has_last ? (long long)status.last_id : 0LL, (long long)status.batches);
    return true;
}

static bool cmd_add(ledger *l, char **argv, char *error, size_t size)
{
    ledger_delivery d = {0};
    snprintf(d.persona, sizeof d.persona, "%s", argv[1]);
    snprintf(d.scope, sizeof d.scope, "%s", argv[2]);
    d.subject = "Weekly report";
    d.from_address = "briefing@example.com";
    d.to_addresses = (char *)arg_text(argv[3]);
    d.cc_addresses = (char *)arg_text(argv[4]);
    d.bcc_addresses = (char *)arg_text(argv[5]);
    d.batch_id = atoll(argv[6]);
    d.test = atoi(argv[7]) != 0;
    if (!ledger_add_delivery(l, &d, error, size))
        return false;
    printf("id %lld\n", (long long)d.id);
    return true;
}

static bool cmd_claim(ledger *l, char **argv, char *error, size_t size)
{
    bool claimed;
    ledger_day_holder holder;
    if (!ledger_claim_day(l, atoll(argv[1]), argv[2], &claimed, &holder, error, size))
        return false;
    if (claimed)
        puts("claimed");
    else
        printf("held %lld %s %s\n", (long long)holder.delivery_id,
               ledger_state_name(holder.state), holder.host[0] ? holder.host : "-");
    return true;
}

static bool cmd_get(ledger *l, char **argv, char *error, size_t size)
{
    ledger_delivery d;
    if (!ledger_get(l, atoll(argv[1]), &d, error, size))
        return false;
    print_delivery(&d);
    ledger_delivery_clear(&d);
    return true;
}

static bool cmd_recipients(ledger *l, char **argv, char *error, size_t size)
{
    ledger_recipient *list;
    size_t count;
    if (!ledger_recipients(l, atoll(argv[1]), &list, &count, error, size))
        return false;
    for (size_t i = 0; i < count; i++)
        printf("%s %s %s opens=%d clicks=%d detail=%s\n", list[i].address, list[i].kind,
               ledger_outcome_name(list[i].outcome), list[i].opens, list[i].clicks,
               list[i].detail ? list[i].detail : "-");
    ledger_recipients_free(list, count);
    return true;
}

static bool cmd_flags(ledger *l, char **argv, char *error, size_t size)
{
    ledger_address_flag *flags;
    size_t count;
    if (!ledger_address_flags(l, argv[1], &flags, &count, error, size))
        return false;
    for (size_t i = 0; i < count; i++)
        printf("%s %s delivery=%lld\n", flags[i].address, ledger_outcome_name(flags[i].outcome),
               (long long)flags[i].delivery_id);
    free(flags);
    return true;
}

static bool cmd_event(ledger *l, char **argv, int argc, char *error, size_t size)
{
    static const char *const result_names[] = {"applied", "duplicate", "kept-aside", "later"};
    ledger_event event = {0};
    snprintf(event.key, sizeof event.key, "%s", argv[1]);
    if (!ledger_event_type_from_name(argv[2], &event.type)) {
        snprintf(error, size, "no event type %s", argv[2]);
        return false;
    }
    event.message_id = argv[3];
    event.header_delivery = atoll(argv[4]);
    event.header_report = arg_text(argv[5]);
    event.at = (time_t)atoll(argv[6]);
    event.detail = arg_text(argv[7]);
    ledger_event_recipient recipients[DRIVER_MAX_ARGS];
    for (int i = 8; i < argc; i++)
        recipients[i - 8] = (ledger_event_recipient){argv[i], NULL};
    event.recipients = recipients;
    event.recipient_count = (size_t)(argc - 8);
    ledger_event_result result;
    int64_t delivery;
    char why[512], body[128];
    snprintf(body, sizeof body, "{\"event\": \"%s\"}", event.key);
    if (!ledger_apply_event(l, &event, body, &result, &delivery, why, sizeof why, error, size))
        return false;
    printf("%s delivery=%lld %s\n", result_names[result], (long long)delivery, why);
    return true;
}

static bool cmd_kept_list(ledger *l, char *error, size_t size)
{
    ledger_kept_aside_entry *list;
    size_t count;
    if (!ledger_kept_aside_list(l, &list, &count, error, size))
        return false;
    for (size_t i = 0; i < count; i++)
        printf("%s | %.40s\n", list[i].reason, list[i].body_start);
    ledger_kept_aside_free(list, count);
    return true;
}

/* One command; false with `error` when its call failed. */
static bool driver_run(ledger *l, char **argv, int argc, char *error, size_t size)
{
    const char *c = argv[0];
    bool done = true;
    if (strcmp(c, "add") == 0 && argc == 8)
        return cmd_add(l, argv, error, size);
    if (strcmp(c, "batch") == 0 && argc == 2) {
        int64_t id = ledger_begin_batch(l, arg_text(argv[1]), error, size);
        if (id > 0)
            printf("batch %lld\n", (long long)id);
        return id > 0;
    }
    if (strcmp(c, "note") == 0 && argc == 3)
        done = ledger_note_batch(l, atoll(argv[1]), argv[2], error, size);
    else if (strcmp(c, "last-batch") == 0)
        printf("%lld\n", (long long)ledger_last_batch(l));
    else if (strcmp(c, "claim") == 0 && argc == 3)
        return cmd_claim(l, argv, error, size);
    else if (strcmp(c, "sending") == 0 && argc == 2)
        done = ledger_mark_sending(l, atoll(argv[1]), error, size);
    else if (strcmp(c, "sent") == 0 && argc == 5)
        done = ledger_mark_sent(l, atoll(argv[1]), argv[2], arg_text(argv[3]), atoi(argv[4]),
                                error, size);
    else if (strcmp(c, "failed") == 0 && argc == 4)
        done = ledger_mark_failed(l, atoll(argv[1]), argv[2], argv[3], NULL, 1, error, size);
    else if (strcmp(c, "unknown") == 0 && argc == 4)
        done = ledger_mark_unknown(l, atoll(argv[1]), argv[2], argv[3], 1, error, size);
    else if (strcmp(c, "not-attempted") == 0 && argc == 3)
        done = ledger_mark_not_attempted(l, atoll(argv[1]), argv[2], error, size);
    else if (strcmp(c, "archive") == 0 && argc == 5)
        done = ledger_set_archive(l, atoll(argv[1]), argv[2], argv[3], atoll(argv[4]), error,
                                  size);
    else if (strcmp(c, "get") == 0 && argc == 2)
        return cmd_get(l, argv, error, size);
    else if (strcmp(c, "list") == 0)
        return cmd_list(l, argv, argc, error, size);
    else if (strcmp(c, "count") == 0)
        return cmd_count(l, error, size);
    else if (strcmp(c, "status") == 0)
        return cmd_status(l, error, size);
    else if (strcmp(c, "recipients") == 0 && argc == 2)
        return cmd_recipients(l, argv, error, size);
    else if (strcmp(c, "flags") == 0 && argc == 2)
        return cmd_flags(l, argv, error, size);
    else if (strcmp(c, "event") == 0 && argc >= 8)
        return cmd_event(l, argv, argc, error, size);
    else if (strcmp(c, "kept") == 0)
        printf("%lld\n", (long long)ledger_kept_aside_count(l));
    else if (strcmp(c, "kept-list") == 0)
        return cmd_kept_list(l, error, size);
    else if (strcmp(c, "keep") == 0 && argc == 3) {
        bool duplicate;
        done = ledger_keep_aside(l, argv[1], argv[2], &duplicate, error, size);
        if (done)
            puts(duplicate ? "duplicate" : "kept");
        return done;
    } else {
        snprintf(error, size, "bad command %s (%d arguments)", c, argc - 1);
        return false;
    }
    if (done && strcmp(c, "last-batch") != 0 && strcmp(c, "kept") != 0)
        puts("ok");
    return done;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: ledger_driver sqlite:PATH|dynamodb://TABLE < script\n", stderr);
        return 2;
    }
    char error[1024];
    int recovered = 0;
    bool sqlite = strncmp(argv[1], "sqlite:", 7) == 0;
    if (!sqlite && strncmp(argv[1], "dynamodb://", 11) != 0) {
        fputs("usage: ledger_driver sqlite:PATH|dynamodb://TABLE < script\n", stderr);
        return 2;
    }
    ledger *l = sqlite ? ledger_open(argv[1] + 7, &recovered, error, sizeof error)
                       : driver_open_dynamodb(argv[1], &recovered, error, sizeof error);
    if (!l) {
        fprintf(stderr, "ledger_driver: %s\n", error);
        return 1;
    }
    printf("open recovered=%d\n", recovered);
    bool times = getenv("LEDGER_DRIVER_TIMES") != NULL;
    char line[DRIVER_LINE];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *args[DRIVER_MAX_ARGS];
        int count = 0;
        for (char *save = NULL, *field = strtok_r(line, "\t", &save);
             field && count < DRIVER_MAX_ARGS; field = strtok_r(NULL, "\t", &save))
            args[count++] = field;
        if (count == 0)
            continue;
        printf("> %s\n", args[0]);
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        if (!driver_run(l, args, count, error, sizeof error))
            printf("error: %s\n", error);
        clock_gettime(CLOCK_MONOTONIC, &end);
        if (times)
            fprintf(stderr, "time %s %.3f\n", args[0],
                    (double)(end.tv_sec - start.tv_sec) * 1e3 +
                        (double)(end.tv_nsec - start.tv_nsec) / 1e6);
        fflush(stdout);
    }
    ledger_close(l);
    return 0;
}
