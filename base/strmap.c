/*
 * strmap.c - open addressing with linear probing over an insertion-ordered entry array.
 *
 * The slot array holds entry indexes (+1, 0 = empty) so that growing rehashes ints, not
 * strings, and iteration in insertion order is free: a check report lists values in the
 * order they were first seen.
 */
#include "strmap.h"

#include <stdint.h>
#include <string.h>

#include "base.h"

typedef struct {
    size_t off, len;
    uint64_t hash;
    int value;
} entry;

struct sv_strmap {
    char *keys;
    size_t keys_len, keys_cap;
    entry *ents;
    size_t n, ents_cap;
    uint32_t *slots;
    size_t nslots; /* power of two */
};

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0x100000001b3ull;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    h ^= h >> 32;
    return h * 0x9E3779B97F4A7C15ull;
}

sv_strmap *sv_strmap_new(void)
{
    sv_strmap *m = ceo_calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->nslots = 16;
    m->slots = ceo_calloc(m->nslots, sizeof *m->slots);
    if (!m->slots) {
        ceo_free(m);
        return NULL;
    }
    return m;
}

void sv_strmap_free(sv_strmap *m)
{
    if (!m)
        return;
    ceo_free(m->keys);
    ceo_free(m->ents);
    ceo_free(m->slots);
    ceo_free(m);
}

static size_t find_slot(const sv_strmap *m, const char *key, size_t len, uint64_t h, int *found)
{
    size_t mask = m->nslots - 1, i = (size_t)h & mask;
    for (;;) {
        uint32_t s = m->slots[i];
        if (s == 0) {
            *found = 0;
            return i;
        }
        const entry *e = &m->ents[s - 1];
        if (e->hash == h && e->len == len && memcmp(m->keys + e->off, key, len) == 0) {
            *found = 1;
            return i;
        }
        i = (i + 1) & mask;
    }
}

int sv_strmap_get(const sv_strmap *m, const char *key, size_t len, int *value)
{
    int found;
    size_t i = find_slot(m, key, len, hash_bytes(key, len), &found);
    if (found)
        *value = m->ents[m->slots[i] - 1].value;
    return found;
}

static int rehash(sv_strmap *m)
{
    size_t ns = m->nslots * 2;
    uint32_t *slots = ceo_calloc(ns, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t k = 0; k < m->n; k++) {
        size_t i = (size_t)m->ents[k].hash & (ns - 1);
        while (slots[i])
            i = (i + 1) & (ns - 1);
        slots[i] = (uint32_t)(k + 1);
    }
    ceo_free(m->slots);
    m->slots = slots;
    m->nslots = ns;
    return 0;
}

int sv_strmap_put(sv_strmap *m, const char *key, size_t len, int value)
{
    uint64_t h = hash_bytes(key, len);
    int found;
    size_t i = find_slot(m, key, len, h, &found);
    if (found) {
        m->ents[m->slots[i] - 1].value = value;
        return 0;
    }
    if ((m->n + 1) * 4 > m->nslots * 3) {
        if (rehash(m) != 0)
            return -1;
        i = find_slot(m, key, len, h, &found);
    }
    if (m->n >= UINT32_MAX - 1 ||
        ceo_grow((void **)&m->keys, &m->keys_cap, m->keys_len + len + 1, 1) != 0 ||
        ceo_grow((void **)&m->ents, &m->ents_cap, m->n + 1, sizeof *m->ents) != 0)
        return -1;
    entry *e = &m->ents[m->n];
    e->off = m->keys_len;
    e->len = len;
    e->hash = h;
    e->value = value;
    if (len)
        memcpy(m->keys + m->keys_len, key, len);
    m->keys[m->keys_len + len] = '\0';
    m->keys_len += len + 1;
    m->slots[i] = (uint32_t)(++m->n);
    return 0;
}

size_t sv_strmap_count(const sv_strmap *m)
{
    return m->n;
}

const char *sv_strmap_key(const sv_strmap *m, size_t i, size_t *len, int *value)
{
    const entry *e = &m->ents[i];
    if (len)
        *len = e->len;
    if (value)
        *value = e->value;
    return m->keys + e->off;
}

void sv_strmap_drop_from(sv_strmap *m, int limit)
{
    size_t n = 0, used = 0;
    for (size_t k = 0; k < m->n; k++) {
        entry e = m->ents[k];
        if (e.value >= limit)
            continue;
        /* kept keys move down in the arena, never up: memmove within it */
        memmove(m->keys + used, m->keys + e.off, e.len + 1);
        e.off = used;
        used += e.len + 1;
        m->ents[n++] = e;
    }
    m->n = n;
    m->keys_len = used;
    memset(m->slots, 0, m->nslots * sizeof *m->slots);
    for (size_t k = 0; k < n; k++) {
        size_t i = (size_t)m->ents[k].hash & (m->nslots - 1);
        while (m->slots[i])
            i = (i + 1) & (m->nslots - 1);
        m->slots[i] = (uint32_t)(k + 1);
    }
}
