/* Shared between batch.c (preparing) and batch_send.c (sending). */
#ifndef BRIEFING_BATCH_INTERNAL_H
#define BRIEFING_BATCH_INTERNAL_H

#include "briefing/batch.h"

/* Builds item->eml from its parts and recipients; `delivery_id` 0 omits the
 * X-Briefing-Delivery header (previews), otherwise it names the ledger row.
 * False with item->build_error set. */
bool batch_build_message(const batch *b, batch_item *item, int64_t delivery_id);

#endif
