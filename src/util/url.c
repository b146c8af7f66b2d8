/* url: https, or http only to loopback; passwords never shown (see url.h). */
#include "briefing/url.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <arpa/inet.h>

/* Bytes of the scheme and "://" ("https://", "http://"), or 0. */
static size_t url_scheme_length(const char *url)
{
    const char *separator = strstr(url, "://");
    if (!separator || strcspn(url, "/?#@") < (size_t)(separator - url))
        return 0;
    return (size_t)(separator - url) + 3;
}

/* The host of "[user[:password]@]host[:port][/path]", brackets kept off
 * IPv6 literals; false when there is none, or when the authority holds two
 * '@' (parsers disagree on which one ends the userinfo, so the host this
 * check sees might not be the one connected to). */
static bool url_host(const char *after_scheme, char *host, size_t host_size)
{
    size_t authority_length = strcspn(after_scheme, "/?#");
    const char *authority = after_scheme;
    const char *at = memchr(authority, '@', authority_length);
    if (at) {
        authority_length -= (size_t)(at + 1 - authority);
        authority = at + 1;
        if (memchr(authority, '@', authority_length))
            return false;
    }
    size_t host_length;
    if (authority[0] == '[') {
        const char *close = memchr(authority, ']', authority_length);
        const char *end = authority + authority_length;
        if (!close || (close + 1 < end && close[1] != ':'))
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
static bool url_is_loopback(const char *host)
{
    if (strcasecmp(host, "localhost") == 0)
        return true;
    struct in_addr v4;
    if (inet_pton(AF_INET, host, &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    struct in6_addr v6;
    return inet_pton(AF_INET6, host, &v6) == 1 && memcmp(&v6, &in6addr_loopback, sizeof v6) == 0;
}

url_verdict url_check_transport(const char *url, char *host, size_t host_size)
{
    char found[256];
    bool https = strncasecmp(url, "https://", 8) == 0;
    bool http = strncasecmp(url, "http://", 7) == 0;
    if (!https && !http)
        return URL_NOT_HTTP;
    if (!url_host(url + (https ? 8 : 7), found, sizeof found))
        return URL_NO_HOST;
    if (host)
        snprintf(host, host_size, "%s", found);
    return http && !url_is_loopback(found) ? URL_PLAIN_HTTP_REMOTE : URL_ALLOWED;
}

/* The '@' that ends the userinfo of `url` (the last one of the authority),
 * or NULL; `*authority` is where the authority starts. */
static const char *url_userinfo_end(const char *url, const char **authority)
{
    *authority = url + url_scheme_length(url);
    size_t authority_length = strcspn(*authority, "/?#");
    for (size_t i = authority_length; i > 0; i--)
        if ((*authority)[i - 1] == '@')
            return *authority + i - 1;
    return NULL;
}

void url_drop_userinfo(const char *url, char *out, size_t out_size)
{
    const char *authority;
    const char *at = url_userinfo_end(url, &authority);
    if (at)
        snprintf(out, out_size, "%.*s%s", (int)(authority - url), url, at + 1);
    else
        snprintf(out, out_size, "%s", url);
}

/* Everything between the first ':' of the userinfo and its last '@' is
 * hidden, so a password holding '@' or ':' is hidden whole. */
void url_redact(const char *url, char *out, size_t out_size)
{
    const char *authority;
    const char *at = url_userinfo_end(url, &authority);
    const char *colon = at ? memchr(authority, ':', (size_t)(at - authority)) : NULL;
    if (!colon) {
        snprintf(out, out_size, "%s", url);
        return;
    }
    snprintf(out, out_size, "%.*s:***%s", (int)(colon - url), url, at);
}
