/* view_stats: the account's quota and two weeks of sending, from SES
 * (GetSendQuota, GetSendStatistics) on a worker: gauges for the quota and
 * for the bounce and complaint rates against SES's review thresholds (in
 * the colour of their level: ok, under review, at risk), and a bar chart
 * of delivery attempts over the two weeks that end when SES answered
 * (longer when SES sent older datapoints: the chart and the totals count
 * the same attempts). The
 * title says "asking…" while the question is out, then when the answer
 * came ("updated 09:12"). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/chart.h"
#include "ui/ui_internal.h"

#define STATS_GAUGE_WIDTH 30
#define STATS_GAUGE_LEAST 6
#define STATS_LABEL_WIDTH 16
#define STATS_AXIS_WIDTH 8

static void stats_run(void *job)
{
    stats_fetch *f = job;
    int exit_code;
    f->ok = send_stats_fetch(&f->connection, &f->quota, &f->points, &f->count, NULL, f->error,
                             sizeof f->error, &exit_code);
}

static void stats_start(ui_state *s)
{
    stats_state *st = &s->stats;
    if (st->worker.running)
        return;
    stats_fetch *f = &st->fetch;
    free(f->points);
    memset(f, 0, sizeof *f);
    st->loaded = false;
    if (!send_connection_resolve(&s->config, &f->connection, f->error, sizeof f->error)) {
        st->loaded = true;
        return;
    }
    if (!worker_start(&st->worker, stats_run, f, s->wake_pipe[1], f->error, sizeof f->error))
        st->loaded = true;
}

void view_stats_open(ui_state *s)
{
    ui_open_view(s, VIEW_STATS);
    stats_start(s);
}

void view_stats_collect(ui_state *s)
{
    if (!worker_collect(&s->stats.worker))
        return;
    s->stats.loaded = true;
    s->stats.answered_at = time(NULL);
    if (!s->stats.fetch.ok)
        return;
    stats_summarize(s->stats.fetch.points, s->stats.fetch.count, &s->stats.summary);
    account_adopt_quota(&s->account, &s->stats.fetch.quota);
}

void view_stats_close(ui_state *s)
{
    worker_wait(&s->stats.worker);
    free(s->stats.fetch.points);
    s->stats.fetch.points = NULL;
    s->stats.loaded = false;
}

/* A gauge filled in `role`'s colour, so its colour says its level. */
static void stats_gauge(ui_state *s, int y, const char *label, int64_t part, int64_t whole,
                        const char *text, ui_role role, int gauge_width)
{
    int x = s->layout.body.left + 2;
    ui_draw_string(y, x, STATS_LABEL_WIDTH, label, ui_style(s, ROLE_STRONG));
    x += STATS_LABEL_WIDTH;
    int filled = chart_gauge_cells(part, whole, gauge_width);
    for (int i = 0; i < gauge_width; i++)
        ui_draw_string(y, x + i, 1, i < filled ? "█" : "░", ui_style(s, i < filled ? role : ROLE_BORDER));
    ui_draw_string(y, x + gauge_width + 2, s->layout.body.width - x - gauge_width - 3, text,
                   ui_style(s, role));
}

static ui_role stats_level_role(stats_level level)
{
    return level == STATS_OK ? ROLE_OK : level == STATS_REVIEW ? ROLE_WARNING : ROLE_ERROR;
}

/* The gauges give way to their texts: each text (the verdict above all)
 * is read whole, the bars are as long as the rest of the line allows. */
static int stats_gauge_width(const ui_state *s, const char *const texts[], size_t count)
{
    int widest = 0;
    for (size_t i = 0; i < count; i++) {
        int width = ui_text_width(texts[i]);
        widest = width > widest ? width : widest;
    }
    int room = s->layout.body.width - 2 - STATS_LABEL_WIDTH - 2 - widest - 1;
    return room > STATS_GAUGE_WIDTH ? STATS_GAUGE_WIDTH : room < STATS_GAUGE_LEAST ? STATS_GAUGE_LEAST : room;
}

static int stats_draw_gauges(ui_state *s, int y)
{
    const stats_fetch *f = &s->stats.fetch;
    const stats_summary *m = &s->stats.summary;
    char quota[256], bounce[256], complaint[256], count[64];
    if (f->quota.max_24_hour_send < 0)
        snprintf(quota, sizeof quota, "%.0f sent in 24 h, no daily maximum · at most %.0f/s",
                 f->quota.sent_last_24_hours, f->quota.max_send_rate);
    else
        snprintf(quota, sizeof quota, "%.0f of %.0f sent, %.0f left · at most %.0f/s",
                 f->quota.sent_last_24_hours, f->quota.max_24_hour_send,
                 f->quota.max_24_hour_send - f->quota.sent_last_24_hours, f->quota.max_send_rate);
    ui_count(count, sizeof count, m->bounces, "bounce");
    /* The verdict first: at 80 columns what may be cut is SES's thresholds. */
    snprintf(bounce, sizeof bounce, "%s: %s, %s (review 5%%, at risk 10%%)",
             stats_level_name(m->bounce_level), count, m->bounce_rate_text);
    ui_count(count, sizeof count, m->complaints, "complaint");
    snprintf(complaint, sizeof complaint, "%s: %s, %s (review 0.1%%, at risk 0.5%%)",
             stats_level_name(m->complaint_level), count, m->complaint_rate_text);
    const char *const texts[] = {quota, bounce, complaint};
    int gauge = stats_gauge_width(s, texts, sizeof texts / sizeof texts[0]);
    if (f->quota.max_24_hour_send < 0)
        stats_gauge(s, y++, "Quota (24 h)", 0, 1, quota, ROLE_CHART, gauge);
    else
        stats_gauge(s, y++, "Quota (24 h)", (int64_t)f->quota.sent_last_24_hours,
                    (int64_t)f->quota.max_24_hour_send, quota, ROLE_CHART, gauge);
    /* The rate gauges are scaled to SES's "at risk" level: full means paused soon. */
    stats_gauge(s, y++, "Bounce rate", m->bounce_basis_points, 1000, bounce,
                stats_level_role(m->bounce_level), gauge);
    stats_gauge(s, y++, "Complaint rate", m->complaint_basis_points, 50, complaint,
                stats_level_role(m->complaint_level), gauge);
    char attempts[64], rejects[64], points[64], text[256];
    ui_count(attempts, sizeof attempts, m->delivery_attempts, "delivery attempt");
    ui_count(rejects, sizeof rejects, m->rejects, "reject");
    ui_count(points, sizeof points, (int64_t)f->count, "datapoint");
    snprintf(text, sizeof text, "%s · %s · %s", attempts, rejects, points);
    ui_draw_string(y++, s->layout.body.left + 2, s->layout.body.width - 3, text, ui_style(s, ROLE_BODY));
    return y + 1;
}

static void stats_draw_chart(ui_state *s, int y)
{
    const ui_rect *r = &s->layout.body;
    const stats_fetch *f = &s->stats.fetch;
    int rows = r->top + r->height - y - 2; /* title row above, dates below */
    size_t columns = (size_t)(r->width - STATS_AXIS_WIDTH - 3);
    if (rows < 2 || columns < 10)
        return;
    time_t start, end;
    bool widened = chart_window(f->points, f->count, s->stats.answered_at, &start, &end);
    int64_t *buckets = calloc(columns, sizeof *buckets);
    if (!buckets)
        abort();
    int64_t max = chart_buckets(f->points, f->count, end, end - start, buckets, columns);
    ui_draw_string(y++, r->left + 2, r->width - 3,
                   widened ? "Delivery attempts, every datapoint SES sent (over two weeks)"
                           : "Delivery attempts, last two weeks",
                   ui_style(s, ROLE_HEADING));
    int x = r->left + 2 + STATS_AXIS_WIDTH;
    for (int row = 0; row < rows; row++) {
        int line_y = y + rows - 1 - row;
        char axis[32] = "";
        if (row == rows - 1 || row == 0)
            snprintf(axis, sizeof axis, "%7" PRId64, row == 0 ? (int64_t)0 : max);
        ui_draw_string(line_y, r->left + 2, STATS_AXIS_WIDTH - 1, axis, ui_style(s, ROLE_BORDER));
        for (size_t c = 0; c < columns; c++)
            ui_draw_string(line_y, x + (int)c, 1, chart_glyph(buckets[c], max, rows, row), ui_style(s, ROLE_CHART));
    }
    char first[32], last[32];
    struct tm tm;
    strftime(first, sizeof first, "%Y-%m-%d", gmtime_r(&start, &tm));
    strftime(last, sizeof last, "%Y-%m-%d %H:%M UTC", gmtime_r(&end, &tm));
    ui_draw_string(y + rows, x, (int)columns, first, ui_style(s, ROLE_BORDER));
    ui_draw_string(y + rows, x + (int)columns - ui_text_width(last), ui_text_width(last), last,
                   ui_style(s, ROLE_BORDER));
    free(buckets);
}

void view_stats_draw(ui_state *s)
{
    const ui_rect *r = &s->layout.body;
    const stats_state *st = &s->stats;
    char title[128], when[16];
    struct tm tm;
    localtime_r(&st->answered_at, &tm);
    strftime(when, sizeof when, "%H:%M", &tm);
    snprintf(title, sizeof title, "SES statistics — %s%s (r asks again)",
             st->loaded ? "updated " : "asking…", st->loaded ? when : "");
    ui_draw_title(s, r->top, r->left, r->width, title, true);
    if (!st->loaded) {
        ui_draw_string(r->top + 2, r->left + 2, r->width - 3, "Asking SES…", ui_style(s, ROLE_WARNING));
        return;
    }
    if (!st->fetch.ok) {
        ui_draw_string(r->top + 2, r->left + 2, r->width - 3, st->fetch.error, ui_style(s, ROLE_ERROR));
        return;
    }
    stats_draw_chart(s, stats_draw_gauges(s, r->top + 2));
}

bool view_stats_handle(ui_state *s, const keymap_entry *k)
{
    switch (k->action) {
    case ACTION_REFRESH: stats_start(s); return true;
    case ACTION_BACK:
        view_stats_close(s);
        ui_close_view(s);
        return true;
    default: return false;
    }
}
