/* day_watch: a console left open across midnight builds its reports again.
 * A report carries the date it is built on (its heading, each message's
 * Date:), so when the clock (config_clock) enters a new local day the
 * previews are regenerated and an open send session's messages are built
 * again — a review goes back through the SES check and asks again, as when
 * the data changes (send_refresh.c). A date pinned by SOURCE_DATE_EPOCH
 * never moves. While the check or the send runs on the worker, the new day
 * waits for it, asked again every DAY_WATCH_RETRY_MS. */
#include <stdio.h>
#include <time.h>

#include "ui/ui_internal.h"

#define DAY_WATCH_RETRY_MS 1000
#define DAY_WATCH_MARGIN_MS 200 /* wake just after midnight, never just before */
#define DAY_WATCH_MOVABLE_MS 250 /* a test clock (BRIEFING_TEST_CLOCK_FILE) may jump any time */

/* Local midnight that starts the day after `now`. */
static time_t day_watch_next_midnight(time_t now)
{
    struct tm tm;
    localtime_r(&now, &tm);
    tm.tm_mday++;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

static bool day_watch_same_day(time_t a, time_t b)
{
    struct tm ta, tb;
    localtime_r(&a, &ta);
    localtime_r(&b, &tb);
    return ta.tm_year == tb.tm_year && ta.tm_yday == tb.tm_yday;
}

int day_watch_timeout_ms(const ui_state *s)
{
    if (config_clock_pinned())
        return -1;
    time_t now = config_clock();
    if (!day_watch_same_day(now, s->now))
        return DAY_WATCH_RETRY_MS; /* a new day waiting for the worker */
    double seconds = difftime(day_watch_next_midnight(now), now);
    double ms = seconds * 1000 + DAY_WATCH_MARGIN_MS;
    double most = config_clock_movable() ? DAY_WATCH_MOVABLE_MS
                                         : 3600 * 1000; /* suspend or a clock change: look again */
    return ms > most ? (int)most : (int)ms;
}

void day_watch_check(ui_state *s)
{
    if (config_clock_pinned())
        return;
    time_t now = config_clock();
    if (day_watch_same_day(now, s->now))
        return;
    bool waiting = s->send.stage == SEND_CHECKING || s->send.stage == SEND_SENDING;
    if (waiting)
        return; /* the worker reads the batch: after it */
    s->now = now;
    preview_cache_clear(&s->cache);
    last_delivery_forget(&s->last); /* "sent 09:12" was today; it is yesterday now */
    char day[16];
    struct tm tm;
    strftime(day, sizeof day, "%Y-%m-%d", localtime_r(&now, &tm));
    ui_set_message(s, ROLE_WARNING, "a new day began: the reports are built again, dated %s", day);
    if (send_refresh_possible(s)) /* a batch that went out (SEND_DONE) stays as sent */
        send_refresh_batch(s, "a new day began"); /* says how many messages it rebuilt */
}
