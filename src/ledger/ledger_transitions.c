/* ledger_transitions: which state a delivery may move to from which, as
 * data. Both back ends build their guard from this table (SQLite a WHERE
 * `state IN (...)`, DynamoDB a ConditionExpression) and neither copies it;
 * docs/ledger.md shows the same table, and a unit test holds the two equal.
 */
#include "briefing/ledger_backend.h"

/* Per target state, the states it may be reached from. `failed` also
 * leaves `pending`, because a message that cannot be built never reaches
 * `sending`; `not-attempted` also leaves `sending`, but only in the
 * process that committed it and knows its request was never started (the
 * sender armed it for its slot, then the batch stopped: batch_disarm); a
 * crash leaves `sending` to recovery, which makes it `unknown`. Nothing
 * ever returns to `pending`, and `sent`,
 * `not-attempted` and `unknown` are never left (a resend is a new
 * delivery; an event that proves an `unknown` one was accepted is the
 * one way out, ledger_apply_event's, and it names `unknown` itself). */
static const struct {
    delivery_state to;
    delivery_state from[2];
    size_t from_count;
} ledger_transitions[] = {
    {DELIVERY_SENDING, {DELIVERY_PENDING}, 1},
    {DELIVERY_SENT, {DELIVERY_SENDING}, 1},
    {DELIVERY_FAILED, {DELIVERY_PENDING, DELIVERY_SENDING}, 2},
    {DELIVERY_UNKNOWN, {DELIVERY_SENDING}, 1},
    {DELIVERY_NOT_ATTEMPTED, {DELIVERY_PENDING, DELIVERY_SENDING}, 2},
};

size_t ledger_transition_sources(delivery_state to, delivery_state from[DELIVERY_STATE_COUNT])
{
    for (size_t i = 0; i < sizeof ledger_transitions / sizeof ledger_transitions[0]; i++) {
        if (ledger_transitions[i].to != to)
            continue;
        for (size_t j = 0; j < ledger_transitions[i].from_count; j++)
            from[j] = ledger_transitions[i].from[j];
        return ledger_transitions[i].from_count;
    }
    return 0;
}

bool ledger_transition_allowed(delivery_state from, delivery_state to)
{
    delivery_state sources[DELIVERY_STATE_COUNT];
    size_t count = ledger_transition_sources(to, sources);
    for (size_t i = 0; i < count; i++)
        if (sources[i] == from)
            return true;
    return false;
}
