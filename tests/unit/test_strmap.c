/*
 * test_strmap.c - base/strmap.c: keys found again after the map grew, kept in insertion order,
 * and sv_strmap_drop_from, which a table's rollback uses to forget the groups it gives up.
 */
#include <stdio.h>
#include <string.h>

#include "../../base/strmap.h"
#include "t.h"

void test_strmap(void);

void test_strmap(void)
{
    sv_strmap *m = sv_strmap_new();
    CHECK(m != NULL);
    if (!m)
        return;
    char key[32];
    for (int k = 0; k < 100; k++) { /* grows past its first 16 slots several times */
        snprintf(key, sizeof key, "groep %d", k);
        CHECK(sv_strmap_put(m, key, strlen(key), k) == 0);
    }
    CHECK(sv_strmap_count(m) == 100);
    int v = -1;
    CHECK(sv_strmap_get(m, "groep 57", 8, &v) && v == 57);
    CHECK(!sv_strmap_get(m, "groep 100", 9, &v));

    sv_strmap_drop_from(m, 40);
    CHECK(sv_strmap_count(m) == 40);
    CHECK(sv_strmap_get(m, "groep 39", 8, &v) && v == 39);
    CHECK(!sv_strmap_get(m, "groep 40", 8, &v) && !sv_strmap_get(m, "groep 57", 8, &v));
    size_t len = 0;
    CHECK_STR(sv_strmap_key(m, 12, &len, &v), "groep 12");
    CHECK(len == 8 && v == 12);
    /* new keys after the drop go on from there, and the old ones are still found */
    CHECK(sv_strmap_put(m, "nieuw", 5, 40) == 0);
    CHECK(sv_strmap_get(m, "nieuw", 5, &v) && v == 40);
    CHECK(sv_strmap_get(m, "groep 0", 7, &v) && v == 0);
    CHECK_STR(sv_strmap_key(m, 40, NULL, NULL), "nieuw");
    sv_strmap_drop_from(m, 0);
    CHECK(sv_strmap_count(m) == 0 && !sv_strmap_get(m, "groep 0", 7, &v));
    sv_strmap_free(m);
}
