/* config: who sends what to whom, from repos.env, the environment and flags.
 *
 * repos.env keys (DESIGN §5; later keys override earlier): SES_REGION (alias
 * AWS_SES_REGION), SES_FROM_ADDRESS, SES_BCC_ADDRESS, EXEC_REPORT_TO,
 * EXEC_REPORT_CC, EXEC_REPORT_BCC, SES_CONFIGURATION_SET, SES_ENDPOINT,
 * DASHBOARD_URL, and per persona EXEC_REPORT_TO_<P>, EXEC_REPORT_CC_<P>,
 * EXEC_REPORT_BCC_<P> (P = CEO CTO CFO CMO CAO AUDIT). A persona's own key
 * wins over the shared one; Bcc falls back to SES_BCC_ADDRESS, the seeds'
 * audit copy. Credentials are resolved only when something is about to talk
 * to SES (config_resolve_ses), never at load, so `render` works without them.
 *
 * Strings point into the portfolio's arena or into `storage`; the config
 * lives as long as both.
 */
#ifndef BRIEFING_CONFIG_H
#define BRIEFING_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "briefing/model.h"
#include "briefing/report.h"
#include "briefing/ses.h"

typedef struct {
    const char *to;     /* comma-separated addresses; "" when none */
    const char *cc;
    const char *bcc;
} recipients;

/* What the command line (or the console) overrides. Any may be NULL. */
typedef struct {
    const char *endpoint;
    const char *region;
    const char *access_key_id;
    const char *secret_access_key;
    const char *ledger_path;
    const char *archive_root;
    const char *aws_dir;          /* tests: instead of ~/.aws */
} config_overrides;

typedef struct {
    const char *from_address;     /* SES_FROM_ADDRESS; NULL when unset */
    const char *region;           /* SES_REGION, AWS_SES_REGION, then the AWS profile's
                                     (AWS_REGION, AWS_DEFAULT_REGION, region) */
    char profile_region[64];      /* storage for the last */
    const char *configuration_set;
    const char *dashboard_url;
    recipients persona_recipients[PERSONA_COUNT];
    config_overrides overrides;
    const portfolio *portfolio;
} briefing_config;

void config_load(const portfolio *p, const config_overrides *overrides, briefing_config *out);

/* The reports' date: SOURCE_DATE_EPOCH (reproducible builds and tests) or
 * else the clock. False with a message when the variable is not a number
 * of seconds. */
bool config_report_time(time_t *now, char *error, size_t error_size);

/* The default recipients of `persona`. */
recipients config_recipients(const briefing_config *c, persona persona);

/* Everything needed to build an ses_client: endpoint, region, credentials.
 * False with a message (exit code 3) naming the key to set. */
bool config_resolve_ses(const briefing_config *c, ses_config *out, char *endpoint_storage,
                        size_t endpoint_storage_size, char *error, size_t error_size);

/* The identity whose verification is checked before a batch: the From
 * address, or its domain. */
void config_sender_identity(const briefing_config *c, char *address, size_t address_size,
                            char *domain, size_t domain_size);

#endif
