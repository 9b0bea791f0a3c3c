/*
 * test_sha256.c - base/sha256.c, the nettle adapter: the SHA-256 test vectors of FIPS 180-4
 * (NIST's examples, the million a's fed in uneven pieces as the store feeds a file) and the
 * HMAC-SHA256 of RFC 4231, test cases 1 and 2. The store's hashes depend on these.
 */
#include <string.h>

#include "../../base/sha256.h"
#include "t.h"

void test_sha256(void);

static const char *hex_of(const char *s)
{
    static char hex[65];
    sv_sha256 h;
    sv_sha256_init(&h);
    sv_sha256_add(&h, s, strlen(s));
    sv_sha256_hex(&h, hex);
    return hex;
}

static const char *hmac_hex(const void *key, size_t nkey, const char *s)
{
    static char hex[65];
    uint8_t d[SV_SHA256_BYTES];
    sv_hmac_sha256 h;
    sv_hmac_sha256_init(&h, key, nkey);
    sv_hmac_sha256_add(&h, s, strlen(s));
    sv_hmac_sha256_digest(&h, d);
    for (int i = 0; i < SV_SHA256_BYTES; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    return hex;
}

void test_sha256(void)
{
    CHECK_STR(hex_of(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK_STR(hex_of("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_STR(hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char a[1000];
    memset(a, 'a', sizeof a);
    sv_sha256 h;
    sv_sha256_init(&h);
    for (size_t done = 0, step = 1; done < 1000000; step = step % 997 + 1) {
        size_t n = 1000000 - done < step ? 1000000 - done : step;
        sv_sha256_add(&h, a, n);
        done += n;
    }
    char hex[65];
    sv_sha256_hex(&h, hex);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

    unsigned char key[20];
    memset(key, 0x0b, sizeof key);
    CHECK_STR(hmac_hex(key, sizeof key, "Hi There"),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK_STR(hmac_hex("Jefe", 4, "what do ya want for nothing?"),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}
