/* report_gap: the one sentence (CEO and CFO) that ties the scope's figures
 * together: revenue − costs = net burn (or surplus), which entities burn and
 * which make money (their amounts add up to it), and what closes it
 * (docs/reports.md, "The gap sentence"). */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "report/report_internal.h"

/* "JADA burns $2,800 and Queen of San Diego $42" over the entities whose
 * net is on the `burning` side; false when none is. */
static bool put_side(const report_context *c, bool burning, strbuf *out)
{
    size_t shown = 0, count = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        int64_t net = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
        count += burning ? net > 0 : net < 0;
    }
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        int64_t net = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
        if (burning ? net <= 0 : net >= 0)
            continue;
        const char *sep = shown == 0 ? "" : shown + 1 == count ? " and " : ", ";
        strbuf_printf(out, "%s%s%s %s", sep, e->title,
                      shown == 0 ? (burning ? " burns" : " makes") : "",
                      report_dollars_text(c, net < 0 ? -net : net));
        shown++;
    }
    return count > 0;
}

/* A burn at most 1/SMALL_BURN_SHARE of the largest cost is said plainly,
 * revenue against costs: a small cut of one cost is no plan to decide
 * (reports.md, eyes-final2 H15). */
enum { SMALL_BURN_SHARE = 5 };

/* What closes each burning entity's own burn: "JADA: 4 more charters a
 * month at a $750 margin each" (ceil(its net burn ÷ its unit margin)), or,
 * with no units to sell, "Lumen Analytics: its largest cost is Developer
 * contractors, $5,500/month" ("Queen of San Diego: $42/month short, revenue
 * $300 against costs $342" for a small burn) — in a bracket, or, after a
 * group closed in one business's units (`lever`), as clauses: "; JADA
 * alone needs 4 to break even; Queen of San Diego: $42/month short, …"
 * (eyes-final5b R15), the lever's own need only when it is more. */
static void put_levers(const report_context *c, const report_unit_lever *lever, strbuf *out)
{
    const char *sep = lever ? "; " : " (";
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        int64_t net = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
        report_unit_economics u;
        report_amount cost = {0};
        const item *largest;
        if (net <= 0)
            continue;
        report_season season;
        bool off_season = report_entity_off_season(c, e, &season);
        if (lever && e == lever->entity) {
            if (lever->own_units > lever->scope_units && report_churn_kpi(e)) /* a stock (A4) */
                strbuf_printf(out, "%s%s alone needs to %s to break even", sep, e->title,
                              report_units_to_add_text(c, e, &lever->u, lever->own_units));
            else if (lever->own_units > lever->scope_units)
                strbuf_printf(out, "%s%s alone needs %lld to break even%s", sep, e->title,
                              (long long)lever->own_units,
                              off_season ? report_format(c, " in season, %s",
                                                         report_season_text(c, &season))
                                         : "");
            else
                continue;
        } else if (report_unit_economics_of(c, e, &u) && u.has_price && u.reachable &&
                   report_churn_kpi(e)) /* a stock to grow to (handoff-format.md Formulas, A4) */
            strbuf_printf(out, "%s%s: %s, each at a %s margin", sep, e->title,
                          report_units_to_add_text(c, e, &u, report_ceil_div(net, u.margin)),
                          report_cents_text(c, u.margin));
        else if (report_unit_economics_of(c, e, &u) && u.has_price && u.reachable)
            strbuf_printf(out, "%s%s: %s more %s a month at a %s margin each%s", sep, e->title,
                          report_scaled_text(c, report_ceil_div(net, u.margin) * MODEL_SCALE),
                          report_unit_plural(c, u.unit, false), report_cents_text(c, u.margin),
                          off_season /* the season's units (D3) */
                              ? report_format(c, " in season, %s",
                                              report_season_text(c, &season))
                              : "");
        else if ((largest = report_entity_largest_cost(c, e, &cost)) &&
                 net * SMALL_BURN_SHARE <= cost.mid) /* the gap plainly (H15) */
            strbuf_printf(out, "%s%s: %s/month short, revenue %s against costs %s", sep, e->title,
                          report_dollars_text(c, net),
                          report_dollars_text(c, report_entity_revenue(c, e).mid),
                          report_dollars_text(c, report_entity_burn(c, e).mid));
        else if (largest)
            strbuf_printf(out, "%s%s: its largest cost is %s, %s/month", sep, e->title,
                          largest->label, report_dollars_text(c, cost.mid));
        else
            continue;
        sep = "; ";
    }
    if (!lever && sep[0] == ';')
        strbuf_putc(out, ')');
}

int64_t report_entity_variable_costs(const report_context *c, const entity *e)
{
    int64_t sum = 0;
    const section *s = &e->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount monthly;
        report_break_even_part part;
        report_break_even_part_of(c, e, &s->items[i], &part);
        if (part.variable && report_item_monthly(c, e, &s->items[i], &monthly))
            sum += monthly.mid - part.overhead.mid; /* a percent's share of other revenue */
    }
    return sum;
}

bool report_break_even_revenue_of(const report_context *c, const entity *e, int64_t revenue,
                                  int64_t gross, int64_t variable, int64_t *break_even)
{
    report_unit_economics u;
    if (e && report_unit_economics_of(c, e, &u) && u.has_price && u.has_volume) {
        if (!u.reachable)
            return false;
        *break_even = report_unit_break_even_revenue(&u); /* its break-even units' revenue */
        return true;
    }
    if (revenue - variable <= 0)
        return false;
    *break_even = report_muldiv(gross - variable, revenue, revenue - variable);
    return true;
}

bool report_revenue_to_break_even(const report_context *c, const entity *e, int64_t *more,
                                  int64_t *break_even)
{
    int64_t revenue = 0, gross = 0, variable = 0, be;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *one = c->entities[i];
        if (e && one != e)
            continue;
        revenue += report_entity_revenue(c, one).mid;
        gross += report_entity_burn(c, one).mid;
        variable += report_entity_variable_costs(c, one);
    }
    if (!e && c->entity_count == 1)
        e = c->entities[0]; /* a one-entity scope is that entity's own row */
    if (!report_break_even_revenue_of(c, e, revenue, gross, variable, &be))
        return false;
    *more = be - revenue;
    if (break_even)
        *break_even = be;
    return true;
}

/* ". Closing it needs $3,090 a month more revenue (break-even $8,940: ...)
 * or $1,793 less cost": the revenue is the CFO's break-even figure, more
 * than the burn when costs move with revenue (eyes-final2 H11); a group
 * whose burn one unit business closes says it in that business's units,
 * as the CFO's pooled row does (P13): ". Closing it takes 3 more JADA
 * charters a month (margin $2,250, $750 each) or $1,793 of cuts" (R15;
 * "margin" and "cuts" label the figures for `briefing diff`).
 * True, with `lever` set, in that case. */
static bool put_closing(const report_context *c, int64_t net, report_unit_lever *lever,
                        strbuf *out)
{
    int64_t more, break_even;
    if (c->entity_count > 1 && report_units_to_close(c, lever)) {
        strbuf_printf(out, ". Closing it takes %lld more %s %s a month (margin %s, %s each) or %s "
                           "of cuts",
                      (long long)lever->scope_units, lever->entity->title,
                      lever->scope_units == 1 ? lever->u.unit
                                              : report_unit_plural(c, lever->u.unit, false),
                      report_dollars_text(c, lever->scope_units * lever->u.margin),
                      report_cents_text(c, lever->u.margin), report_dollars_text(c, net));
        return true;
    }
    if (!report_revenue_to_break_even(c, NULL, &more, &break_even))
        strbuf_printf(out, ". Closing it needs %s a month less cost (no revenue closes it: the "
                           "costs that move with revenue take all of it)",
                      report_dollars_text(c, net));
    else if (more > net)
        strbuf_printf(out, ". Closing it needs %s a month more revenue (break-even %s: the costs "
                           "that move with revenue grow too) or %s less cost",
                      report_dollars_text(c, more), report_dollars_text(c, break_even),
                      report_dollars_text(c, net));
    else
        strbuf_printf(out, ". Closing it needs %s a month more revenue or less cost",
                      report_dollars_text(c, net));
    return false;
}

void report_put_gap_sentence(const report_context *c, strbuf *out)
{
    int64_t revenue = 0, gross = 0;
    bool any_expenses = false;
    for (size_t i = 0; i < c->entity_count; i++) {
        revenue += report_entity_revenue(c, c->entities[i]).mid;
        gross += report_entity_burn(c, c->entities[i]).mid;
        any_expenses |= c->entities[i]->has_section[SECTION_EXPENSES];
    }
    if (!any_expenses)
        return;
    int64_t net = gross - revenue;
    strbuf_printf(out, "Revenue %s − costs %s = ", report_dollars_text(c, revenue),
                  report_dollars_text(c, gross));
    if (net > 0)
        strbuf_printf(out, "net burn **%s a month**", report_dollars_text(c, net));
    else
        strbuf_printf(out, "a surplus of **%s a month**", report_dollars_text(c, -net));
    if (c->entity_count > 1) {
        strbuf_puts(out, ": ");
        bool burns = put_side(c, true, out);
        size_t before = out->len;
        strbuf_puts(out, burns ? "; " : "");
        if (!put_side(c, false, out))
            strbuf_truncate(out, before); /* no entity makes money */
    }
    if (net > 0) {
        report_unit_lever lever;
        put_levers(c, put_closing(c, net, &lever, out) ? &lever : NULL, out);
    } else {
        int64_t margin = report_muldiv(revenue, 10, 100);
        int64_t room = report_scope_room(c); /* the CFO's, from the printed dollars */
        if (room > 0)
            strbuf_printf(out, ". The margin of safety (10%% of revenue) takes %s, leaving "
                               "%s a month of room for new costs or price cuts",
                          report_dollars_text(c, margin), report_dollars_text(c, room));
        else
            /* its own sentence: after "…and Tidebox $4,221" a clause
             * would read as said of Tidebox (eyes-final G3) */
            strbuf_printf(out, ". The surplus is below the %s margin of safety (10%% of "
                               "revenue): no room for new costs or price cuts",
                          report_dollars_text(c, margin));
    }
    strbuf_puts(out, ".\n\n");
}

/* What a Status says of a season (handoff-format.md, Parts). */
static const char *const off_season_words[] = {"off-season", "off season", "out of season"};
static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

/* The month named right after "until " in `text`: 1..12, else 0. */
static int until_month(const char *text)
{
    const char *until = strcasestr(text, "until ");
    if (!until)
        return 0;
    until += strlen("until ");
    for (int m = 0; m < 12; m++)
        if (strncasecmp(until, month_names[m], 3) == 0)
            return m + 1;
    return 0;
}

bool report_entity_off_season(const report_context *c, const entity *e, report_season *out)
{
    *out = (report_season){0};
    if (!e->status)
        return false;
    const char *found = NULL;
    for (size_t i = 0; !found && i < sizeof off_season_words / sizeof *off_season_words; i++)
        found = strcasestr(e->status, off_season_words[i]);
    if (!found)
        return false;
    out->month = until_month(found);
    if (out->month) {
        struct tm tm;
        time_t now = c->options->now;
        gmtime_r(&now, &tm);
        out->month_name = month_names[out->month - 1];
        out->until_months = (out->month - 1 - tm.tm_mon + 12) % 12;
    }
    return true;
}

const char *report_season_text(const report_context *c, const report_season *s)
{
    return s->month_name ? report_format(c, "off-season until %s", s->month_name) : "off-season";
}

bool report_season_funding_need(const report_context *c, const entity *e, int64_t *need,
                                report_season *season, report_runway *r)
{
    if (!report_entity_off_season(c, e, season) || !season->month)
        return false;
    report_entity_runway(c, e, r);
    if (!r->has_cash || r->net_burn <= 0 || r->months >= season->until_months)
        return false;
    /* up to the next $10: "about", and never less than the owner must find */
    *need = report_ceil_div(season->until_months * r->net_burn - r->cash, 1000) * 1000;
    return true;
}

const char *report_season_funding_text(const report_context *c, const entity *e)
{
    report_season season;
    report_runway r;
    int64_t need;
    if (!report_season_funding_need(c, e, &need, &season, &r))
        return NULL;
    return report_format(c, "it needs about %s more to reach %s (%lld months × %s against %s)",
                         report_dollars_text(c, need), season.month_name,
                         (long long)season.until_months, report_dollars_text(c, r.net_burn),
                         report_dollars_text(c, r.cash));
}

const char *report_spare_capacity_text(const report_context *c, const entity *e)
{
    report_unit_economics u;
    report_season season;
    if (!report_unit_economics_of(c, e, &u) || !u.has_volume || !u.has_price || !u.reachable ||
        report_entity_off_season(c, e, &season))
        return NULL;
    const item *available = model_find_item(
        e, SECTION_KPIS,
        report_format(c, "%s available per month", report_unit_plural(c, u.unit, true)));
    if (!available || available->value.kind != VALUE_NUMBER ||
        available->value.scaled <= u.volume_scaled)
        return NULL;
    int64_t idle = available->value.scaled - u.volume_scaled;
    return report_format(c, "sell the %s/month still available: at the %s contribution, up to "
                            "%s/month",
                         report_unit_count(c, u.unit, idle), report_cents_text(c, u.margin),
                         report_cents_text(c, report_muldiv(u.margin, idle, MODEL_SCALE)));
}

void report_put_season_funding(const report_context *c, const entity *e, const char *sep,
                               strbuf *out)
{
    const char *funding = report_season_funding_text(c, e);
    if (funding)
        strbuf_printf(out, "%s%s", sep, funding);
}

/* Words in a risk's label that say it is the entity's revenue gap, the
 * same money its net burn and break-even shortfall measure. */
static const char *const gap_words[] = {"gap", "shortfall", "lost revenue", "bookings"};

bool report_risk_is_revenue_gap(const item *it)
{
    if (model_item_has_tag(it, "gap"))
        return true;
    for (size_t i = 0; i < sizeof gap_words / sizeof gap_words[0]; i++)
        if (strcasestr(it->label, gap_words[i]))
            return true;
    return false;
}

/* More words that say a risk is revenue lost (handoff-format.md, "Risk
 * cost"): measured at today's margin, though not the revenue gap itself. */
static const char *const lost_revenue_words[] = {"slowdown", "fewer", "lower", "drop"};

bool report_risk_names_lost_revenue(const item *it)
{
    if (report_risk_is_revenue_gap(it))
        return true;
    for (size_t i = 0; i < sizeof lost_revenue_words / sizeof lost_revenue_words[0]; i++)
        if (strcasestr(it->label, lost_revenue_words[i]))
            return true;
    return false;
}

int64_t report_lost_revenue_cost(const report_context *c, const entity *e, int64_t amount)
{
    int64_t revenue = report_entity_revenue(c, e).mid;
    if (revenue <= 0)
        return amount;
    /* the costs that move with revenue fall with it */
    int64_t kept = revenue - report_entity_variable_costs(c, e);
    return kept > 0 ? report_muldiv(amount, kept, revenue) : 0;
}

int64_t report_risk_cost(const report_context *c, const entity *e, const item *risk,
                         int64_t amount)
{
    return report_risk_names_lost_revenue(risk) ? report_lost_revenue_cost(c, e, amount) : amount;
}

/* What says an action brings revenue: its tags, or a verb of its label. */
static const char *const revenue_action_tags[] = {"revenue", "seo", "marketing"};
static const char *const revenue_action_verbs[] = {"list",  "sell",   "launch",   "promot",
                                                   "book",  "pric",   "advertis", "campaign",
                                                   "blast", "market"};
/* Words too common to say two lines are about the same thing. */
static const char *const common_words[] = {"when", "with", "that", "this", "from", "their",
                                           "they", "have", "more", "than", "into", "each",
                                           "month", "only", "would", "could", "will", "without"};

bool report_action_brings_revenue(const item *action)
{
    for (size_t i = 0; i < sizeof revenue_action_tags / sizeof revenue_action_tags[0]; i++)
        if (model_item_has_tag(action, revenue_action_tags[i]))
            return true;
    return report_label_names_any(action->label, revenue_action_verbs,
                                  sizeof revenue_action_verbs / sizeof revenue_action_verbs[0]);
}

static bool is_common_word(const char *word)
{
    for (size_t i = 0; i < sizeof common_words / sizeof common_words[0]; i++)
        if (strcasecmp(word, common_words[i]) == 0)
            return true;
    return false;
}

/* Whether `label` names a word of `text` four letters or longer. */
static bool shares_a_word(const char *label, const char *text)
{
    for (const char *p = text; *p;) {
        while (*p && !isalpha((unsigned char)*p))
            p++;
        char word[32];
        size_t n = 0;
        for (; isalpha((unsigned char)*p); p++)
            if (n + 1 < sizeof word)
                word[n++] = *p;
        word[n] = '\0';
        if (n >= 4 && !is_common_word(word) && report_label_names(label, word))
            return true;
    }
    return false;
}

bool report_label_shares_a_word(const char *label, const char *text)
{
    return shares_a_word(label, text);
}

bool report_action_answers_risk(const item *action, const item *risk)
{
    if (report_risk_names_lost_revenue(risk)) /* recurring income answers a slowdown (U7/S8) */
        return report_action_brings_revenue(action);
    /* the risk's name, not its explanation: "Raise retainer fees" shares
     * "retainer" with "Client concentration: ... pays the largest retainer"
     * and does nothing about it (fixA U7/S8, conservative) */
    return shares_a_word(action->label, risk->label);
}

/* reports.md, CEO, "A risk marked not quantified asks once" (eyes-final4
 * P17): what a risk names decides the question that would quantify it;
 * the first row whose words the label or text holds wins, the last row
 * (no words) is every other risk's. */
static const struct {
    const char *const words[7]; /* NULL-terminated */
    const char *question;
} risk_questions[] = {
    {{"account", "client", "customer", "churn", "concentration", NULL},
     "what do those accounts pay a month?"},
    {{"key person", "guide", "turnover", "staff", "sick", NULL},
     "what would a month without that person cost?"},
    {{"ferry", "schedule", "supplier", "season", "weather", NULL},
     "how much revenue a month would it take?"},
    {{NULL}, "how much a month would it cost?"},
};

#define RISK_QUESTION_COUNT (sizeof risk_questions / sizeof risk_questions[0])

static bool risk_names(const item *risk, const char *const *words)
{
    for (const char *const *w = words; *w; w++)
        if (strcasestr(risk->label, *w) || (risk->text && strcasestr(risk->text, *w)))
            return true;
    return false;
}

/* The one client of `e`'s `## Clients` the risk names, NULL when it
 * names none or several ("those accounts" then). */
static const item *risk_client(const entity *e, const item *risk)
{
    const section *clients = &e->sections[SECTION_CLIENTS];
    const item *named = NULL;
    for (size_t i = 0; i < clients->item_count; i++) {
        const char *label = clients->items[i].label;
        if (!*label || !risk_names(risk, (const char *const[]){label, NULL}))
            continue;
        if (named && strcasecmp(named->label, label) != 0)
            return NULL;
        named = named ? named : &clients->items[i];
    }
    return named;
}

static const char *file_name(const entity *e)
{
    const char *slash = strrchr(e->path, '/');
    return slash ? slash + 1 : e->path;
}

/* The monthly fee of the one client an accounts risk names, when the file
 * states it: the file answers the risk (reports.md, eyes-final5a Q12). */
static const item *risk_client_fee(const report_context *c, const entity *e, const item *risk,
                                   report_amount *fee)
{
    const item *client = risk_names(risk, risk_questions[0].words) ? risk_client(e, risk) : NULL;
    if (client && client->value.kind == VALUE_MONEY && client->value.money.period != PERIOD_NONE &&
        client->value.money.period != PERIOD_UNIT && report_item_monthly(c, e, client, fee))
        return client;
    return NULL;
}

/* reports.md, "A risk that the business rests on one thing" (eyes-final5b
 * R10): a label that starts with one of `single_point_starts` or holds one
 * of `single_point_words` says the business depends on a single thing. */
static const char *const single_point_starts[] = {"single ", "sole "};
static const char *const single_point_words[] = {"only one", "one-person", "key person"};

bool report_risk_is_single_point(const item *risk)
{
    for (size_t i = 0; i < sizeof single_point_starts / sizeof *single_point_starts; i++)
        if (strncasecmp(risk->label, single_point_starts[i], strlen(single_point_starts[i])) == 0)
            return true;
    for (size_t i = 0; i < sizeof single_point_words / sizeof *single_point_words; i++)
        if (strcasestr(risk->label, single_point_words[i]))
            return true;
    return false;
}

/* "all of JADA's revenue, $3,700/month (jada.md:11)": what a single-point
 * risk puts at stake, with the `## Revenue` lines; NULL without revenue. */
static const char *single_point_text(const report_context *c, const entity *e, int64_t *monthly)
{
    const section *revenue = &e->sections[SECTION_REVENUE];
    int64_t all = report_entity_revenue(c, e).mid;
    if (!revenue->item_count || all <= 0)
        return NULL;
    int first = revenue->items[0].line, last = revenue->items[revenue->item_count - 1].line;
    *monthly = all;
    return report_format(c, "all of %s revenue, %s/month (%s:%s)", report_possessive(c, e->title),
                         report_dollars_text(c, all), file_name(e),
                         first == last ? report_format(c, "%d", first)
                                       : report_format(c, "%d-%d", first, last));
}

const char *report_risk_fee_text(const report_context *c, const entity *e, const item *risk,
                                 int64_t *monthly)
{
    report_amount fee;
    const item *client = risk_client_fee(c, e, risk, &fee);
    if (!client)
        return report_risk_is_single_point(risk) ? single_point_text(c, e, monthly) : NULL;
    *monthly = fee.mid;
    return report_format(c, "%s fee, %s/month (%s:%d)", report_possessive(c, client->label),
                         report_dollars_text(c, fee.mid), file_name(e), client->line);
}

/* The question of `row`, or of the one client the risk names (reports.md,
 * "A risk marked not quantified"). */
static const char *risk_question_text(const report_context *c, const entity *e, const item *risk,
                                      size_t row)
{
    const item *client = row == 0 ? risk_client(e, risk) : NULL;
    return client ? report_format(c, "what does %s pay a month?", client->label)
                  : risk_questions[row].question;
}

const char *report_risk_question(const report_context *c, const entity *e, const item *risk)
{
    report_amount a;
    int64_t fee;
    if (report_item_monthly(c, e, risk, &a) || report_risk_fee_text(c, e, risk, &fee))
        return NULL;
    size_t row = 0;
    while (row + 1 < RISK_QUESTION_COUNT && !risk_names(risk, risk_questions[row].words))
        row++;
    /* the body's "add `$X/month` to the risk line" is its one ask (R9) */
    report_note_asked(c, e, SECTION_RISKS, report_format(c, "%s: $X/month", risk->label));
    return report_format(c, "%s add `$X/month` to the risk line, %s:%d",
                         risk_question_text(c, e, risk, row), file_name(e), risk->line);
}

const char *report_risk_asked(const report_context *c, const entity *e, const item *risk)
{
    const char *said = *risk->text ? report_format(c, "%s: %s", risk->label, risk->text) : risk->label;
    int64_t fee;
    const char *answered = report_risk_fee_text(c, e, risk, &fee);
    if (answered)
        return report_format(c, "%s; at risk: %s", said, answered);
    const char *question = report_risk_question(c, e, risk);
    return question ? report_format(c, "%s; not quantified: %s", said, question) : said;
}
