/* endpoint: which URL the SES client talks to (DESIGN §5).
 *
 * The first non-empty of: --endpoint, AWS_ENDPOINT_URL_SES, AWS_ENDPOINT_URL,
 * repos.env SES_ENDPOINT, the AWS profile's endpoint_url; else https://email.<region>.amazonaws.com. The
 * result is https, or plain http only to a loopback host (a local stand-in):
 * credentials signed over http to anywhere else would cross the network in
 * the clear. Trailing slashes are dropped so callers can append a path.
 */
#include "briefing/ses.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <arpa/inet.h>

#include "briefing/utf8.h"

typedef struct {
    const char *value;
    const char *origin;      /* named in errors: where the bad URL came from */
} endpoint_candidate;

static int endpoint_present(const char *value)
{
    return value && *value;
}

/* The host of "scheme://[user@]host[:port][/path]", brackets kept off IPv6
 * literals; false when there is none. */
static bool endpoint_host(const char *after_scheme, char *host, size_t host_size)
{
    size_t authority_length = strcspn(after_scheme, "/?#");
    const char *authority = after_scheme;
    const char *at = memchr(authority, '@', authority_length);
    if (at) {
        authority_length -= (size_t)(at + 1 - authority);
        authority = at + 1;
    }
    size_t host_length;
    if (authority[0] == '[') {
        const char *close = memchr(authority, ']', authority_length);
        if (!close)
            return false;
        authority++;
        host_length = (size_t)(close - authority);
    } else {
        const char *colon = memchr(authority, ':', authority_length);
        host_length = colon ? (size_t)(colon - authority) : authority_length;
    }
    if (host_length == 0 || host_length >= host_size)
        return false;
    memcpy(host, authority, host_length);
    host[host_length] = '\0';
    return true;
}

/* localhost, 127.0.0.0/8 and ::1. */
static bool endpoint_is_loopback(const char *host)
{
    if (strcasecmp(host, "localhost") == 0)
        return true;
    struct in_addr v4;
    if (inet_pton(AF_INET, host, &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    struct in6_addr v6;
    return inet_pton(AF_INET6, host, &v6) == 1 && memcmp(&v6, &in6addr_loopback, sizeof v6) == 0;
}

bool ses_endpoint_check(const char *url, const char *origin, char *error, size_t error_size)
{
    const endpoint_candidate candidate_storage = {url, origin};
    const endpoint_candidate *candidate = &candidate_storage;
    bool https = strncasecmp(url, "https://", 8) == 0;
    bool http = strncasecmp(url, "http://", 7) == 0;
    if (!https && !http) {
        snprintf(error, error_size, "%s: endpoint \"%s\" must start with https://",
                 candidate->origin, url);
        return false;
    }
    char host[256];
    if (!endpoint_host(url + (https ? 8 : 7), host, sizeof host)) {
        snprintf(error, error_size, "%s: endpoint \"%s\" has no host", candidate->origin, url);
        return false;
    }
    if (http && !endpoint_is_loopback(host)) {
        snprintf(error, error_size,
                 "%s: endpoint \"%s\" uses plain http to %s; signed requests go over https "
                 "except to a loopback host (localhost, 127.0.0.1, [::1])",
                 candidate->origin, url, host);
        return false;
    }
    return true;
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
    size_t length = strlen(chosen.value);
    while (length > 0 && chosen.value[length - 1] == '/')
        length--;
    if (length >= out_size) {
        snprintf(error, error_size, "%s: endpoint is longer than %zu bytes", chosen.origin,
                 out_size - 1);
        return false;
    }
    memcpy(out, chosen.value, length);
    out[length] = '\0';
    return true;
}
