/*
 * csvcount.c - counting bytes of CSV text without parsing it: the line feeds that give line
 * numbers, and the quotes and line feeds that tell a parsing thread where the first record of
 * its segment of the input starts.
 *
 * Word-at-a-time (and SSE2 where there is) because these run over every byte of a large input,
 * beside the parser.
 */
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

#include "csvpriv.h"

/* Line ends (the byte eol) in a field, eight bytes at a time: line breaks are rare, most
 * fields short. */
long sv_csv_count_lf(const char *p, size_t len, char eol)
{
    const uint64_t ones = 0x0101010101010101u, lf = ones * (unsigned char)eol, low7 = ones * 0x7F;
    long nl = 0;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t x = w ^ lf; /* a zero byte where p has a line feed */
        uint64_t zero = ~(((x & low7) + low7) | x) & (ones << 7);
        while (zero) {
            nl++;
            zero &= zero - 1;
        }
    }
    for (; i < len; i++)
        nl += p[i] == eol;
    return nl;
}

/* Counts the quotes and the line feeds of p[0, n). The parity of the quotes before a byte
 * says whether it is inside a quoted field, where quotes only open, close and double (as
 * RFC 4180 has them); the line feeds give the line numbers. */
void sv_csv_count_quotes_lfs(const char *p, size_t n, unsigned long long *quotes,
                             unsigned long long *lfs)
{
    unsigned long long q = 0, l = 0;
    size_t i = 0;
#if defined(__SSE2__) && defined(__x86_64__)
    const __m128i vq = _mm_set1_epi8('"'), vl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        /* Byte-wise counters, summed before any of them can wrap. */
        __m128i aq = zero, al = zero;
        for (int k = 0; k < 255 && i + 16 <= n; k++, i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
            aq = _mm_sub_epi8(aq, _mm_cmpeq_epi8(x, vq));
            al = _mm_sub_epi8(al, _mm_cmpeq_epi8(x, vl));
        }
        __m128i sq = _mm_sad_epu8(aq, zero), sl = _mm_sad_epu8(al, zero);
        q += (unsigned long long)_mm_cvtsi128_si64(sq) +
             (unsigned long long)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sq, sq));
        l += (unsigned long long)_mm_cvtsi128_si64(sl) +
             (unsigned long long)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sl, sl));
    }
#else
    const uint64_t ones = 0x0101010101010101u, low7 = ones * 0x7F;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t xq = w ^ (ones * '"'), xl = w ^ (ones * '\n');
        uint64_t zq = ~(((xq & low7) + low7) | xq) & (ones << 7);
        uint64_t zl = ~(((xl & low7) + low7) | xl) & (ones << 7);
        q += ((zq >> 7) * ones) >> 56;
        l += ((zl >> 7) * ones) >> 56;
    }
#endif
    for (; i < n; i++) {
        q += p[i] == '"';
        l += p[i] == '\n';
    }
    *quotes = q;
    *lfs = l;
}

/* The offset just after the first line feed of p[0, n) outside quotes, given whether the byte
 * before p is inside quotes (*in, updated to the state after p[n - 1] when there is none);
 * SIZE_MAX when there is none. */
size_t sv_csv_record_start(const char *p, size_t n, int *in)
{
    int q = *in;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"')
            q = !q;
        else if (p[i] == '\n' && !q)
            return i + 1;
    }
    *in = q;
    return SIZE_MAX;
}
