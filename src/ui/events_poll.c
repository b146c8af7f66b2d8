/* events_poll: the background poll of SES's delivery events (see
 * events_poll.h). The engine applies them; this file only starts the
 * worker, takes its totals and redraws what they changed. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ui/ui_internal.h"

static void events_poll_run(void *job)
{
    events_poll_job *j = job;
    j->ok = send_events_poll(&j->source, NULL, EVENTS_POLL_WAIT_SECONDS, NULL, NULL, &j->totals,
                             j->error, sizeof j->error, &j->exit_code);
}

void events_poll_reconfigure(ui_state *s)
{
    s->events.resolved = false; /* repos.env may have changed: resolved at the next start */
    s->events.off = false;
    s->events.retry_at = 0;
}

/* Says a failure once (the same one again stays quiet) and waits before
 * the next try. */
static void events_poll_fail(ui_state *s, const char *why)
{
    events_poll_state *e = &s->events;
    e->retry_at = time(NULL) + EVENTS_POLL_RETRY_SECONDS;
    if (strcmp(e->failure, why) == 0)
        return;
    snprintf(e->failure, sizeof e->failure, "%s", why);
    ui_set_message(s, ROLE_WARNING, "delivery events: %s (trying again every %d s)", why,
                   EVENTS_POLL_RETRY_SECONDS);
}

static void events_poll_start(ui_state *s)
{
    events_poll_state *e = &s->events;
    if (e->off || e->worker.running || (e->retry_at && time(NULL) < e->retry_at))
        return;
    char error[1024];
    if (!e->resolved) {
        if (!send_events_queue_url(&s->config)) {
            e->off = true; /* nothing configured: nothing to say either */
            return;
        }
        if (!send_events_source_resolve(&s->config, &e->job.source, error, sizeof error)) {
            events_poll_fail(s, error);
            return;
        }
        e->resolved = true;
    }
    e->job.ok = false;
    e->job.error[0] = '\0';
    if (!worker_start(&e->worker, events_poll_run, &e->job, s->wake_pipe[1], error, sizeof error))
        events_poll_fail(s, error);
}

/* What the applied events change on screen is read again. */
static void events_poll_show(ui_state *s, const send_events_totals *t)
{
    events_poll_state *e = &s->events;
    e->applied += t->applied;
    e->generation++;
    last_delivery_forget(&s->last);
    for (size_t i = 0; i < s->depth; i++) {
        if (s->stack[i] == VIEW_HISTORY)
            view_history_refresh(s);
    }
    char text[UI_MESSAGE_SIZE];
    snprintf(text, sizeof text, "delivery events: %zu applied (%zu in this session)", t->applied,
             e->applied);
    if (!s->message[0] && !s->question.open) /* never over what the operator is reading */
        ui_set_message(s, ROLE_OK, "%s", text);
    else
        message_log_add(&s->log, time(NULL), text);
}

void events_poll_tick(ui_state *s)
{
    events_poll_state *e = &s->events;
    if (worker_collect(&e->worker)) {
        if (!e->job.ok) {
            events_poll_fail(s, e->job.error);
        } else {
            e->failure[0] = '\0';
            e->retry_at = 0;
            if (e->job.totals.applied)
                events_poll_show(s, &e->job.totals);
        }
    }
    events_poll_start(s);
}

int events_poll_timeout_ms(const ui_state *s)
{
    const events_poll_state *e = &s->events;
    if (e->off || e->worker.running || !e->retry_at)
        return -1; /* the worker's end wakes the loop */
    double seconds = difftime(e->retry_at, time(NULL));
    return seconds <= 0 ? 0 : (int)(seconds * 1000);
}

void events_poll_stop(ui_state *s)
{
    worker_wait(&s->events.worker);
}
