/* json.c - one JSON record {"id", "documents": [...], ...} -> documents of a cluster: the fast
 * reader of jsonrec.c for a well-formed record, jansson for everything else (and every error). */
#include "jsonrec.h"

#include <jansson.h>
#include <string.h>

static const char *str_field(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static nf_status keep_fields(nf_cluster *c, json_t *root)
{
    size_t n = 0;
    const char *k;
    json_t *v;
    json_object_foreach(root, k, v) if (json_is_string(v)) n++;
    if (!n) return NF_OK;
    /* a later record replaces the fields of an earlier one (its strings stay in the arena) */
    nf__free(c->al, c->field_names);
    nf__free(c->al, c->field_values);
    c->nfields = 0;
    c->field_names = nf__calloc(c->al, n, sizeof(char *));
    c->field_values = nf__calloc(c->al, n, sizeof(char *));
    if (!c->field_names || !c->field_values) return NF_ENOMEM;
    size_t i = 0;
    json_object_foreach(root, k, v)
    {
        if (!json_is_string(v)) continue;
        c->field_names[i] = nf__arena_strndup(c->arena, k, strlen(k));
        c->field_values[i] =
            nf__arena_strndup(c->arena, json_string_value(v), json_string_length(v));
        if (!c->field_names[i] || !c->field_values[i]) return NF_ENOMEM;
        i++;
    }
    c->nfields = n;
    return NF_OK;
}

/* Whether the fast reader's record passes every check the jansson path makes before it changes
 * the cluster; if not, the jansson path runs and reports the error. */
static bool usable(const nf__jrec *r)
{
    if (r->id.type != NF__J_NONE && r->id.type != NF__J_STR && r->id.type != NF__J_INT)
        return false;
    if (r->docs_type != NF__J_ARR || r->ndocs == 0) return false;
    for (size_t i = 0; i < r->ndocs; i++) {
        const nf__jdoc *d = &r->docs[i];
        if (d->type == NF__J_STR) continue;
        if (d->type != NF__J_OBJ || (d->text.type != NF__J_STR && d->html.type != NF__J_STR))
            return false;
    }
    return true;
}

static const char *meta_str(const nf__jval *v) { return v->type == NF__J_STR ? v->s.p : NULL; }

/* The documents of a usable record, with the jansson path's side effects in its order. */
static nf_status add_fast(nf_cluster *c, const nf__jrec *r, nf_error *err)
{
    if (r->id.type != NF__J_NONE) {
        char tmp[32];
        const char *s = tmp;
        size_t sl;
        if (r->id.type == NF__J_STR) {
            s = r->id.s.p;
            sl = r->id.s.n;
        } else {
            sl = (size_t)snprintf(tmp, sizeof tmp, "%lld", r->id.i);
        }
        c->id = nf__arena_strndup(c->arena, s, sl);
        if (!c->id) return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
    }
    if (r->nfields) { /* a later record replaces the fields of an earlier one */
        nf__free(c->al, c->field_names);
        nf__free(c->al, c->field_values);
        c->nfields = 0;
        c->field_names = nf__calloc(c->al, r->nfields, sizeof(char *));
        c->field_values = nf__calloc(c->al, r->nfields, sizeof(char *));
        if (!c->field_names || !c->field_values)
            return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
        for (size_t i = 0; i < r->nfields; i++) {
            c->field_names[i] = nf__arena_strndup(c->arena, r->fields[i].k.p, r->fields[i].k.n);
            c->field_values[i] = nf__arena_strndup(c->arena, r->fields[i].v.p, r->fields[i].v.n);
            if (!c->field_names[i] || !c->field_values[i])
                return nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
        }
        c->nfields = r->nfields;
    }
    size_t added = 0;
    for (size_t i = 0; i < r->ndocs; i++) {
        const nf__jdoc *d = &r->docs[i];
        nf_doc_meta m = {NULL, NULL, NULL, NULL, NULL};
        const nf__jval *t = &d->text;
        bool html = false;
        if (d->type == NF__J_OBJ) {
            if (t->type != NF__J_STR) {
                t = &d->html;
                html = true;
            }
            m.id = meta_str(&d->meta[0]);
            m.title = meta_str(&d->meta[1]);
            m.source = meta_str(&d->meta[2]);
            m.url = meta_str(&d->meta[3]);
            m.date = meta_str(&d->meta[4]);
        }
        nf_error derr;
        nf_status ds = html ? nf_cluster_add_html(c, t->s.p, t->s.n, &m, &derr)
                            : nf__ingest_doc(c, t->s.p, t->s.n, &m, NULL, 0, &derr);
        if (ds == NF_EEMPTY) {
            nf__cluster_warn(c, NF_EEMPTY, (long)i, -1, "empty document skipped");
            continue;
        }
        if (ds != NF_OK)
            return nf__fail(err, ds, (long)i, -1, derr.byte_pos, "documents[%zu]: %s", i, derr.msg);
        added++;
    }
    if (!added) return nf__fail(err, NF_EEMPTY, -1, -1, -1, "every document is empty");
    return NF_OK;
}

nf_status nf_cluster_add_json(nf_cluster *c, const char *p, size_t n, nf_error *err)
{
    if (!c || (!p && n)) return nf__fail(err, NF_EINVAL, -1, -1, -1, "NULL argument");
    nf__jrec rec;
    if (nf__jrec_read(c->al, p ? p : "", n, &rec) && usable(&rec)) {
        nf_status fst = add_fast(c, &rec, err);
        nf__jrec_free(c->al, &rec);
        return fst;
    }
    nf__jrec_free(c->al, &rec);
    json_error_t je;
    json_t *root = json_loadb(p ? p : "", n, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!root)
        return nf__fail(err, NF_EJSON, -1, je.line, je.position, "JSON: %s (column %d)", je.text,
                        je.column);
    nf_status st = NF_OK;
    if (!json_is_object(root)) {
        st = nf__fail(err, NF_EJSON, -1, -1, 0, "record is not a JSON object");
        goto done;
    }
    json_t *id = json_object_get(root, "id");
    if (id && !json_is_string(id) && !json_is_integer(id)) {
        st = nf__fail(err, NF_EJSON, -1, -1, -1, "\"id\" is not a string or integer");
        goto done;
    }
    if (id) {
        char tmp[32];
        const char *s = tmp;
        size_t sl;
        if (json_is_string(id)) {
            s = json_string_value(id);
            sl = json_string_length(id);
        } else {
            sl = (size_t)snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(id));
        }
        c->id = nf__arena_strndup(c->arena, s, sl);
        if (!c->id) {
            st = nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
            goto done;
        }
    }
    json_t *docs = json_object_get(root, "documents");
    if (!json_is_array(docs)) {
        st = nf__fail(err, NF_EJSON, -1, -1, -1, "\"documents\" is missing or not an array");
        goto done;
    }
    if (json_array_size(docs) == 0) {
        st = nf__fail(err, NF_EEMPTY, -1, -1, -1, "\"documents\" is empty");
        goto done;
    }
    if (keep_fields(c, root) != NF_OK) {
        st = nf__fail(err, NF_ENOMEM, -1, -1, -1, "out of memory");
        goto done;
    }
    size_t i, added = 0;
    json_t *d;
    json_array_foreach(docs, i, d)
    {
        nf_doc_meta m = {NULL, NULL, NULL, NULL, NULL};
        const char *text = NULL;
        size_t tl = 0;
        bool html = false;
        if (json_is_string(d)) {
            text = json_string_value(d);
            tl = json_string_length(d);
        } else if (json_is_object(d)) {
            json_t *t = json_object_get(d, "text");
            if (!json_is_string(t)) {
                t = json_object_get(d, "html");
                html = json_is_string(t);
            }
            if (!json_is_string(t)) {
                st = nf__fail(err, NF_EJSON, (long)i, -1, -1,
                              "documents[%zu] has no \"text\" or \"html\" string", i);
                goto done;
            }
            text = json_string_value(t);
            tl = json_string_length(t);
            m.id = str_field(d, "id");
            m.title = str_field(d, "title");
            m.source = str_field(d, "source");
            m.url = str_field(d, "url");
            m.date = str_field(d, "date");
        } else {
            st = nf__fail(err, NF_EJSON, (long)i, -1, -1,
                          "documents[%zu] is neither a string nor an object", i);
            goto done;
        }
        nf_error derr;
        nf_status ds = html ? nf_cluster_add_html(c, text, tl, &m, &derr)
                            : nf__ingest_doc(c, text, tl, &m, NULL, 0, &derr);
        if (ds == NF_EEMPTY) {
            nf__cluster_warn(c, NF_EEMPTY, (long)i, -1, "empty document skipped");
            continue;
        }
        if (ds != NF_OK) {
            st = nf__fail(err, ds, (long)i, -1, derr.byte_pos, "documents[%zu]: %s", i, derr.msg);
            goto done;
        }
        added++;
    }
    if (!added) st = nf__fail(err, NF_EEMPTY, -1, -1, -1, "every document is empty");
done:
    json_decref(root);
    return st;
}
