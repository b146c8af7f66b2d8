/* url: the transport rule every URL the program talks to follows, and how
 * a URL is shown.
 *
 * https:// anywhere, plain http:// only to a loopback host (localhost,
 * 127.0.0.0/8, ::1): a signed request or a bearer of data sent over http to
 * anywhere else crosses the network in the clear. The SES endpoint and
 * DASHBOARD_URL share it. A password in a URL's userinfo
 * ("https://user:password@host/") is never shown: url_redact() is what
 * every message, summary and ledger note prints instead of the URL.
 */
#ifndef BRIEFING_URL_H
#define BRIEFING_URL_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    URL_ALLOWED,
    URL_NOT_HTTP,           /* neither https:// nor http:// */
    URL_NO_HOST,
    URL_PLAIN_HTTP_REMOTE,  /* http:// to a host that is not this machine */
} url_verdict;

/* Checks `url` against the transport rule; its host (brackets off IPv6
 * literals) goes to `host` (may be NULL). */
url_verdict url_check_transport(const char *url, char *host, size_t host_size);

/* `url` with the password of its userinfo replaced by "***" ("https://
 * user:***@host/"), cut to `out_size`. */
void url_redact(const char *url, char *out, size_t out_size);

/* `url` without its userinfo ("https://user:pw@host/p" → "https://host/p"),
 * cut to `out_size`: for a URL whose server authenticates otherwise. */
void url_drop_userinfo(const char *url, char *out, size_t out_size);

#endif
