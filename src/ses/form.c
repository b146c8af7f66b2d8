/* form.c: the SES Query API's request body, application/x-www-form-urlencoded.
 *
 * Names and values are percent-encoded with SigV4's rule (only A-Z a-z 0-9
 * - _ . ~ stay as they are; a space is %20, never '+'), so the bytes signed
 * are the bytes sent and any decoder reads them back exactly.
 */
#include <string.h>

#include <openssl/evp.h>

#include "ses/ses_internal.h"

static bool form_byte_is_unreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.' || c == '~';
}

void ses_percent_encode(strbuf *form, const void *data, size_t length)
{
    const unsigned char *bytes = data;
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < length; i++) {
        unsigned char c = bytes[i];
        if (form_byte_is_unreserved(c)) {
            strbuf_putc(form, (char)c);
            continue;
        }
        char escaped[3] = {'%', hex[c >> 4], hex[c & 0x0f]};
        strbuf_append(form, escaped, sizeof escaped);
    }
}

void ses_form_add_bytes(strbuf *form, const char *name, const void *value, size_t length)
{
    if (form->len)
        strbuf_putc(form, '&');
    ses_percent_encode(form, name, strlen(name));
    strbuf_putc(form, '=');
    ses_percent_encode(form, value, length);
}

void ses_form_add(strbuf *form, const char *name, const char *value)
{
    ses_form_add_bytes(form, name, value, strlen(value));
}

/* EVP_EncodeBlock writes 4 output bytes per 3 input bytes plus a NUL; it
 * takes an int length, so large messages go through in chunks that are a
 * multiple of 3 bytes (no padding in between). */
void ses_base64_append(strbuf *out, const void *data, size_t length)
{
    enum { CHUNK = 3 * 4096 };
    unsigned char encoded[CHUNK / 3 * 4 + 1];
    const unsigned char *bytes = data;
    while (length > 0) {
        size_t take = length < CHUNK ? length : CHUNK;
        int written = EVP_EncodeBlock(encoded, bytes, (int)take);
        strbuf_append(out, encoded, (size_t)written);
        bytes += take;
        length -= take;
    }
}
