/* send_internal: what the engine's files share and the front ends do not see. */
#ifndef BRIEFING_SEND_INTERNAL_H
#define BRIEFING_SEND_INTERNAL_H

#include "briefing/send.h"

/* Builds item->eml from its parts and recipients; `delivery_id` 0 omits the
 * X-Briefing-Delivery header (previews), otherwise it names the ledger row.
 * False with item->build_error set. */
bool batch_build_message(const batch *b, batch_item *item, int64_t delivery_id);

#endif
