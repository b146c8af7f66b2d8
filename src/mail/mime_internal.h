/* mime_internal.h: what the mail module's files share (and its unit tests).
 *
 *  mail_charset.c UTF-8 and control-character checks
 *  qp.c        quoted-printable bodies (RFC 2045 §6.7)
 *  header.c    header fields folded at 78 columns
 *  rfc2047.c   encoded words, unstructured values, display names
 *  addr_spec.c the local@domain syntax and RFC 5321 lengths
 *  address.c   display names, parsing, splitting address lists
 *  validate.c  checking a whole mime_message before anything is built
 *  build.c     mime_build: headers, boundary, parts
 */
#ifndef BRIEFING_MAIL_MIME_INTERNAL_H
#define BRIEFING_MAIL_MIME_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/mime.h"
#include "briefing/strbuf.h"

#define MIME_FOLD_COLUMN 78      /* RFC 5322 §2.1.1 "SHOULD" */
#define MIME_QP_LINE_MAX 76      /* RFC 2045 §6.7 rule 5, soft break "=" included */
#define MIME_ENCODED_WORD_MAX 75 /* RFC 2047 §2 */

/* mail_charset.c */

/* True when every byte is printable ASCII (0x20..0x7E). */
bool mime_ascii_printable(const char *s, size_t n);
/* RFC 5322 atext: the characters of an atom (display names, local parts). */
bool mime_is_atext(char c);
/* A header value: no CR, LF or other control (TAB allowed), and UTF-8. */
bool mime_header_text_valid(const char *s, char *error, size_t error_size);

/* qp.c */

/* Appends `n` bytes of `text` quoted-printable encoded. "\n" and "\r\n" become
 * CRLF hard breaks; no output line exceeds 76 octets; a UTF-8 character is
 * never split by a soft break; "." and "From " starting a line are encoded so
 * no transport can take them for anything else. */
void mime_qp_encode(const char *text, size_t n, strbuf *out);

/* header.c: one header field, written word by word. Every word is preceded
 * by one space, which becomes CRLF SP (a fold) when the word would pass
 * column 78; the first word after the name never folds. */
typedef struct {
    strbuf *out;
    size_t column;
    size_t words;
} mime_header;

void mime_header_begin(mime_header *h, strbuf *out, const char *name);
void mime_header_word(mime_header *h, const char *word, size_t n);
/* Appends `text` right after the previous word; never folds (the "," of a list). */
void mime_header_glue(mime_header *h, const char *text);
void mime_header_end(mime_header *h);

/* rfc2047.c */

/* `n` bytes of UTF-8 as =?UTF-8?B?...?= words of <= 75 octets, each word a
 * whole number of characters, the first sized to the room left on the line. */
void mime_header_encoded_words(mime_header *h, const char *text, size_t n);
/* An unstructured value (Subject): plain words folded at spaces when it is
 * printable ASCII with short words, encoded words otherwise. */
void mime_header_unstructured(mime_header *h, const char *text);
/* A display name: atoms as they are, other ASCII as a quoted-string,
 * non-ASCII as encoded words. `n` bytes, unescaped. */
void mime_header_phrase(mime_header *h, const char *name, size_t n);

/* addr_spec.c */

/* The index of the closing quote of the quoted-string opening at s[0], or n
 * when it is not closed. */
size_t mime_quoted_string_end(const char *s, size_t n);
/* Checks `n` bytes as local@domain; the reason into `error` when invalid. */
bool mime_addr_spec_valid(const char *s, size_t n, char *error, size_t error_size);

/* address.c */

/* One address split into its parts; pointers into the parsed string. */
typedef struct {
    const char *display;  /* display name as written (quotes included), or NULL */
    size_t display_len;
    const char *addr_spec;
    size_t addr_spec_len;
} mime_address;

/* Parses and validates "addr", "Name <addr>" or "\"Name\" <addr>". On failure
 * writes the reason (without any field name) into `error`. */
bool mime_address_parse(const char *address, mime_address *parsed, char *error, size_t error_size);
/* The display name with quotes removed and quoted-pairs resolved. */
void mime_address_display_name(const mime_address *parsed, strbuf *out);
/* Writes the address as one list item: phrase words and <addr>, or the bare addr. */
void mime_header_address(mime_header *h, const mime_address *parsed);

/* validate.c */

/* Checks every input of `message`; "field: reason" into `error` on failure. */
bool mime_message_validate(const mime_message *message, char *error, size_t error_size);

#endif
