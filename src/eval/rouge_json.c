/* rouge_json.c - nf_rouge_add_json: one {"id", "summary", "references"} record.
 * Parsed with jansson (the project's JSON dependency: no hand-written JSON decoder).
 */
#include "eval/rouge.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

/* Model labels A..Z, then AA, AB, ... as a spreadsheet numbers its columns. */
static void label(size_t k, char out[12])
{
    char tmp[12];
    size_t x = k + 1, len = 0;
    while (x && len < sizeof tmp - 1) {
        tmp[len++] = (char)('A' + (x - 1) % 26);
        x = (x - 1) / 26;
    }
    for (size_t i = 0; i < len; i++) out[i] = tmp[len - 1 - i];
    out[len] = '\0';
}

/* Any record, through jansson: every error is reported from here. */
static nf_status add_json_tree(nf_rouge *r, const char *p, size_t n, nf_error *err)
{
    json_error_t je;
    json_t *root = json_loadb(p ? p : "", n, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return nf__fail(err, NF_EJSON, -1, je.line, je.position, "malformed JSON: %s", je.text);
    nf_status st = NF_OK;
    const char *why = NULL;
    json_t *id = json_object_get(root, "id"), *sum = json_object_get(root, "summary");
    json_t *refs = json_object_get(root, "references");
    char idbuf[32];
    const char *ids = NULL;
    if (json_is_string(id)) {
        ids = json_string_value(id);
    } else if (json_is_integer(id)) {
        snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
        ids = idbuf;
    }
    if (!json_is_object(root))
        why = "a record must be a JSON object";
    else if (!ids || !*ids)
        why = "\"id\" must be a non-empty string or an integer";
    else if (!json_is_string(sum))
        why = "\"summary\" must be a string";
    else if (!json_is_array(refs))
        why = "\"references\" must be an array of strings";
    size_t nm = why ? 0 : json_array_size(refs);
    for (size_t k = 0; !why && k < nm; k++)
        if (!json_is_string(json_array_get(refs, k)))
            why = "\"references\" must be an array of strings";
    if (why) {
        json_decref(root);
        return nf__fail(err, NF_EJSON, -1, -1, 0, "%s", why);
    }
    nf_rouge_text *m = nm ? nf__calloc(r->al, nm, sizeof *m) : NULL;
    char(*labels)[12] = nm ? nf__calloc(r->al, nm, sizeof *labels) : NULL;
    if (nm && (!m || !labels)) {
        st = nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    } else {
        for (size_t k = 0; k < nm; k++) {
            json_t *v = json_array_get(refs, k);
            label(k, labels[k]);
            m[k] = (nf_rouge_text){labels[k], json_string_value(v), json_string_length(v)};
        }
        st = nf_rouge_add(r, ids, json_string_value(sum), json_string_length(sum), m, nm, err);
    }
    nf__free(r->al, m);
    nf__free(r->al, labels);
    json_decref(root);
    return st;
}

nf_status nf_rouge_add_json(nf_rouge *r, const char *p, size_t n, nf_error *err)
{
    if (!r || (!p && n)) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    return add_json_tree(r, p, n, err);
}
