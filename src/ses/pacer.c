/* pacer.c: never faster than SES's MaxSendRate, and slower when SES says so.
 *
 * A token bucket holding one token: each send books the slot 1/rate seconds
 * after the previous one, on the monotonic clock, and starts at its own
 * slot. Idle time does not bank a burst (a bucket of one), so any window of
 * one second holds at most ceil(rate) starts.
 *
 * The rate aimed at is MaxSendRate less a small headroom: SES counts when
 * requests arrive, and a few milliseconds of jitter on the way must not put
 * one more send into SES's second. A "Maximum sending rate exceeded" answer
 * (something else is sending on the account, or SES counts differently)
 * halves the rate in force, at most once a second so that one burst of
 * answers to requests already in flight counts once; each accepted send
 * then gives back a twentieth of the target, so the rate is whole again
 * after about twenty accepted sends. The policy is the table below.
 */
#include "ses/ses_internal.h"

typedef struct {
    double headroom;          /* share of MaxSendRate aimed at */
    double slowdown;          /* the rate in force is multiplied by this on Throttling */
    double floor;             /* ...but never goes below this share of the target */
    double recovery;          /* share of the target given back per accepted send */
    double slowdown_every;    /* seconds: Throttling answers closer together count once */
} pacer_policy;

static const pacer_policy PACER_POLICY = {
    .headroom = 0.97,
    .slowdown = 0.5,
    .floor = 0.1,
    .recovery = 0.05,
    .slowdown_every = 1.0,
};

void ses_pacer_init(ses_pacer *pacer, double max_send_rate)
{
    double target = max_send_rate > 0 ? max_send_rate * PACER_POLICY.headroom : 0;
    *pacer = (ses_pacer){.target = target, .rate = target, .last_slowdown = -1e9};
}

double ses_pacer_delay(const ses_pacer *pacer, double now)
{
    if (pacer->target <= 0 || pacer->next_allowed <= now)
        return 0;
    return pacer->next_allowed - now;
}

void ses_pacer_take(ses_pacer *pacer, double now)
{
    if (pacer->target <= 0)
        return;
    double start = pacer->next_allowed > now ? pacer->next_allowed : now;
    pacer->next_allowed = start + 1.0 / pacer->rate;
}

void ses_pacer_wait(ses_pacer *pacer)
{
    double now = ses_monotonic_seconds();
    double delay = ses_pacer_delay(pacer, now);
    ses_sleep_seconds(delay);
    ses_pacer_take(pacer, now + delay);
}

void ses_pacer_throttled(ses_pacer *pacer, double now)
{
    pacer->throttled++;
    if (pacer->target <= 0 || now - pacer->last_slowdown < PACER_POLICY.slowdown_every)
        return;
    pacer->last_slowdown = now;
    double slower = pacer->rate * PACER_POLICY.slowdown;
    double lowest = pacer->target * PACER_POLICY.floor;
    pacer->rate = slower > lowest ? slower : lowest;
    /* The next slot moves to the slower spacing from now. */
    double spaced = now + 1.0 / pacer->rate;
    if (pacer->next_allowed < spaced)
        pacer->next_allowed = spaced;
}

void ses_pacer_accepted(ses_pacer *pacer)
{
    if (pacer->target <= 0 || pacer->rate >= pacer->target)
        return;
    double faster = pacer->rate + pacer->target * PACER_POLICY.recovery;
    pacer->rate = faster < pacer->target ? faster : pacer->target;
}
