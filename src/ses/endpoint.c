/* endpoint: which URL the SES client talks to (DESIGN §5).
 *
 * The first non-empty of: --endpoint, AWS_ENDPOINT_URL_SES, AWS_ENDPOINT_URL,
 * repos.env SES_ENDPOINT, the AWS profile's endpoint_url; else https://email.<region>.amazonaws.com. The
 * result is https, or plain http only to a loopback host (a local stand-in):
 * credentials signed over http to anywhere else would cross the network in
 * the clear (url.h's rule, shared with DASHBOARD_URL; errors show the URL
 * without its password). Trailing slashes are dropped so callers can append
 * a path.
 */
#include "briefing/ses.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/url.h"
#include "briefing/utf8.h"

typedef struct {
    const char *value;
    const char *origin;      /* named in errors: where the bad URL came from */
} endpoint_candidate;

static int endpoint_present(const char *value)
{
    return value && *value;
}

bool ses_endpoint_check(const char *url, const char *origin, char *error, size_t error_size)
{
    char host[256] = "", shown[512];
    url_redact(url, shown, sizeof shown);
    switch (url_check_transport(url, host, sizeof host)) {
    case URL_ALLOWED:
        return true;
    case URL_NOT_HTTP:
        snprintf(error, error_size, "%s: endpoint \"%s\" must start with https://",
                 origin, shown);
        return false;
    case URL_NO_HOST:
        snprintf(error, error_size, "%s: endpoint \"%s\" has no host (or two @ before it)", origin,
                 shown);
        return false;
    case URL_PLAIN_HTTP_REMOTE:
        snprintf(error, error_size,
                 "%s: endpoint \"%s\" uses plain http to %s; signed requests go over https "
                 "except to a loopback host (localhost, 127.0.0.1, [::1])",
                 origin, shown, host);
        return false;
    }
    return false;
}

bool ses_resolve_endpoint(const char *flag_endpoint, const char *env_file_endpoint,
                          const ses_profile_settings *profile, const char *region, char *out,
                          size_t out_size, char *error, size_t error_size)
{
    const endpoint_candidate chain[] = {
        {flag_endpoint, "--endpoint"},
        {getenv("AWS_ENDPOINT_URL_SES"), "AWS_ENDPOINT_URL_SES"},
        {getenv("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL"},
        {env_file_endpoint, "repos.env SES_ENDPOINT"},
        {profile ? profile->endpoint_url : NULL, profile ? profile->endpoint_origin : NULL},
    };
    char default_url[300];
    endpoint_candidate chosen = {NULL, NULL};
    for (size_t i = 0; i < sizeof chain / sizeof *chain && !chosen.value; i++)
        if (endpoint_present(chain[i].value))
            chosen = chain[i];
    if (!chosen.value) {
        if (!endpoint_present(region)) {
            snprintf(error, error_size,
                     "no SES region to build the endpoint from: set SES_REGION in repos.env "
                     "or give --endpoint");
            return false;
        }
        if (strspn(region, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(region)) {
            snprintf(error, error_size,
                     "SES region \"%.*s\" is not a region name (like eu-west-1)",
                     (int)utf8_cut(region, strlen(region), 64), region);
            return false;
        }
        snprintf(default_url, sizeof default_url, "https://email.%s.amazonaws.com", region);
        chosen = (endpoint_candidate){default_url, "SES_REGION"};
    }
    if (!ses_endpoint_check(chosen.value, chosen.origin, error, error_size))
        return false;
    /* SES authenticates with SigV4: a user or password in the URL has no
     * use, and dropping it here keeps it off every screen that shows the
     * endpoint. */
    char bare[2048];
    url_drop_userinfo(chosen.value, bare, sizeof bare);
    size_t length = strlen(bare);
    while (length > 0 && bare[length - 1] == '/')
        length--;
    if (length >= out_size || length + 1 >= sizeof bare) {
        snprintf(error, error_size, "%s: endpoint is longer than %zu bytes", chosen.origin,
                 out_size - 1);
        return false;
    }
    memcpy(out, bare, length);
    out[length] = '\0';
    return true;
}
