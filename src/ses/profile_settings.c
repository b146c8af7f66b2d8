/* profile_settings: what the AWS profile in use says about talking to SES,
 * besides credentials: region, endpoint_url (and its [services] section),
 * ca_bundle, max_attempts and retry_mode, each after the AWS CLI's
 * environment variable for it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ses/aws_internal.h"

enum { PROFILE_MAX_ATTEMPTS_LIMIT = 10 };

static const char *const profile_retry_modes[] = {"standard", "adaptive", "legacy"};

static bool profile_read_retries(const aws_files *files, ses_profile_settings *out, char *error,
                                 size_t error_size)
{
    char origin[1200];
    const char *attempts = aws_env_or_profile(files, out->profile, "AWS_MAX_ATTEMPTS", "max_attempts",
                                           origin, sizeof origin);
    if (attempts) {
        char *end;
        long value = strtol(attempts, &end, 10);
        if (*end || value < 1 || value > PROFILE_MAX_ATTEMPTS_LIMIT) {
            snprintf(error, error_size, "%s: \"%.20s\" is not a number of attempts from 1 to %d",
                     origin, attempts, PROFILE_MAX_ATTEMPTS_LIMIT);
            return false;
        }
        out->max_attempts = (int)value;
    }
    const char *mode = aws_env_or_profile(files, out->profile, "AWS_RETRY_MODE", "retry_mode", origin,
                                       sizeof origin);
    if (!mode)
        return true;
    for (size_t i = 0; i < sizeof profile_retry_modes / sizeof *profile_retry_modes; i++)
        if (strcmp(mode, profile_retry_modes[i]) == 0) {
            snprintf(out->retry_mode, sizeof out->retry_mode, "%s", mode);
            return true;
        }
    snprintf(error, error_size, "%s: \"%.20s\" is not standard, adaptive or legacy", origin, mode);
    return false;
}

bool ses_profile_settings_read(const char *profile, const char *aws_dir,
                               ses_profile_settings *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    snprintf(out->profile, sizeof out->profile, "%s", aws_profile_name(profile));
    aws_files files;
    if (!aws_files_load(&files, aws_dir, error, error_size))
        return false;
    if (!aws_profile_check(&files, profile, error, error_size)) {
        aws_files_free(&files);
        return false;
    }
    const char *region = aws_profile_region(&files, out->profile);
    snprintf(out->region, sizeof out->region, "%s", region ? region : "");
    const char *endpoint = aws_profile_endpoint(&files, out->profile, "ses", "AWS_ENDPOINT_URL_SES",
                                                out->endpoint_origin, sizeof out->endpoint_origin);
    /* The two variables are already ahead of the profile in the SES chain. */
    if (endpoint && (endpoint == getenv("AWS_ENDPOINT_URL_SES") ||
                     endpoint == getenv("AWS_ENDPOINT_URL")))
        endpoint = NULL;
    snprintf(out->endpoint_url, sizeof out->endpoint_url, "%s", endpoint ? endpoint : "");
    const char *ca_bundle = aws_ca_bundle(&files, out->profile);
    snprintf(out->ca_bundle, sizeof out->ca_bundle, "%s", ca_bundle ? ca_bundle : "");
    bool ok = profile_read_retries(&files, out, error, error_size);
    aws_files_free(&files);
    return ok;
}
