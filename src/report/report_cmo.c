/* report_cmo: headline, channel matrix, e-mail blast ROI, and a plan per
 * entity (its own OTA order, local SEO, 30/60/90-day milestones).
 *
 * The e-mail blast model and its sentences live in report_blast.c.
 *
 * OTA sequence rule: one business's own platforms (Marketing items tagged
 * `ota`, value the commission percent, child `Setup days: N`) in ascending
 * commission, then ascending setup days; platforms equal on both share a
 * step ("Viator/GetYourGuide"). Platforms of different businesses are never
 * alternatives to each other.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/english.h"
#include "report/report_internal.h"

static const char *analytics_status(const report_context *c, const entity *e)
{
    const site *s = e->site ? model_find_site(c->portfolio, e->site) : NULL;
    if (!s)
        return NULL;
    size_t with = 0, without = 0;
    const char *which = NULL;
    for (size_t i = 0; i < s->finding_count; i++) {
        if (s->findings[i].kind == FINDING_ANALYTICS) {
            with++;
            which = s->findings[i].excerpt;
        } else if (s->findings[i].kind == FINDING_NO_ANALYTICS) {
            without++;
        }
    }
    if (!with && !without)
        return "no web pages in the site";
    if (!without)
        return report_format(c, "on every page (%s)", which ? which : "tag found");
    return report_format(c, "missing on %zu of %zu pages", without, with + without);
}

/* A label's last word that counts an audience: moved into the cell. */
static const char *const audience_nouns[] = {"recipients", "followers", "subscribers", "members"};

/* One row holds an entity's OTA platforms with their commissions. */
#define OTA_ROW "OTAs (commission)"
#define ANALYTICS_ROW "Site analytics"

static bool is_ota(const item *it)
{
    return model_item_has_tag(it, "ota") && it->value.kind == VALUE_PERCENT;
}


/* reports.md, CMO channel matrix: an expense line that pays for marketing
 * (eyes-final G11): tagged `marketing`, or its label has one of these words. */
static const char *const spend_words[] = {"ads", "advertising", "marketing", "promotion",
                                          "sponsorship"};

static bool is_marketing_spend(const item *it)
{
    if (it->value.kind != VALUE_MONEY && it->value.kind != VALUE_PERCENT)
        return false;
    if (model_item_has_tag(it, "marketing"))
        return true;
    for (size_t i = 0; i < sizeof spend_words / sizeof spend_words[0]; i++)
        if (report_names_word(it->label, spend_words[i]))
            return true;
    return false;
}

/* The audience noun `label` ends with (" followers"), or NULL. */
static const char *audience_noun(const char *label)
{
    size_t n = strlen(label);
    for (size_t i = 0; i < sizeof audience_nouns / sizeof audience_nouns[0]; i++) {
        size_t m = strlen(audience_nouns[i]);
        if (n > m + 1 && label[n - m - 1] == ' ' && strcasecmp(label + n - m, audience_nouns[i]) == 0)
            return audience_nouns[i];
    }
    return NULL;
}

/* "Email list recipients" -> "E-mail list"; other labels as written, but
 * for the report's one spelling of e-mail (reports.md, Channel matrix). */
static const char *channel_name(const report_context *c, const item *it)
{
    const char *noun = it->value.kind == VALUE_NUMBER ? audience_noun(it->label) : NULL;
    int length = (int)strlen(it->label) - (noun ? (int)strlen(noun) + 1 : 0);
    if (strncasecmp(it->label, "Email ", 6) == 0)
        return report_format(c, "E-mail %.*s", length - 6, it->label + 6);
    return report_format(c, "%.*s", length, it->label);
}

static const char *channel_cell(const report_context *c, const item *it)
{
    if (model_item_has_tag(it, "missing"))
        return "MISSING";
    if (it->value.kind == VALUE_NUMBER) {
        const char *noun = audience_noun(it->label);
        const char *count = report_scaled_text(c, it->value.scaled);
        return noun ? report_format(c, "%s %s", count, noun) : count;
    }
    if (it->value.kind == VALUE_TEXT)
        return *it->text ? it->text : "listed";
    return report_written_amount(c, it);
}

typedef struct {
    const char *name;
    const char **cells; /* one per entity in scope; NULL where not listed */
    bool *live;         /* per cell: a listing that exists, not `MISSING` nor OTAs not
                           listed yet (reports.md CMO headline 1; eyes-final19 A4) */
} channel_row;

typedef struct {
    channel_row *rows;
    size_t count;
    size_t capacity;
    size_t listed;  /* live cells (Site analytics aside) */
    size_t holders; /* entities with at least one of those cells */
    size_t channels; /* rows with a live cell (Site analytics aside) */
    size_t missing; /* of which tagged `missing` */
    size_t stated;  /* entities with a `## Marketing` section */
} channel_matrix;

static channel_row *matrix_row(const report_context *c, channel_matrix *m, const char *name)
{
    for (size_t i = 0; i < m->count; i++)
        if (strcasecmp(m->rows[i].name, name) == 0)
            return &m->rows[i];
    channel_row *r = arena_push(c->arena, (void **)&m->rows, &m->count, &m->capacity, sizeof *r);
    r->name = name;
    r->cells = arena_alloc(c->arena, (c->entity_count + 1) * sizeof *r->cells);
    memset(r->cells, 0, (c->entity_count + 1) * sizeof *r->cells);
    r->live = arena_alloc(c->arena, (c->entity_count + 1) * sizeof *r->live);
    memset(r->live, 0, (c->entity_count + 1) * sizeof *r->live);
    return r;
}

static bool ota_listed(const entity *e, const item *candidate, const item **fee);

/* reports.md, Channel matrix (eyes-final19 A4): an entity's OTA cell, the
 * platforms it is on as listed, then the candidates it is not on yet after
 * "not listed yet —", so the row never reads as if it were on them.
 * *live: it is on one. NULL when it has no OTA item. */
static const char *ota_cell(const report_context *c, const entity *e, bool *live)
{
    strbuf on = STRBUF_INIT, to_list = STRBUF_INIT;
    const section *s = &e->sections[SECTION_MARKETING];
    for (size_t j = 0; j < s->item_count; j++) {
        const item *it = &s->items[j], *fee;
        if (!is_ota(it))
            continue;
        strbuf *into = ota_listed(e, it, &fee) ? &on : &to_list;
        strbuf_printf(into, "%s%s %s", into->len ? ", " : "", it->label,
                      report_percent_text(c, it->value.scaled));
    }
    *live = on.len > 0;
    const char *cell = NULL;
    if (on.len || to_list.len)
        cell = report_format(c, "%s%s%s%s", strbuf_cstr(&on), on.len && to_list.len ? "; " : "",
                             to_list.len ? "not listed yet \u2014 " : "", strbuf_cstr(&to_list));
    strbuf_free(&on);
    strbuf_free(&to_list);
    return cell;
}

static void build_matrix(const report_context *c, channel_matrix *m)
{
    *m = (channel_matrix){0};
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[SECTION_MARKETING];
        for (size_t j = 0; j < s->item_count; j++) {
            const item *it = &s->items[j];
            if (report_blast_is_key(it))
                continue;
            if (is_ota(it)) {
                if (!matrix_row(c, m, OTA_ROW)->cells[i]) { /* the whole cell at its first */
                    channel_row *r = matrix_row(c, m, OTA_ROW);
                    r->cells[i] = ota_cell(c, e, &r->live[i]);
                }
                continue;
            }
            channel_row *r = matrix_row(c, m, channel_name(c, it));
            r->cells[i] = channel_cell(c, it);
            r->live[i] = !model_item_has_tag(it, "missing");
            m->missing += model_item_has_tag(it, "missing");
        }
        const section *x = &e->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < x->item_count; j++)
            if (is_marketing_spend(&x->items[j])) {
                /* the channel and what it costs share one cell: "search campaign, $200–$600/month" */
                channel_row *r = matrix_row(c, m, x->items[j].label);
                const char **cell = &r->cells[i];
                const char *amount = report_written_amount(c, &x->items[j]);
                *cell = *cell ? report_format(c, "%s, %s", *cell, amount) : amount;
                r->live[i] = true; /* money spent on it: it runs */
            }
        if (!e->has_section[SECTION_MARKETING])
            report_note_missing_section(c, e, SECTION_MARKETING);
        m->stated += e->has_section[SECTION_MARKETING];
    }
    for (size_t i = 0; i < c->entity_count; i++) {
        size_t held = 0;
        for (size_t r = 0; r < m->count; r++)
            held += m->rows[r].live[i];
        m->listed += held;
        m->holders += held > 0;
    }
    /* Site analytics, below, is no channel (Z16); a row counts with a live cell (A4) */
    for (size_t r = 0; r < m->count; r++)
        for (size_t i = 0; i < c->entity_count; i++)
            if (m->rows[r].live[i]) {
                m->channels++;
                break;
            }
    for (size_t i = 0; i < c->entity_count; i++) {
        const char *analytics = analytics_status(c, c->entities[i]);
        if (analytics) { /* a scan's finding, counted apart from the channels */
            channel_row *r = matrix_row(c, m, ANALYTICS_ROW);
            r->cells[i] = analytics;
            r->live[i] = true;
        }
    }
}

/* Above this many entities a column each stops reading as a table (and the
 * output grows with entities × channels): counts per channel instead. */
#define MATRIX_ENTITY_COLUMNS 6

static void put_matrix_counts(const report_context *c, const channel_matrix *m, strbuf *out)
{
    static const report_column columns[] = {
        {"Channel", REPORT_LEFT}, {"Listed by", REPORT_RIGHT}, {"Missing", REPORT_RIGHT}};
    report_table t;
    report_table_init(&t, c->arena, columns, sizeof columns / sizeof columns[0]);
    for (size_t r = 0; r < m->count; r++) {
        size_t listed = 0, missing = 0; /* live, and named without a live listing (A4) */
        for (size_t i = 0; i < c->entity_count; i++) {
            listed += m->rows[r].live[i];
            missing += m->rows[r].cells[i] && !m->rows[r].live[i];
        }
        report_table_row(&t, m->rows[r].name,
                         report_format(c, "%s of %s", report_scaled_text(c, (int64_t)listed * MODEL_SCALE),
                                       report_scaled_text(c, (int64_t)c->entity_count * MODEL_SCALE)),
                         report_scaled_text(c, (int64_t)missing * MODEL_SCALE));
    }
    report_table_write(&t, out);
}

/* Whether fewer than half the grid's cells would hold a channel. */
static bool matrix_mostly_empty(const report_context *c, const channel_matrix *m)
{
    size_t filled = 0;
    for (size_t r = 0; r < m->count; r++)
        for (size_t i = 0; i < c->entity_count; i++)
            filled += m->rows[r].cells[i] != NULL;
    return filled * 2 < m->count * c->entity_count;
}

/* reports.md, Channel matrix (eyes-final5b R13): a mostly empty grid as
 * `Channel · Listed by`, one row per channel naming only the entities that
 * list it, "JADA: MISSING; QuickDumpNow: claimed", so no cell says `—`
 * and none is left blank (a phone's records keep every channel's name). */
static void put_matrix_lines(const report_context *c, const channel_matrix *m, strbuf *out)
{
    static const report_column columns[] = {{"Channel", REPORT_LEFT}, {"Listed by", REPORT_LEFT}};
    report_table t;
    report_table_init(&t, c->arena, columns, sizeof columns / sizeof columns[0]);
    for (size_t r = 0; r < m->count; r++) {
        strbuf held = STRBUF_INIT;
        for (size_t i = 0; i < c->entity_count; i++)
            if (m->rows[r].cells[i])
                strbuf_printf(&held, "%s%s: %s", held.len ? "; " : "", c->entities[i]->title,
                              m->rows[r].cells[i]);
        report_table_row(&t, m->rows[r].name, report_format(c, "%s", strbuf_cstr(&held)));
        strbuf_free(&held);
    }
    report_table_write(&t, out);
}

static void put_matrix(const report_context *c, const channel_matrix *m, strbuf *out)
{
    strbuf_puts(out, "## Channel matrix\n\n");
    if (!m->count) {
        strbuf_puts(out, "No channel in scope: add `## Marketing` items (lists, social, OTAs, "
                         "reviews) to the handoffs.\n\n");
        return;
    }
    if (c->entity_count > MATRIX_ENTITY_COLUMNS) {
        put_matrix_counts(c, m, out);
        return;
    }
    if (matrix_mostly_empty(c, m)) {
        put_matrix_lines(c, m, out);
        return;
    }
    report_column *columns = arena_alloc(c->arena, (c->entity_count + 1) * sizeof *columns);
    columns[0] = (report_column){"Channel", REPORT_LEFT};
    for (size_t i = 0; i < c->entity_count; i++)
        columns[i + 1] = (report_column){c->entities[i]->title, REPORT_LEFT};
    report_table t;
    report_table_init(&t, c->arena, columns, c->entity_count + 1);
    const char **row = arena_alloc(c->arena, (c->entity_count + 1) * sizeof *row);
    for (size_t r = 0; r < m->count; r++) {
        row[0] = m->rows[r].name;
        for (size_t i = 0; i < c->entity_count; i++)
            row[i + 1] = m->rows[r].cells[i] ? m->rows[r].cells[i] : "\u2014";
        report_table_row_cells(&t, row);
    }
    report_table_write(&t, out);
}

static size_t entity_items(const report_context *c, const entity *e, section_kind kind,
                           const char *tag, report_entry **out);
typedef struct {
    const char *name;
    int64_t commission; /* scaled percent */
    int64_t setup_days; /* scaled */
    bool has_setup;
    size_t order; /* as listed: keeps ties in the handoff's order */
} ota;

static int ota_order(const void *a, const void *b)
{
    const ota *x = a, *y = b;
    if (x->commission != y->commission)
        return x->commission < y->commission ? -1 : 1;
    if (x->setup_days != y->setup_days)
        return x->setup_days < y->setup_days ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Words in an `## Expenses` label that say it is a booking platform's fee. */
static const char *const platform_fee_words[] = {"ota", "booking", "host", "platform"};

/* The `## Expenses` percent line that is a booking platform's fee at the
 * commission of `candidate` — when no other candidate has that commission
 * — so the business is presumably on it already (reports.md, OTA order);
 * NULL otherwise. */
static const item *ota_fee_paid(const entity *e, const item *candidate)
{
    const section *m = &e->sections[SECTION_MARKETING];
    for (size_t j = 0; j < m->item_count; j++)
        if (&m->items[j] != candidate && model_item_has_tag(&m->items[j], "ota") &&
            m->items[j].value.kind == VALUE_PERCENT &&
            m->items[j].value.scaled == candidate->value.scaled)
            return NULL; /* two at that commission: which one is not said */
    const section *x = &e->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < x->item_count; i++) {
        const item *fee = &x->items[i];
        bool named = report_names_word(fee->label, candidate->label);
        for (size_t w = 0; !named && w < sizeof platform_fee_words / sizeof *platform_fee_words; w++)
            named = report_names_word(fee->label, platform_fee_words[w]);
        if (named && fee->value.kind == VALUE_PERCENT &&
            fee->value.scaled == candidate->value.scaled)
            return fee;
    }
    return NULL;
}

/* An `ota` candidate the business is already on: tagged `listed`, or
 * presumed from the fee it pays (`*fee` set then). */
static bool ota_listed(const entity *e, const item *candidate, const item **fee)
{
    *fee = NULL;
    if (model_item_has_tag(candidate, "listed"))
        return true;
    *fee = ota_fee_paid(e, candidate);
    return *fee != NULL;
}

/* "Already on Airbnb (presumed: it pays a 3% OTA service fee,
 * cedar-cabin.md:17; tag it `(ota, listed)` to confirm, ...)". */
static void put_listed_otas(const report_context *c, const entity *e, strbuf *out)
{
    const section *s = &e->sections[SECTION_MARKETING];
    for (size_t j = 0; j < s->item_count; j++) {
        const item *it = &s->items[j], *fee;
        if (!model_item_has_tag(it, "ota") || it->value.kind != VALUE_PERCENT ||
            !ota_listed(e, it, &fee))
            continue;
        if (!fee)
            strbuf_printf(out, "Already on %s (%s commission).\n\n", it->label,
                          report_percent_text(c, it->value.scaled));
        else
            strbuf_printf(out, "Already on %s (presumed: it pays a %s %s, %s:%d; tag it `(ota, "
                               "listed)` to confirm, or say in the fee's line which platform it "
                               "is).\n\n",
                          it->label, report_percent_text(c, fee->value.scaled), fee->label,
                          e->path, fee->line);
    }
}

/* The `## Expenses` fee of the platform `e` is already on (tagged
 * `listed` or presumed): the percent a new platform's commission takes the
 * place of; 0 when none is known (reports.md, OTA order; Q7). */
static int64_t ota_fee_replaced(const entity *e)
{
    const section *s = &e->sections[SECTION_MARKETING];
    for (size_t j = 0; j < s->item_count; j++) {
        const item *it = &s->items[j], *fee;
        if (model_item_has_tag(it, "ota") && it->value.kind == VALUE_PERCENT &&
            ota_listed(e, it, &fee) && (fee || (fee = ota_fee_paid(e, it))))
            return fee->value.scaled;
    }
    return 0;
}

/* The floor a unit of `e` has at `o`'s commission, when the price is
 * under it: the CFO's floor with that fee (rule 6), and the cash a unit
 * sold there still brings; false otherwise. Reading the unit economics
 * asks nothing: the CFO asks for what is missing. */
static bool ota_below_floor(const report_context *c, const entity *e, const ota *o,
                            report_unit_economics *u, int64_t *floor, int64_t *cash)
{
    report_missing unasked = {0};
    report_context quiet = *c;
    quiet.missing = &unasked;
    int64_t today;
    return report_unit_economics_of(&quiet, e, u) && u->has_price &&
           report_price_floor(u, &today) && today <= u->price && /* the fee puts it under */
           report_price_floor_at_fee(u, ota_fee_replaced(e), o->commission, floor, cash) &&
           *floor > u->price;
}

/* "Booking.com: at 15% a night sells below its $213.87 floor with that
 * fee, though each extra night still brings $142.83 in cash." (reports.md,
 * OTA order; eyes-final13 Q7: the CMO sent the family where the CFO's
 * floor forbids). */
static void put_ota_below_floor(const report_context *c, const entity *e, const ota *o,
                                strbuf *out)
{
    report_unit_economics u;
    int64_t floor, cash;
    if (!ota_below_floor(c, e, o, &u, &floor, &cash))
        return;
    strbuf_printf(out, "%s: at %s %s %s sells below its %s floor with that fee, ", o->name,
                  report_percent_text(c, o->commission), english_article(u.unit), u.unit,
                  report_cents_text(c, floor));
    if (cash > 0)
        strbuf_printf(out, "though each extra %s still brings %s in cash.\n\n", u.unit,
                      report_cents_text(c, cash));
    else
        strbuf_printf(out, "and each %s sold there loses %s in cash.\n\n", u.unit,
                      report_cents_text(c, -cash));
}

/* The milestone's clause: "; below its $213.87 floor at that fee", "". */
static const char *ota_floor_clause(const report_context *c, const entity *e, const ota *o)
{
    report_unit_economics u;
    int64_t floor, cash;
    if (!ota_below_floor(c, e, o, &u, &floor, &cash))
        return "";
    return report_format(c, "; below its %s floor at that fee", report_cents_text(c, floor));
}

static size_t collect_otas(const report_context *c, const entity *e, ota **out)
{
    size_t count = 0, capacity = 0;
    *out = NULL;
    const section *s = &e->sections[SECTION_MARKETING];
    for (size_t j = 0; j < s->item_count; j++) {
        const item *it = &s->items[j], *fee;
        if (!model_item_has_tag(it, "ota") || it->value.kind != VALUE_PERCENT ||
            ota_listed(e, it, &fee))
            continue;
        ota *o = arena_push(c->arena, (void **)out, &count, &capacity, sizeof **out);
        *o = (ota){.name = it->label, .order = count, .commission = it->value.scaled};
        for (size_t k = 0; k < it->child_count; k++)
            if (it->children[k].value.kind == VALUE_NUMBER &&
                strcmp(it->children[k].label, "Setup days") == 0) {
                o->setup_days = it->children[k].value.scaled;
                o->has_setup = true;
            }
    }
    if (count)
        qsort(*out, count, sizeof **out, ota_order);
    return count;
}

static bool same_step(const ota *a, const ota *b)
{
    return a->commission == b->commission && a->setup_days == b->setup_days;
}

/* `label` names `name` as whole words, case aside: "Claim the Google
 * Business Profile" names "Google Business Profile". */

/* An action that names one of its own business's Marketing channels
 * tagged `tag` is that channel's step, already listed once: the CMO sees
 * each business + channel once. */
static bool action_repeats_channel(const report_entry *action, const char *tag)
{
    const section *s = &action->entity->sections[SECTION_MARKETING];
    for (size_t i = 0; i < s->item_count; i++)
        if (model_item_has_tag(&s->items[i], tag) &&
            report_names_word(action->item->label, s->items[i].label))
            return true;
    return false;
}

/* A channel's priority rank (0 high .. 3 none): its own, or that of the
 * highest-priority action of its business that names it — the action is
 * the channel's step, so the plan dates it as the CEO's agenda does. */
static int channel_rank(const report_context *c, const entity *e, const char *channel, int own)
{
    report_entry *actions;
    size_t count = entity_items(c, e, SECTION_ACTIONS, NULL, &actions);
    int rank = own;
    for (size_t i = 0; i < count; i++)
        if (actions[i].rank < rank && report_names_word(actions[i].item->label, channel))
            rank = actions[i].rank;
    return rank;
}

/* The highest-ranked `## Actions` item of `e` that names `channel`, NULL
 * when none does: the step keeps its owner and date (reports.md CMO
 * headline 3, eyes-final9 W17). */
static const item *channel_action(const report_context *c, const entity *e, const char *channel)
{
    report_entry *actions;
    size_t count = entity_items(c, e, SECTION_ACTIONS, NULL, &actions);
    const report_entry *best = NULL;
    for (size_t i = 0; i < count; i++)
        if (report_names_word(actions[i].item->label, channel) &&
            (!best || actions[i].rank < best->rank))
            best = &actions[i];
    return best ? best->item : NULL;
}

/* reports.md CMO, OTA order (eyes-final8 U15): setup days only break a tie
 * of commissions, so they are asked, once and in plain words, only for the
 * candidates that share a commission and do not state them: "VRBO and
 * Booking.com take the same 8%: add `Setup days: N` under each (or
 * the names of those without them) in the Marketing of <file> (how many days each takes to set
 * up), so the quicker one is listed first." `otas` is sorted by commission. */
static void put_setup_days_ask(const report_context *c, const entity *e, const ota *otas,
                               size_t count, strbuf *out)
{
    for (size_t i = 0; i < count;) {
        size_t end = i + 1, lacking = !otas[i].has_setup;
        while (end < count && otas[end].commission == otas[i].commission)
            lacking += !otas[end++].has_setup;
        if (end - i > 1 && lacking) {
            strbuf tied = STRBUF_INIT, asked = STRBUF_INIT;
            for (size_t k = i, a = 0; k < end; k++) {
                strbuf_printf(&tied, "%s%s", k == i ? "" : k + 1 == end ? " and " : ", ",
                              otas[k].name);
                if (otas[k].has_setup)
                    continue;
                strbuf_printf(&asked, "%s%s", !a ? "" : a + 1 == lacking ? " and " : ", ",
                              otas[k].name);
                a++;
                report_note_asked(c, e, SECTION_MARKETING,
                                  report_format(c, "Setup days: N` under `%s", otas[k].name));
            }
            strbuf_printf(out, "%s take the same %s: add `Setup days: N` under %s in the "
                               "Marketing of %s (how many days each takes to set up), so the "
                               "quicker one is listed first.\n\n",
                          strbuf_cstr(&tied), report_percent_text(c, otas[i].commission),
                          lacking == end - i ? "each" : strbuf_cstr(&asked), e->path);
            strbuf_free(&tied);
            strbuf_free(&asked);
        }
        i = end;
    }
}

static void put_ota(const report_context *c, const entity *e, const ota *otas, size_t count,
                    strbuf *out)
{
    static const report_column columns[] = {
        {"Step", REPORT_RIGHT},
        {"Platform", REPORT_LEFT},
        {"Commission", REPORT_RIGHT},
        {"Setup days", REPORT_RIGHT},
    };
    bool any_setup = false; /* no column that no row knows (eyes-final5b R14) */
    for (size_t i = 0; i < count; i++)
        any_setup |= otas[i].has_setup;
    report_table t;
    report_table_init(&t, c->arena, columns, any_setup ? 4 : 3);
    strbuf_puts(out, "Sequence: **");
    int step = 0;
    for (size_t i = 0; i < count; i++) {
        bool joins = i > 0 && same_step(&otas[i - 1], &otas[i]);
        if (!joins)
            step++;
        strbuf_puts(out, i == 0 ? "" : joins ? "/" : " \u2192 ");
        strbuf_puts(out, otas[i].name);
        const char *cells[] = {report_format(c, "%d", step), otas[i].name,
                               report_percent_text(c, otas[i].commission),
                               otas[i].has_setup ? report_scaled_text(c, otas[i].setup_days)
                                                 : "not stated"};
        report_table_row_cells(&t, cells);
    }
    strbuf_puts(out, count == 1 ? "**: its only OTA candidate.\n" : "**.\n");
    report_table_write(&t, out);
    for (size_t i = 0; i < count; i++)
        put_ota_below_floor(c, e, &otas[i], out);
}

/* The entity's top-level items of `kind` tagged `tag`, by priority. */
static size_t entity_items(const report_context *c, const entity *e, section_kind kind,
                           const char *tag, report_entry **out)
{
    report_entry *all;
    size_t count = report_collect_items(c, kind, tag, &all), n = 0;
    for (size_t i = 0; i < count; i++)
        if (all[i].entity == e)
            all[n++] = all[i];
    *out = all;
    return n;
}

/* A plan step is a sentence (reports.md, CMO Plans): "Set up backups". */
static const char *capitalised(const report_context *c, const char *text)
{
    char *copy = report_format(c, "%s", text);
    copy[0] = (char)toupper((unsigned char)copy[0]);
    return copy;
}

/* A channel is set up when tagged `missing` and maintained otherwise; an
 * action is written as it is. */
static void put_seo_step(const report_context *c, const report_entry *entry, bool is_channel,
                         size_t number, strbuf *out)
{
    const item *it = entry->item;
    bool missing = model_item_has_tag(it, "missing");
    /* a channel to set up that an action names is set up in the handoff's words (A11) */
    const item *action = is_channel && missing ? channel_action(c, entry->entity, it->label) : NULL;
    const char *verb = !is_channel || action ? "" : missing ? "Set up " : "Maintain ";
    const char *label = action ? action->label : it->label;
    bool show_text = !missing && it->value.kind == VALUE_TEXT && *it->text;
    static const char *const rank_names[] = {"high", "medium", "low"};
    strbuf_printf(out, "%zu. %s%s%s", number, verb, *verb ? label : capitalised(c, label),
                  show_text ? report_format(c, " (%s)", it->text) : "");
    if (entry->rank < 3)
        strbuf_printf(out, " \u2014 %s priority", rank_names[entry->rank]);
    strbuf_putc(out, '\n');
}

/* The entity's `seo` channels and `seo` actions, merged by priority. */
static size_t put_seo(const report_context *c, const entity *e, strbuf *out)
{
    report_entry *channels, *actions;
    size_t channel_count = entity_items(c, e, SECTION_MARKETING, "seo", &channels);
    for (size_t i = 0; i < channel_count; i++)
        channels[i].rank = channel_rank(c, e, channels[i].item->label, channels[i].rank);
    size_t action_count = entity_items(c, e, SECTION_ACTIONS, "seo", &actions);
    size_t n = 0;
    for (int rank = 0; rank <= 3; rank++) {
        for (size_t i = 0; i < channel_count; i++)
            if (channels[i].rank == rank) {
                if (!n)
                    strbuf_puts(out, "### Local SEO roadmap\n\n");
                put_seo_step(c, &channels[i], true, ++n, out);
            }
        for (size_t i = 0; i < action_count; i++)
            if (actions[i].rank == rank && !action_repeats_channel(&actions[i], "seo")) {
                if (!n)
                    strbuf_puts(out, "### Local SEO roadmap\n\n");
                put_seo_step(c, &actions[i], false, ++n, out);
            }
    }
    if (n)
        strbuf_putc(out, '\n');
    return n;
}

/* Milestone windows: priority high in 30 days, medium in 60, low or none
 * in 90; OTA step N goes live in window N (the last window at most). */
#define WINDOW_COUNT 3
static const char *const windows[WINDOW_COUNT] = {"30 days", "60 days", "90 days"};
static const int rank_window[] = {0, 1, 2, 2};

typedef struct {
    int window;
    const char *text;
    bool high;         /* the handoff ranks it high (a tag or a high action), not the OTA order */
    const char *label; /* the step alone, as another report names it; NULL: the text */
    const item *action; /* the handoff's own action behind it, whose owner and date it keeps
                           (W17); NULL when the plan made the step */
} milestone;

typedef struct {
    milestone *items;
    size_t count;
    size_t capacity;
} milestone_list;

static milestone *add_milestone(const report_context *c, milestone_list *list, int window,
                                const char *text)
{
    milestone *m =
        arena_push(c->arena, (void **)&list->items, &list->count, &list->capacity, sizeof *m);
    *m = (milestone){window < WINDOW_COUNT ? window : WINDOW_COUNT - 1, text, false, NULL, NULL};
    return m;
}

/* reports.md CMO, Plans "30/60/90 days" (eyes-final6a T1): the words that
 * make an action a marketing one without the `marketing` tag. */
static const char *const marketing_action_words[] = {"blast", "listing", "review"};

/* An `## Actions` item that is the entity's own marketing step and that no
 * other step of the plan holds: `revenue` ones are milestones already,
 * `seo` ones the Local SEO roadmap's, a channel's its channel step. */
static bool is_own_marketing_action(const report_entry *action)
{
    const item *it = action->item;
    bool marketing = model_item_has_tag(it, "marketing");
    for (size_t i = 0; !marketing && i < sizeof marketing_action_words / sizeof *marketing_action_words;
         i++)
        marketing = report_names_word(it->label, marketing_action_words[i]);
    return marketing && !model_item_has_tag(it, "revenue") && !model_item_has_tag(it, "seo") &&
           !action_repeats_channel(action, "ota") && !action_repeats_channel(action, "missing");
}

/* "Send the first blast to the e-mail list (<file>:41), by 2027-01-30: if
 * the assumed rates hold, $124–$196 of sales per send ...": its line, its
 * one date, and for a blast what one send of its own model brings. */
static void add_marketing_actions(const report_context *c, const entity *e, milestone_list *list)
{
    report_amount net;
    report_blast_model best = {0};
    /* the best blast's own action is its E-mail blast step (check17 D6) */
    bool blast_step = report_blast_best(c, &net, &best) == e && net.low > 0;
    report_entry *actions;
    size_t count = entity_items(c, e, SECTION_ACTIONS, NULL, &actions);
    for (size_t i = 0; i < count; i++) {
        const item *it = actions[i].item;
        if (!is_own_marketing_action(&actions[i]) ||
            (blast_step && report_names_word(it->label, "blast")))
            continue;
        int days = report_action_due_days(c, e, it);
        const char *brings =
            report_names_word(it->label, "blast") ? report_blast_send_text(c, e) : NULL;
        milestone *m = add_milestone(
            c, list, report_due_window(days),
                      report_format(c, "%s (%s:%d), by %s%s%s", capitalised(c, it->label), e->path,
                                    it->line, report_due_date_text(c, days), brings ? ": " : "",
                                    brings ? brings : ""));
        m->high = actions[i].rank == 0;
        m->label = capitalised(c, it->label);
        m->action = it;
    }
}

/* reports.md CMO, 30/60/90 days (eyes-final19 A11, eyes-final20 B9c): a
 * step an `## Actions` item is behind, in that action's words, its cost
 * when it has one and its one date, the CEO agenda's: "Launch a spring
 * term enrolment drive ($150), by 2026-12-29". */
static const char *action_step_text(const report_context *c, const entity *e, const item *action)
{
    bool costs = action->value.kind == VALUE_MONEY && action->value.money.high_cents > 0;
    return report_format(c, "%s%s, by %s", capitalised(c, action->label),
                         costs ? report_format(c, " (%s)", report_written_amount(c, action)) : "",
                         report_action_due_date(c, e, action));
}

static void collect_milestones(const report_context *c, const entity *e, const ota *otas,
                               size_t ota_count, milestone_list *list)
{
    *list = (milestone_list){0};
    for (size_t i = 0, step = 0; i < ota_count; i++) {
        if (i == 0 || !same_step(&otas[i - 1], &otas[i]))
            step++;
        int rank = channel_rank(c, e, otas[i].name, 3), by_action = rank_window[rank];
        const char *text = report_format(c, "List on %s (%s commission%s)", otas[i].name,
                                         report_percent_text(c, otas[i].commission),
                                         ota_floor_clause(c, e, &otas[i]));
        const item *action = channel_action(c, e, otas[i].name);
        milestone *m = add_milestone(
            c, list, by_action < (int)step - 1 ? by_action : (int)step - 1,
            action ? report_format(c, "%s, by %s", text, report_action_due_date(c, e, action))
                   : text);
        m->high = rank == 0;
        m->label = text;
        m->action = action;
    }
    report_entry *missing, *revenue;
    size_t missing_count = entity_items(c, e, SECTION_MARKETING, "missing", &missing);
    for (size_t i = 0; i < missing_count; i++) {
        int rank = channel_rank(c, e, missing[i].item->label, missing[i].rank);
        const item *action = channel_action(c, e, missing[i].item->label);
        milestone *m = add_milestone(
            c, list, rank_window[rank],
            action ? action_step_text(c, e, action)
                   : report_format(c, "Set up %s", missing[i].item->label));
        m->high = rank == 0;
        m->label = action ? capitalised(c, action->label) : NULL; /* the handoff's verb (A11) */
        m->action = action;
    }
    size_t revenue_count = entity_items(c, e, SECTION_ACTIONS, "revenue", &revenue);
    for (size_t i = 0; i < revenue_count; i++)
        if (!action_repeats_channel(&revenue[i], "ota") &&
            !action_repeats_channel(&revenue[i], "missing"))
        {
            milestone *m = add_milestone(
                c, list, report_due_window(report_action_due_days(c, e, revenue[i].item)),
                action_step_text(c, e, revenue[i].item));
            m->high = revenue[i].rank == 0;
            m->label = capitalised(c, revenue[i].item->label);
            m->action = revenue[i].item;
        }
    add_marketing_actions(c, e, list);
}

/* The plan's 30/60/90-day steps of `e`, its OTA order read for them: the
 * one reading every caller that needs only the steps shares. */
static void plan_steps(const report_context *c, const entity *e, milestone_list *steps)
{
    ota *otas;
    size_t ota_count = collect_otas(c, e, &otas);
    collect_milestones(c, e, otas, ota_count, steps);
}

static void put_milestones(const milestone_list *list, strbuf *out)
{
    if (!list->count)
        return;
    strbuf_puts(out, "### 30/60/90-day milestones\n\n");
    for (int w = 0; w < WINDOW_COUNT; w++) {
        size_t n = 0;
        for (size_t i = 0; i < list->count; i++)
            if (list->items[i].window == w) {
                if (!n)
                    strbuf_printf(out, "**%s**\n\n", windows[w]);
                report_bullet(out, &n, "%s", list->items[i].text);
            }
        if (n)
            strbuf_putc(out, '\n');
    }
}

const char *report_cmo_first_step_text(const report_context *c, const entity *e)
{
    milestone_list steps;
    plan_steps(c, e, &steps);
    const milestone *first = NULL;
    for (size_t i = 0; i < steps.count; i++) /* the earliest window, the plan's order */
        if (!first || steps.items[i].window < first->window)
            first = &steps.items[i];
    return first ? (first->label ? first->label : first->text) : NULL;
}

/* An off-season business's gap: the loss is the off-season's, and where the
 * season's break-even stands against what it sells and can sell (reports.md,
 * CMO Plans "Revenue gap"; eyes-final4 P6, eyes-final11 Y4): never "in season
 * it needs N", a target it may pass by far in season. */
static void put_off_season_gap(const report_context *c, const entity *e, int64_t net,
                               const report_unit_economics *u, const report_season *season,
                               strbuf *out)
{
    const char *plural = report_unit_plural(c, u->unit, false);
    const item *available = model_find_item(
        e, SECTION_KPIS,
        report_format(c, "%s available per month", report_unit_plural(c, u->unit, true)));
    strbuf_printf(out, "%s burns %s/month in the %s: it sells %s %s a month and breaks even at %lld",
                  e->title, report_dollars_text(c, net),
                  season->month_name ? report_format(c, "off-season, until %s", season->month_name)
                                     : "off-season",
                  report_scaled_text(c, u->volume_scaled), plural, (long long)u->break_even_units);
    if (available && available->value.kind == VALUE_NUMBER)
        strbuf_printf(out, " (of %s available)", report_scaled_text(c, available->value.scaled));
}

/* The gap of a business below break-even that is in season: the units to add. */
static void put_units_gap(const report_context *c, const entity *e, int64_t net,
                          const report_unit_economics *u, strbuf *out)
{
    strbuf_printf(out, "%s burns %s/month", e->title, report_dollars_text(c, net)); /* whole (P12) */
    int64_t more = u->break_even_units - u->volume_scaled / MODEL_SCALE;
    if (report_churn_kpi(e)) /* subscriptions are a stock (check17 A4) */
        strbuf_printf(out, ": to break even it needs to %s",
                      report_units_to_add_text(c, e, u, more));
    else
        strbuf_printf(out, ": it needs %lld more %s a month to break even (%lld; it sells %s)",
                      (long long)more, more == 1 ? u->unit : report_unit_plural(c, u->unit, false),
                      (long long)u->break_even_units, report_scaled_text(c, u->volume_scaled));
}

/* "### Revenue gap" of a burning entity: the units it must add (or the
 * revenue it needs) and, with a complete blast model, what one send brings
 * (reports.md, CMO, Plans). False when it does not burn. */
static bool put_revenue_gap(const report_context *c, const entity *e, strbuf *out)
{
    int64_t net = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
    if (net <= 0)
        return false;
    strbuf_puts(out, "### Revenue gap\n\n");
    report_unit_economics u;
    report_season season;
    bool below = report_unit_economics_of(c, e, &u) && u.has_price && u.has_volume &&
                 u.reachable && u.volume_scaled / MODEL_SCALE < u.break_even_units;
    if (below && report_entity_off_season(c, e, &season)) {
        put_off_season_gap(c, e, net, &u, &season, out);
    } else if (below) {
        put_units_gap(c, e, net, &u, out);
    } else { /* the CFO's break-even figure: costs that move with revenue grow too (H1) */
        strbuf_printf(out, "%s burns %s/month", e->title, report_dollars_text(c, net));
        int64_t more;
        if (report_revenue_to_break_even(c, e, &more, NULL))
            strbuf_printf(out, ": it needs %s a month more revenue to break even%s",
                          report_dollars_text(c, more),
                          more > net ? " (costs that move with revenue grow with it)" : "");
        else
            strbuf_puts(out, ": no revenue closes it, the costs that move with revenue take all "
                             "of it (the CFO's Revenue targets)");
    }
    report_blast_put_gap_clause(c, e, out);
    strbuf_puts(out, ".\n\n");
    return true;
}

/* reports.md, CMO Plans "No `## Marketing` section": ask for it and name
 * the marketing facts the file has, its quoted work (eyes-final G14). */
/* A `## Clients` item tagged `quoted` with an amount: work waiting for an
 * answer, a step of a plan without `## Marketing`. */
static bool quote_to_follow_up(const item *it, report_amount *amount)
{
    return model_item_has_tag(it, "quoted") && report_item_amount(it, amount);
}

/* `headline_asked`: headline 1 already asked every handoff for the section
 * (put_no_marketing_stated): the plan does not ask again (reports.md, R9;
 * eyes-final7 U5) and keeps only its quoted work. */
static bool put_no_marketing(const report_context *c, const entity *e, bool headline_asked,
                             strbuf *out)
{
    if (e->has_section[SECTION_MARKETING])
        return false;
    report_note_asked_section(c, e, SECTION_MARKETING); /* the one ask (R9) */
    strbuf quotes = STRBUF_INIT;
    const section *s = &e->sections[SECTION_CLIENTS];
    size_t n = 0;
    report_amount a;
    for (size_t i = 0; i < s->item_count; i++)
        if (quote_to_follow_up(&s->items[i], &a))
            report_bullet(&quotes, &n, "Follow up the %s quote: %s.", report_amount_text(c, &a),
                          s->items[i].label);
    if (!headline_asked)
        strbuf_printf(out, "### Marketing\n\nNo `## Marketing` section: add one to %s with its "
                           "channels, e-mail list and spend.\n\n",
                      e->path);
    else if (n)
        strbuf_puts(out, "### Marketing\n\n");
    strbuf_puts(out, strbuf_cstr(&quotes));
    strbuf_free(&quotes);
    if (n)
        strbuf_putc(out, '\n');
    return !headline_asked || n; /* whether the plan says anything here */
}

/* The first quote a plan follows up (put_no_marketing) in entity order:
 * the decision when the plans hold no dated step (check17 E7). */
static const item *first_quote_step(const report_context *c, const entity **who,
                                    report_amount *amount)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[SECTION_CLIENTS];
        for (size_t j = 0; !e->has_section[SECTION_MARKETING] && j < s->item_count; j++)
            if (quote_to_follow_up(&s->items[j], amount)) {
                *who = e;
                return &s->items[j];
            }
    }
    return NULL;
}

/* reports.md, CMO Plans "Marketing spend": each spend and what it brings,
 * or the KPI that would say (eyes-final G11). */
static size_t put_spends(const report_context *c, const entity *e, strbuf *out)
{
    const section *x = &e->sections[SECTION_EXPENSES];
    size_t n = 0;
    for (size_t j = 0; j < x->item_count; j++) {
        const item *spend = &x->items[j];
        if (!is_marketing_spend(spend))
            continue;
        if (!n)
            strbuf_puts(out, "### Marketing spend\n\n");
        const item *result = NULL;
        const section *k = &e->sections[SECTION_KPIS];
        for (size_t i = 0; i < k->item_count && !result; i++)
            if (report_names_word(k->items[i].label, spend->label) && k->items[i].value.kind != VALUE_TEXT)
                result = &k->items[i];
        if (result) {
            report_bullet(out, &n, "%s, %s: brings %s (`%s`).", spend->label,
                          report_written_amount(c, spend), report_written_amount(c, result),
                          result->label);
            continue;
        }
        report_unit_economics u;
        const char *what = report_unit_economics_of(c, e, &u)
                               ? report_unit_plural(c, u.unit, true)
                               : "Sales";
        const char *kpi = report_format(c, "%s from %s per month", what, spend->label);
        report_note_asked(c, e, SECTION_KPIS, report_format(c, "%s: N", kpi)); /* its one ask (R9) */
        report_bullet(out, &n, "%s, %s: no figure in the file says what it brings: add `%s: N` "
                               "to the KPIs of %s, so the report can tell whether the spend pays "
                               "for itself.", /* why it is asked (U15) */
                      spend->label, report_written_amount(c, spend), kpi, e->path);
    }
    if (n)
        strbuf_putc(out, '\n');
    return n;
}

/* The entity's first action whose label names `word`, NULL without one. */
static const item *action_naming(const entity *e, const char *word)
{
    const section *s = &e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < s->item_count; i++)
        if (report_names_word(s->items[i].label, word))
            return &s->items[i];
    return NULL;
}

/* Whether a step of the 30/60/90-day plan already names `word`. */
static bool any_step_names(const milestone_list *steps, const char *word)
{
    for (size_t j = 0; j < steps->count; j++)
        if (report_names_word(steps->items[j].text, word))
            return true;
    return false;
}

/* reports.md, CMO Plans "E-mail blast": the best blast's business sends it
 * (eyes-final G11), in its own action's words when one names the blast
 * ("Send the first blast to the e-mail list", check17 D6: the headline's
 * decision is in a plan); only a dated step of the plan that already names
 * the blast replaces it. */
static bool put_blast_step(const report_context *c, const entity *e,
                           const milestone_list *steps, strbuf *out)
{
    report_amount net;
    report_blast_model b = {0};
    const char *said, *need;
    bool best = report_blast_best(c, &net, &b) == e;
    report_blast own;
    if (report_blast_funding(c, &said, &need) == e && report_blast_of(c, e, &own)) {
        /* the decision's send (T16), on the CEO agenda's day and owner (U12) */
        bool named = e->owner && *e->owner;
        strbuf_printf(out,
                      "### E-mail blast\n\nSend the blast to the %s-recipient list now %s, by "
                      "%s%s%s; %s.\n\n",
                      report_scaled_text(c, own.recipients), said,
                      report_due_date_text(c, REPORT_DUE_SHORTFALL_DAYS),
                      named ? ", owner " : "", named ? e->owner : "",
                      report_blast_funding_check_text(c, e, true)); /* fixV2 U5 */
        (void)need;
        return true;
    }
    if (!best || net.low <= 0 || any_step_names(steps, "blast"))
        return false;
    report_blast_put_plan_step(c, e, &b, net, action_naming(e, "blast"), out);
    return true;
}

/* reports.md CMO, after the plans (eyes-final5b R14): the channels of an
 * entity whose only steps would be to maintain them, "Portfolio site
 * (dangerouscentaur.com)"; NULL when it has an `seo` action or a channel
 * to set up. */
static const char *upkeep_only_text(const report_context *c, const entity *e)
{
    report_entry *channels, *actions;
    size_t count = entity_items(c, e, SECTION_MARKETING, "seo", &channels);
    if (!count || entity_items(c, e, SECTION_ACTIONS, "seo", &actions))
        return NULL;
    strbuf text = STRBUF_INIT;
    for (size_t i = 0; i < count; i++) {
        const item *it = channels[i].item;
        if (model_item_has_tag(it, "missing")) {
            strbuf_free(&text);
            return NULL;
        }
        bool shown = it->value.kind == VALUE_TEXT && *it->text;
        strbuf_printf(&text, "%s%s%s", i == 0 ? "" : i + 1 == count ? " and " : ", ", it->label,
                      shown ? report_format(c, " (%s)", it->text) : "");
    }
    const char *result = report_format(c, "%s", strbuf_cstr(&text));
    strbuf_free(&text);
    return result;
}

/* reports.md CMO, Plans "Spare capacity" (eyes-final8 U4): the units a
 * business has and does not sell, in the Audit's and the CEO's words from
 * their one function, and whether a step of the plan is there to fill them.
 * False when it has none to sell. */
static bool put_spare_capacity(const report_context *c, const entity *e, bool has_step,
                               strbuf *out)
{
    const char *sell = report_spare_capacity_text(c, e);
    if (!sell)
        return false;
    strbuf_printf(out, "### Spare capacity\n\n%c%s. %s\n\n", toupper((unsigned char)*sell),
                  sell + 1,
                  has_step ? "The marketing steps below are to fill them."
                           : "No marketing step in the file fills them yet.");
    return true;
}

/* reports.md CMO, Plans "Revenue at risk" (eyes-final20 B9b): `e`'s first
 * `high` risk that names lost revenue with a monthly amount, marketing's
 * to answer; NULL without one. */
static const item *revenue_risk(const report_context *c, const entity *e, report_amount *amount)
{
    const section *s = &e->sections[SECTION_RISKS];
    for (size_t i = 0; i < s->item_count; i++) {
        const item *risk = &s->items[i];
        if (report_item_priority_rank(risk) == 0 && report_risk_names_lost_revenue(risk) &&
            report_item_monthly(c, e, risk, amount) && amount->mid > 0)
            return risk;
    }
    return NULL;
}

/* The spare units of `e` a month (KPI "<Unit>s available per month" above
 * what it sells), scaled; 0 without them. */
static int64_t spare_units(const report_context *c, const entity *e, const report_unit_economics *u)
{
    const item *available = model_find_item(
        e, SECTION_KPIS,
        report_format(c, "%s available per month", report_unit_plural(c, u->unit, true)));
    if (!u->has_volume || !available || available->value.kind != VALUE_NUMBER ||
        available->value.scaled <= u->volume_scaled)
        return 0;
    return available->value.scaled - u->volume_scaled;
}

/* "could take $5,500/month of revenue, about 23 jobs a month at $240, more
 * than the 10 jobs/month still available": the units as the Audit counts
 * them (the amount ÷ the price, rounded up), the spare ones only when the
 * risk takes more; an amount over the revenue it can come from says so
 * instead of units (the guard, eyes-final8 V1). */
static const char *risk_takes_text(const report_context *c, const entity *e, const item *risk,
                                   const report_amount *amount)
{
    const char *takes = report_format(c, "could take %s/month of revenue",
                                      report_dollars_text(c, amount->mid));
    const char *over = report_risk_over_revenue_text(c, e, risk, amount->mid);
    if (over)
        return report_format(c, "%s: %s", takes, over);
    report_unit_economics u;
    report_missing unasked = {0}; /* the CFO asks for what is missing */
    report_context quiet = *c;
    quiet.missing = &unasked;
    if (!report_unit_economics_of(&quiet, e, &u) || !u.has_price || u.price <= 0)
        return takes;
    int64_t units = report_ceil_div(amount->mid, u.price), spare = spare_units(c, e, &u);
    takes = report_format(c, "%s, about %s a month at %s", takes,
                          report_unit_count(c, u.unit, units * MODEL_SCALE),
                          report_cents_text(c, u.price));
    if (spare && units * MODEL_SCALE > spare)
        takes = report_format(c, "%s, more than the %s %s/month still available", takes,
                              report_scaled_text(c, spare), report_unit_plural(c, u.unit, false));
    return takes;
}

/* The first `## Actions` item of `e` that answers `risk` (the Audit's
 * test), as a step in a sentence with its one date: "add a maintenance-plan
 * subscription, by 2027-01-30"; NULL without one. */
static const char *step_in_sentence(const report_context *c, const char *step);
static const char *risk_step_text(const report_context *c, const entity *e, const item *risk)
{
    const section *s = &e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < s->item_count; i++)
        if (report_action_answers_risk(&s->items[i], risk))
            return report_format(c, "%s, by %s", step_in_sentence(c, s->items[i].label),
                                 report_action_due_date(c, e, &s->items[i]));
    return NULL;
}

/* "### Revenue at risk" (reports.md CMO, Plans; eyes-final20 B9b): the
 * high lost-revenue risk with its figures from the data and the step that
 * answers it. False when `e` has none. */
static bool put_revenue_risk(const report_context *c, const entity *e, strbuf *out)
{
    report_amount amount;
    const item *risk = revenue_risk(c, e, &amount);
    if (!risk)
        return false;
    strbuf_printf(out, "### Revenue at risk\n\n%s (%s:%d, high): %s", risk->label, e->path,
                  risk->line, risk_takes_text(c, e, risk, &amount));
    int64_t net = report_entity_revenue(c, e).mid - report_entity_burn(c, e).mid;
    /* the CEO's and CFO's measure; none over the revenue it can come from (V1) */
    if (!report_risk_over_revenue_text(c, e, risk, amount.mid))
        strbuf_printf(out, "; at today's margin it costs %s/month (%s %s %s/month today)",
                      report_dollars_text(c, report_risk_cost(c, e, risk, amount.mid)), e->title,
                      net >= 0 ? "makes" : "loses", report_dollars_text(c, net >= 0 ? net : -net));
    const char *step = risk_step_text(c, e, risk);
    if (step)
        strbuf_printf(out, ". Its step: %s.\n\n", step);
    else
        strbuf_printf(out, ". No step in %s answers it yet.\n\n", e->path);
    return true;
}

/* Headline 2 when no list is in scope (reports.md CMO; eyes-final20 B9a):
 * the first plan's revenue at risk, in the plan's words. False when none. */
static bool put_revenue_risk_headline(const report_context *c, strbuf *out)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_amount amount;
        const item *risk = revenue_risk(c, e, &amount);
        if (!risk)
            continue;
        const char *step = risk_step_text(c, e, risk);
        strbuf_printf(out, "- Revenue at risk: %s high \"%s\" %s; %s.\n",
                      report_possessive(c, e->title), risk->label,
                      risk_takes_text(c, e, risk, &amount),
                      step ? report_format(c, "its step: %s", step)
                           : report_format(c, "no step in %s answers it yet", e->path));
        return true;
    }
    return false;
}

static void put_plans(const report_context *c, bool headline_asked, strbuf *out)
{
    strbuf idle = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        ota *otas;
        size_t ota_count = collect_otas(c, e, &otas);
        milestone_list steps;
        collect_milestones(c, e, otas, ota_count, &steps);
        strbuf plan = STRBUF_INIT;
        bool gap = put_revenue_gap(c, e, &plan);
        bool asked = put_no_marketing(c, e, headline_asked, &plan);
        strbuf send = STRBUF_INIT; /* after the spare capacity it is to fill */
        bool blast = put_blast_step(c, e, &steps, &send);
        bool spare = put_spare_capacity(c, e, blast || steps.count, &plan);
        strbuf_puts(&plan, strbuf_cstr(&send));
        strbuf_free(&send);
        size_t spends = put_spends(c, e, &plan);
        put_listed_otas(c, e, &plan);
        if (ota_count) {
            put_ota(c, e, otas, ota_count, &plan);
            put_setup_days_ask(c, e, otas, ota_count, &plan);
        }
        size_t seo = put_seo(c, e, &plan);
        put_milestones(&steps, &plan);
        /* last: its step is one of those above, named after them (B9b) */
        bool at_risk = put_revenue_risk(c, e, &plan);
        bool planned =
            gap || asked || spare || at_risk || blast || spends || ota_count || steps.count;
        const char *kept = !planned && seo ? upkeep_only_text(c, e) : NULL;
        if (kept) /* one line, not a one-step plan */
            strbuf_printf(out, "## Plan: %s\n\nNothing to set up in %s: keep its %s as %s.\n\n",
                          e->title, e->path, kept, seo == 1 ? "it is" : "they are");
        else if (planned || seo)
            strbuf_printf(out, "## Plan: %s\n\n%s", e->title, strbuf_cstr(&plan));
        else
            strbuf_printf(&idle, "%s%s (%s)", idle.len ? ", " : "", e->title, e->path);
        strbuf_free(&plan);
    }
    if (idle.len)
        strbuf_printf(out,
                      "No marketing step for %s: the file lists no channel to set up, no spend, "
                      "and no revenue action.\n\n", /* no jargon (eyes-final15 S8) */
                      strbuf_cstr(&idle));
    strbuf_free(&idle);
}

/* The first step of window `w` in entity order (only those the handoff
 * ranks high when `high_only`). */
static bool first_step_of(const report_context *c, int w, bool high_only, const entity **who,
                          const milestone **step)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        milestone_list steps;
        plan_steps(c, c->entities[i], &steps);
        for (size_t j = 0; j < steps.count; j++)
            if (steps.items[j].window == w && (!high_only || steps.items[j].high)) {
                *who = c->entities[i];
                *step = &steps.items[j];
                return true;
            }
    }
    return false;
}

/* reports.md, CMO headline 3: the handoff's own high steps first, so the
 * CMO and the CEO agenda name the same next step. */
static bool first_step(const report_context *c, int w, const entity **who, const milestone **step)
{
    return first_step_of(c, w, true, who, step) || first_step_of(c, w, false, who, step);
}

/* reports.md CMO headline 3 (eyes-final5b R14): a plan step inside the
 * decision's sentence, "JADA to list on Sailo": its first letter in lower
 * case, unless the first word is an acronym ("SEO", "VRBO") that keeps it. */
static const char *step_in_sentence(const report_context *c, const char *step)
{
    char *copy = report_format(c, "%s", step);
    if (isupper((unsigned char)copy[0]) && !isupper((unsigned char)copy[1]))
        copy[0] = (char)tolower((unsigned char)copy[0]);
    return copy;
}

/* "Decision: Cedar Ridge Cabin to list on VRBO (5% commission), owner The
 * Delgado family, by 2026-12-08": a step the handoff's own action names
 * keeps that action's owner and one date, as the CEO agenda gives them;
 * any other step its window (reports.md CMO headline 3, eyes-final9 W17). */
static void put_step_decision(const report_context *c, const entity *who, const milestone *step,
                              int window, strbuf *out)
{
    const char *text = step->label ? step->label : step->text;
    strbuf_printf(out, "- Decision: %s to %s", who->title, step_in_sentence(c, text));
    if (!step->action) {
        strbuf_printf(out, ", within %s.\n\n", windows[window]);
        return;
    }
    const char *due = report_action_due_date(c, who, step->action);
    if (who->owner && *who->owner)
        strbuf_printf(out, ", owner %s, by %s.\n\n", who->owner, due);
    else
        strbuf_printf(out, ", by %s; name its owner.\n\n", due);
}

/* reports.md CMO headline 1 (eyes-final5b R7): the OTA candidates each
 * business is not on yet are channels still to set up, "2 OTAs still to
 * list for Pinecrest Lake Lodge (VRBO 8%, Booking.com 15%)"; NULL when no
 * business has one. */
static const char *otas_to_list_text(const report_context *c)
{
    strbuf text = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        ota *otas;
        size_t count = collect_otas(c, c->entities[i], &otas);
        if (!count)
            continue;
        strbuf_printf(&text, "%s%zu OTA%s still to list for %s (", text.len ? ", " : "", count,
                      count == 1 ? "" : "s", c->entities[i]->title);
        for (size_t k = 0; k < count; k++)
            strbuf_printf(&text, "%s%s %s", k ? ", " : "", otas[k].name,
                          report_percent_text(c, otas[k].commission));
        strbuf_putc(&text, ')');
    }
    const char *result = text.len ? report_format(c, "%s", strbuf_cstr(&text)) : NULL;
    strbuf_free(&text);
    return result;
}

/* reports.md CMO headline 3 (eyes-final6a T16): a business that needs
 * funding and whose own blast covers it sends that blast first, then takes
 * its own first 30-day step. False when none. */
static bool put_funding_decision(const report_context *c, strbuf *out)
{
    const char *said, *need;
    const entity *e = report_blast_funding(c, &said, &need);
    if (!e)
        return false;
    /* the one step every report says (fixV2 U5) */
    strbuf_printf(out, "- Decision: %s", report_blast_funding_step_named_text(c, e, true));
    (void)said;
    (void)need;
    milestone_list steps;
    plan_steps(c, e, &steps);
    for (size_t j = 0; j < steps.count; j++)
        if (steps.items[j].window == 0) {
            strbuf_printf(out, "; then %s", step_in_sentence(c, steps.items[j].text));
            break;
        }
    strbuf_puts(out, ".\n\n");
    return true;
}

/* reports.md CMO headline 1 (eyes-final20 B9c): every marketing action's
 * cost is marketing spend: the actions behind the plans' milestones that
 * cost more than $0, "Brightnote Music School's "Launch a spring term
 * enrolment drive", $150 one-off, by 2026-12-29"; `one` leaves the name
 * out. Appends to `out`, `*n` counting what it holds. */
static void put_marketing_action_costs(const report_context *c, bool one, strbuf *out, size_t *n)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        milestone_list steps;
        plan_steps(c, e, &steps);
        for (size_t j = 0; j < steps.count; j++) {
            const item *a = steps.items[j].action;
            if (!a || a->value.kind != VALUE_MONEY || a->value.money.high_cents <= 0)
                continue;
            strbuf_printf(out, "%s%s\"%s\", %s, by %s", (*n)++ ? "; " : "",
                          one ? "" : report_format(c, "%s ", report_possessive(c, e->title)),
                          a->label, report_written_amount(c, a), report_action_due_date(c, e, a));
        }
    }
}

/* No handoff has a `## Marketing` section, yet an expense is marketing
 * spend: said once, naming the section, and the spend named as money with
 * no figure of what it brings, not counted as a channel (check20 E10). */
static void put_no_marketing_stated(const report_context *c, const channel_matrix *m,
                                    strbuf *out)
{
    if (c->entity_count == 1)
        strbuf_printf(out, "- %s states no marketing: add a `## Marketing` section to its handoff",
                      c->entities[0]->title);
    else
        strbuf_puts(out, "- No business states its marketing: add a `## Marketing` section to "
                         "each handoff");
    bool one = c->entity_count == 1; /* its own name is already said */
    strbuf actions = STRBUF_INIT;
    size_t costed = 0;
    put_marketing_action_costs(c, one, &actions, &costed);
    /* never "only" beside an action that costs money too (B9c) */
    strbuf_puts(out, costed            ? "; marketing spends: "
                     : m->listed > 1 ? "; marketing spends with no figure of what they bring: "
                     : one           ? "; its only marketing spend is "
                                     : "; the only marketing spend is ");
    for (size_t r = 0, n = 0; r < m->count; r++)
        for (size_t i = 0; i < c->entity_count; i++)
            if (m->rows[r].cells[i] && strcmp(m->rows[r].name, ANALYTICS_ROW) != 0)
                strbuf_printf(out, "%s%s%s%s, %s", n++ ? "; " : "", one ? "" : c->entities[i]->title,
                              one ? "" : "'s ", m->rows[r].name, m->rows[r].cells[i]);
    if (m->listed == 1 || (costed && m->listed))
        strbuf_printf(out, ", with no figure of what %s", m->listed == 1 ? "it brings" : "they bring");
    if (costed)
        strbuf_printf(out, "; %s", strbuf_cstr(&actions));
    strbuf_free(&actions);
}

/* No plan has a step, yet a business has units it does not sell: filling
 * them is the decision, and the step to add where (docs/reports.md, CMO
 * headline 3; fixS 5) — the plan's Spare capacity in the same words, never
 * "none forced" beside it. False when no business in scope has any. */
static bool put_spare_capacity_decision(const report_context *c, strbuf *out)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const char *sell = report_spare_capacity_text(c, e);
        if (!sell)
            continue;
        strbuf_printf(out, "- Decision: %s (%s): add a marketing step to %s \u2014 no marketing in the "
                           "file fills them yet.\n\n",
                      sell, e->title, e->path);
        return true;
    }
    return false;
}

/* "6 listings on 4 channels", or "3" when each channel is one business's:
 * what the matrix shows, counted (reports.md CMO headline 1; Z16). */
static const char *channels_text(const report_context *c, const channel_matrix *m)
{
    if (m->listed == m->channels)
        return report_format(c, "%zu", m->listed);
    return report_format(c, "%zu listings on %zu %s", m->listed, m->channels,
                         m->channels == 1 ? "channel" : "channels");
}

/* Three lines first: the channels, the best blast, and the first step. */
static void put_headline(const report_context *c, const channel_matrix *m, strbuf *out)
{
    strbuf_puts(out, "## Headline\n\n");
    const char *to_list = otas_to_list_text(c);
    if (!m->listed && (m->missing || to_list)) /* nothing live, something to set up (A4) */
        strbuf_puts(out, "- Channels: none live yet");
    else if (!m->listed) /* never "0 across 0 entities" (check17 E7) */
        strbuf_puts(out, "- No marketing channels stated");
    else if (!m->stated)
        put_no_marketing_stated(c, m, out);
    else
        strbuf_printf(out, "- Channels: %s across %zu %s%s", channels_text(c, m), m->holders,
                      m->holders == 1 ? "business" : "businesses",
                      m->holders < c->entity_count
                          ? report_format(c, " (of %zu in scope)", c->entity_count)
                          : "");
    if (m->missing)
        strbuf_printf(out, ", %zu to set up", m->missing);
    else if (m->listed && m->stated && !to_list) /* no channel is counted without one */
        strbuf_puts(out, ", none to set up");
    for (size_t r = 0, n = 0; r < m->count; r++)
        for (size_t i = 0; i < c->entity_count; i++)
            if (m->rows[r].cells[i] && strcmp(m->rows[r].cells[i], "MISSING") == 0)
                strbuf_printf(out, "%s%s (%s)", n++ ? ", " : ": ", m->rows[r].name,
                              c->entities[i]->title);
    if (to_list)
        strbuf_printf(out, "; %s", to_list);
    strbuf_puts(out, ".\n");
    report_amount net;
    report_blast_model model = {0};
    const entity *best = report_blast_best(c, &net, &model);
    if (best)
        report_blast_put_headline(c, best, &model, net, out);
    else if (report_blast_any_list(c))
        strbuf_puts(out, "- No complete e-mail blast model: the keys it lacks are listed in "
                         "Data quality.\n");
    else /* the E-mail blast section says it once; the line goes to a risk (B9a) */
        put_revenue_risk_headline(c, out);
    const entity *who;
    const milestone *step;
    if (put_funding_decision(c, out))
        return;
    if (first_step(c, 0, &who, &step)) {
        put_step_decision(c, who, step, 0, out);
        return;
    }
    if (best && report_blast_put_decision(c, best, &model, net, out))
        return;
    for (int w = 1; w < WINDOW_COUNT; w++)
        if (first_step(c, w, &who, &step)) {
            put_step_decision(c, who, step, w, out);
            return;
        }
    report_amount quote;
    const item *quoted = first_quote_step(c, &who, &quote);
    if (quoted) { /* a plan with a step is never "none forced" (check17 E7) */
        strbuf_printf(out, "- Decision: %s to follow up the %s %s quote, this week.\n\n", who->title,
                      report_amount_text(c, &quote), quoted->label);
        return;
    }
    if (put_spare_capacity_decision(c, out))
        return;
    strbuf_puts(out, "- Decision: none forced: no marketing step in the data.\n\n");
}

void report_cmo(const report_context *c, strbuf *out)
{
    channel_matrix matrix;
    build_matrix(c, &matrix);
    put_headline(c, &matrix, out);
    put_matrix(c, &matrix, out);
    report_blast_put_models(c, out);
    put_plans(c, matrix.listed && !matrix.stated, out); /* headline 1 asked them all */
}
