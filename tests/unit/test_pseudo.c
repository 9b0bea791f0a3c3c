/*
 * test_pseudo.c - survey/pseudo.c and pseudonymising on reading: the pseudonym is HMAC-SHA256
 * of the normalised id (expected values computed with Python's hmac), the same for variants of
 * one id, the table holds pseudonyms only, and a column of BSNs is refused without a key.
 */
#include <stdlib.h>
#include <unistd.h>

#include "../../survey/codebook.h"
#include "../../survey/pseudo.h"
#include "../../survey/survey.h"
#include "t.h"

void test_pseudo(void);

static sv_key *fixed_key(void)
{
    char path[] = "/tmp/ceo-unit-key-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    char hex[66];
    for (int i = 0; i < 32; i++)
        memcpy(hex + 2 * i, "0b", 2);
    hex[64] = '\n';
    hex[65] = '\0';
    ssize_t w = write(fd, hex, 65);
    close(fd);
    ceo_error err;
    ceo_error_clear(&err);
    sv_key *k = w == 65 ? sv_key_load(path, &err) : NULL;
    unlink(path);
    return k;
}

static const char *ps(const sv_key *k, const char *id)
{
    static char out[4][SV_PSEUDONYM_LEN + 1];
    static int i;
    i = (i + 1) % 4;
    sv_pseudonym(k, id, strlen(id), out[i]);
    return out[i];
}

void test_pseudo(void)
{
    sv_key *k = fixed_key();
    CHECK(k != NULL);
    if (!k)
        return;
    CHECK_STR(ps(k, "K001"), "P-XQ3WCC0PT4H5S9KX");
    CHECK_STR(ps(k, " k001\t"), "P-XQ3WCC0PT4H5S9KX");
    CHECK_STR(ps(k, "00123"), "P-7B3748B6C6CT12SF");
    CHECK_STR(ps(k, "123"), "P-7B3748B6C6CT12SF");
    CHECK(strcmp(ps(k, "K001"), ps(k, "K002")) != 0);
    CHECK(strcmp(ps(k, "0A1"), ps(k, "A1")) != 0); /* only an all-digit id loses its zeros */
    CHECK(sv_is_pseudonym("P-XQ3WCC0PT4H5S9KX", 18));
    CHECK(sv_is_pseudonym(" P-XQ3WCC0PT4H5S9KX ", 20));
    CHECK(!sv_is_pseudonym("P-XQ3WCC0PT4H5S9K", 17));
    CHECK(!sv_is_pseudonym("P-XQ3WCC0PT4H5S9KI", 18)); /* I is no Crockford digit */
    char fp[17];
    sv_key_fingerprint(k, fp);
    CHECK_STR(fp, "363063cf5e4ebd2b");

    char dir[1024];
    snprintf(dir, sizeof dir, "%s/templates/ceo-wmo", t_root);
    ceo_error err;
    ceo_error_clear(&err);
    sv_codebook *cb = sv_codebook_load(dir, &err);
    CHECK(cb != NULL);
    const char *bsn = "respondent_id,gemeente,Rapportcijfer\n"
                      "123456782,Tiel,8\n111222333,Tiel,7\n";
    sv_table *t = cb ? sv_table_new(cb, SV_KEEP_TEXT, &err) : NULL;
    CHECK(t && sv_table_read_mem(t, "b.csv", bsn, strlen(bsn), NULL, NULL, &err) == CEO_EDATA);
    CHECK(strstr(err.message, "BSN") && strstr(err.message, "pseudonyms first") && err.about &&
          strcmp(err.about, SV_ABOUT_BSN) == 0);
    sv_table_free(t);
    ceo_error_clear(&err);
    t = cb ? sv_table_new(cb, SV_KEEP_TEXT, &err) : NULL;
    if (t)
        sv_table_set_key(t, k, 1);
    CHECK(t && sv_table_read_mem(t, "b.csv", bsn, strlen(bsn), NULL, NULL, &err) == CEO_OK);
    int kid = cb ? sv_codebook_find(cb, "respondent_id") : -1;
    if (t && sv_table_rows(t) == 2) {
        const char *p0 = sv_table_text(t, kid, 0);
        CHECK_STR(p0, ps(k, "123456782"));
        CHECK_STR(sv_table_original(t, p0), "123456782");
        CHECK(sv_table_original(t, "P-0000000000000000") == NULL);
    } else {
        CHECK(0);
    }
    sv_table_free(t);
    sv_codebook_free(cb);
    sv_key_free(k);
}
