/* test_brief_extract.c - the story brief's extractors on short texts written for these tests:
 * numbers and qualifiers, number words, money and units, what is not a figure, attribution,
 * quotes (straight, curly, DUC, unclosed, over paragraphs), speakers, aliases, dates, conflicts,
 * empty results, allocation failures and determinism. */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <stdbool.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct built {
    nf_ctx *ctx;
    nf_cluster *c;
    nf_brief *b;
} built;

/* A brief of documents given as NUL-terminated strings (NULL-terminated list), with optional
 * ISO dates (NULL or a list parallel to docs). */
static built build(const char *const *docs, const char *const *dates)
{
    built r = {0};
    assert_int_equal(nf_ctx_new(NULL, NULL, &r.ctx, NULL), NF_OK);
    assert_int_equal(nf_cluster_new(NULL, &r.c), NF_OK);
    for (size_t i = 0; docs[i]; i++) {
        nf_doc_meta m = {NULL, NULL, NULL, NULL, dates ? dates[i] : NULL};
        assert_int_equal(nf_cluster_add_text(r.c, docs[i], strlen(docs[i]), &m, NULL), NF_OK);
    }
    nf_error err;
    assert_int_equal(nf_brief_build(r.ctx, r.c, NULL, &r.b, &err), NF_OK);
    return r;
}

static void done(built *r)
{
    nf_brief_free(r->b);
    nf_cluster_free(r->c);
    nf_ctx_free(r->ctx);
}

static const nf_figure *find_fig(const nf_brief *b, double v)
{
    for (size_t i = 0; i < nf_brief_figure_count(b); i++)
        if (nf_brief_figure(b, i)->value == v) return nf_brief_figure(b, i);
    return NULL;
}

static const nf_quote *find_quote(const nf_brief *b, const char *prefix)
{
    for (size_t i = 0; i < nf_brief_quote_count(b); i++)
        if (strncmp(nf_brief_quote(b, i)->text, prefix, strlen(prefix)) == 0)
            return nf_brief_quote(b, i);
    return NULL;
}

/* The quote starting with prefix exists and has speaker (NULL: none). */
static const nf_quote *assert_speaker(const nf_brief *b, const char *prefix, const char *speaker)
{
    const nf_quote *q = find_quote(b, prefix);
    assert_non_null(q);
    if (!speaker) {
        assert_null(q->speaker);
        return q;
    }
    assert_non_null(q->speaker);
    assert_string_equal(q->speaker, speaker);
    return q;
}

static void qualifiers(void **state)
{
    (void)state;
    const char *d[] = {"The army said at least 80 soldiers were killed in the attack. "
                       "Officials said more than 100 people were injured. "
                       "About 600 volunteers joined the search, the agency said. "
                       "Forecasters expect up to 40 millimetres of rain. "
                       "Fewer than 12 schools reopened. "
                       "The war has killed an estimated 430,000 people since 2011.\n",
                       NULL};
    built r = build(d, NULL);
    const nf_figure *f = find_fig(r.b, 80);
    assert_non_null(f);
    assert_int_equal(f->qualifier, NF_QUAL_AT_LEAST);
    assert_non_null(strstr(f->counted, "soldiers killed"));
    assert_non_null(f->attribution);
    assert_string_equal(f->attribution, "the army");
    assert_int_equal(find_fig(r.b, 100)->qualifier, NF_QUAL_MORE_THAN);
    assert_int_equal(find_fig(r.b, 600)->qualifier, NF_QUAL_ABOUT);
    f = find_fig(r.b, 40);
    assert_int_equal(f->qualifier, NF_QUAL_UP_TO);
    assert_string_equal(f->unit, "mm");
    assert_int_equal(find_fig(r.b, 12)->qualifier, NF_QUAL_LESS_THAN);
    assert_int_equal(find_fig(r.b, 430000)->qualifier, NF_QUAL_ABOUT);
    assert_null(find_fig(r.b, 2011)); /* a year */
    done(&r);
}

static void number_words(void **state)
{
    (void)state;
    const char *d[] = {"The quake killed two dozen people and injured a hundred others. "
                       "Twenty-four houses collapsed, and thousands of residents fled. "
                       "One person is missing. One of the bridges was closed. "
                       "The government released three million dollars in aid.\n",
                       NULL};
    built r = build(d, NULL);
    const nf_figure *f = find_fig(r.b, 24);
    assert_non_null(f);
    assert_int_equal(f->qualifier, NF_QUAL_EXACT);
    assert_non_null(strstr(f->counted, "killed"));
    assert_non_null(find_fig(r.b, 100));
    size_t n24 = 0;
    for (size_t i = 0; i < nf_brief_figure_count(r.b); i++)
        n24 += nf_brief_figure(r.b, i)->value == 24;
    assert_int_equal(n24, 2);         /* two dozen people, twenty-four houses */
    assert_null(find_fig(r.b, 1000)); /* "thousands" is vague */
    f = find_fig(r.b, 1);
    assert_non_null(f); /* "One person", but not "One of the bridges" */
    assert_int_equal(f->nmentions, 1);
    f = find_fig(r.b, 3e6);
    assert_non_null(f);
    assert_string_equal(f->unit, "USD");
    done(&r);
}

static void money_units_ranges(void **state)
{
    (void)state;
    const char *d[] = {"The company put the damage at $4.5 million. The city expects costs of "
                       "60 million dollars, and the union 20 million euros. Turnout was 46.8 "
                       "percent, up from 41%. Between 4,000 and 5,000 homes were flooded. The "
                       "river rose 7.4 metres. The ceasefire held for five days. The "
                       "740m-euro observatory lifted off.\n",
                       NULL};
    built r = build(d, NULL);
    const nf_figure *f = find_fig(r.b, 4.5e6);
    assert_non_null(f);
    assert_string_equal(f->unit, "USD");
    assert_string_equal(find_fig(r.b, 6e7)->unit, "USD");
    assert_string_equal(find_fig(r.b, 2e7)->unit, "EUR");
    assert_string_equal(find_fig(r.b, 46.8)->unit, "percent");
    assert_string_equal(find_fig(r.b, 41)->unit, "percent");
    f = find_fig(r.b, 4000);
    assert_non_null(f);
    assert_true(f->is_range);
    assert_true(f->value_max == 5000);
    assert_string_equal(find_fig(r.b, 7.4)->unit, "m");
    assert_string_equal(find_fig(r.b, 5)->unit, "days");
    assert_string_equal(find_fig(r.b, 7.4e8)->unit, "EUR"); /* not 740 metres */
    done(&r);
}

static void not_figures(void **state)
{
    (void)state;
    const char *d[] = {"On March 4, 2016, an 81-year-old woman living at 14 Mill Lane called "
                       "555-0142 at 3:41 a.m. and again at 11 p.m. Gilliam, 27, was charged. "
                       "Four days after the fire, investigators returned, 25 minutes into the "
                       "shift. Flight 370 vanished in 2014. It was the third time in one night. "
                       "The 19th-century church on 5th Avenue was damaged. Her son stopped "
                       "talking at 18 months; his sister was 2 or 3 years old, and a study of "
                       "children 3 to 14 years of age ends within two or three years. The "
                       "probe lifted off at 06: 12 local time. Press calls go to 202.716.1953.\n",
                       "police said the alert was issued after jeremiah grant, 33, of south "
                       "berwick, took his son from the home of the boy's mother without her "
                       "consent on thursday afternoon. officers found the boy safe at a motel "
                       "near the state line early on friday, and the father was arrested there "
                       "without a struggle, the police chief said in a statement. the movers "
                       "are at 70 commerce st in brooklyn, and work began on the tomb's no. 2 "
                       "pit.\n",
                       NULL};
    built r = build(d, NULL);
    for (size_t i = 0; i < nf_brief_figure_count(r.b); i++)
        fail_msg("unexpected figure: %s", nf_brief_figure(r.b, i)->text);
    done(&r);
}

static void attribution(void **state)
{
    (void)state;
    const char *d[] = {
        "Mayor Ann Holt said 14 people were hurt. Three people died, according "
        "to the Regional Health Authority. The Lakeside Clinic put the death toll "
        "at five. A total of 22 workers were injured, a number well above the 12 "
        "injuries reported by the fire brigade.\n\n"
        "The Interior Ministry said 40 houses burned. It said 9 roads were closed.\n\n"
        "The wire agency quoted Colonel Dan Reyes as saying 300 troops were sent.\n",
        NULL};
    built r = build(d, NULL);
    assert_string_equal(find_fig(r.b, 14)->attribution, "Ann Holt");
    assert_string_equal(find_fig(r.b, 3)->attribution, "Regional Health Authority");
    assert_string_equal(find_fig(r.b, 5)->attribution, "Lakeside Clinic");
    assert_string_equal(find_fig(r.b, 12)->attribution, "the fire brigade");
    assert_string_equal(find_fig(r.b, 40)->attribution, "Interior Ministry");
    assert_string_equal(find_fig(r.b, 9)->attribution, "Interior Ministry"); /* "It said" */
    assert_string_equal(find_fig(r.b, 300)->attribution, "Dan Reyes");
    assert_null(find_quote(r.b, "300")); /* reported speech is not a quote */
    assert_int_equal(nf_brief_quote_count(r.b), 0);
    done(&r);
}

/* Words that are units or speech verbs elsewhere, read in their other sense: "won" before a
 * number that has its own unit is a verb, "States" inside "United States" is a name, a
 * lowercased, spaced wire credit "( reuters ) -" still names the outlet, and "keats ' new" is a
 * possessive, not a quotation mark. */
static void words_in_their_other_sense(void **state)
{
    (void)state;
    const char *d[] = {"( reuters ) - the party won 82 percent of the seats in the assembly, "
                       "officials said.\n",
                       "The United States said in a statement that it was disappointed.\n\n"
                       "\"We will defend the measure in every forum available to us,\" the United "
                       "States said on Friday. Aye Nang, a young mother of three, was detained "
                       "on Friday, the group said.\n",
                       "an image of the artist jon keats ' century camera, built around an "
                       "antique lens. keats ' new project is designed to capture images over the "
                       "course of 1,000 years. Aye Nang, a young mother of three, was detained "
                       "by troops on Friday.\n",
                       NULL};
    built r = build(d, NULL);
    assert_null(find_quote(r.b, "century camera")); /* a possessive split off: no quote */
    /* a bare small number in two reports names nothing: not a key figure */
    for (size_t i = 0; i < nf_brief_key_figure_count(r.b); i++)
        assert_true(nf_brief_figure(r.b, i)->value != 3);
    for (size_t i = 0; i < nf_brief_figure_count(r.b); i++) {
        const nf_figure *f = nf_brief_figure(r.b, i);
        if (f->value == 82) assert_string_equal(f->unit, "percent");
    }
    const nf_quote *q = assert_speaker(r.b, "We will defend", "United States");
    assert_string_equal(nf_brief_source(r.b, 0)->outlet, "Reuters");
    assert_null(nf_brief_source(r.b, 1)->outlet);
    done(&r);
}

/* ", said NAME" after a clause gives the figure its source; a name that the verb reports on
 * ("said Jones was") leaves the subject as the source. */
static void inverted_after_a_clause(void **state)
{
    (void)state;
    const char *d[] = {"The clinic is preparing to study as many as 5,000 children, said Dr. Ines "
                       "Valdo, the study's lead author. Tom Berg, whose brother died in the fire, "
                       "said Jones was to blame for 12 deaths. The cars had 11 accidents in six "
                       "years, the program's director said.\n",
                       NULL};
    built r = build(d, NULL);
    assert_string_equal(find_fig(r.b, 5000)->attribution, "Ines Valdo");
    assert_string_equal(find_fig(r.b, 12)->attribution, "Tom Berg");
    assert_string_equal(find_fig(r.b, 11)->attribution, "the program"); /* not "the program's" */
    done(&r);
}

/* Names around offices and nationalities: "Prime Minister Ivo Tarn of Norland" does not take
 * in Norland, "the President of Calvenia" is an office (Calvenia stays a place of its own),
 * "ambassador to Calvenia Ruth Amsel" is Ruth Amsel, and a nationality is not an entity. */
static void offices_and_nationalities(void **state)
{
    (void)state;
    const char *d[] = {
        "Prime Minister Ivo Tarn of Norland met the President of Calvenia on Monday. "
        "Greek officials were not there.\n",
        "The Norland ambassador to Calvenia Ruth Amsel said 40 soldiers were hurt "
        "in Calvenia. Greek officials declined to comment.\n",
        "Ivo Tarn said Calvenia was a friend. Greek officials stayed away.\n", NULL};
    built r = build(d, NULL);
    assert_string_equal(find_fig(r.b, 40)->attribution, "Ruth Amsel");
    bool calvenia = false;
    for (size_t i = 0; i < nf_brief_entity_count(r.b); i++) {
        const char *n = nf_brief_entity(r.b, i)->name;
        assert_null(strstr(n, " of ")); /* neither "... of Norland" nor "President of ..." */
        assert_string_not_equal(n, "Greek");
        calvenia |= strcmp(n, "Calvenia") == 0;
    }
    assert_true(calvenia);
    done(&r);
}

/* A conflict of figures that name nothing is labelled by what their unit measures, and needs
 * values within twofold of each other. */
static void conflict_of_unnamed_figures(void **state)
{
    (void)state;
    const char *d[] = {"The mine lies 12 miles from the town of Jarvik, the ministry said.\n",
                       "The mine lies 13 miles from the town of Jarvik, the operator said.\n",
                       NULL};
    built r = build(d, NULL);
    assert_int_equal(nf_brief_conflict_count(r.b), 1);
    assert_string_equal(nf_brief_conflict(r.b, 0)->quantity, "distance");
    done(&r);
    /* unnamed amounts spread wider than twofold are different things, not one disputed value */
    const char *e[] = {"The center had an endowment of $4.8 million, the report said.\n",
                       "The center had an endowment of $9 million, the paper said.\n",
                       "The center had an endowment of $12.5 million, a lawyer said.\n", NULL};
    r = build(e, NULL);
    assert_int_equal(nf_brief_conflict_count(r.b), 0);
    done(&r);
}

/* An appositive after a speaker's name is a role when it is a noun phrase, never a relative
 * clause. */
static void roles_are_noun_phrases(void **state)
{
    (void)state;
    const char *d[] = {
        "\"I told him it was a stupid idea to bring it,\" said Tom Deel, who did not "
        "think the threat was serious. \"We had no warning at all, none,\" said Ada "
        "Lund, the school's principal. \"We lost good people today and we will find out "
        "why,\" said Oskar Venn, 54, the plant manager.\n",
        NULL};
    built r = build(d, NULL);
    const nf_quote *q = assert_speaker(r.b, "I told him", "Tom Deel");
    assert_true(q->role == NULL || strstr(q->role, "think") == NULL);
    q = assert_speaker(r.b, "We had no warning", "Ada Lund");
    assert_non_null(q->role);
    assert_non_null(strstr(q->role, "principal"));
    q = assert_speaker(r.b, "We lost good people", "Oskar Venn");
    assert_non_null(q->role);
    assert_non_null(strstr(q->role, "manager")); /* not the age "54" */
    done(&r);
}

/* "he" after a sentence whose speaker is a surname alone goes to that surname. */
static void he_after_a_surname(void **state)
{
    (void)state;
    const char *d[] = {"Colleagues kept him away from the gatherings. \"Time marches on and he has "
                       "other pursuits now,\" Halvard said. He added, \"If you want a spirited "
                       "defense of his private life, you will not get one from me.\"\n",
                       NULL};
    built r = build(d, NULL);
    const nf_quote *q = assert_speaker(r.b, "If you want", "Halvard");
    done(&r);
}

/* Case-folded web text capitalizes the word after every period, an abbreviation's too: that
 * capital neither makes the document cased nor ends the counted noun ("seven u.n. Employees"). */
static void capital_after_an_abbreviation(void **state)
{
    (void)state;
    const char *d[] = {"the unrest followed a demonstration on friday in the northern town of "
                       "mazar, in which seven u.n. Employees were killed when an angry throng "
                       "stormed the u.n. Compound there. officials said the crowd had gathered "
                       "after prayers and marched on the compound, where guards fired into the "
                       "air before the u.s. Embassy was told of the attack by the protesters.\n",
                       NULL};
    built r = build(d, NULL);
    const nf_figure *f = find_fig(r.b, 7);
    assert_non_null(f);
    assert_non_null(strstr(f->quantity, "killed"));
    done(&r);
}

/* In case-folded text a speaker named once in full, after a role ("the county sheriff duane
 * smith said") or not ("mark aparicio lost"), is found again by the surname alone. */
static void folded_surname_speaker(void **state)
{
    (void)state;
    const char *d[] = {
        "the gunman was shot and killed a short time later. the county sheriff duane "
        "smith said the shooter walked into the county building on east main street "
        "with a rifle and opened fire on deputies who were standing outside the "
        "doors. \"the only way i can describe it is in a frontal assault on our "
        "court house, \" smith said. the swat team arrived within minutes.\n",
        NULL};
    built r = build(d, NULL);
    const nf_quote *q = assert_speaker(r.b, "the only way", "Duane Smith");
    done(&r);
    /* the full name written once without a role ("mark aparicio lost his daughter") */
    const char *e[] = {
        "mark aparicio lost his daughter at the bridge in 2013 and has campaigned for "
        "a safety net ever since, joining dozens of other parents at a hearing on "
        "the plan on tuesday afternoon. \"if it wasn't for the easy access at the "
        "bridge, i still believe my daughter would be alive today, \" aparicio "
        "said.\n",
        NULL};
    r = build(e, NULL);
    q = assert_speaker(r.b, "if it wasn't", "Mark Aparicio");
    done(&r);
    /* a title before a single name names a person; "former" only modifies the role after it */
    const char *g[] = {
        "the royal visit to the old palace drew large crowds on sunday, and the tour "
        "ended in the library where the children were waiting for the guests. "
        "\"there is a lot of history here, and a few friendly ghosts as well, \" "
        "queen silvia said. \"i remain the luckiest guy i know, and i mean it, \" "
        "said the former anchor.\n",
        NULL};
    r = build(g, NULL);
    q = assert_speaker(r.b, "there is a lot", "Silvia");
    q = assert_speaker(r.b, "i remain", NULL);
    done(&r);
}

/* Case-folded web text: "said" + a title opens the speaker's name, a lowercase "house speaker"
 * is a title, and a lowercase month's day is a date, not a figure. */
static void folded_titles_and_months(void **state)
{
    (void)state;
    const char *d[] = {
        "Washington — the city will sign a proclamation today to establish the new park in "
        "the hills south of the river, an action that the planners say will bring visitors "
        "back to the valley. \"whether they are hiking or camping or fishing, visitors are "
        "enjoying the bounty, \" said president alma varen. the hearing on the budget is set "
        "for september 22 at the hall.\n",
        "Des moines — the race for the nomination is still open, and none of the candidates "
        "has built an organization in the state so far this year. \"the opportunity is still "
        "there because, frankly, nobody has a ground game, \" said former iowa house speaker "
        "christopher ranke, who backed the governor in 2008. the vote comes on march 3 in "
        "the capitol.\n",
        NULL};
    built r = build(d, NULL);
    assert_speaker(r.b, "whether they are", "Alma Varen");
    assert_speaker(r.b, "the opportunity is", "Christopher Ranke");
    assert_null(find_fig(r.b, 22));
    assert_null(find_fig(r.b, 3));
    done(&r);
}

/* "the judge said" names the one person of the report with that role, written before the full
 * name in a case-folded document; the role of a report that starts with it ("judge lou olivera")
 * stops at the report's start, though the report before it is cut off after words. */
static void role_holder_speaker(void **state)
{
    (void)state;
    const char *d[] = {
        "the hearing went on for most of the day in the old courthouse, and the case was "
        "heard at last by the district court judge\n",
        "judge lou olivera sentenced a retired soldier to a night in jail for a probation "
        "violation, and then the judge went into the cell with him so that they could talk. "
        "\"i had never been to jail before, and i did not know what to expect, \" olivera "
        "said. the two men sat and talked until the morning. \"when they close that door, "
        "it is really, you are shut off from the world, \" the judge said.\n",
        "Fayetteville — district court judge mara oyelaran heard the next case on the list "
        "that same week, a dispute over a fence between two farms in the county that had "
        "gone on for years. \"this is a matter for the two families to settle between "
        "them, \" oyelaran said. \"the court will not draw a line where neighbors can, \" "
        "the judge said.\n",
        NULL};
    built r = build(d, NULL);
    assert_speaker(r.b, "i had never been", "Lou Olivera");
    assert_speaker(r.b, "when they close", "Lou Olivera");
    assert_speaker(r.b, "this is a matter", "Mara Oyelaran");
    assert_speaker(r.b, "the court will not", "Mara Oyelaran");
    done(&r);
    /* the role before its holder: "'...,' sheriff says" at the top, the sheriff named below */
    const char *e[] = {
        "\"it was very close to being a catastrophe for the whole town, \" sheriff says. the "
        "gunman drove up to the courthouse early on friday morning with rifles, grenades and "
        "spike strips in his car, and deputies met him at the door. forsyth county sheriff "
        "duane pyper said the man had planned the attack for months. \"he came prepared to "
        "do this, and he came to kill, \" pyper said.\n",
        NULL};
    r = build(e, NULL);
    assert_speaker(r.b, "it was very close", "Duane Pyper");
    assert_speaker(r.b, "he came prepared", "Duane Pyper");
    done(&r);
}

/* A partial quote whose sentence names its speaker a few words on; a member of a body named in
 * case-folded text; one quote a report gives to a body and another to a person by name. */
static void speakers_of_partial_and_shared_quotes(void **state)
{
    (void)state;
    const char *d[] = {
        "The talks went on for most of the week in the capital. North Korea is \"skating very "
        "close to a dangerous line\" after weeks of threats, Defense Secretary Chuck Hagel "
        "warned on Wednesday. The region watched for a missile test.\n",
        "Seoul — officials in the south spent the day on the telephone with their allies as the "
        "north moved another launcher toward the coast, and the markets fell for the third "
        "day in a row. \"it is skating very close to a dangerous line, \" pentagon chief says. "
        "\"my worry was that he was insulting, and when i invite someone they do not insult "
        "me, \" said longtime press association member judy solomon.\n",
        NULL};
    built r = build(d, NULL);
    assert_speaker(r.b, "skating very close", "Chuck Hagel");
    assert_speaker(r.b, "my worry was", "Judy Solomon");
    done(&r);
}

/* A short report with no toll, money or shared count states its counts of named things and its
 * durations as its key figures; a story with several main quantities keeps them apart. */
static void minor_counts_in_a_short_story(void **state)
{
    (void)state;
    const char *d[] = {"The former mayor was treated for eight fractured ribs after the crash "
                       "on the lake road, his family said on Tuesday.\n",
                       "The study of the volunteers lasted 14 months, and the results were "
                       "published in the journal.\n",
                       NULL};
    built r = build(d, NULL);
    const nf_figure *f = find_fig(r.b, 8);
    assert_non_null(f);
    assert_true(f->key);
    f = find_fig(r.b, 14);
    assert_non_null(f);
    assert_true(f->key);
    done(&r);
    const char *e[] = {"The earthquake killed 212 people and injured 1,400, officials said. "
                       "Damage was put at $300 million. Rescuers pulled eight people from "
                       "the rubble, and the search lasted 14 hours.\n",
                       "The quake killed 212 people and injured 1,400, the agency said, and "
                       "cost $300 million.\n",
                       NULL};
    r = build(e, NULL);
    f = find_fig(r.b, 212);
    assert_non_null(f);
    assert_true(f->key);
    f = find_fig(r.b, 14);
    assert_true(!f || !f->key);
    done(&r);
}

static void quotes_marks(void **state)
{
    (void)state;
    const char *d[] = {"\"We will rebuild every house,\" said Nora Vance, the governor. \"It will "
                       "take years to finish the work.\"\n\n"
                       "\xE2\x80\x9CThe water came fast and rose higher,\xE2\x80\x9D Vance told "
                       "reporters.\n\n"
                       "``Nobody was ready for a flood like this,'' the governor's spokesman, Paul "
                       "Ekker, said.\n\n"
                       "Ekker said: \"We need boats now for the east bank.\n\n"
                       "Witnesses said the noise was \"like a train\" and lasted a minute.\n\n"
                       "She added that the repairs would be \"slow but\n",
                       NULL};
    built r = build(d, NULL);
    /* five words: a fragment, not a quote (the brief counts quotes of six words or more) */
    assert_null(find_quote(r.b, "We will rebuild every house"));
    const nf_quote *q = assert_speaker(r.b, "It will take years to finish the work.",
                                       "Nora Vance"); /* continues the paragraph's speaker */
    assert_non_null(q->role);
    q = find_quote(r.b, "The water came fast and rose higher");
    assert_non_null(q);
    assert_string_equal(q->text, "The water came fast and rose higher"); /* comma dropped */
    assert_non_null(q);
    assert_string_equal(q->speaker, "Nora Vance"); /* surname */
    q = assert_speaker(r.b, "Nobody was ready for a flood like this", "Paul Ekker");
    q = find_quote(r.b, "We need boats now for the east bank.");
    assert_non_null(q); /* unclosed, but it ends its paragraph with a full stop */
    assert_false(q->closed);
    assert_string_equal(q->speaker, "Paul Ekker");
    assert_null(find_quote(r.b, "like a train")); /* a three-word fragment */
    assert_null(find_quote(r.b, "slow but"));     /* cut: never a quote without its end */
    done(&r);
}

static void quotes_paragraphs_and_merge(void **state)
{
    (void)state;
    const char *d[] = {
        "Port chief Lena Marsh spoke after the vote.\n\n"
        "Witnesses said the blast sounded \"like a train that would not stop.\"\n\n"
        "\"We lost the north quay in one night.\n\n"
        "\"We will have it back within the year,\" Marsh said.\n",
        "\xE2\x80\x9CWe will have it back within the year,\xE2\x80\x9D said Lena Marsh, the port "
        "chief.\n",
        NULL};
    built r = build(d, NULL);
    const nf_quote *q = find_quote(r.b, "like a train that would not stop.");
    assert_non_null(q);
    assert_true(q->partial);
    assert_null(q->speaker); /* "witnesses" are not named */
    q = assert_speaker(r.b, "We lost the north quay in one night.",
                       "Lena Marsh");  /* attributed at the end of the quote */
    assert_int_equal(q->nmentions, 1); /* each paragraph's segment is its own quote */
    assert_false(q->closed);           /* left open: it continues in the next paragraph */
    q = find_quote(r.b, "We will have it back within the year");
    assert_non_null(q); /* the continuation, also said alone in document 1 */
    assert_string_equal(q->speaker, "Lena Marsh");
    assert_int_equal(q->ndocs, 2);
    const nf_speaker *sp = nf_brief_speaker(r.b, 0);
    assert_non_null(sp);
    assert_string_equal(sp->name, "Lena Marsh");
    assert_true(sp->is_person);
    done(&r);
}

static void body_speakers_and_aliases(void **state)
{
    (void)state;
    const char *d[] = {
        "U.S. Central Command said in a statement that the strike was halted. \"The strike was "
        "halted at once by the pilots,\" the statement said.\n\n"
        "The Ministry of Transport said it would not comment.\n\n"
        "\"We are reviewing the footage from every camera,\" the ministry said.\n",
        "\"The strike was halted at once by the pilots,\" CENTCOM said.\n",
        "An unnamed official said the pilots had \"followed every rule in the book.\"\n", NULL};
    built r = build(d, NULL);
    const nf_quote *q =
        assert_speaker(r.b, "The strike was halted at once by the pilots", "U.S. Central Command");
    assert_int_equal(q->ndocs, 2);
    q = assert_speaker(r.b, "We are reviewing the footage from every camera",
                       "Ministry of Transport");
    q = assert_speaker(r.b, "followed every rule in the book.", NULL);
    done(&r);
}

static void pronouns(void **state)
{
    (void)state;
    const char *d[] = {"Fire chief Otto Brand arrived at noon. \"The roof is gone and the walls "
                       "are next,\" he said.\n\n"
                       "The storm passed in the night. Roads were closed until morning.\n\n"
                       "By then the river had fallen. Schools stayed shut.\n\n"
                       "\"It was terrifying to watch from the bridge,\" she said.\n",
                       NULL};
    built r = build(d, NULL);
    const nf_quote *q =
        assert_speaker(r.b, "The roof is gone and the walls are next", "Otto Brand");
    q = assert_speaker(r.b, "It was terrifying to watch from the bridge",
                       NULL); /* no person named in the sentences before: nobody is invented */
    done(&r);
}

static void dates(void **state)
{
    (void)state;
    const char *d[] = {"Storms hit the coast on Saturday. The port reopened on Monday.\n",
                       "The storm formed on September 12, 2016, far offshore.\n", NULL};
    const char *dt[] = {"2016-09-20", NULL};
    built r = build(d, dt);
    bool sat = false, mon = false, abs = false;
    for (size_t i = 0; i < nf_brief_event_count(r.b); i++) {
        const nf_event *e = nf_brief_event(r.b, i);
        if (strcmp(e->date, "2016-09-17") == 0 && e->resolution == NF_DATE_DOCUMENT) sat = true;
        if (strcmp(e->date, "2016-09-19") == 0) mon = true;
        if (strcmp(e->date, "2016-09-12") == 0 && e->resolution == NF_DATE_ABSOLUTE) abs = true;
    }
    assert_true(sat); /* 2016-09-20 is a Tuesday: the Saturday before is the 17th */
    assert_true(mon);
    assert_true(abs);
    /* ordered by date */
    assert_string_equal(nf_brief_event(r.b, 0)->date, "2016-09-12");
    done(&r);
    /* an undated wire report takes its dateline's day in the story's year: the latest year the
     * cluster writes, and a clock time ("1:45") is no year */
    const char *u[] = {"CANBERRA, March 27 (Wirenews) -- The minister said yesterday that the "
                       "Games of 2000 would cost more.\n",
                       "The fire started between 1:45 and 2 a.m., police said.\n", NULL};
    r = build(u, NULL);
    bool y = false;
    for (size_t i = 0; i < nf_brief_event_count(r.b); i++)
        y |= strcmp(nf_brief_event(r.b, i)->date, "2000-03-26") == 0;
    assert_true(y);
    done(&r);
}

static void conflicts(void **state)
{
    (void)state;
    const char *d[] = {"The agency said four people were killed in the floods.\n",
                       "The death toll rose to seven on Tuesday, up from four, the agency said. "
                       "The Red Cross said about 15,000 people were displaced, while the agency "
                       "said 12,000 were evacuated.\n",
                       "Police said 30 people were arrested. A rights group said 85 people were "
                       "arrested.\n",
                       NULL};
    built r = build(d, NULL);
    int update = 0, disagree = 0;
    for (size_t i = 0; i < nf_brief_conflict_count(r.b); i++) {
        const nf_conflict *k = nf_brief_conflict(r.b, i);
        assert_true(k->confidence > 0 && k->confidence <= 1);
        if (k->kind == NF_CONFLICT_UPDATE) {
            update++;
            assert_int_equal(k->nvalues, 2);
            assert_true(k->values[0].value == 4 && k->values[1].value == 7); /* reporting order */
        } else {
            disagree++;
            assert_true(k->values[0].value < k->values[1].value);
            for (size_t v = 0; v < k->nvalues; v++) assert_true(k->values[v].ndocs >= 1);
        }
    }
    assert_int_equal(update, 1);
    assert_int_equal(disagree, 2); /* displaced 12,000 vs about 15,000; arrested 30 vs 85 */
    done(&r);
}

static void empty_and_sources(void **state)
{
    (void)state;
    const char *d[] = {"(WNC)Nothing happened in the quiet town today, residents said.\n",
                       "PORT ELLING, Norland (Newswire) -- Nothing happened in the quiet town "
                       "today, residents said.\n",
                       NULL};
    built r = build(d, NULL);
    assert_int_equal(nf_brief_figure_count(r.b), 0);
    assert_int_equal(nf_brief_conflict_count(r.b), 0);
    assert_int_equal(nf_brief_quote_count(r.b), 0);
    assert_null(nf_brief_figure(r.b, 0));
    assert_int_equal(nf_brief_source_count(r.b), 2);
    assert_string_equal(nf_brief_source(r.b, 0)->outlet, "WNC");
    assert_string_equal(nf_brief_source(r.b, 1)->outlet, "Newswire");
    assert_string_equal(nf_brief_source(r.b, 1)->outlet_from, "text");
    /* every output format renders */
    nf_format fs[] = {NF_FORMAT_TEXT, NF_FORMAT_JSON, NF_FORMAT_MARKDOWN, NF_FORMAT_HTML};
    for (size_t i = 0; i < 4; i++) {
        char *out = NULL;
        size_t n = 0;
        assert_int_equal(nf_brief_render(r.c, r.b, NULL, fs[i], &out, &n, NULL), NF_OK);
        assert_true(n > 0 && strlen(out) == n);
        nf_string_free(r.c, out);
    }
    char *out = NULL;
    size_t n;
    assert_int_equal(nf_brief_render(r.c, r.b, NULL, NF_FORMAT_SPL, &out, &n, NULL), NF_EINVAL);
    done(&r);
}

static void null_and_bad_input(void **state)
{
    (void)state;
    nf_brief *b = (nf_brief *)1;
    assert_int_equal(nf_brief_build(NULL, NULL, NULL, &b, NULL), NF_EINVAL);
    assert_null(b);
    nf_brief_free(NULL);
    assert_int_equal(nf_brief_figure_count(NULL), 0);
    assert_null(nf_brief_quote(NULL, 0));
    /* mismatched marks, stray closing marks, a lone opening mark */
    const char *d[] = {"\xE2\x80\x9D Odd start. He said \"yes\xE2\x80\x9D and \xE2\x80\x9Cno\". "
                       "\" \" \"\" `` '' \xE2\x80\x98 \xE2\x80\x99 \"\n\n\"",
                       NULL};
    built r = build(d, NULL);
    for (size_t i = 0; i < nf_brief_quote_count(r.b); i++)
        assert_true(strlen(nf_brief_quote(r.b, i)->text) > 0);
    done(&r);
}

/* An allocator that fails after a budget of allocations. */
typedef struct failing {
    long left;
} failing;
static void *f_alloc(void *ctx, size_t n)
{
    failing *f = ctx;
    if (f->left-- <= 0) return NULL;
    return malloc(n);
}
static void f_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

static void allocation_failures(void **state)
{
    (void)state;
    char *text = tu_read_file(NF_SOURCE_DIR "/examples/harbor-fire/000_newswire.txt", NULL);
    assert_non_null(text);
    nf_ctx *ctx;
    assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
    bool ok = false;
    for (long budget = 0; budget < 5000 && !ok; budget += 7) {
        failing f = {1 << 30};
        nf_allocator al = {f_alloc, f_free, &f};
        nf_cluster *c;
        assert_int_equal(nf_cluster_new(&al, &c), NF_OK);
        assert_int_equal(nf_cluster_add_text(c, text, strlen(text), NULL, NULL), NF_OK);
        assert_int_equal(nf_cluster_analyze(ctx, c, NULL, NULL), NF_OK);
        f.left = budget; /* fail inside the brief */
        nf_brief *b = NULL;
        nf_status st = nf_brief_build(ctx, c, NULL, &b, NULL);
        assert_true(st == NF_OK || st == NF_ENOMEM);
        if (st == NF_OK) {
            ok = true;
            f.left = 1 << 30;
            assert_true(nf_brief_figure_count(b) > 0);
        } else {
            assert_null(b);
        }
        nf_brief_free(b);
        nf_cluster_free(c);
    }
    assert_true(ok);
    nf_ctx_free(ctx);
    free(text);
}

static void deterministic(void **state)
{
    (void)state;
    char *outs[2] = {NULL, NULL};
    for (int k = 0; k < 2; k++) {
        nf_ctx *ctx;
        assert_int_equal(nf_ctx_new(NULL, NULL, &ctx, NULL), NF_OK);
        nf_cluster *c = tu_cluster_from_dir(NF_SOURCE_DIR "/examples/harbor-fire");
        assert_non_null(c);
        nf_brief *b;
        assert_int_equal(nf_brief_build(ctx, c, NULL, &b, NULL), NF_OK);
        char *out;
        size_t n;
        assert_int_equal(nf_brief_render(c, b, NULL, NF_FORMAT_JSON, &out, &n, NULL), NF_OK);
        outs[k] = strdup(out);
        nf_string_free(c, out);
        nf_brief_free(b);
        nf_cluster_free(c);
        nf_ctx_free(ctx);
    }
    assert_string_equal(outs[0], outs[1]);
    free(outs[0]);
    free(outs[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(qualifiers),
        cmocka_unit_test(number_words),
        cmocka_unit_test(money_units_ranges),
        cmocka_unit_test(not_figures),
        cmocka_unit_test(attribution),
        cmocka_unit_test(words_in_their_other_sense),
        cmocka_unit_test(inverted_after_a_clause),
        cmocka_unit_test(offices_and_nationalities),
        cmocka_unit_test(conflict_of_unnamed_figures),
        cmocka_unit_test(roles_are_noun_phrases),
        cmocka_unit_test(he_after_a_surname),
        cmocka_unit_test(capital_after_an_abbreviation),
        cmocka_unit_test(folded_surname_speaker),
        cmocka_unit_test(folded_titles_and_months),
        cmocka_unit_test(role_holder_speaker),
        cmocka_unit_test(speakers_of_partial_and_shared_quotes),
        cmocka_unit_test(minor_counts_in_a_short_story),
        cmocka_unit_test(quotes_marks),
        cmocka_unit_test(quotes_paragraphs_and_merge),
        cmocka_unit_test(body_speakers_and_aliases),
        cmocka_unit_test(pronouns),
        cmocka_unit_test(dates),
        cmocka_unit_test(conflicts),
        cmocka_unit_test(empty_and_sources),
        cmocka_unit_test(null_and_bad_input),
        cmocka_unit_test(allocation_failures),
        cmocka_unit_test(deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
