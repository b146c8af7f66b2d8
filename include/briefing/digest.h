/* digest: lower-case hex, SHA-256 and HMAC-SHA-256 (OpenSSL), shared by the
 * signer, the MIME builder and the ledger so there is one way to spell a
 * hash. */
#ifndef BRIEFING_DIGEST_H
#define BRIEFING_DIGEST_H

#include <stddef.h>

/* `length` bytes as lower-case hex into `hex` (2 × length + 1 bytes). */
void digest_hex(const unsigned char *bytes, size_t length, char *hex);

enum { DIGEST_SHA256_BYTES = 32 };

/* The SHA-256 of `length` bytes, raw (S3's x-amz-checksum-sha256 is its
 * base64). */
void digest_sha256(const void *bytes, size_t length, unsigned char out[DIGEST_SHA256_BYTES]);

/* Lower-case hex SHA-256 of `length` bytes into `hex` (65 bytes). */
void digest_sha256_hex(const void *bytes, size_t length, char hex[65]);

/* HMAC-SHA-256 of `length` bytes under `key` into `mac` (32 bytes): the
 * SigV4 signing key chain feeds one MAC into the next as a key. */
void digest_hmac_sha256(const void *key, size_t key_length, const void *bytes, size_t length,
                        unsigned char mac[DIGEST_SHA256_BYTES]);

/* HMAC-SHA-256 of `length` bytes under `key`, as lower-case hex (65 bytes). */
void digest_hmac_sha256_hex(const void *key, size_t key_length, const void *bytes, size_t length,
                            char hex[65]);

#endif
