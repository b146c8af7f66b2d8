/* english: the few rules of English the reports and the handoff format use,
 * in one place so "Deliveries per month" in a handoff and in a report are
 * spelt by the same rule. */
#ifndef BRIEFING_ENGLISH_H
#define BRIEFING_ENGLISH_H

#include "briefing/strbuf.h"

/* Appends the plural of a lower-case noun: charter → charters, delivery →
 * deliveries (consonant + y), box → boxes, bench → benches (s, x, z, ch, sh). */
void english_plural(strbuf *out, const char *noun);

/* The indefinite article of a lower-case noun by its sound: "an" order,
 * "an" hour, "a" charter, "a" unit (u said "you"). */
const char *english_article(const char *noun);

#endif
