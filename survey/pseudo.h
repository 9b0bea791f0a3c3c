/*
 * pseudo.h - keyed pseudonyms of respondent ids (the nettle adapter).
 *
 * Lifecycle: sv_key_create(path) once, by whoever keeps the key -> sv_key_load(path) ->
 * sv_pseudonym() per id -> sv_key_free().
 *
 * A pseudonym is HMAC-SHA256 under a secret key of the normalised id, written as "P-" and 16
 * characters of Crockford's base32 (80 bits): the same id and key give the same pseudonym every
 * run and every year, another key another one, and without the key it leads back to nothing.
 * Normalised: surrounding white space left out, ASCII letters in lower case, and an id of
 * digits only without its leading zeros (Excel drops them), so "00123", " 123" and "123" are
 * one respondent.
 */
#ifndef CEO_PSEUDO_H
#define CEO_PSEUDO_H

#include <stddef.h>

#include "../base/base.h"

#define SV_KEY_BYTES 32
#define SV_PSEUDONYM_LEN 18 /* "P-" and 16 characters */

typedef struct sv_key sv_key;

/* What an error concerns beside its message (ceo_error.about), for the caller to say in its own
 * terms: a key file that holds no key (SV_ABOUT_KEY_FILE: the caller can say how to make one),
 * or ids read with a key where the store holds them as delivered, or the other way round
 * (SV_ABOUT_KEY: the caller names its way of giving the key). */
#define SV_ABOUT_KEY_FILE "key-file"
#define SV_ABOUT_KEY "key"

/* Makes a new key from the system's random source (getrandom) and writes it to path as 64 hex
 * digits and a newline, mode 0600; an existing file is never overwritten (CEO_EIO). */
ceo_status sv_key_create(const char *path, ceo_error *err);

/* Reads a key written by sv_key_create. NULL with err set when the file cannot be read or holds
 * no key. */
sv_key *sv_key_load(const char *path, ceo_error *err);
void sv_key_free(sv_key *k);

/* Writes the pseudonym of the id s (n bytes, normalised here) and a NUL to out. */
void sv_pseudonym(const sv_key *k, const char *s, size_t n, char out[SV_PSEUDONYM_LEN + 1]);

/* 1 when s (n bytes, surrounding white space aside) already has the form of a pseudonym. */
int sv_is_pseudonym(const char *s, size_t n);

/* A fingerprint of the key (16 hex digits and a NUL) that the store keeps to refuse ids made
 * with another key; it tells nothing of the key itself. */
void sv_key_fingerprint(const sv_key *k, char out[17]);

#endif
