/* rouge_text.c - how ROUGE-1.5.5 reads SPL text: lines and the -l / -b length cut.
 *
 * ROUGE applies the length limit to the raw lines, before tokenizing, and it has two readers that
 * cut differently: the n-gram reader (readText) and the sentence reader of ROUGE-L/W
 * (readText_LCS). Perl reads the files as bytes, so "length" is bytes and only ASCII letters and
 * digits can form tokens (rouge_vocab.c).
 */
#include "eval/rouge.h"

#include <string.h>

size_t nf__rouge_lines(const char *p, size_t n, nf__rseg *out)
{
    size_t k = 0, i = 0;
    while (i < n) {
        const char *nl = memchr(p + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - p) : n;
        if (e > i) {
            if (out) out[k] = (nf__rseg){p + i, e - i};
            k++;
        }
        i = e + 1;
    }
    return k;
}

/* Perl's \s without locale or Unicode rules: the ASCII whitespace bytes (\t \n \v \f \r and
 * space). */
static bool sp(char c)
{
    unsigned u = (unsigned char)c;
    return u == ' ' || u - '\t' < 5u;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* 0x80 in each byte of w (bytes in memory order) that is ASCII whitespace, computed without
 * carries between bytes: a space is a zero byte of w ^ 0x20..., and \t..\r are 9 <= b <= 13. */
static uint64_t space_bytes(uint64_t w)
{
    const uint64_t lo7 = 0x7F7F7F7F7F7F7F7Full, hi = 0x8080808080808080ull;
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t x = w ^ (0x20 * ones);
    uint64_t is_sp = ~(((x & lo7) + lo7) | x) & hi;
    uint64_t b = w & lo7;
    uint64_t ctl = (b + (0x80 - 9) * ones) & ~(b + (0x80 - 14) * ones) & ~w & hi;
    return is_sp | ctl;
}
#define FIELDS_SWAR 1
#endif

size_t nf__rouge_fields(const char *p, size_t n)
{
    size_t runs = 0, i = 0;
    bool prev = true; /* a run starts at a non-space after a space or at the start */
#ifdef FIELDS_SWAR
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        /* a run starts at each non-space byte whose predecessor is a space */
        uint64_t s = space_bytes(w), after = s << 8 | (prev ? 0x80u : 0);
        uint64_t starts = ~s & after & 0x8080808080808080ull;
        runs += (size_t)(((starts >> 7) * 0x0101010101010101ull) >> 56);
        prev = s >> 63;
    }
#endif
    for (; i < n; i++) {
        bool s = sp(p[i]);
        runs += prev && !s;
        prev = s;
    }
    if (runs == 0) return 0;
    return runs + (sp(p[0]) ? 1 : 0);
}

/* The prefix of s holding its first k fields, joined as Perl's join(" ", @f[0..k-1]) would be;
 * tokenizing that prefix gives the same tokens, because fields end at whitespace. */
static nf__rseg first_fields(nf__rseg s, size_t k)
{
    size_t runs = k;
    if (s.n && sp(s.p[0])) runs--; /* the leading empty field */
    size_t i = 0, seen = 0;
    if (runs == 0) return (nf__rseg){s.p, 0};
    for (; i < s.n; i++) {
        if (!sp(s.p[i]) && (i == 0 || sp(s.p[i - 1]))) seen++;
        if (seen == runs && (i + 1 == s.n || sp(s.p[i + 1]))) return (nf__rseg){s.p, i + 1};
    }
    return s;
}

/* Word limit, the same in both readers: whole lines while the running word count stays below the
 * limit; the line that reaches it keeps only the words that fit. */
static size_t cut_words(const nf__rseg *lines, size_t nlines, size_t limit, nf__rseg *out)
{
    size_t used = 0, k = 0;
    for (size_t i = 0; i < nlines; i++) {
        size_t w = nf__rouge_fields(lines[i].p, lines[i].n);
        if (used + w < limit) {
            out[k++] = lines[i];
            used += w;
        } else {
            out[k++] = first_fields(lines[i], limit - used);
            break;
        }
    }
    return k;
}

size_t nf__rouge_cut_ngram(const nf__rseg *lines, size_t nlines, size_t words, size_t bytes,
                           nf__rseg *out)
{
    if (words) return cut_words(lines, nlines, words, out);
    size_t k = 0;
    if (!bytes) {
        for (; k < nlines; k++) out[k] = lines[k];
        return k;
    }
    /* The separators ROUGE puts between lines are not counted; the crossing line is cut at the
     * remaining byte count, possibly inside a word or a UTF-8 sequence. */
    size_t used = 0;
    for (size_t i = 0; i < nlines; i++) {
        if (used + lines[i].n < bytes) {
            out[k++] = lines[i];
            used += lines[i].n;
        } else {
            out[k++] = (nf__rseg){lines[i].p, bytes - used};
            break;
        }
    }
    return k;
}

size_t nf__rouge_cut_lcs(const nf__rseg *lines, size_t nlines, size_t words, size_t bytes,
                         nf__rseg *out)
{
    if (words || !bytes) return nf__rouge_cut_ngram(lines, nlines, words, bytes, out);
    /* ROUGE's sentence reader never adds the kept lines to its byte count: every line shorter
     * than the limit is kept, and only a line of at least `bytes` bytes is cut (and ends it). */
    size_t k = 0;
    for (size_t i = 0; i < nlines; i++) {
        if (lines[i].n < bytes) {
            out[k++] = lines[i];
        } else {
            out[k++] = (nf__rseg){lines[i].p, bytes};
            break;
        }
    }
    return k;
}
