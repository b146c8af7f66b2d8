/* events: one SQS message's body → the SES event it carries, ready for
 * ledger_apply_event().
 *
 * Understood: an SES event as the configuration set publishes it
 * ("eventType"), or an SES identity notification ("notificationType"),
 * either raw or inside SNS's envelope ({"Type": "Notification",
 * "Message": "<the event as a JSON string>"}). Anything else is refused
 * with why, for the ledger's kept-aside table: nothing is guessed.
 *
 * Invariant: every string of `parsed.event` points into `parsed` (the
 * JSON it was read from, or details it composed) and lives until
 * events_parsed_free().
 */
#ifndef BRIEFING_EVENTS_H
#define BRIEFING_EVENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/ledger.h"

typedef struct {
    ledger_event event;
    bool enveloped;                     /* it came through SNS */
    /* storage: */
    void *json;                         /* the SES event's jansson root */
    ledger_event_recipient *recipients;
    char **details;                     /* composed details, freed with it */
    size_t detail_count;
} events_parsed;

/* False with why ("not JSON (line 1: ...)", "no mail.messageId") when the
 * body is no usable SES event; `out` then holds nothing to free. */
bool events_parse(const char *body, size_t length, events_parsed *out, char *why,
                  size_t why_size);
void events_parsed_free(events_parsed *parsed);

#endif
