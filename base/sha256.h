/*
 * sha256.h - SHA-256 (FIPS 180-4), for the content hashes of the batch store.
 *
 * Lifecycle: sv_sha256_init() -> sv_sha256_add() any number of times -> sv_sha256_hex().
 */
#ifndef CEO_SHA256_H
#define CEO_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t len; /* bytes added */
    unsigned char buf[64];
    size_t fill;
} sv_sha256;

void sv_sha256_init(sv_sha256 *s);
void sv_sha256_add(sv_sha256 *s, const void *data, size_t n);
/* Finishes and writes 64 lower-case hex digits and a NUL to hex. */
void sv_sha256_hex(sv_sha256 *s, char hex[65]);

#endif
