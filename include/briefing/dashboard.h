/* dashboard: after a batch that sent the CEO report, one kanban card per top
 * CEO shortfall is POSTed as JSON to DASHBOARD_URL (seed 001). The cards are
 * a courtesy: a failure is recorded and shown, never fails the batch. */
#ifndef BRIEFING_DASHBOARD_H
#define BRIEFING_DASHBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *title;
    const char *persona;       /* "ceo" */
    const char *urgency;       /* "critical", "high" or "medium" */
    int64_t batch_id;
} dashboard_card;

/* The JSON body of one card. */
void dashboard_card_json(const dashboard_card *card, char **json);

/* POSTs each card (Content-Type: application/json) with a short timeout.
 * Returns how many were accepted (2xx); `error` says why the first failure
 * happened. http:// only for loopback hosts, as for SES. */
size_t dashboard_post_cards(const char *url, const dashboard_card *cards, size_t count,
                            long timeout_ms, char *error, size_t error_size);

#endif
