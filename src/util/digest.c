#include "briefing/digest.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

void digest_hex(const unsigned char *bytes, size_t length, char *hex)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < length; i++) {
        hex[2 * i] = digits[bytes[i] >> 4];
        hex[2 * i + 1] = digits[bytes[i] & 0x0f];
    }
    hex[2 * length] = '\0';
}

void digest_sha256(const void *bytes, size_t length, unsigned char out[DIGEST_SHA256_BYTES])
{
    unsigned int digest_length = DIGEST_SHA256_BYTES;
    /* EVP_Digest only fails when libcrypto itself is broken. */
    EVP_Digest(bytes, length, out, &digest_length, EVP_sha256(), NULL);
}

void digest_sha256_hex(const void *bytes, size_t length, char hex[65])
{
    unsigned char digest[DIGEST_SHA256_BYTES];
    digest_sha256(bytes, length, digest);
    digest_hex(digest, sizeof digest, hex);
}

void digest_hmac_sha256(const void *key, size_t key_length, const void *bytes, size_t length,
                        unsigned char mac[DIGEST_SHA256_BYTES])
{
    unsigned int mac_length = DIGEST_SHA256_BYTES;
    /* HMAC only fails when libcrypto itself is broken. */
    HMAC(EVP_sha256(), key, (int)key_length, bytes, length, mac, &mac_length);
}

void digest_hmac_sha256_hex(const void *key, size_t key_length, const void *bytes, size_t length,
                            char hex[65])
{
    unsigned char mac[DIGEST_SHA256_BYTES];
    digest_hmac_sha256(key, key_length, bytes, length, mac);
    digest_hex(mac, sizeof mac, hex);
}
