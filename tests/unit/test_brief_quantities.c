/* test_brief_quantities.c - key figures, quantities and conflicts, speakers in lowercase text and
 * quotes given in two wordings, on short texts written for these tests. */
#include "testutil.h"

#include <stdbool.h>
#include <string.h>

typedef struct built {
    nf_ctx *ctx;
    nf_cluster *c;
    nf_brief *b;
} built;

static built build(const char *const *docs)
{
    built r = {0};
    assert_int_equal(nf_ctx_new(NULL, NULL, &r.ctx, NULL), NF_OK);
    assert_int_equal(nf_cluster_new(NULL, &r.c), NF_OK);
    for (size_t i = 0; docs[i]; i++)
        assert_int_equal(nf_cluster_add_text(r.c, docs[i], strlen(docs[i]), NULL, NULL), NF_OK);
    assert_int_equal(nf_brief_build(r.ctx, r.c, NULL, &r.b, NULL), NF_OK);
    return r;
}

static void done(built *r)
{
    nf_brief_free(r->b);
    nf_cluster_free(r->c);
    nf_ctx_free(r->ctx);
}

static const nf_figure *fig(const nf_brief *b, double v, size_t nth)
{
    for (size_t i = 0; i < nf_brief_figure_count(b); i++)
        if (nf_brief_figure(b, i)->value == v && nth-- == 0) return nf_brief_figure(b, i);
    return NULL;
}

/* The conflict holding value a (and b unless 0), or NULL. */
static const nf_conflict *conflict_of(const nf_brief *b, double a, double v2)
{
    for (size_t i = 0; i < nf_brief_conflict_count(b); i++) {
        const nf_conflict *k = nf_brief_conflict(b, i);
        bool ha = false, hb = v2 == 0;
        for (size_t v = 0; v < k->nvalues; v++) {
            ha |= k->values[v].value == a;
            hb |= k->values[v].value == v2;
        }
        if (ha && hb) return k;
    }
    return NULL;
}

static void key_figures(void **state)
{
    (void)state;
    const char *d[] = {"A gas blast in Tarvik killed 14 people and injured 40, the fire service "
                       "said. Crews worked for five days. Two dogs were found in the garden. "
                       "The company's 30-year-old plant was built in 1994.\n",
                       "The gas blast in Tarvik killed 14 people, police said. The repairs will "
                       "cost $2.5 million, the mayor said.\n",
                       NULL};
    built r = build(d);
    size_t nkey = nf_brief_key_figure_count(r.b);
    const nf_figure *f = fig(r.b, 14, 0);
    assert_non_null(f);
    assert_true(f->key);
    assert_int_equal(f->ndocs, 2); /* one entry per value of a quantity, whoever gives it */
    assert_null(fig(r.b, 14, 1));
    assert_true(fig(r.b, 40, 0)->key);      /* injured */
    assert_true(fig(r.b, 2500000, 0)->key); /* money */
    assert_false(fig(r.b, 5, 0)->key);      /* a duration one report gives */
    assert_false(fig(r.b, 2, 0)->key);      /* a small count in passing */
    assert_null(fig(r.b, 1994, 0));         /* a year is never a figure */
    assert_null(fig(r.b, 30, 0));           /* an age is never a figure */
    for (size_t i = 0; i < nf_brief_figure_count(r.b); i++)
        assert_int_equal(nf_brief_figure(r.b, i)->key != 0, i < nkey); /* key figures first */
    char *out;
    size_t len;
    assert_int_equal(nf_brief_render(r.c, r.b, NULL, NF_FORMAT_JSON, &out, &len, NULL), NF_OK);
    assert_non_null(strstr(out, "\"other_figures\":[{"));
    nf_string_free(r.c, out);
    done(&r);
}

static void rounding(void **state)
{
    (void)state;
    const char *d[] = {"At least six people were killed in the storm, officials said. More than "
                       "100 sailors were trapped in the hull. Thieves took gold worth about $4 "
                       "million.\n",
                       "At least eight people were killed in the storm. Divers said 118 sailors "
                       "were trapped in the hull. The gold was worth $4.8 million.\n",
                       NULL};
    built r = build(d);
    assert_non_null(conflict_of(r.b, 6, 8));             /* two tallies, both lower bounds */
    assert_null(conflict_of(r.b, 100, 118));             /* "more than 100" is 118 rounded */
    assert_non_null(conflict_of(r.b, 4000000, 4800000)); /* 4.8 does not round to 4 */
    done(&r);
}

static void places_and_units(void **state)
{
    (void)state;
    const char *d[] = {"In Varna, 300 people were injured. In Ruse, 120 people were injured. The "
                       "ship sank 630 nautical miles (1,160 km) off the coast.\n",
                       "Varna 340 injured, 12 dead\n\nRuse 120 injured\n\nThe wreck lies 630 "
                       "nautical miles from port.\n",
                       NULL};
    built r = build(d);
    const nf_conflict *k = conflict_of(r.b, 300, 340);
    assert_non_null(k); /* the two counts of Varna disagree */
    for (size_t v = 0; v < k->nvalues; v++) assert_true(k->values[v].value != 120);
    assert_null(conflict_of(r.b, 630, 1160)); /* a figure and its conversion */
    done(&r);
}

static void lowercase_speakers(void **state)
{
    (void)state;
    const char *d[] = {
        "The harbour wall broke in the night and the water reached the old town "
        "before dawn, the port authority said on monday. \" we will rebuild the whole "
        "wall before the winter storms come back, \" said marta olsen, director of "
        "the port authority. residents were moved to the school gym. \" nobody will "
        "be sent home until the pumps have done their work, \" olsen said.\n",
        NULL};
    built r = build(d);
    size_t found = 0;
    for (size_t i = 0; i < nf_brief_quote_count(r.b); i++) {
        const nf_quote *q = nf_brief_quote(r.b, i);
        if (q->speaker && strcmp(q->speaker, "Marta Olsen") == 0) found++;
    }
    assert_int_equal(found, 2);
    done(&r);
}

static void variants(void **state)
{
    (void)state;
    const char *d[] = {"\"The convoy was stopped at once when our officers learned that the "
                       "trucks carried grain,\" the agency said.\n",
                       "\"The convoy was stopped at once when our officers learned the trucks "
                       "carried grain,\" Tomas Reyes, the agency's spokesman, said.\n",
                       NULL};
    built r = build(d);
    size_t n = 0;
    for (size_t i = 0; i < nf_brief_quote_count(r.b); i++)
        if (strncmp(nf_brief_quote(r.b, i)->text, "The convoy was stopped", 22) == 0) {
            n++;
            assert_int_equal(nf_brief_quote(r.b, i)->ndocs, 2);
        }
    assert_int_equal(n, 1); /* one utterance, two transcriptions: one quote */
    done(&r);
}

/* A wire dateline dates its report; undated reports resolve weekdays on or before the latest
 * report date. */
static void datelines_date_reports(void **state)
{
    (void)state;
    const char *d[] = {"ANKARA, August 20 (Xinhua) -- Rescue teams pulled two survivors from the "
                       "rubble on Friday, officials said. The quake of 1999 was the worst in "
                       "decades.\n",
                       "Rescuers worked through Wednesday night in the ruins of the old town.\n",
                       NULL};
    built r = build(d);
    bool friday = false, wednesday = false;
    for (size_t i = 0; i < nf_brief_event_count(r.b); i++) {
        const nf_event *e = nf_brief_event(r.b, i);
        if (strcmp(e->date, "1999-08-20") == 0 && e->resolution == NF_DATE_DOCUMENT) friday = true;
        if (strcmp(e->date, "1999-08-18") == 0 && e->resolution == NF_DATE_INFERRED)
            wednesday = true;
    }
    assert_true(friday);    /* August 20, 1999 was a Friday: the report's own date */
    assert_true(wednesday); /* the Wednesday before the latest report */
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(key_figures),      cmocka_unit_test(rounding),
        cmocka_unit_test(places_and_units), cmocka_unit_test(lowercase_speakers),
        cmocka_unit_test(variants),         cmocka_unit_test(datelines_date_reports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
