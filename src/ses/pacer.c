/* pacer.c: never faster than SES's MaxSendRate, and slower when SES says so.
 *
 * SES counts the requests that arrive in each second. The pacer keeps the
 * start times of the last sends and lets a new one start only when
 *   - fewer than N started in the last W seconds, N = floor(rate) (at least
 *     1) and W = N / (rate x headroom), never under 1 s + the jitter
 *     allowance: so no window of one second, even shifted by a few
 *     milliseconds of jitter on the way, holds more than N <= MaxSendRate
 *     arrivals, and the long-run pace is rate x headroom;
 *   - and at least 1 / (rate x catch_up) passed since the last start.
 * A sliding window, unlike a bucket of one token, gives back a slot the
 * sender was too busy to take on time: the next starts come closer, up to
 * catch_up times the rate, until the window is full again. The largest gap
 * is the first when a batch's first send goes alone until SES answers it
 * (a round trip, 250 ms far from the region; docs/sending.md says when it
 * does), and each window after that repeats the first one's pattern, so
 * how close the rest of the first window comes decides the batch's rate
 * (docs/performance.md: at 1.5x, 60 sends at 250 ms could not pass 94% of
 * MaxSendRate; at 4x, 95%).
 *
 * A "Maximum sending rate exceeded" answer (something else sends on the
 * account, or SES counts differently) halves the rate in force, at most
 * once a second so that one burst of answers to requests already in flight
 * counts once; each accepted send then gives back a twentieth of the
 * target, so the rate is whole again after about twenty accepted sends.
 * The policy is the table below.
 */
#include <math.h>

#include "ses/ses_internal.h"

typedef struct {
    double headroom;          /* share of the rate kept over a window */
    double jitter_seconds;    /* a window is at least 1 s + this long */
    double catch_up;          /* two starts at least 1 / (rate x this) apart */
    double slowdown;          /* the rate in force is multiplied by this on Throttling */
    double floor;             /* ...but never goes below this share of the target */
    double recovery;          /* share of the target given back per accepted send */
    double slowdown_every;    /* seconds: Throttling answers closer together count once */
} pacer_policy;

static const pacer_policy PACER_POLICY = {
    .headroom = 0.97,
    .jitter_seconds = 0.03,
    .catch_up = 4,
    .slowdown = 0.5,
    .floor = 0.1,
    .recovery = 0.05,
    .slowdown_every = 1.0,
};

void ses_pacer_init(ses_pacer *pacer, double max_send_rate)
{
    double target = max_send_rate > 0 ? max_send_rate : 0;
    pacer->target = target;
    pacer->rate = target;
    pacer->newest = 0;
    pacer->count = 0;
    pacer->last_slowdown = -1e9;
    pacer->throttled = 0;
}

/* N: starts allowed in one window. */
static size_t pacer_window_starts(const ses_pacer *pacer)
{
    double n = floor(pacer->rate);
    if (n < 1)
        return 1;
    return n > SES_PACER_WINDOW_MAX ? SES_PACER_WINDOW_MAX : (size_t)n;
}

/* W: the window's length in seconds. */
static double pacer_window_seconds(const ses_pacer *pacer, size_t starts)
{
    double w = (double)starts / (pacer->rate * PACER_POLICY.headroom);
    double shortest = 1.0 + PACER_POLICY.jitter_seconds;
    return w > shortest ? w : shortest;
}

/* The start `back` places before the newest (0: the newest). */
static double pacer_start(const ses_pacer *pacer, size_t back)
{
    return pacer->starts[(pacer->newest + SES_PACER_WINDOW_MAX - back) % SES_PACER_WINDOW_MAX];
}

double ses_pacer_delay(const ses_pacer *pacer, double now)
{
    if (pacer->target <= 0 || pacer->count == 0)
        return 0;
    double allowed = pacer_start(pacer, 0) + 1.0 / (pacer->rate * PACER_POLICY.catch_up);
    size_t n = pacer_window_starts(pacer);
    if (pacer->count >= n) {
        double window_frees = pacer_start(pacer, n - 1) + pacer_window_seconds(pacer, n);
        allowed = window_frees > allowed ? window_frees : allowed;
    }
    return allowed > now ? allowed - now : 0;
}

void ses_pacer_take(ses_pacer *pacer, double now)
{
    if (pacer->target <= 0)
        return;
    pacer->newest = (pacer->newest + 1) % SES_PACER_WINDOW_MAX;
    pacer->starts[pacer->newest] = now;
    if (pacer->count < SES_PACER_WINDOW_MAX)
        pacer->count++;
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
}

void ses_pacer_accepted(ses_pacer *pacer)
{
    if (pacer->target <= 0 || pacer->rate >= pacer->target)
        return;
    double faster = pacer->rate + pacer->target * PACER_POLICY.recovery;
    pacer->rate = faster < pacer->target ? faster : pacer->target;
}
