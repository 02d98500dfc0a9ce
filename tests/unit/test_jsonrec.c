/* test_jsonrec.c - the fast JSONL record reader (src/ingest/jsonrec.c) against jansson: for records
 * it takes (escapes, surrogate pairs, \u0000, UTF-8, integer ids, nested members) the cluster holds
 * what jansson reads; records outside its subset (duplicate keys at any depth, real numbers, bad
 * escapes, lone surrogates, invalid UTF-8, trailing bytes) are refused, so json.c's jansson path
 * and its error messages apply. */
#include "testutil.h"

#include "ingest/jsonrec.h"

#include <jansson.h>
#include <string.h>

static const char *const taken[] = {
    "{\"id\":\"a1\",\"documents\":[\"The storm hit the coast on Monday.\"]}",
    " {\"documents\" : [ \"Quote \\\"x\\\" \\\\ \\/ \\b\\f\\n\\r\\t end of a long enough sentence "
    "about the harbor fire that burned all night and into the morning.\" ] , \"id\" : 42 }\n",
    "{\"id\":-7,\"topic\":\"caf\\u00e9 \\ud83d\\ude00 "
    "\xc3\xa9\",\"documents\":[{\"text\":\"A B "
    "fire.\",\"title\":\"T\\u0000x\",\"source\":\"S\",\"url\":\"u\",\"date\":\"2020-01-02\",\"id\":"
    "\"d\",\"extra\":{\"k\":[1,true,false,null,{\"z\":\"\"}]}}],\"n\":[],\"o\":{}}",
    "{\"documents\":[{\"html\":\"<p>Rain fell on the town.</p>\",\"text\":5}],\"\":\"empty key\"}",
};

static const char *const refused[] = {
    "{\"id\":\"a\",\"id\":\"b\",\"documents\":[\"x y z.\"]}",
    "{\"documents\":[{\"text\":\"a b c.\",\"text\":\"d\"}]}",
    "{\"documents\":[\"a b c.\"],\"x\":{\"k\":1,\"k\":2}}",
    "{\"documents\":[\"a b c.\"],\"x\":1.5}",
    "{\"documents\":[\"a b c.\"],\"x\":1e3}",
    "{\"documents\":[\"a b c.\"],\"x\":0123}",
    "{\"documents\":[\"bad \\q escape.\"]}",
    "{\"documents\":[\"lone \\ud800 surrogate.\"]}",
    "{\"documents\":[\"low \\udc00 surrogate.\"]}",
    "{\"documents\":[\"bad utf8 \xff byte.\"]}",
    "{\"documents\":[\"ctl \x01 char.\"]}",
    "{\"documents\":[\"a b c.\"]} trailing",
    "{\"documents\":[\"a b c.\"],\"k\\u0000\":\"v\"}",
    "[\"not an object\"]",
    "{\"documents\":[\"unterminated",
    "",
};

/* What json.c's jansson path would store, compared with what the cluster holds. */
static void same_as_jansson(const char *rec)
{
    nf_cluster *c = NULL;
    assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
    nf_error e;
    nf_status st = nf_cluster_add_json(c, rec, strlen(rec), &e);
    if (st != NF_OK) fail_msg("%s: %s", rec, e.msg);
    json_t *j = json_loadb(rec, strlen(rec), JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, NULL);
    assert_non_null(j);
    assert_int_equal(st, NF_OK);
    json_t *id = json_object_get(j, "id");
    char tmp[32];
    if (json_is_string(id)) assert_string_equal(nf_cluster_id(c), json_string_value(id));
    if (json_is_integer(id)) {
        snprintf(tmp, sizeof tmp, "%lld", (long long)json_integer_value(id));
        assert_string_equal(nf_cluster_id(c), tmp);
    }
    const char *k;
    json_t *v;
    json_object_foreach(j, k, v) if (json_is_string(v))
        assert_string_equal(nf_cluster_field(c, k), json_string_value(v));
    json_t *docs = json_object_get(j, "documents");
    assert_int_equal(nf_cluster_doc_count(c), json_array_size(docs));
    for (size_t i = 0; i < json_array_size(docs); i++) {
        json_t *d = json_array_get(docs, i),
               *t = json_is_object(d) ? json_object_get(d, "text") : d;
        size_t len;
        const char *txt = nf_cluster_doc_text(c, i, &len);
        if (json_is_string(t)) {
            assert_int_equal(len, json_string_length(t));
            assert_memory_equal(txt, json_string_value(t), len);
        }
        if (json_is_object(d)) {
            json_t *ti = json_object_get(d, "title");
            const nf_doc_meta *m = nf_cluster_doc_meta(c, i);
            if (json_is_string(ti)) assert_string_equal(m->title, json_string_value(ti));
        }
    }
    json_decref(j);
    nf_cluster_free(c);
}

static void test_taken(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof taken / sizeof *taken; i++) {
        nf__jrec r;
        assert_true(nf__jrec_read(NULL, taken[i], strlen(taken[i]), &r));
        nf__jrec_free(NULL, &r);
        same_as_jansson(taken[i]);
    }
}

static void test_refused(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        nf__jrec r;
        bool ok = nf__jrec_read(NULL, refused[i], strlen(refused[i]), &r);
        nf__jrec_free(NULL, &r);
        if (ok) fail_msg("fast reader took refused[%zu]", i);
        /* the jansson path answers: what it reads when it reads the record, else an error */
        json_t *j = json_loadb(refused[i], strlen(refused[i]),
                               JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, NULL);
        if (json_is_object(j)) {
            same_as_jansson(refused[i]);
        } else {
            nf_cluster *c = NULL;
            assert_int_equal(nf_cluster_new(NULL, &c), NF_OK);
            nf_error e;
            assert_int_not_equal(nf_cluster_add_json(c, refused[i], strlen(refused[i]), &e), NF_OK);
            nf_cluster_free(c);
        }
        json_decref(j);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_taken),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
