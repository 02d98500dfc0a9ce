/* cmd_rouge.c - `newsfuse rouge`: ROUGE-1.5.5 scores of summaries against references.
 *
 * Inputs: a summary directory and a reference directory (SYS/<ID>.txt, REF/<ID>.<LABEL>.txt), a
 * JSONL file of {"id", "summary", "references"} records, or ROUGE's own XML configuration. The
 * options are ROUGE-1.5.5's letters with the same meaning, so a ROUGE command line carries over
 * and prints the same text.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "rouge_xml.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "usage: newsfuse rouge [options] SYS_DIR REF_DIR\n"
    "       newsfuse rouge [options] --jsonl FILE\n"
    "       newsfuse rouge [options] CONFIG.xml [PEER_ID]\n"
    "\n"
    "ROUGE-1.5.5 scores, digit for digit. SYS_DIR holds <ID>.txt, REF_DIR <ID>.<LABEL>.txt, one\n"
    "sentence per line. JSONL records are {\"id\", \"summary\", \"references\": [...]}.\n"
    "CONFIG.xml is ROUGE's own evaluation file (SPL input; paths relative to the current\n"
    "directory).\n"
    "\n"
    "options (ROUGE's letters):\n"
    "  -n N        ROUGE-1 .. ROUGE-N\n"
    "  -2 D        skip-bigrams up to D words apart (D < 0: any distance)\n"
    "  -u          skip-bigrams plus unigrams (ROUGE-SU); -U: both ROUGE-S and ROUGE-SU\n"
    "  -l N        keep the first N words of every summary;  -b N  the first N bytes\n"
    "  -m          stem (WordNet exceptions, then Porter);  -s  remove stop words\n"
    "  -f A|B      pool counts over the references (A) or take the best reference (B)\n"
    "  -p ALPHA    F weight, 0..1 (0.5)      -w W   also ROUGE-W with weight W\n"
    "  -t 0|1|2    average per summary / per token / print raw counts\n"
    "  -c CF       confidence interval in percent (95)   -r R  bootstrap resamples (1000)\n"
    "  -d          print per-summary scores    -x  no ROUGE-L\n"
    "  -a, -e DIR  accepted for compatibility (all peers are scored; data is built in)\n"
    "  --format text|json|tsv   output format (text: ROUGE's own layout)\n"
    "  --peer NAME              peer name in the output for directories and JSONL (SYS)\n"
    "\n"
    "DUC 2004 style: -n 2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d -l 100\n"
    "Exit codes: 0 ok, 1 runtime error, 2 usage, 3 bad input.\n";

typedef struct ropts {
    nf_rouge_options o;
    unsigned render;
    nf_rouge_format fmt;
    const char *jsonl;
    const char *peer;
    const char *pos[3];
    int npos;
} ropts;

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "newsfuse rouge: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n(see `newsfuse rouge --help`)\n");
    return CLI_USAGE;
}

static bool parse_int(const char *s, int *out)
{
    if (!s || !*s) return false;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno || v < -1000000 || v > 1000000) return false;
    *out = (int)v;
    return true;
}

/* One option letter that takes a value. */
static int set_value(ropts *ro, char c, const char *v)
{
    nf_rouge_options *o = &ro->o;
    bool ok = true;
    switch (c) {
    case 'n': ok = parse_int(v, &o->max_n) && o->max_n >= 0; break;
    case '2':
        ok = parse_int(v, &o->skip_distance);
        o->flags |= NF_ROUGE_SKIP;
        break;
    case 'l': ok = cli_parse_size(v, &o->word_limit); break;
    case 'b': ok = cli_parse_size(v, &o->byte_limit); break;
    case 'f':
        ok = strcmp(v, "A") == 0 || strcmp(v, "B") == 0;
        o->scoring = v[0] == 'B' ? NF_ROUGE_BEST_MODEL : NF_ROUGE_MODEL_AVERAGE;
        break;
    case 'p': ok = cli_parse_double(v, &o->alpha) && o->alpha >= 0 && o->alpha <= 1; break;
    case 'w': ok = cli_parse_double(v, &o->weight) && o->weight > 0; break;
    case 't':
        ok = v[0] >= '0' && v[0] <= '2' && v[1] == '\0';
        o->count = (nf_rouge_count)(v[0] - '0');
        break;
    case 'c':
        ok = cli_parse_double(v, &o->confidence) && o->confidence >= 0 && o->confidence <= 100;
        break;
    case 'r': ok = cli_parse_size(v, &o->resamples) && o->resamples > 0; break;
    case 'e': break; /* ROUGE's data directory: the word lists are built in */
    default: ok = false;
    }
    if (!ok) {
        char opt[3] = {'-', c, 0};
        return usage_error("bad value for %s", opt);
    }
    return 0;
}

enum { OPT_FORMAT = CLI_OPT_CMD, OPT_JSONL, OPT_PEER };

static const struct option longopts[] = {{"format", required_argument, NULL, OPT_FORMAT},
                                         {"jsonl", required_argument, NULL, OPT_JSONL},
                                         {"peer", required_argument, NULL, OPT_PEER},
                                         {"help", no_argument, NULL, 'h'},
                                         CLI_LONGOPTS_END};

/* ROUGE's letters as Getopt::Std takes them (bundled: -md, -n2, -n 2; a value may start with
 * '-': -2 -1), with getopt_long; `--` ends the options. */
static int parse_args(int argc, char **argv, ropts *ro)
{
    nf_rouge_options_init(&ro->o);
    ro->fmt = NF_ROUGE_FORMAT_TEXT;
    int opt;
    cli_getopt_begin();
    while ((opt = getopt_long(argc, argv, ":hadmsuUxn:2:l:b:f:p:w:t:c:r:e:", longopts, NULL)) !=
           -1) {
        switch (opt) {
        case 'h': fputs(help, stdout); return -1;
        case 'a': break;
        case 'd': ro->render |= NF_ROUGE_RENDER_EVALS; break;
        case 'm': ro->o.flags |= NF_ROUGE_STEM; break;
        case 's': ro->o.flags |= NF_ROUGE_STOPWORDS; break;
        case 'u': ro->o.flags |= NF_ROUGE_SKIP_UNIGRAM; break;
        case 'U': ro->o.flags |= NF_ROUGE_SKIP_BOTH; break;
        case 'x': ro->o.flags |= NF_ROUGE_NO_LCS; break;
        case 'n':
        case '2':
        case 'l':
        case 'b':
        case 'f':
        case 'p':
        case 'w':
        case 't':
        case 'c':
        case 'r':
        case 'e': {
            int rc = set_value(ro, (char)opt, optarg);
            if (rc) return rc;
            break;
        }
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                ro->fmt = NF_ROUGE_FORMAT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                ro->fmt = NF_ROUGE_FORMAT_JSON;
            else if (strcmp(optarg, "tsv") == 0)
                ro->fmt = NF_ROUGE_FORMAT_TSV;
            else
                return usage_error("unknown format %s", optarg);
            break;
        case OPT_JSONL: ro->jsonl = optarg; break;
        case OPT_PEER: ro->peer = optarg; break;
        default: return cli_opt_error("rouge", opt, argv);
        }
    }
    for (int i = optind; i < argc; i++) {
        if (ro->npos == 3) return usage_error("too many arguments (%s)", argv[i]);
        ro->pos[ro->npos++] = argv[i];
    }
    if (ro->o.word_limit && ro->o.byte_limit)
        return usage_error("%s", "give -l (words) or -b (bytes), not both");
    return 0;
}

/* ---- output ---- */

typedef struct out_state {
    int peers_done;
    bool multi_json;
} out_state;

/* Render one peer's handle to stdout; TSV headers after the first peer are skipped. */
static int emit(nf_rouge *r, const ropts *ro, out_state *os)
{
    char *s = NULL;
    size_t n = 0;
    nf_error e = {0};
    nf_status st = nf_rouge_render(r, ro->fmt, ro->render, &s, &n, &e);
    if (st) {
        cli_error("rouge", &e);
        return cli_exit_code(st);
    }
    const char *p = s;
    if (ro->fmt == NF_ROUGE_FORMAT_TSV && os->peers_done > 0) {
        const char *nl = memchr(s, '\n', n);
        if (nl) {
            n -= (size_t)(nl + 1 - s);
            p = nl + 1;
        }
    }
    if (ro->fmt == NF_ROUGE_FORMAT_JSON && os->multi_json)
        fputs(os->peers_done ? ",\n" : "[\n", stdout);
    bool ok = fwrite(p, 1, n, stdout) == n;
    nf_rouge_string_free(r, s);
    os->peers_done++;
    if (!ok) {
        fprintf(stderr, "newsfuse rouge: cannot write the output\n");
        return CLI_RUNTIME;
    }
    return CLI_OK;
}

static nf_rouge *new_handle(const ropts *ro, const char *peer, int *rc)
{
    nf_rouge_options o = ro->o;
    o.peer_id = peer;
    nf_rouge *r = NULL;
    nf_error e = {0};
    nf_status st = nf_rouge_new(&o, NULL, &r, &e);
    if (st) {
        cli_error("rouge", &e);
        *rc = cli_exit_code(st);
        return NULL;
    }
    return r;
}

/* Add one evaluation; prints the error (naming the file) and returns an exit code. */
static int add_eval(nf_rouge *r, const char *id, const char *peer, size_t plen,
                    const nf_rouge_text *m, size_t nm, const char *peer_name,
                    const char *const *model_names)
{
    nf_error e = {0};
    nf_status st = nf_rouge_add(r, id, peer, plen, m, nm, &e);
    if (st == NF_OK) return CLI_OK;
    const char *what = id;
    if (e.doc == 0 && peer_name) what = peer_name;
    if (e.doc > 0 && model_names && (size_t)e.doc <= nm) what = model_names[e.doc - 1];
    cli_error(what, &e);
    return cli_exit_code(st);
}

/* The whole file at path, NUL-terminated (caller frees); NULL with errno kept on failure. Just
 * open and read: a configuration names thousands of small files, and stdio's extra system calls
 * per file showed in the timings. */
static char *slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY), e = 0;
    if (fd < 0) return NULL;
    size_t n = 0, cap = 16384;
    char *p = malloc(cap), *q;
    for (ssize_t k = 1; p && k != 0 && !e;) {
        if (cap - n < 2 && (q = realloc(p, 2 * cap)) != NULL) p = q, cap *= 2;
        if (cap - n < 2) break; /* out of memory */
        k = read(fd, p + n, cap - n - 1);
        if (k > 0)
            n += (size_t)k;
        else if (k < 0 && errno != EINTR)
            e = errno;
    }
    if (!p || cap - n < 2) e = ENOMEM;
    close(fd);
    if (e) {
        free(p);
        errno = e;
        return NULL;
    }
    p[n] = '\0';
    *len = n;
    return p;
}

/* ---- directories ---- */

typedef struct ref {
    char *id, *label;
    const char *path;
    bool used;
} ref;

static int cmp_ref(const void *a, const void *b)
{
    const ref *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : strcmp(x->label, y->label);
}

static char *dupn(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (!s) return NULL;
    memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static bool has_txt(const char *name, size_t *stem)
{
    size_t l = strlen(name);
    if (l <= 4 || strcmp(name + l - 4, ".txt") != 0) return false;
    *stem = l - 4;
    return true;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) free(v[i]);
    free(v);
}

static int run_dirs(const ropts *ro, const char *sysdir, const char *refdir)
{
    size_t ns = 0, nr = 0, nrefs = 0;
    char **sys = cli_list_dir(sysdir, &ns), **rf = cli_list_dir(refdir, &nr);
    ref *refs = calloc(nr + 1, sizeof *refs);
    int rc = CLI_OK;
    if (!sys || !rf) {
        fprintf(stderr, "newsfuse rouge: cannot read directory %s: %s\n", sys ? refdir : sysdir,
                strerror(errno));
        rc = CLI_BADINPUT;
    } else if (!refs) {
        rc = CLI_RUNTIME;
    }
    for (size_t i = 0; rc == CLI_OK && i < nr; i++) {
        const char *name = base_name(rf[i]);
        size_t stem;
        const char *dot = NULL;
        if (has_txt(name, &stem))
            for (size_t k = stem; k-- > 0;)
                if (name[k] == '.') {
                    dot = name + k;
                    break;
                }
        if (!dot || dot == name || (size_t)(dot - name) + 1 == stem) {
            fprintf(stderr, "newsfuse rouge: warning: %s is not <ID>.<LABEL>.txt: ignored\n",
                    rf[i]);
            continue;
        }
        ref *x = &refs[nrefs++];
        x->id = dupn(name, (size_t)(dot - name));
        x->label = dupn(dot + 1, stem - (size_t)(dot - name) - 1);
        x->path = rf[i];
        if (!x->id || !x->label) rc = CLI_RUNTIME;
    }
    if (nrefs) qsort(refs, nrefs, sizeof *refs, cmp_ref);
    nf_rouge *r = rc == CLI_OK ? new_handle(ro, ro->peer, &rc) : NULL;
    for (size_t i = 0; r && rc == CLI_OK && i < ns; i++) {
        const char *name = base_name(sys[i]);
        size_t stem;
        if (!has_txt(name, &stem)) continue;
        char *id = dupn(name, stem);
        /* the references of this id: a run in the sorted array */
        size_t lo = 0, hi = nrefs;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(refs[mid].id, id) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t end = lo;
        while (end < nrefs && strcmp(refs[end].id, id) == 0) end++;
        size_t nm = end - lo, plen = 0;
        for (size_t k = lo; k < end; k++) refs[k].used = true;
        nf_rouge_text *m = calloc(nm + 1, sizeof *m);
        const char **mnames = calloc(nm + 1, sizeof *mnames);
        char *peer = slurp(sys[i], &plen);
        if (!id || !m || !mnames) {
            rc = CLI_RUNTIME;
        } else if (!peer) {
            fprintf(stderr, "newsfuse rouge: cannot read %s: %s\n", sys[i], strerror(errno));
            rc = CLI_BADINPUT;
        }
        if (rc == CLI_OK && nm == 0)
            fprintf(stderr,
                    "newsfuse rouge: warning: no reference for %s: it scores 0 (as "
                    "ROUGE does for an evaluation without models)\n",
                    id);
        for (size_t k = 0; rc == CLI_OK && k < nm; k++) {
            size_t len = 0;
            char *t = slurp(refs[lo + k].path, &len);
            if (!t) {
                fprintf(stderr, "newsfuse rouge: cannot read %s: %s\n", refs[lo + k].path,
                        strerror(errno));
                rc = CLI_BADINPUT;
                break;
            }
            m[k] = (nf_rouge_text){refs[lo + k].label, t, len};
            mnames[k] = refs[lo + k].path;
        }
        if (rc == CLI_OK) rc = add_eval(r, id, peer, plen, m, nm, sys[i], mnames);
        for (size_t k = 0; k < nm && m; k++) free((char *)m[k].p);
        free(m);
        free(mnames);
        free(peer);
        free(id);
    }
    /* references whose id has no summary: ROUGE skips an evaluation without its peer */
    for (size_t i = 0; rc == CLI_OK && i < nrefs; i++)
        if (!refs[i].used && (i == 0 || strcmp(refs[i].id, refs[i - 1].id) != 0))
            fprintf(stderr,
                    "newsfuse rouge: warning: no summary %s.txt for the references of "
                    "%s: skipped\n",
                    refs[i].id, refs[i].id);
    if (rc == CLI_OK) {
        out_state os = {0, false};
        rc = emit(r, ro, &os);
    }
    nf_rouge_free(r);
    for (size_t i = 0; i < nrefs; i++) {
        free(refs[i].id);
        free(refs[i].label);
    }
    free(refs);
    free_list(sys, ns);
    free_list(rf, nr);
    return rc;
}

/* ---- JSONL ---- */

static int run_jsonl(const ropts *ro)
{
    FILE *f = strcmp(ro->jsonl, "-") == 0 ? stdin : fopen(ro->jsonl, "rb");
    if (!f) {
        fprintf(stderr, "newsfuse rouge: cannot open %s: %s\n", ro->jsonl, strerror(errno));
        return CLI_BADINPUT;
    }
    int rc = CLI_OK;
    nf_rouge *r = new_handle(ro, ro->peer, &rc);
    char *buf = NULL, *line;
    size_t cap = 0, len = 0;
    long lineno = 0;
    while (r && rc == CLI_OK && (line = cli_getline(f, &len, &buf, &cap))) {
        lineno++;
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r')) k++;
        if (k == len) continue;
        nf_error e = {0};
        nf_status st = nf_rouge_add_json(r, line, len, &e);
        if (st) {
            fprintf(stderr, "newsfuse rouge: %s:%ld: %s\n", ro->jsonl, lineno,
                    e.msg[0] ? e.msg : nf_strerror(st));
            rc = cli_exit_code(st);
        }
    }
    if (r && rc == CLI_OK && ferror(f)) {
        fprintf(stderr, "newsfuse rouge: cannot read %s\n", ro->jsonl);
        rc = CLI_BADINPUT;
    }
    if (r && rc == CLI_OK) {
        out_state os = {0, false};
        rc = emit(r, ro, &os);
    }
    free(buf);
    if (f != stdin) fclose(f);
    nf_rouge_free(r);
    return rc;
}

static char *join_path(const char *root, const char *file)
{
    size_t rl = root ? strlen(root) : 0, fl = strlen(file);
    char *p = malloc(rl + fl + 2);
    if (!p) return NULL;
    if (rl) {
        memcpy(p, root, rl);
        p[rl] = '/';
        memcpy(p + rl + 1, file, fl + 1);
    } else {
        memcpy(p, file, fl + 1);
    }
    return p;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Score one peer over the evaluations that have it. */
static int xml_peer(const ropts *ro, const xconf *c, const char *peer, out_state *os)
{
    int rc = CLI_OK;
    nf_rouge *r = new_handle(ro, peer, &rc);
    for (size_t i = 0; r && rc == CLI_OK && i < c->n; i++) {
        const xeval *e = &c->ev[i];
        const xitem *pi = NULL;
        for (size_t k = 0; k < e->np && !pi; k++)
            if (strcmp(e->p[k].id, peer) == 0) pi = &e->p[k];
        if (!pi) {
            fprintf(stderr,
                    "*ROUGE Warning: test instance for peer %s does not exist for "
                    "evaluation %s\n",
                    peer, e->id);
            continue;
        }
        if (e->format && !cli_rx_name_is(e->format, strlen(e->format), "SPL")) {
            fprintf(stderr,
                    "newsfuse rouge: EVAL %s: input format %s is not supported "
                    "(SPL only)\n",
                    e->id, e->format);
            rc = CLI_BADINPUT;
            break;
        }
        nf_rouge_text *m = calloc(e->nm + 1, sizeof *m);
        char **names = calloc(e->nm + 1, sizeof *names);
        char *ppath = join_path(e->proot, pi->file), *ptext = NULL;
        size_t plen = 0;
        if (!m || !names || !ppath) rc = CLI_RUNTIME;
        if (rc == CLI_OK && !(ptext = slurp(ppath, &plen))) {
            fprintf(stderr, "newsfuse rouge: cannot open %s: %s\n", ppath, strerror(errno));
            rc = CLI_BADINPUT;
        }
        for (size_t k = 0; rc == CLI_OK && k < e->nm; k++) {
            size_t len = 0;
            names[k] = join_path(e->mroot, e->m[k].file);
            char *t = names[k] ? slurp(names[k], &len) : NULL;
            if (!t) {
                fprintf(stderr, "newsfuse rouge: cannot find model summary %s\n",
                        names[k] ? names[k] : e->m[k].file);
                rc = CLI_BADINPUT;
                break;
            }
            m[k] = (nf_rouge_text){e->m[k].id, t, len};
        }
        if (rc == CLI_OK)
            rc = add_eval(r, e->id, ptext, plen, m, e->nm, ppath, (const char *const *)names);
        for (size_t k = 0; k < e->nm && m && names; k++) free((char *)m[k].p), free(names[k]);
        free(m), free(names), free(ppath), free(ptext);
    }
    if (r && rc == CLI_OK) rc = emit(r, ro, os);
    nf_rouge_free(r);
    return rc;
}

static int run_xml(const ropts *ro, const char *config, const char *only_peer)
{
    size_t n = 0;
    char *s = cli_read_file(config, &n);
    if (!s) {
        fprintf(stderr, "newsfuse rouge: cannot open %s: %s\n", config, strerror(errno));
        return CLI_BADINPUT;
    }
    xconf c = {0};
    int rc = cli_rx_parse_xml(s, n, &c, config) ? CLI_OK : CLI_BADINPUT;
    free(s);
    /* every peer id of the file, sorted as ROUGE's -a does, or the one asked for */
    size_t np = 0, cap = 0;
    char **peers = NULL;
    for (size_t i = 0; rc == CLI_OK && i < c.n; i++) {
        for (size_t k = 0; k < c.ev[i].np; k++) {
            const char *id = only_peer ? only_peer : c.ev[i].p[k].id;
            bool seen = false;
            for (size_t j = 0; j < np && !seen; j++) seen = strcmp(peers[j], id) == 0;
            if (seen) continue;
            if (np == cap) {
                cap = cap ? cap * 2 : 8;
                char **nv = realloc(peers, cap * sizeof *nv);
                if (!nv) {
                    rc = CLI_RUNTIME;
                    break;
                }
                peers = nv;
            }
            peers[np++] = (char *)id;
        }
    }
    if (rc == CLI_OK && np == 0) {
        fprintf(stderr, "newsfuse rouge: %s: no peer to score\n", config);
        rc = CLI_BADINPUT;
    }
    if (rc == CLI_OK) qsort(peers, np, sizeof *peers, cmp_cstr);
    out_state os = {0, ro->fmt == NF_ROUGE_FORMAT_JSON && np > 1};
    for (size_t i = 0; rc == CLI_OK && i < np; i++) rc = xml_peer(ro, &c, peers[i], &os);
    if (rc == CLI_OK && os.multi_json) fputs("]\n", stdout);
    free(peers);
    cli_rx_free_conf(&c);
    return rc;
}

int nf_cmd_rouge(int argc, char **argv)
{
    ropts ro;
    memset(&ro, 0, sizeof ro);
    int rc = parse_args(argc, argv, &ro);
    if (rc) return rc < 0 ? CLI_OK : rc;
    if (ro.jsonl) {
        if (ro.npos) return usage_error("%s", "--jsonl takes no other input");
        return run_jsonl(&ro);
    }
    if (ro.npos == 2 && cli_is_dir(ro.pos[0])) {
        if (!cli_is_dir(ro.pos[1])) return usage_error("%s is not a directory", ro.pos[1]);
        return run_dirs(&ro, ro.pos[0], ro.pos[1]);
    }
    if (ro.npos == 1 || ro.npos == 2) {
        if (cli_is_dir(ro.pos[0]))
            return usage_error("%s: give a summary and a reference directory", ro.pos[0]);
        return run_xml(&ro, ro.pos[0], ro.npos == 2 ? ro.pos[1] : NULL);
    }
    return usage_error("%s", "give SYS_DIR REF_DIR, --jsonl FILE or CONFIG.xml");
}
