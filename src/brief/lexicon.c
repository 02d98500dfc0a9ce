/* lexicon.c - the English word classes the brief's rules are written in.
 *
 * One static table; each build hashes it into its scratch arena (a few hundred entries, well
 * under a millisecond), so there is no global mutable state and no first-use race. A word may
 * carry several classes ("said" is a speech verb, "military" a body head word and a human-ish
 * noun is not): the flags are OR-ed when a word is listed twice. */
#include "brief.h"

#include <string.h>

/* clang-format off */
#define W(w, f) {w, f, 0, NULL, 0, 0}
#define V(w, f, v) {w, f, v, NULL, 0, 0}
#define U(w, f, u) {w, f, 0, u, 0, 0}
#define E(w, ev) {w, LX_EVENT, 0, NULL, ev, 0}

static const nf__lex table[] = {
    /* numbers */
    V("zero", LX_NUMWORD, 0), V("one", LX_NUMWORD, 1), V("two", LX_NUMWORD, 2),
    V("three", LX_NUMWORD, 3), V("four", LX_NUMWORD, 4), V("five", LX_NUMWORD, 5),
    V("six", LX_NUMWORD, 6), V("seven", LX_NUMWORD, 7), V("eight", LX_NUMWORD, 8),
    V("nine", LX_NUMWORD, 9), V("ten", LX_NUMWORD, 10), V("eleven", LX_NUMWORD, 11),
    V("twelve", LX_NUMWORD, 12), V("thirteen", LX_NUMWORD, 13), V("fourteen", LX_NUMWORD, 14),
    V("fifteen", LX_NUMWORD, 15), V("sixteen", LX_NUMWORD, 16), V("seventeen", LX_NUMWORD, 17),
    V("eighteen", LX_NUMWORD, 18), V("nineteen", LX_NUMWORD, 19), V("twenty", LX_NUMWORD, 20),
    V("thirty", LX_NUMWORD, 30), V("forty", LX_NUMWORD, 40), V("fifty", LX_NUMWORD, 50),
    V("sixty", LX_NUMWORD, 60), V("seventy", LX_NUMWORD, 70), V("eighty", LX_NUMWORD, 80),
    V("ninety", LX_NUMWORD, 90), V("dozen", LX_NUMWORD | LX_SCALE, 12),
    V("hundred", LX_NUMWORD | LX_SCALE, 100), V("thousand", LX_NUMWORD | LX_SCALE, 1e3),
    V("million", LX_NUMWORD | LX_SCALE, 1e6), V("billion", LX_NUMWORD | LX_SCALE, 1e9),
    V("trillion", LX_NUMWORD | LX_SCALE, 1e12), V("bn", LX_SCALE, 1e9), V("mn", LX_SCALE, 1e6),
    V("mln", LX_SCALE, 1e6), V("bln", LX_SCALE, 1e9), W("dozens", LX_VAGUE),
    W("hundreds", LX_VAGUE), W("thousands", LX_VAGUE), W("millions", LX_VAGUE),
    W("billions", LX_VAGUE), W("scores", LX_VAGUE), W("tens", LX_VAGUE), W("several", LX_VAGUE),
    W("numerous", LX_VAGUE),
    /* calendar */
    V("january", LX_MONTH, 1), V("february", LX_MONTH, 2), V("march", LX_MONTH, 3),
    V("april", LX_MONTH, 4), V("may", LX_MONTH, 5), V("june", LX_MONTH, 6), V("july", LX_MONTH, 7),
    V("august", LX_MONTH, 8), V("september", LX_MONTH, 9), V("october", LX_MONTH, 10),
    V("november", LX_MONTH, 11), V("december", LX_MONTH, 12), V("jan.", LX_MONTH, 1),
    V("feb.", LX_MONTH, 2), V("mar.", LX_MONTH, 3), V("apr.", LX_MONTH, 4), V("jun.", LX_MONTH, 6),
    V("jul.", LX_MONTH, 7), V("aug.", LX_MONTH, 8), V("sep.", LX_MONTH, 9), V("sept.", LX_MONTH, 9),
    V("oct.", LX_MONTH, 10), V("nov.", LX_MONTH, 11), V("dec.", LX_MONTH, 12),
    V("monday", LX_WEEKDAY, 0), V("tuesday", LX_WEEKDAY, 1), V("wednesday", LX_WEEKDAY, 2),
    V("thursday", LX_WEEKDAY, 3), V("friday", LX_WEEKDAY, 4), V("saturday", LX_WEEKDAY, 5),
    V("sunday", LX_WEEKDAY, 6), U("second", LX_TIMEUNIT, "seconds"),
    U("seconds", LX_TIMEUNIT, "seconds"), U("minute", LX_TIMEUNIT, "minutes"),
    U("minutes", LX_TIMEUNIT, "minutes"), U("hour", LX_TIMEUNIT, "hours"),
    U("hours", LX_TIMEUNIT, "hours"), U("day", LX_TIMEUNIT, "days"), U("days", LX_TIMEUNIT, "days"),
    U("night", LX_TIMEUNIT, "nights"), U("nights", LX_TIMEUNIT, "nights"),
    U("week", LX_TIMEUNIT, "weeks"), U("weeks", LX_TIMEUNIT, "weeks"),
    U("weekend", LX_TIMEUNIT, "weekends"), U("month", LX_TIMEUNIT, "months"),
    U("months", LX_TIMEUNIT, "months"), U("year", LX_TIMEUNIT, "years"),
    U("years", LX_TIMEUNIT, "years"), U("decade", LX_TIMEUNIT, "decades"),
    U("decades", LX_TIMEUNIT, "decades"), U("century", LX_TIMEUNIT, "centuries"),
    U("centuries", LX_TIMEUNIT, "centuries"), W("ago", LX_TIMEREL),
    W("earlier", LX_TIMEREL | LX_ADV), W("later", LX_TIMEREL | LX_ADV),
    W("after", LX_TIMEREL | LX_BOUNDARY), W("before", LX_TIMEREL | LX_BOUNDARY),
    W("into", LX_TIMEREL | LX_PREP), W("since", LX_TIMEREL | LX_BOUNDARY), W("a.m.", LX_CLOCK),
    W("p.m.", LX_CLOCK), W("am", LX_CLOCK), W("pm", LX_CLOCK), W("gmt", LX_CLOCK),
    W("utc", LX_CLOCK), W("o'clock", LX_CLOCK), W("hrs", LX_CLOCK),
    /* units */
    U("percent", LX_UNIT, "percent"), U("pct", LX_UNIT, "percent"), U("%", LX_UNIT, "percent"),
    U("km", LX_UNIT, "km"), U("kilometres", LX_UNIT, "km"), U("kilometers", LX_UNIT, "km"),
    U("kilometre", LX_UNIT, "km"), U("kilometer", LX_UNIT, "km"), U("miles", LX_UNIT, "miles"),
    U("mile", LX_UNIT, "miles"), U("metres", LX_UNIT, "m"), U("meters", LX_UNIT, "m"),
    U("metre", LX_UNIT, "m"), U("meter", LX_UNIT, "m"), U("feet", LX_UNIT, "ft"),
    U("foot", LX_UNIT, "ft"), U("ft", LX_UNIT, "ft"), U("cm", LX_UNIT, "cm"),
    U("centimetres", LX_UNIT, "cm"), U("centimeters", LX_UNIT, "cm"), U("mm", LX_UNIT, "mm"),
    U("millimetres", LX_UNIT, "mm"), U("millimeters", LX_UNIT, "mm"), U("inches", LX_UNIT, "in"),
    U("inch", LX_UNIT, "in"), U("kg", LX_UNIT, "kg"), U("kilograms", LX_UNIT, "kg"),
    U("kilos", LX_UNIT, "kg"), U("tonnes", LX_UNIT, "t"), U("tons", LX_UNIT, "t"),
    U("litres", LX_UNIT, "l"), U("liters", LX_UNIT, "l"), U("gallons", LX_UNIT, "gal"),
    U("barrels", LX_UNIT, "bbl"), U("acres", LX_UNIT, "acres"), U("hectares", LX_UNIT, "ha"),
    U("degrees", LX_UNIT, "degrees"), U("mph", LX_UNIT, "mph"), U("knots", LX_UNIT, "knots"),
    U("megawatts", LX_UNIT, "MW"), U("mw", LX_UNIT, "MW"), U("dollars", LX_CURRENCY, "USD"),
    U("dollar", LX_CURRENCY, "USD"), U("euros", LX_CURRENCY, "EUR"), U("euro", LX_CURRENCY, "EUR"),
    U("pounds", LX_CURRENCY, "GBP"), U("sterling", LX_CURRENCY, "GBP"),
    U("yen", LX_CURRENCY, "JPY"), U("yuan", LX_CURRENCY, "CNY"), U("renminbi", LX_CURRENCY, "CNY"),
    U("rupees", LX_CURRENCY, "INR"), U("francs", LX_CURRENCY, "CHF"),
    U("rubles", LX_CURRENCY, "RUB"), U("roubles", LX_CURRENCY, "RUB"),
    U("pesos", LX_CURRENCY, "MXN"), U("shekels", LX_CURRENCY, "ILS"), U("lira", LX_CURRENCY, "TRY"),
    U("dinars", LX_CURRENCY, "XXX"), U("riyals", LX_CURRENCY, "XXX"),
    U("crowns", LX_CURRENCY, "XXX"), U("kronor", LX_CURRENCY, "SEK"),
    U("kroner", LX_CURRENCY, "XXX"), U("won", LX_CURRENCY, "KRW"), U("rand", LX_CURRENCY, "ZAR"),
    U("naira", LX_CURRENCY, "NGN"),
    /* attribution verbs: they give a figure or a quote a source */
    W("said", LX_SPEECH), W("says", LX_SPEECH), W("say", LX_SPEECH), W("told", LX_SPEECH),
    W("tells", LX_SPEECH), W("stated", LX_SPEECH), W("states", LX_SPEECH), W("claimed", LX_SPEECH),
    W("claims", LX_SPEECH), W("reported", LX_SPEECH), W("reports", LX_SPEECH),
    W("announced", LX_SPEECH), W("announces", LX_SPEECH), W("confirmed", LX_SPEECH),
    W("confirms", LX_SPEECH), W("estimated", LX_SPEECH), W("estimates", LX_SPEECH),
    W("according", LX_SPEECH), W("added", LX_SPEECH), W("adds", LX_SPEECH), W("put", LX_SPEECH),
    W("puts", LX_SPEECH), W("putting", LX_SPEECH), W("gave", LX_SPEECH), W("counted", LX_SPEECH),
    W("recorded", LX_SPEECH), W("measured", LX_SPEECH), W("quoted", LX_SPEECH),
    W("citing", LX_SPEECH), W("noted", LX_SPEECH), W("wrote", LX_SPEECH), W("writes", LX_SPEECH),
    W("tweeted", LX_SPEECH), W("insisted", LX_SPEECH), W("explained", LX_SPEECH),
    W("asked", LX_SPEECH), W("replied", LX_SPEECH), W("declared", LX_SPEECH),
    W("testified", LX_SPEECH), W("acknowledged", LX_SPEECH), W("admitted", LX_SPEECH),
    W("warned", LX_SPEECH), W("read", LX_SPEECH), W("released", LX_QVERB), W("issued", LX_QVERB),
    W("given", 0), W("published", 0), W("provided", 0), W("compiled", 0), W("continued", LX_SPEECH),
    W("stressed", LX_SPEECH), W("argued", LX_SPEECH), W("recalled", LX_SPEECH),
    W("repeated", LX_SPEECH), W("predicted", LX_SPEECH), W("forecast", LX_SPEECH),
    W("saying", LX_SPEECH),
    /* verbs that introduce a partial quote ("called the fire "a dark night"") */
    W("called", LX_QVERB), W("calls", LX_QVERB), W("described", LX_QVERB), W("describes", LX_QVERB),
    W("accused", LX_QVERB), W("accuses", LX_QVERB), W("labeled", LX_QVERB), W("labelled", LX_QVERB),
    W("labeling", LX_QVERB), W("labelling", LX_QVERB), W("urged", LX_QVERB), W("denied", LX_QVERB),
    W("vowed", LX_QVERB), W("promised", LX_QVERB), W("pledged", LX_QVERB), W("condemned", LX_QVERB),
    W("criticized", LX_QVERB), W("criticised", LX_QVERB), W("dismissed", LX_QVERB),
    W("rejected", LX_QVERB), W("praised", LX_QVERB), W("hailed", LX_QVERB), W("welcomed", LX_QVERB),
    W("demanded", LX_QVERB), W("charged", LX_QVERB), W("alleged", LX_QVERB),
    W("suggested", LX_QVERB), W("expressed", LX_QVERB), W("maintained", LX_QVERB),
    W("maintaining", LX_QVERB), W("insists", LX_QVERB), W("warns", LX_QVERB), W("urges", LX_QVERB),
    /* titles before a name */
    W("mr.", LX_TITLE), W("mrs.", LX_TITLE), W("ms.", LX_TITLE), W("dr.", LX_TITLE),
    W("prof.", LX_TITLE), W("gen.", LX_TITLE), W("maj.", LX_TITLE), W("col.", LX_TITLE),
    W("lt.", LX_TITLE), W("sgt.", LX_TITLE), W("capt.", LX_TITLE), W("adm.", LX_TITLE),
    W("sen.", LX_TITLE), W("rep.", LX_TITLE), W("gov.", LX_TITLE), W("rev.", LX_TITLE),
    W("cmdr.", LX_TITLE), W("insp.", LX_TITLE), W("supt.", LX_TITLE), W("det.", LX_TITLE),
    W("president", LX_TITLE | LX_ROLE), W("minister", LX_TITLE | LX_ROLE),
    W("premier", LX_TITLE | LX_ROLE), W("chancellor", LX_TITLE | LX_ROLE),
    W("mayor", LX_TITLE | LX_ROLE), W("governor", LX_TITLE | LX_ROLE),
    W("secretary", LX_TITLE | LX_ROLE), W("ambassador", LX_TITLE | LX_ROLE),
    W("chief", LX_TITLE | LX_ROLE), W("officer", LX_TITLE | LX_ROLE),
    W("director", LX_TITLE | LX_ROLE), W("commissioner", LX_TITLE | LX_ROLE),
    W("inspector", LX_TITLE | LX_ROLE), W("superintendent", LX_TITLE | LX_ROLE),
    W("chairman", LX_TITLE | LX_ROLE), W("chairwoman", LX_TITLE | LX_ROLE),
    W("chair", LX_TITLE | LX_ROLE), W("spokesman", LX_TITLE | LX_ROLE),
    W("spokeswoman", LX_TITLE | LX_ROLE), W("spokesperson", LX_TITLE | LX_ROLE),
    W("general", LX_TITLE | LX_ROLE), W("colonel", LX_TITLE | LX_ROLE),
    W("captain", LX_TITLE | LX_ROLE), W("commander", LX_TITLE | LX_ROLE),
    W("admiral", LX_TITLE | LX_ROLE), W("sergeant", LX_TITLE | LX_ROLE),
    W("lieutenant", LX_TITLE | LX_ROLE), W("judge", LX_TITLE | LX_ROLE), W("justice", LX_TITLE),
    W("senator", LX_TITLE | LX_ROLE), W("congressman", LX_TITLE | LX_ROLE),
    W("congresswoman", LX_TITLE | LX_ROLE), W("representative", LX_TITLE | LX_ROLE),
    W("prosecutor", LX_TITLE | LX_ROLE), W("attorney", LX_TITLE | LX_ROLE),
    W("leader", LX_TITLE | LX_ROLE), W("head", LX_TITLE | LX_ROLE), W("king", LX_TITLE),
    W("queen", LX_TITLE), W("prince", LX_TITLE), W("princess", LX_TITLE), W("pope", LX_TITLE),
    W("sheikh", LX_TITLE), W("imam", LX_TITLE), W("rabbi", LX_TITLE), W("bishop", LX_TITLE),
    W("father", LX_TITLE), W("sister", LX_TITLE), W("coach", LX_TITLE | LX_ROLE),
    W("manager", LX_TITLE | LX_ROLE), W("coordinator", LX_TITLE | LX_ROLE),
    W("correspondent", LX_TITLE | LX_ROLE), W("executive", LX_TITLE | LX_ROLE),
    W("deputy", LX_TITLE), W("vice", LX_TITLE), W("acting", LX_TITLE), W("former", LX_TITLE),
    W("press", LX_TITLE), W("foreign", LX_TITLE), W("interior", LX_TITLE), W("defense", LX_TITLE),
    W("defence", LX_TITLE), W("prime", LX_TITLE), W("professor", LX_TITLE | LX_ROLE),
    W("doctor", LX_TITLE | LX_ROLE), W("pensioner", LX_TITLE | LX_ROLE),
    W("founder", LX_TITLE | LX_ROLE), W("ceo", LX_TITLE | LX_ROLE),
    W("candidate", LX_TITLE | LX_ROLE), W("analyst", LX_ROLE), W("expert", LX_ROLE),
    W("lawyer", LX_ROLE), W("teacher", LX_ROLE), W("farmer", LX_ROLE), W("nurse", LX_ROLE),
    W("driver", LX_ROLE), W("resident", LX_ROLE), W("witness", LX_ROLE), W("researcher", LX_ROLE),
    W("lecturer", LX_ROLE), W("president's", LX_ROLE), W("official", LX_ROLE | LX_ANON),
    W("officials", LX_ROLE | LX_ANON | LX_HUMAN), W("source", LX_ANON), W("sources", LX_ANON),
    W("witnesses", LX_ANON | LX_HUMAN), W("residents", LX_ANON | LX_HUMAN),
    W("neighbours", LX_ANON | LX_HUMAN), W("neighbors", LX_ANON | LX_HUMAN),
    W("rescuers", LX_ANON | LX_HUMAN), W("observers", LX_ANON | LX_HUMAN),
    W("analysts", LX_ANON | LX_HUMAN), W("experts", LX_ANON | LX_HUMAN),
    W("diplomats", LX_ANON | LX_HUMAN), W("aides", LX_ANON | LX_HUMAN), W("someone", LX_ANON),
    W("aide", LX_ANON | LX_ROLE), W("diplomat", LX_ANON | LX_ROLE),
    /* head words of bodies */
    W("ministry", LX_ORG), W("authority", LX_ORG), W("authorities", LX_ORG | LX_ANON),
    W("agency", LX_ORG), W("commission", LX_ORG), W("command", LX_ORG), W("council", LX_ORG),
    W("service", LX_ORG), W("services", LX_ORG), W("institute", LX_ORG), W("office", LX_ORG),
    W("union", LX_ORG), W("network", LX_ORG), W("observatory", LX_ORG), W("cross", LX_ORG),
    W("crescent", LX_ORG), W("group", LX_ORG), W("company", LX_ORG), W("corporation", LX_ORG),
    W("corp.", LX_ORG), W("inc.", LX_ORG), W("ltd.", LX_ORG), W("ltd", LX_ORG),
    W("logistics", LX_ORG), W("party", LX_ORG), W("association", LX_ORG), W("department", LX_ORG),
    W("court", LX_ORG), W("police", LX_ORG | LX_HUMAN), W("army", LX_ORG), W("military", LX_ORG),
    W("forces", LX_ORG), W("navy", LX_ORG), W("government", LX_ORG), W("bank", LX_ORG),
    W("university", LX_ORG), W("hospital", LX_ORG), W("committee", LX_ORG), W("watch", LX_ORG),
    W("news", LX_ORG), W("organization", LX_ORG), W("organisation", LX_ORG),
    W("federation", LX_ORG), W("foundation", LX_ORG), W("board", LX_ORG), W("bureau", LX_ORG),
    W("coalition", LX_ORG), W("alliance", LX_ORG), W("movement", LX_ORG), W("fund", LX_ORG),
    W("administration", LX_ORG), W("parliament", LX_ORG), W("senate", LX_ORG),
    W("congress", LX_ORG), W("assembly", LX_ORG), W("cabinet", LX_ORG), W("pentagon", LX_ORG),
    W("kremlin", LX_ORG), W("statement", LX_ORG), W("center", LX_ORG), W("centre", LX_ORG),
    W("brigade", LX_ORG), W("firm", LX_ORG), W("airline", LX_ORG), W("airlines", LX_ORG),
    W("railway", LX_ORG), W("times", LX_ORG), W("post", LX_ORG), W("herald", LX_ORG),
    W("gazette", LX_ORG), W("courier", LX_ORG), W("tribune", LX_ORG), W("journal", LX_ORG),
    W("radio", LX_ORG), W("television", LX_ORG), W("tv", LX_ORG), W("press", LX_ORG),
    W("media", LX_ORG), W("monitor", LX_ORG), W("programme", LX_ORG), W("program", LX_ORG),
    W("team", LX_ORG), W("club", LX_ORG), W("school", LX_ORG), W("church", LX_ORG),
    W("prosecutors", LX_ORG), W("investigators", LX_ANON | LX_HUMAN), W("organizers", LX_ANON),
    W("organisers", LX_ANON), W("state", LX_ORG), W("house", LX_ORG), W("secretariat", LX_ORG),
    W("guard", LX_ORG),
    /* human heads of counts */
    W("people", LX_HUMAN), W("persons", LX_HUMAN), W("person", LX_HUMAN), W("civilians", LX_HUMAN),
    W("civilian", LX_HUMAN), W("soldiers", LX_HUMAN), W("soldier", LX_HUMAN), W("troops", LX_HUMAN),
    W("workers", LX_HUMAN), W("children", LX_HUMAN), W("child", LX_HUMAN), W("women", LX_HUMAN),
    W("men", LX_HUMAN), W("victims", LX_HUMAN), W("members", LX_HUMAN), W("fighters", LX_HUMAN),
    W("militants", LX_HUMAN), W("rebels", LX_HUMAN), W("insurgents", LX_HUMAN),
    W("officers", LX_HUMAN), W("policemen", LX_HUMAN), W("firefighters", LX_HUMAN),
    W("passengers", LX_HUMAN), W("migrants", LX_HUMAN), W("refugees", LX_HUMAN),
    W("students", LX_HUMAN), W("patients", LX_HUMAN), W("pilgrims", LX_HUMAN),
    W("protesters", LX_HUMAN), W("demonstrators", LX_HUMAN), W("inmates", LX_HUMAN),
    W("prisoners", LX_HUMAN), W("miners", LX_HUMAN), W("villagers", LX_HUMAN),
    W("tourists", LX_HUMAN), W("others", LX_HUMAN), W("bodies", LX_HUMAN), W("adults", LX_HUMAN),
    W("babies", LX_HUMAN), W("infants", LX_HUMAN), W("staff", LX_HUMAN), W("employees", LX_HUMAN),
    W("crew", LX_HUMAN), W("sailors", LX_HUMAN), W("marines", LX_HUMAN), W("personnel", LX_HUMAN),
    W("volunteers", LX_HUMAN), W("families", LX_HUMAN), W("households", LX_HUMAN),
    W("americans", LX_HUMAN), W("voters", LX_HUMAN), W("suspects", LX_HUMAN),
    W("casualties", LX_HUMAN), W("survivors", LX_HUMAN), W("individuals", LX_HUMAN),
    W("dead", LX_HUMAN), W("injured", LX_HUMAN), W("wounded", LX_HUMAN),
    /* events */
    E("killed", EV_KILLED), E("kill", EV_KILLED), E("kills", EV_KILLED), E("killing", EV_KILLED),
    E("dead", EV_KILLED), E("died", EV_KILLED), E("die", EV_KILLED), E("dies", EV_KILLED),
    E("deaths", EV_KILLED), E("death", EV_KILLED), E("fatalities", EV_KILLED),
    E("perished", EV_KILLED), E("toll", EV_KILLED), E("drowned", EV_KILLED), E("slain", EV_KILLED),
    E("murdered", EV_KILLED), E("executed", EV_KILLED), E("lives", EV_KILLED),
    E("injured", EV_INJURED), E("injuring", EV_INJURED), E("injuries", EV_INJURED),
    E("injury", EV_INJURED), E("wounded", EV_INJURED), E("wounding", EV_INJURED),
    E("hurt", EV_INJURED), E("hospitalized", EV_INJURED), E("hospitalised", EV_INJURED),
    E("missing", EV_MISSING), E("unaccounted", EV_MISSING), E("evacuated", EV_DISPLACED),
    E("evacuations", EV_DISPLACED), E("displaced", EV_DISPLACED), E("homeless", EV_DISPLACED),
    E("fled", EV_DISPLACED), E("forced", EV_DISPLACED), E("uprooted", EV_DISPLACED),
    E("evacuees", EV_DISPLACED), E("arrested", EV_ARRESTED), E("detained", EV_ARRESTED),
    E("arrests", EV_ARRESTED), E("jailed", EV_ARRESTED), E("rescued", EV_RESCUED),
    E("saved", EV_RESCUED), E("damaged", EV_DAMAGED), E("destroyed", EV_DAMAGED),
    /* what "at N" / "of N" measures */
    W("turnout", LX_MEASURE), W("magnitude", LX_MEASURE), W("depth", LX_MEASURE),
    W("damage", LX_MEASURE), W("cost", LX_MEASURE), W("costs", LX_MEASURE), W("margin", LX_MEASURE),
    W("lead", LX_MEASURE), W("budget", LX_MEASURE), W("price", LX_MEASURE),
    W("population", LX_MEASURE), W("temperature", LX_MEASURE), W("speed", LX_MEASURE),
    W("height", LX_MEASURE), W("level", LX_MEASURE), W("rate", LX_MEASURE),
    W("unemployment", LX_MEASURE), W("inflation", LX_MEASURE), W("growth", LX_MEASURE),
    W("score", LX_MEASURE), W("majority", LX_MEASURE), W("fine", LX_MEASURE), W("bail", LX_MEASURE),
    W("ransom", LX_MEASURE), W("reward", LX_MEASURE), W("aid", LX_MEASURE), W("relief", LX_MEASURE),
    W("appeal", LX_MEASURE), W("deficit", LX_MEASURE), W("debt", LX_MEASURE),
    W("revenue", LX_MEASURE), W("profit", LX_MEASURE), W("losses", LX_MEASURE),
    W("sales", LX_MEASURE), W("share", LX_MEASURE), W("distance", LX_MEASURE),
    W("sentence", LX_MEASURE), W("salary", LX_MEASURE), W("investment", LX_MEASURE),
    W("figure", LX_GENERIC), W("figures", LX_GENERIC), W("number", LX_GENERIC),
    W("total", LX_GENERIC), W("estimate", LX_GENERIC), W("count", LX_GENERIC),
    W("tally", LX_GENERIC), W("it", LX_GENERIC | LX_PRONOUN), W("them", LX_GENERIC),
    /* grammar */
    W("that", LX_BOUNDARY), W("which", LX_BOUNDARY), W("who", LX_BOUNDARY), W("whom", LX_BOUNDARY),
    W("whose", LX_BOUNDARY), W("when", LX_BOUNDARY), W("while", LX_BOUNDARY),
    W("where", LX_BOUNDARY), W("because", LX_BOUNDARY), W("but", LX_BOUNDARY),
    W("and", LX_BOUNDARY), W("or", LX_BOUNDARY), W("as", LX_BOUNDARY), W("if", LX_BOUNDARY),
    W("though", LX_BOUNDARY), W("although", LX_BOUNDARY), W("than", LX_BOUNDARY),
    W("so", LX_BOUNDARY), W("however", LX_BOUNDARY), W("not", LX_BOUNDARY), W("did", LX_BOUNDARY),
    W("does", LX_BOUNDARY), W("in", LX_PREP | LX_PLACEPREP), W("at", LX_PREP | LX_PLACEPREP),
    W("on", LX_PREP), W("from", LX_PREP | LX_PLACEPREP), W("across", LX_PREP), W("of", LX_PREP),
    W("for", LX_PREP), W("with", LX_PREP), W("by", LX_PREP), W("among", LX_PREP),
    W("between", LX_PREP), W("near", LX_PREP | LX_PLACEPREP), W("inside", LX_PREP),
    W("within", LX_PREP), W("to", LX_PREP), W("outside", LX_PREP | LX_PLACEPREP),
    W("throughout", LX_PREP), W("around", LX_PREP), W("over", LX_PREP), W("about", LX_PREP),
    W("also", LX_ADV), W("previously", LX_ADV), W("separately", LX_ADV), W("further", LX_ADV),
    W("again", LX_ADV), W("repeatedly", LX_ADV), W("reportedly", LX_ADV), W("initially", LX_ADV),
    W("has", LX_ADV | LX_AUX), W("have", LX_ADV | LX_AUX), W("had", LX_ADV | LX_AUX),
    W("would", LX_ADV), W("will", LX_ADV), W("already", LX_ADV), W("recently", LX_ADV),
    W("then", LX_ADV), W("just", LX_ADV), W("publicly", LX_ADV), W("privately", LX_ADV),
    W("once", LX_ADV), W("first", LX_ADV), W("yesterday", LX_ADV | LX_RELDAY),
    W("today", LX_ADV | LX_RELDAY), W("tonight", LX_ADV | LX_RELDAY), W("was", LX_AUX),
    W("were", LX_AUX), W("is", LX_AUX), W("are", LX_AUX), W("be", LX_AUX), W("been", LX_AUX),
    W("being", LX_AUX), W("remained", LX_AUX), W("remains", LX_AUX), W("reportedly", LX_AUX),
    W("believed", LX_AUX), W("feared", LX_AUX), W("confirmed", LX_AUX), W("still", LX_AUX | LX_ADV),
    W("now", LX_AUX | LX_UPDATE | LX_ADV), W("the", LX_DET | LX_STARTER),
    W("a", LX_DET | LX_STARTER), W("an", LX_DET | LX_STARTER), W("its", LX_DET), W("their", LX_DET),
    W("his", LX_DET), W("her", LX_DET), W("our", LX_DET), W("this", LX_DET | LX_STARTER),
    W("these", LX_DET | LX_STARTER), W("those", LX_DET), W("he", LX_PRONOUN), W("she", LX_PRONOUN),
    W("they", LX_PRONOUN), W("we", LX_PRONOUN), W("i", LX_PRONOUN), W("street", LX_STREET),
    W("st.", LX_STREET), W("lane", LX_STREET), W("road", LX_STREET), W("rd.", LX_STREET),
    W("avenue", LX_STREET), W("ave.", LX_STREET), W("boulevard", LX_STREET), W("blvd.", LX_STREET),
    W("drive", LX_STREET), W("way", LX_STREET), W("place", LX_STREET), W("square", LX_STREET),
    W("row", LX_STREET), W("terrace", LX_STREET), W("close", LX_STREET), W("von", LX_PARTICLE),
    W("van", LX_PARTICLE), W("der", LX_PARTICLE), W("den", LX_PARTICLE), W("de", LX_PARTICLE),
    W("del", LX_PARTICLE), W("della", LX_PARTICLE), W("da", LX_PARTICLE), W("di", LX_PARTICLE),
    W("du", LX_PARTICLE), W("la", LX_PARTICLE), W("le", LX_PARTICLE), W("bin", LX_PARTICLE),
    W("ibn", LX_PARTICLE), W("al", LX_PARTICLE), W("el", LX_PARTICLE), W("dos", LX_PARTICLE),
    W("das", LX_PARTICLE), W("ter", LX_PARTICLE), W("latest", LX_UPDATE), W("revised", LX_UPDATE),
    W("updated", LX_UPDATE), W("rose", LX_UPDATE), W("risen", LX_UPDATE), W("rises", LX_UPDATE),
    W("climbed", LX_UPDATE), W("increased", LX_UPDATE), W("jumped", LX_UPDATE),
    W("raised", LX_UPDATE), W("recount", LX_UPDATE), W("new", LX_UPDATE), W("up", LX_UPDATE),
    W("down", LX_UPDATE), W("fell", LX_UPDATE), W("dropped", LX_UPDATE), W("lowered", LX_UPDATE),
    /* sentence starters that are not names */
    W("in", LX_STARTER), W("on", LX_STARTER), W("at", LX_STARTER), W("after", LX_STARTER),
    W("but", LX_STARTER), W("however", LX_STARTER), W("when", LX_STARTER), W("while", LX_STARTER),
    W("as", LX_STARTER), W("for", LX_STARTER), W("with", LX_STARTER), W("by", LX_STARTER),
    W("from", LX_STARTER), W("according", LX_STARTER), W("it", LX_STARTER), W("he", LX_STARTER),
    W("she", LX_STARTER), W("they", LX_STARTER), W("we", LX_STARTER), W("there", LX_STARTER),
    W("if", LX_STARTER), W("some", LX_STARTER), W("most", LX_STARTER), W("many", LX_STARTER),
    W("among", LX_STARTER), W("using", LX_STARTER), W("speaking", LX_STARTER),
    W("asked", LX_STARTER), W("under", LX_STARTER), W("despite", LX_STARTER),
    W("during", LX_STARTER), W("meanwhile", LX_STARTER), W("still", LX_STARTER),
    W("whatever", LX_STARTER), W("whether", LX_STARTER), W("about", LX_STARTER),
    W("more", LX_STARTER), W("several", LX_STARTER), W("both", LX_STARTER), W("all", LX_STARTER),
    W("no", LX_STARTER), W("one", LX_STARTER), W("two", LX_STARTER), W("if", LX_STARTER),
    W("his", LX_STARTER), W("her", LX_STARTER), W("its", LX_STARTER), W("their", LX_STARTER),
    W("our", LX_STARTER), W("my", LX_STARTER), W("your", LX_STARTER), W("follow", LX_STARTER),
    W("related", LX_STARTER), W("image", LX_STARTER), W("photo", LX_STARTER),
    W("advertisement", LX_STARTER), W("update", LX_STARTER), W("read", LX_STARTER),
    W("story", LX_STARTER), W("highlights", LX_STARTER), W("residents", LX_STARTER),
    W("officials", LX_STARTER), W("police", LX_STARTER), W("schools", LX_STARTER),
    W("rescuers", LX_STARTER), W("relatives", LX_STARTER), W("families", LX_STARTER),
    W("volunteers", LX_STARTER), W("prosecutors", LX_STARTER), W("firefighters", LX_STARTER),
    W("political", LX_STARTER), W("several", LX_STARTER), W("opposition", LX_STARTER),
    W("such", LX_STARTER), W("each", LX_STARTER), W("every", LX_STARTER), W("once", LX_STARTER),
    W("what", LX_STARTER), W("who", LX_STARTER), W("why", LX_STARTER), W("how", LX_STARTER),
    W("yes", LX_STARTER), W("nobody", LX_STARTER), W("anyone", LX_STARTER),
    W("everyone", LX_STARTER), W("nothing", LX_STARTER), W("send", LX_STARTER),
    W("look", LX_STARTER), W("please", LX_STARTER), W("imagine", LX_STARTER),
};
/* clang-format on */

/* Runs once per token: a short multiply-add over the folded bytes (ASCII letters fold with
 * |0x20; other bytes only need to hash consistently), finished with the length. The tokenizer
 * computes the same running value while it scans a word (nf__lex_step), so a lookup does not
 * read the word twice. */
static size_t hash_lower(const char *p, size_t n)
{
    size_t h = 0;
    for (size_t i = 0; i < n; i++) h = nf__lex_step(h, (unsigned char)p[i]);
    return nf__lex_final(h, n);
}

size_t nf__lex_hash(const char *p, size_t n) { return hash_lower(p, n); }

static bool eq_lower(const char *word, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (word[i] != nf__tolower((unsigned char)p[i])) return false;
    return true;
}

nf__lexicon *nf__lexicon_new(nf__arena *a)
{
    nf__lexicon *lx = nf__arena_calloc(a, 1, sizeof *lx);
    if (!lx) return NULL;
    lx->cap = 4096;
    lx->slot = nf__arena_calloc(a, lx->cap, sizeof *lx->slot);
    lx->ent = nf__arena_alloc(a, NF__ARRAY_LEN(table) * sizeof *lx->ent);
    if (!lx->slot || !lx->ent) return NULL;
    for (size_t i = 0; i < NF__ARRAY_LEN(table); i++) {
        const nf__lex *e = &table[i];
        size_t n = strlen(e->word);
        size_t h = hash_lower(e->word, n) & (lx->cap - 1);
        while (lx->slot[h] && strcmp(lx->ent[lx->slot[h] - 1].word, e->word) != 0)
            h = (h + 1) & (lx->cap - 1);
        if (!lx->slot[h]) {
            nf__lex *s = &lx->ent[lx->n];
            *s = *e;
            s->len = (uint8_t)n;
            lx->slot[h] = (uint16_t)++lx->n;
        } else {
            /* listed twice: merge the classes, keep the first value/aux, take any event */
            nf__lex *s = &lx->ent[lx->slot[h] - 1];
            s->flags |= e->flags;
            if (!s->aux) s->aux = e->aux;
            if (s->value == 0) s->value = e->value;
            if (!s->ev) s->ev = e->ev;
        }
    }
    return lx;
}

const nf__lex *nf__lex_find(const nf__lexicon *lx, const char *p, size_t n)
{
    if (!lx || n == 0 || n > 16) return NULL; /* no listed word is longer */
    return nf__lex_find_h(lx, p, n, hash_lower(p, n));
}

const nf__lex *nf__lex_find_h(const nf__lexicon *lx, const char *p, size_t n, size_t hash)
{
    if (!lx || n == 0 || n > 16) return NULL;
    size_t h = hash & (lx->cap - 1);
    while (lx->slot[h]) {
        const nf__lex *e = &lx->ent[lx->slot[h] - 1];
        if (e->len == n && eq_lower(e->word, p, n)) return e;
        h = (h + 1) & (lx->cap - 1);
    }
    return NULL;
}

const char *nf__event_name(int ev)
{
    static const char *const names[EV__COUNT] = {"",          "killed",   "injured", "missing",
                                                 "displaced", "arrested", "rescued", "damaged"};
    return ev > 0 && ev < EV__COUNT ? names[ev] : "";
}
