/*
 * pseudo.c - keyed pseudonyms of respondent ids.
 *
 * HMAC-SHA256 from Debian's nettle (through its adapter, base/sha256.c), not an own
 * construction; the key comes from getrandom.
 * The id is prefixed with "id:" and the fingerprint computed over "ceo-store-key", so that no
 * id can have the fingerprint as its pseudonym.
 */
#include "pseudo.h"

#include "../base/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

struct sv_key {
    unsigned char bytes[SV_KEY_BYTES];
};

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_space((*s)[*n - 1]))
        (*n)--;
}

ceo_status sv_key_create(const char *path, ceo_error *err)
{
    unsigned char b[SV_KEY_BYTES];
    size_t got = 0;
    while (got < sizeof b) {
        ssize_t r = getrandom(b + got, sizeof b - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return ceo_error_set(err, CEO_EIO, path, 0, 0,
                                 "cannot make a key: the system's random source failed");
        got += (size_t)r;
    }
    char hex[2 * SV_KEY_BYTES + 2];
    for (size_t i = 0; i < sizeof b; i++)
        snprintf(hex + 2 * i, 3, "%02x", b[i]);
    hex[2 * SV_KEY_BYTES] = '\n';
    hex[2 * SV_KEY_BYTES + 1] = '\0';
    memset(b, 0, sizeof b);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST)
        return ceo_error_set(err, CEO_EIO, path, 0, 0,
                             "the file exists; a key is never overwritten");
    if (fd < 0)
        return ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot create the key file: %s",
                             strerror(errno));
    size_t len = strlen(hex), done = 0;
    while (done < len) {
        ssize_t w = write(fd, hex + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    memset(hex, 0, sizeof hex);
    if (done < len || fsync(fd) != 0 || close(fd) != 0) {
        unlink(path);
        return ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot write the key file");
    }
    return CEO_OK;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

sv_key *sv_key_load(const char *path, ceo_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        ceo_error_set(err, CEO_EIO, path, 0, 0, "cannot read the key file: %s", strerror(errno));
        return NULL;
    }
    char buf[256];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    const char *p = buf;
    trim(&p, &n);
    sv_key *k = NULL;
    if (n == 2 * SV_KEY_BYTES && (k = ceo_calloc(1, sizeof *k))) {
        for (size_t i = 0; i < SV_KEY_BYTES && k; i++) {
            int hi = hexval(p[2 * i]), lo = hexval(p[2 * i + 1]);
            if (hi < 0 || lo < 0) {
                sv_key_free(k);
                k = NULL;
            } else {
                k->bytes[i] = (unsigned char)(hi * 16 + lo);
            }
        }
    } else if (n == 2 * SV_KEY_BYTES) {
        ceo_error_set(err, CEO_ENOMEM, path, 0, 0, "out of memory");
        memset(buf, 0, sizeof buf);
        return NULL;
    }
    memset(buf, 0, sizeof buf);
    if (!k)
        ceo_error_set_about(err, SV_ABOUT_KEY_FILE, CEO_EDATA, path, 1, 1,
                            "not a key: a key file holds 64 hex digits");
    return k;
}

void sv_key_free(sv_key *k)
{
    if (!k)
        return;
    memset(k->bytes, 0, sizeof k->bytes);
    ceo_free(k);
}

static void digest(const sv_key *k, const char *prefix, const char *s, size_t n,
                   uint8_t out[SV_SHA256_BYTES])
{
    sv_hmac_sha256 ctx;
    sv_hmac_sha256_init(&ctx, k->bytes, SV_KEY_BYTES);
    sv_hmac_sha256_add(&ctx, prefix, strlen(prefix));
    sv_hmac_sha256_add(&ctx, s, n);
    sv_hmac_sha256_digest(&ctx, out);
}

void sv_pseudonym(const sv_key *k, const char *s, size_t n, char out[SV_PSEUDONYM_LEN + 1])
{
    trim(&s, &n);
    size_t digits = 0;
    while (digits < n && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    if (digits == n)
        while (n > 1 && *s == '0') {
            s++;
            n--;
        }
    char small[128];
    uint8_t d[SV_SHA256_BYTES];
    sv_hmac_sha256 ctx;
    sv_hmac_sha256_init(&ctx, k->bytes, SV_KEY_BYTES);
    sv_hmac_sha256_add(&ctx, "id:", 3);
    /* lower-case in pieces, so an id of any length costs no allocation */
    for (size_t at = 0; at < n;) {
        size_t m = n - at < sizeof small ? n - at : sizeof small;
        for (size_t i = 0; i < m; i++) {
            char c = s[at + i];
            small[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        }
        sv_hmac_sha256_add(&ctx, small, m);
        at += m;
    }
    sv_hmac_sha256_digest(&ctx, d);
    out[0] = 'P';
    out[1] = '-';
    /* 16 groups of 5 bits from the first 10 bytes */
    for (int i = 0; i < 16; i++) {
        int bit = i * 5, byte = bit / 8, shift = bit % 8;
        unsigned v = ((unsigned)d[byte] << 8 | (byte + 1 < 10 ? d[byte + 1] : 0)) >> (11 - shift);
        out[2 + i] = crockford[v & 31];
    }
    out[SV_PSEUDONYM_LEN] = '\0';
}

int sv_is_pseudonym(const char *s, size_t n)
{
    trim(&s, &n);
    if (n != SV_PSEUDONYM_LEN || s[0] != 'P' || s[1] != '-')
        return 0;
    for (size_t i = 2; i < n; i++)
        if (!memchr(crockford, s[i], 32))
            return 0;
    return 1;
}

void sv_key_fingerprint(const sv_key *k, char out[17])
{
    uint8_t d[SV_SHA256_BYTES];
    digest(k, "ceo-store-key", "", 0, d);
    for (int i = 0; i < 8; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
}
