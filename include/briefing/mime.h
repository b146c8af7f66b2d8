/* mime: RFC 5322 messages for SendRawEmail.
 *
 * multipart/alternative with a text/plain and a text/html part, both UTF-8
 * and quoted-printable, CRLF line ends, no line over 998 octets (76 in QP
 * bodies). Non-ASCII subjects and display names are RFC 2047 encoded words.
 * Bcc never appears in the headers: it only goes in SES's Destinations.
 * Every input is validated first; on any problem nothing is built and the
 * error names the field, and for an address the address as typed:
 * To: "bob@@example.com" has two @.
 */
#ifndef BRIEFING_MIME_H
#define BRIEFING_MIME_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "briefing/strbuf.h"

#define MIME_MAX_RECIPIENTS 50               /* SES: To+Cc+Bcc */
#define MIME_MAX_MESSAGE_BYTES (10u * 1024 * 1024)

typedef struct {
    const char *from;            /* "Name <addr@example.com>" or "addr@example.com" */
    const char **to;
    size_t to_count;
    const char **cc;
    size_t cc_count;
    const char **bcc;            /* validated and counted, never written */
    size_t bcc_count;
    const char *subject;         /* UTF-8 */
    time_t date;
    const char *text;            /* text/plain body, UTF-8, "\n" line ends */
    const char *html;            /* text/html body, UTF-8 */
    const char *report_id;       /* X-Briefing-Report: "cfo/portfolio" */
    const char *delivery_id;     /* X-Briefing-Delivery; NULL to omit */
    const char *boundary_seed;   /* makes the boundary and Message-ID deterministic; NULL: random */
    /* When set, the Message-ID comes from this seed and the boundary from
     * boundary_seed alone, so a boundary that needs no uniqueness (quoted-
     * printable parts cannot contain it) can stay the same between the
     * review and the send while each delivery's Message-ID differs. */
    const char *message_id_seed;
} mime_message;

/* Builds the message into `out`. Returns false and writes "field: reason"
 * into `error` when any input is invalid; `out` is then left unchanged.
 * Addresses are named by their header and quoted as given (From: "x" has no
 * @, To: ..., Cc: ..., Bcc: ...); other fields as in mime_message
 * ("subject: ..."); "recipients" and "message" name the count and size
 * limits. To, like Cc, is omitted when empty (a Bcc-only message). */
bool mime_build(const mime_message *message, strbuf *out, char *error, size_t error_size);

/* Validates one address (bare or "Name <addr>") against RFC 5321 lengths
 * (local part <= 64, domain <= 255, whole <= 254) and forbids CR, LF, NUL.
 * The reason is what follows the address in a sentence: "has two @". */
bool mime_address_valid(const char *address, char *error, size_t error_size);

/* mime_address_valid, with the whole sentence an operator reads:
 * `field`, the address as typed (controls escaped) and why:
 *   To: "bob@@example.com" has two @ */
bool mime_address_check(const char *field, const char *address, char *error, size_t error_size);

/* The bare addr-spec of "Name <addr>" (or the address itself) into `out`. */
void mime_address_bare(const char *address, strbuf *out);

/* Splits "a@x, b@y" into trimmed addresses allocated with malloc; returns the
 * count. Free with mime_address_list_free(). */
size_t mime_address_split(const char *list, char ***out);
void mime_address_list_free(char **list, size_t count);

#endif
