/*
 * sha256.h - SHA-256 and HMAC-SHA256 (FIPS 180-4, RFC 2104): the content hashes of the batch
 * store and the keyed pseudonyms.
 *
 * Lifecycle: sv_sha256_init() -> sv_sha256_add() any number of times -> sv_sha256_hex();
 * sv_hmac_sha256_init() -> sv_hmac_sha256_add() any number of times -> sv_hmac_sha256_digest().
 * The contexts live wherever the caller puts them (the stack, usually); they hold nettle's
 * contexts, which only base/sha256.c sees.
 */
#ifndef CEO_SHA256_H
#define CEO_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SV_SHA256_BYTES 32

typedef struct {
    union {
        unsigned char bytes[128];
        uint64_t align;
    } ctx;
} sv_sha256;

typedef struct {
    union {
        unsigned char bytes[384];
        uint64_t align;
    } ctx;
} sv_hmac_sha256;

void sv_sha256_init(sv_sha256 *s);
void sv_sha256_add(sv_sha256 *s, const void *data, size_t n);
/* Finishes and writes 64 lower-case hex digits and a NUL to hex. */
void sv_sha256_hex(sv_sha256 *s, char hex[65]);

/* The key (n bytes) is copied into the context. */
void sv_hmac_sha256_init(sv_hmac_sha256 *h, const void *key, size_t n);
void sv_hmac_sha256_add(sv_hmac_sha256 *h, const void *data, size_t n);
/* Finishes, writes the 32 bytes of the MAC to out and wipes the context (it held the key). */
void sv_hmac_sha256_digest(sv_hmac_sha256 *h, uint8_t out[SV_SHA256_BYTES]);

#endif
