/* config: repos.env and flags into sender, recipients and SES settings.
 * The key names and their precedence are a table, so the docs and the code
 * cannot drift apart. */
#include "briefing/send.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* First key present wins. */
static const char *config_first(const portfolio *p, const char *const *keys)
{
    for (size_t i = 0; keys[i]; i++) {
        const char *value = model_env_get(p, keys[i]);
        if (value && *value)
            return value;
    }
    return NULL;
}

/* The keys a persona's recipient field is read from, in precedence order:
 * its own (EXEC_REPORT_TO_CFO), the shared one (EXEC_REPORT_TO), and for
 * Bcc the seeds' audit copy (SES_BCC_ADDRESS). `own` holds the first. */
static size_t config_recipient_keys(persona persona, recipient_field field, char own[64],
                                    const char *keys[3])
{
    static const char *const bases[RECIPIENT_FIELD_COUNT] = {"EXEC_REPORT_TO", "EXEC_REPORT_CC",
                                                             "EXEC_REPORT_BCC"};
    snprintf(own, 64, "%s_%s", bases[field], report_personas[persona].env_suffix);
    keys[0] = own;
    keys[1] = bases[field];
    keys[2] = field == RECIPIENT_BCC ? "SES_BCC_ADDRESS" : NULL;
    return keys[2] ? 3 : 2;
}

/* A recipient key counts once it is present, even empty: an explicit
 * `EXEC_REPORT_BCC_CFO=` means "no Bcc for the CFO", not "fall back". */
static const env_entry *config_recipient_entry(const portfolio *p, persona persona,
                                               recipient_field field)
{
    char own[64];
    const char *keys[3];
    size_t count = config_recipient_keys(persona, field, own, keys);
    for (size_t i = 0; i < count; i++) {
        const env_entry *entry = model_env_find(p, keys[i]);
        if (entry)
            return entry;
    }
    return NULL;
}

void config_load(const portfolio *p, const config_overrides *overrides, briefing_config *out)
{
    memset(out, 0, sizeof *out);
    out->portfolio = p;
    if (overrides)
        out->overrides = *overrides;

    static const char *const from_keys[] = {"SES_FROM_ADDRESS", NULL};
    static const char *const region_keys[] = {"SES_REGION", "AWS_SES_REGION", NULL};
    static const char *const set_keys[] = {"SES_CONFIGURATION_SET", NULL};
    static const char *const dashboard_keys[] = {"DASHBOARD_URL", NULL};
    out->from_address = config_first(p, from_keys);
    out->region = out->overrides.region ? out->overrides.region : config_first(p, region_keys);
    ses_profile_settings profile; /* a bad file shows when SES is resolved */
    if (!out->region && ses_profile_settings_read(NULL, out->overrides.aws_dir, &profile, NULL, 0) &&
        profile.region[0]) {
        snprintf(out->profile_region, sizeof out->profile_region, "%s", profile.region);
        out->region = out->profile_region;
    }
    out->configuration_set = config_first(p, set_keys);
    out->dashboard_url = config_first(p, dashboard_keys);
    if (!out->dashboard_url && getenv("DASHBOARD_URL") && *getenv("DASHBOARD_URL"))
        out->dashboard_url = getenv("DASHBOARD_URL");

    for (int i = 0; i < PERSONA_COUNT; i++) {
        const char **fields[RECIPIENT_FIELD_COUNT] = {&out->persona_recipients[i].to,
                                                      &out->persona_recipients[i].cc,
                                                      &out->persona_recipients[i].bcc};
        for (int f = 0; f < RECIPIENT_FIELD_COUNT; f++) {
            const env_entry *entry = config_recipient_entry(p, (persona)i, (recipient_field)f);
            *fields[f] = entry ? entry->value : "";
        }
    }
}

/* `text` as the test clock's offset in seconds; `name` says whose it is. */
static bool config_clock_seconds(const char *name, const char *text, long long *seconds,
                                 char *error, size_t error_size)
{
    char *end;
    *seconds = strtoll(text, &end, 10);
    if (end == text || *end) {
        snprintf(error, error_size, "%s: \"%s\" is not a number of seconds", name, text);
        *seconds = 0;
        return false;
    }
    return true;
}

/* BRIEFING_TEST_CLOCK_FILE: the offset written in that file, read at each
 * look at the clock, so a test moves the clock of a running console. */
static bool config_clock_file_offset(const char *path, long long *seconds, char *error,
                                     size_t error_size)
{
    char text[64] = "";
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(error, error_size, "BRIEFING_TEST_CLOCK_FILE: %s: %s", path, strerror(errno));
        return false;
    }
    size_t length = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    while (length && strchr(" \t\r\n", text[length - 1])) /* "7200\n" as echo writes it */
        length--;
    text[length] = '\0';
    return config_clock_seconds("BRIEFING_TEST_CLOCK_FILE", text, seconds, error, error_size);
}

/* The test clock's offset: seconds added to the clock, for tests only
 * (docs/console.md): a console "open across midnight" without waiting for
 * one. BRIEFING_TEST_CLOCK_OFFSET is fixed at start-up;
 * BRIEFING_TEST_CLOCK_FILE is read each time. False with a message when
 * both are set, the file cannot be read or the value is not a number. */
static bool config_clock_offset(long long *seconds, char *error, size_t error_size)
{
    const char *offset = getenv("BRIEFING_TEST_CLOCK_OFFSET");
    const char *file = getenv("BRIEFING_TEST_CLOCK_FILE");
    *seconds = 0;
    bool fixed = offset && *offset, movable = file && *file;
    if (fixed && movable) {
        snprintf(error, error_size, "BRIEFING_TEST_CLOCK_OFFSET and BRIEFING_TEST_CLOCK_FILE are "
                 "both set: set one");
        return false;
    }
    if (movable)
        return config_clock_file_offset(file, seconds, error, error_size);
    if (fixed)
        return config_clock_seconds("BRIEFING_TEST_CLOCK_OFFSET", offset, seconds, error,
                                    error_size);
    return true;
}

bool config_clock_movable(void)
{
    const char *file = getenv("BRIEFING_TEST_CLOCK_FILE");
    return file && *file;
}

time_t config_clock(void)
{
    long long offset;
    char error[160];
    /* A bad offset is refused by config_report_time, which every front end
     * calls first; here it counts as none. */
    config_clock_offset(&offset, error, sizeof error);
    return time(NULL) + (time_t)offset;
}

bool config_report_time(time_t *now, char *error, size_t error_size)
{
    long long offset;
    if (!config_clock_offset(&offset, error, error_size))
        return false;
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (!epoch || !*epoch) {
        *now = config_clock();
        return true;
    }
    char *end;
    long long seconds = strtoll(epoch, &end, 10);
    if (*end || seconds < 0) {
        snprintf(error, error_size, "SOURCE_DATE_EPOCH: \"%s\" is not a number of seconds", epoch);
        return false;
    }
    *now = (time_t)seconds;
    return true;
}

bool config_clock_pinned(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    return epoch && *epoch;
}

recipients config_recipients(const briefing_config *c, persona persona)
{
    return c->persona_recipients[persona];
}

void config_recipient_source(const briefing_config *c, persona persona, recipient_field field,
                             char *out, size_t out_size)
{
    const env_entry *entry = config_recipient_entry(c->portfolio, persona, field);
    if (entry) {
        snprintf(out, out_size, "%s:%d %s%s", entry->file, entry->line, entry->key,
                 entry->unreadable ? ", unreadable" : entry->value[0] ? "" : ", set empty: nobody");
        return;
    }
    char own[64];
    const char *keys[3];
    size_t count = config_recipient_keys(persona, field, own, keys);
    snprintf(out, out_size, "none set: no %s%s%s%s%s", keys[0], count > 2 ? ", " : " or ",
             keys[1], count > 2 ? " or " : "", count > 2 ? keys[2] : "");
}

const env_entry *config_recipient_unreadable(const briefing_config *c, persona persona,
                                             recipient_field field)
{
    const env_entry *entry = config_recipient_entry(c->portfolio, persona, field);
    return entry && entry->unreadable ? entry : NULL;
}

void config_key_source(const briefing_config *c, const char *key, char *out, size_t out_size)
{
    const env_entry *entry = model_env_find(c->portfolio, key);
    if (entry)
        snprintf(out, out_size, "%s:%d %s", entry->file, entry->line, entry->key);
    else
        snprintf(out, out_size, "no %s set", key);
}

/* No region anywhere: an error that says where to set one. An endpoint
 * URL does not name one (SigV4 signs for a region), so it is no excuse. */
static bool config_no_region(const briefing_config *c, bool endpoint_given,
                             const ses_credentials *credentials, char *error, size_t error_size)
{
    snprintf(error, error_size,
             "no SES region: set SES_REGION in %s (or AWS_REGION, AWS_DEFAULT_REGION, or region "
             "in the AWS profile)%s%s",
             c->portfolio->settings_where,
             endpoint_given ? "; an endpoint URL does not say which region to sign for" : "",
             credentials && credentials->source == CREDENTIAL_SOURCE_INSTANCE_METADATA
                 ? "; the instance metadata did not give one either"
                 : "");
    return false;
}

bool config_resolve_ses(const briefing_config *c, ses_config *out, char *endpoint_storage,
                        size_t endpoint_storage_size, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    const portfolio *p = c->portfolio;
    const char *region = c->region;
    const char *file_endpoint = model_env_get(p, "SES_ENDPOINT");
    ses_profile_settings profile;
    if (!ses_profile_settings_read(NULL, c->overrides.aws_dir, &profile, error, error_size))
        return false;
    bool endpoint_given = c->overrides.endpoint || getenv("AWS_ENDPOINT_URL_SES") ||
                          getenv("AWS_ENDPOINT_URL") || (file_endpoint && *file_endpoint) ||
                          profile.endpoint_url[0];
    ses_credential_inputs inputs = {
        .flag_access_key_id = c->overrides.access_key_id,
        .flag_secret_access_key = c->overrides.secret_access_key,
        .env_file_access_key_id = model_env_get(p, "SES_ACCESS_KEY_ID"),
        .env_file_secret_access_key = model_env_get(p, "SES_SECRET_ACCESS_KEY"),
        .env_file_path = p->settings_where,
        .region = region,
        .aws_dir = c->overrides.aws_dir,
        .terminal_busy = c->overrides.terminal_busy,
    };
    /* The region chain's last link is the instance's own region, which only
     * instance metadata credentials bring: without a region, they come first. */
    if (!region) {
        char why[1024];
        if (!ses_resolve_credentials(&inputs, &out->credentials, why, sizeof why))
            return config_no_region(c, endpoint_given, NULL, error, error_size);
        if (!out->credentials.metadata_region[0])
            return config_no_region(c, endpoint_given, &out->credentials, error, error_size);
        region = out->credentials.metadata_region;
    }
    if (!ses_resolve_endpoint(c->overrides.endpoint, file_endpoint, &profile, region,
                              endpoint_storage, endpoint_storage_size, error, error_size))
        return false;
    if (!out->credentials.source &&
        !ses_resolve_credentials(&inputs, &out->credentials, error, error_size))
        return false;
    out->endpoint = endpoint_storage;
    out->region = region;
    snprintf(out->ca_bundle, sizeof out->ca_bundle, "%s", profile.ca_bundle);
    out->max_attempts = profile.max_attempts;
    if (!out->max_attempts && strcmp(profile.retry_mode, "legacy") == 0)
        out->max_attempts = 5; /* the AWS SDKs' legacy mode: four retries */
    return true;
}

void config_sender_identity(const briefing_config *c, char *address, size_t address_size,
                            char *domain, size_t domain_size)
{
    address[0] = domain[0] = '\0';
    if (!c->from_address)
        return;
    /* "Name <addr@domain>" or a bare address. */
    const char *start = strchr(c->from_address, '<');
    start = start ? start + 1 : c->from_address;
    size_t length = strcspn(start, ">");
    while (length && (start[length - 1] == ' '))
        length--;
    while (*start == ' ' && length) {
        start++;
        length--;
    }
    snprintf(address, address_size, "%.*s", (int)length, start);
    const char *at = strrchr(address, '@');
    if (at)
        snprintf(domain, domain_size, "%s", at + 1);
}
