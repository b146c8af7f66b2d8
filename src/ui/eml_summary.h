/* eml_summary: the headers of a built message as the recipient's mail
 * program shows them — unfolded, RFC 2047 encoded words decoded — read from
 * the message's own bytes, so the summary cannot say something the message
 * does not. Bcc is never in the bytes: the caller passes the envelope's. */
#ifndef BRIEFING_UI_EML_SUMMARY_H
#define BRIEFING_UI_EML_SUMMARY_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/strbuf.h"

/* Appends the decoded value of header `name` (case-insensitive) of the
 * message `eml` to `out`; false when the header section has no such field. */
bool eml_header_value(const char *eml, size_t length, const char *name, strbuf *out);

/* Appends "From", "To", "Cc", "Bcc" (the envelope's `bcc`, marked as not in
 * the message), "Subject" and "Date", one "Label    value" line each; an
 * absent or empty one shows "-". */
void eml_summary(const char *eml, size_t length, const char *bcc, strbuf *out);

/* Appends the message's text/plain part as its recipient's mail program
 * shows it: quoted-printable decoded, LF line ends, without the delimiter
 * that ends it. False (nothing appended) when the message has none. */
bool eml_text_part(const char *eml, size_t length, strbuf *out);

#endif
