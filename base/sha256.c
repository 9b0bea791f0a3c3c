/*
 * sha256.c - SHA-256 and HMAC-SHA256 from nettle: the one file that includes nettle.
 *
 * A well-kept implementation rather than our own (until 2026-12 this file held a hand-written
 * FIPS 180-4 SHA-256; the store's hashes are the same, tests/unit checks the FIPS test
 * vectors). sha256.h keeps nettle's contexts in byte buffers so that no other file needs
 * nettle's headers; the asserts below keep the buffers large enough.
 */
#include "sha256.h"

#include <stdio.h>
#include <string.h>

#include <nettle/hmac.h>
#include <nettle/sha2.h>

_Static_assert(sizeof(struct sha256_ctx) <= sizeof(((sv_sha256 *)0)->ctx.bytes),
               "sv_sha256 too small for nettle's sha256_ctx");
_Static_assert(_Alignof(struct sha256_ctx) <= _Alignof(uint64_t),
               "sv_sha256 not aligned for nettle's sha256_ctx");
_Static_assert(sizeof(struct hmac_sha256_ctx) <= sizeof(((sv_hmac_sha256 *)0)->ctx.bytes),
               "sv_hmac_sha256 too small for nettle's hmac_sha256_ctx");
_Static_assert(_Alignof(struct hmac_sha256_ctx) <= _Alignof(uint64_t),
               "sv_hmac_sha256 not aligned for nettle's hmac_sha256_ctx");
_Static_assert(SV_SHA256_BYTES == SHA256_DIGEST_SIZE, "SHA-256 digest size");

static struct sha256_ctx *sha(sv_sha256 *s)
{
    return (struct sha256_ctx *)(void *)s->ctx.bytes;
}

static struct hmac_sha256_ctx *hmac(sv_hmac_sha256 *h)
{
    return (struct hmac_sha256_ctx *)(void *)h->ctx.bytes;
}

void sv_sha256_init(sv_sha256 *s)
{
    sha256_init(sha(s));
}

void sv_sha256_add(sv_sha256 *s, const void *data, size_t n)
{
    sha256_update(sha(s), n, data);
}

void sv_sha256_hex(sv_sha256 *s, char hex[65])
{
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(sha(s), sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

void sv_hmac_sha256_init(sv_hmac_sha256 *h, const void *key, size_t n)
{
    hmac_sha256_set_key(hmac(h), n, key);
}

void sv_hmac_sha256_add(sv_hmac_sha256 *h, const void *data, size_t n)
{
    hmac_sha256_update(hmac(h), n, data);
}

void sv_hmac_sha256_digest(sv_hmac_sha256 *h, uint8_t out[SV_SHA256_BYTES])
{
    hmac_sha256_digest(hmac(h), SHA256_DIGEST_SIZE, out);
    memset(h, 0, sizeof *h);
}
