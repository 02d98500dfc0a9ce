/* rouge_text.c - how ROUGE-1.5.5 reads SPL text: lines, the -l / -b length cut, tokens.
 *
 * ROUGE applies the length limit to the raw lines, before tokenizing, and it has two readers that
 * cut differently: the n-gram reader (readText) and the sentence reader of ROUGE-L/W
 * (readText_LCS). Perl reads the files as bytes, so "length" is bytes and only ASCII letters and
 * digits can form tokens.
 */
#include "eval/rouge.h"

size_t nf__rouge_lines(const char *p, size_t n, nf__rseg *out)
{
    size_t k = 0, i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && p[e] != '\n') e++;
        if (e > i) {
            if (out) out[k] = (nf__rseg){p + i, e - i};
            k++;
        }
        i = e + 1;
    }
    return k;
}

/* Perl's \s without locale or Unicode rules: the ASCII whitespace bytes. */
static bool sp(char c) { return nf__isspace((unsigned char)c); }

size_t nf__rouge_fields(const char *p, size_t n)
{
    size_t runs = 0;
    for (size_t i = 0; i < n; i++)
        if (!sp(p[i]) && (i == 0 || sp(p[i - 1]))) runs++;
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

bool nf__rouge_tokens(const char *p, size_t n, nf__rouge_tok_cb cb, void *ud)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && !nf__isalnum((unsigned char)p[i])) i++;
        size_t s = i;
        while (i < n && nf__isalnum((unsigned char)p[i])) i++;
        if (i > s && !cb(ud, p + s, i - s)) return false;
    }
    return true;
}
