/* strip.c - datelines and bylines at the start of a block.
 *
 * These are shapes, not phrases, so they are recognizers in code; the words they need (news
 * agencies, capitalized words that do not start a byline name) come from data/boilerplate.txt.
 *
 *   dateline  CITY[, SEG[, SEG]] (AGENCY) [DASH]    "PINE RIDGE, S.D. (AP) --", "Washington (CNN)"
 *             CITY[, SEG] DASH                      "WASHINGTON --", "LONDON _", "PARIS —"
 *             (AGENCY) [DASH]                       "(CNN)", "(CNN) --", "(WNC)Firefighters"
 *   byline    By NAME[, TAIL]                       "By Jane Doe, Associated Press Writer"
 *             By NAME DATELINE ...                  "By JOHN SMITH WASHINGTON (AP) -- ..."
 *
 * CITY is up to four capitalized words; SEG up to four words starting with a capital or a digit
 * ("S.D.", "Sept. 15"). An agency from the data list may follow any capitalized city and needs no
 * dash (CNN glues its tag to the first word). Any other parenthesized tag (two to eight capitals,
 * or up to three capitalized words) counts only after an all-capitals city and before a dash, so
 * "The European Union (EU) said" stays intact.
 */
#include "clean.h"

#include <string.h>

#define DATELINE_SCAN 200 /* datelines are short: never look further */

static bool ws(unsigned char c) { return nf__isspace(c) || c == '\0'; }
static bool hspace(unsigned char c) { return c == ' ' || c == '\t' || c == 0; }

/* Length of a dash token at s: "--", "-", "_", en/em/horizontal bar dash. */
static size_t dash_len(const char *s, size_t n)
{
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] >= 0x93 && (unsigned char)s[2] <= 0x95)
        return 3;
    if (n && (s[0] == '-' || s[0] == '_')) {
        size_t k = 1;
        while (k < n && k < 4 && s[k] == s[0]) k++;
        return k;
    }
    return 0;
}

/* A dash that separates (not a hyphen inside a word): followed by whitespace or the end, or a
 * double dash / typographic dash glued to the next word ("WASHINGTON--The"). */
static size_t sep_dash(const char *s, size_t n)
{
    size_t d = dash_len(s, n);
    if (!d) return 0;
    if (d == n || ws((unsigned char)s[d])) return d;
    if (d >= 2 && s[0] != '_') return d; /* "--" or a UTF-8 dash */
    return 0;
}

static bool word_start(unsigned char c) { return nf__isupper(c) || c >= 0xC0; }

/* A name-like word: letters (any non-ASCII byte counts as one), '.', '\'', single '-'. */
static size_t word_len(const char *s, size_t n, bool *lower, size_t *upper)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            if (dash_len(s + i, n - i) == 3) break;
            i++;
        } else if (nf__isalpha(c)) {
            if (nf__islower(c))
                *lower = true;
            else
                (*upper)++;
            i++;
        } else if (c == '.' || c == '\'' || (c == '-' && i > 0 && i + 1 < n && s[i + 1] != '-')) {
            i++;
        } else {
            break;
        }
    }
    return i;
}

static bool word_eq(const nf__bp_rules *r, const nf__bp_word *w, const char *s, size_t n, bool fold)
{
    if (w->len != n) return false;
    const char *p = r->pool + w->off;
    for (size_t i = 0; i < n; i++) {
        int a = (unsigned char)p[i], b = (unsigned char)s[i];
        if (fold ? nf__tolower(a) != nf__tolower(b) : a != b) return false;
    }
    return true;
}

static bool known_agency(const nf__bp_rules *r, const char *s, size_t n)
{
    for (size_t i = 0; i < r->nagency; i++)
        if (word_eq(r, &r->agency[i], s, n, true)) return true;
    return false;
}

enum { AG_NONE, AG_KNOWN, AG_CAPS, AG_WORDS };

/* Classify the inside of "( ... )". */
static int agency_kind(const nf__bp_rules *r, const char *s, size_t n)
{
    if (n == 0 || n > 30) return AG_NONE;
    if (known_agency(r, s, n)) return AG_KNOWN;
    size_t caps = 0;
    while (caps < n && nf__isupper((unsigned char)s[caps])) caps++;
    if (caps == n) return n >= 2 && n <= 8 ? AG_CAPS : AG_NONE;
    size_t i = 0, words = 0;
    while (i < n) {
        bool lower = false;
        size_t up = 0;
        if (!nf__isupper((unsigned char)s[i])) return AG_NONE;
        size_t w = word_len(s + i, n - i, &lower, &up);
        i += w;
        words++;
        if (i < n) {
            if (s[i] != ' ' || words >= 3) return AG_NONE;
            i++;
        }
    }
    return AG_WORDS;
}

/* "(AGENCY)" at s, or the broken wire form "(AP --". *e gets the end (after ')' or before the
 * dash). Returns the agency kind. */
static int agency_paren(const nf__bp_rules *r, const char *s, size_t n, size_t *e)
{
    if (!n || s[0] != '(') return AG_NONE;
    size_t i = 1;
    while (i < n && i < 34 && s[i] != ')' && s[i] != '(' && s[i] != '\n') i++;
    if (i < n && s[i] == ')') {
        *e = i + 1;
        return agency_kind(r, s + 1, i - 1);
    }
    size_t k = 1;
    while (k < n && nf__isalpha((unsigned char)s[k])) k++;
    size_t j = k;
    while (j < n && hspace((unsigned char)s[j])) j++;
    if (j > k && sep_dash(s + j, n - j) && known_agency(r, s + 1, k - 1)) {
        *e = k;
        return AG_KNOWN;
    }
    return AG_NONE;
}

/* After the agency or city: optional spaces, an optional (or required) dash, spaces. Returns the
 * bytes consumed from s, or 0 when a required dash is missing. A weak dateline (no agency, or an
 * agency without a dash) must be followed by the start of a sentence, not a lowercase word:
 * "OSTBY - based firms", "Snow (AP) closed". */
static size_t finish(const char *s, size_t n, size_t i, bool need_dash, bool weak)
{
    size_t j = i;
    while (j < n && hspace((unsigned char)s[j])) j++;
    size_t d = j < n ? sep_dash(s + j, n - j) : 0;
    if (d) {
        j += d;
    } else {
        if (need_dash) return 0;
        j = i;
        weak = true;
    }
    while (j < n && ws((unsigned char)s[j])) j++;
    if (weak && j < n && nf__islower((unsigned char)s[j])) return 0;
    return j;
}

/* ", SEG" parts after the city: words starting with a capital or a digit ("S.D.", "Sept. 15"). */
static size_t segments(const char *s, size_t n, size_t i)
{
    for (int seg = 0; seg < 3 && i < n && s[i] == ','; seg++) {
        size_t j = i + 1, words = 0;
        while (j < n && hspace((unsigned char)s[j])) j++;
        while (j < n && words < 4) {
            unsigned char c = (unsigned char)s[j];
            if (!word_start(c) && !nf__isdigit(c)) break;
            size_t k = j;
            while (k < n && !ws((unsigned char)s[k]) && s[k] != ',' && s[k] != '(' && k - j <= 20)
                k++;
            if (k - j > 20) return i;
            words++;
            j = k;
            if (j + 1 < n && s[j] == ' ' &&
                (word_start((unsigned char)s[j + 1]) || nf__isdigit((unsigned char)s[j + 1])))
                j++;
            else
                break;
        }
        if (!words) return i;
        i = j;
    }
    return i;
}

size_t nf__bp_dateline(const nf__bp_rules *r, const char *s, size_t n)
{
    if (n > DATELINE_SCAN) n = DATELINE_SCAN;
    size_t e = 0;
    if (n && s[0] == '(') {
        int k = agency_paren(r, s, n, &e);
        if (k == AG_KNOWN || k == AG_CAPS) return finish(s, n, e, false, false);
        return 0;
    }
    size_t i = 0, words = 0, upper = 0;
    bool lower = false;
    while (i < n && words < 4 && word_start((unsigned char)s[i])) {
        size_t w = word_len(s + i, n - i, &lower, &upper);
        if (w == 0) break;
        i += w;
        words++;
        if (i + 1 < n && s[i] == ' ' && word_start((unsigned char)s[i + 1]))
            i++;
        else
            break;
    }
    if (!words) return 0;
    /* a trailing space was consumed when the next word failed: step back onto it */
    if (i && s[i - 1] == ' ') i--;
    bool allcaps = !lower && upper >= 2;
    /* "BEIDAIHE (Hebei), March 5 (Xinhua) --": a parenthesized region qualifies the city */
    size_t q = i;
    while (q < n && hspace((unsigned char)s[q])) q++;
    if (q < n && s[q] == '(') {
        size_t c = q + 1;
        while (c < n && c - q < 32 && s[c] != ')' && s[c] != '(' && s[c] != '\n') c++;
        if (c + 1 < n && s[c] == ')' && s[c + 1] == ',' && word_start((unsigned char)s[q + 1]))
            i = c + 1;
    }
    i = segments(s, n, i);
    size_t j = i;
    while (j < n && hspace((unsigned char)s[j])) j++;
    if (j < n && s[j] == '(') {
        int k = agency_paren(r, s + j, n - j, &e);
        if (k == AG_KNOWN) return finish(s, n, j + e, false, false);
        if ((k == AG_CAPS || k == AG_WORDS) && allcaps) return finish(s, n, j + e, true, false);
        return 0;
    }
    if (allcaps && upper >= 3 && j > i && j < n) return finish(s, n, i, true, true);
    if (allcaps && upper >= 3 && j == i && j < n && dash_len(s + j, n - j) >= 2)
        return finish(s, n, i, true, true); /* "WASHINGTON--The" */
    return 0;
}

/* Name words: capitalized, initials, or particles between them. */
static bool particle(const char *s, size_t n)
{
    static const char *const p[] = {"and", "&",  "de", "van", "von", "der", "den",
                                    "da",  "du", "la", "le",  "al",  "el",  "bin",
                                    "ibn", "di", "y",  "del", "dos", "das", "st."};
    for (size_t i = 0; i < NF__ARRAY_LEN(p); i++)
        if (strlen(p[i]) == n && memcmp(p[i], s, n) == 0) return true;
    return false;
}

static bool initial(const char *s, size_t n)
{
    static const char *const t[] = {"Jr.", "Sr.", "Dr.", "St.", "JR.", "SR.", "DR.", "ST."};
    for (size_t i = 0; i < NF__ARRAY_LEN(t); i++)
        if (strlen(t[i]) == n && memcmp(t[i], s, n) == 0) return true;
    if (n < 2 || s[n - 1] != '.') return false;
    for (size_t i = 0; i < n; i += 2) /* "D.", "A.C.", "M.D." */
        if (!nf__isalpha((unsigned char)s[i]) || i + 1 >= n || s[i + 1] != '.') return false;
    return true;
}

static bool not_name(const nf__bp_rules *r, const char *s, size_t n)
{
    for (size_t i = 0; i < r->nnotname; i++)
        if (word_eq(r, &r->notname[i], s, n, true)) return true;
    return false;
}

size_t nf__bp_byline(const nf__bp_rules *r, const char *s, size_t n)
{
    if (n < 4 || nf__tolower((unsigned char)s[0]) != 'b' ||
        nf__tolower((unsigned char)s[1]) != 'y' || !hspace((unsigned char)s[2]))
        return 0;
    size_t i = 3, ntok = 0, ncap = 0, tail = n;
    bool stopped_by_punct = false;
    while (i < n && hspace((unsigned char)s[i])) i++;
    while (i < n && ntok < 8) {
        size_t a = i, b = i;
        while (b < n && !ws((unsigned char)s[b])) b++;
        /* "By JOHN SMITH WASHINGTON (AP) -- ...": the byline ends where a dateline starts */
        if (ncap >= 1 && nf__bp_dateline(r, s + a, n - a)) return a;
        size_t core = b - a;
        bool comma = false, period = false;
        if (core > 1 && (s[b - 1] == ',' || s[b - 1] == ';')) comma = true, core--;
        if (!comma && core > 1 && s[a + core - 1] == '.' && !initial(s + a, core)) period = true;
        size_t name_n = period ? core - 1 : core;
        unsigned char c0 = (unsigned char)s[a];
        bool cap = word_start(c0);
        bool lower = false;
        size_t up = 0;
        bool wordish = word_len(s + a, name_n, &lower, &up) == name_n;
        if (!(wordish && (cap || particle(s + a, name_n)))) {
            tail = a;
            break;
        }
        if (ntok == 0 && (!cap || not_name(r, s + a, name_n))) return 0;
        if (cap) ncap++;
        ntok++;
        i = b;
        while (i < n && hspace((unsigned char)s[i])) i++;
        if (comma || period) {
            stopped_by_punct = true;
            tail = i;
            break;
        }
        tail = i;
    }
    if (ncap == 0 || ncap > 6) return 0;
    if (tail >= n) return n;
    if (ntok >= 8 && !stopped_by_punct) return 0;
    /* A tail is an affiliation or a wire note, never a sentence of its own. */
    unsigned char t0 = (unsigned char)s[tail];
    if (!stopped_by_punct && t0 != '(' && t0 != '|' && !dash_len(s + tail, n - tail)) return 0;
    size_t words = 0;
    for (size_t k = tail; k < n; k++)
        if (!ws((unsigned char)s[k]) && (k == tail || ws((unsigned char)s[k - 1]))) words++;
    if (words > 12) return 0;
    unsigned char last = (unsigned char)s[n - 1];
    if (last == '.' || last == '!' || last == '?' || last == '"') return 0;
    if (memchr(s + tail, '"', n - tail)) return 0;
    return n;
}
