/*
 * strmap.h - a map from byte strings to ints, for value caches and dictionaries.
 *
 * Lifecycle: sv_strmap_new() -> sv_strmap_get/put ... -> sv_strmap_free(). Keys are copied
 * into the map's own arena; key pointers returned stay valid until the map is freed.
 */
#ifndef CEO_STRMAP_H
#define CEO_STRMAP_H

#include <stddef.h>

typedef struct sv_strmap sv_strmap;

sv_strmap *sv_strmap_new(void);
void sv_strmap_free(sv_strmap *m);

/* Returns 1 and sets *value when key is present, else 0. */
int sv_strmap_get(const sv_strmap *m, const char *key, size_t len, int *value);

/* Inserts or replaces. Returns 0, or -1 when out of memory (the map is unchanged). */
int sv_strmap_put(sv_strmap *m, const char *key, size_t len, int value);

/* Number of keys. */
size_t sv_strmap_count(const sv_strmap *m);

/* The i-th key in insertion order (0 <= i < count), its length and value. */
const char *sv_strmap_key(const sv_strmap *m, size_t i, size_t *len, int *value);

/* Removes every key whose value is limit or more; the others keep their order. Never
 * allocates (a rollback on the way out of a failure may use it). */
void sv_strmap_drop_from(sv_strmap *m, int limit);

#endif
