/* pacer.c: never faster than SES's MaxSendRate.
 *
 * A token bucket holding one token: each send books the slot 1/rate seconds
 * after the previous one, on the monotonic clock, and sleeps until its own
 * slot. Idle time does not bank a burst (a bucket of one), so any window of
 * one second holds at most ceil(rate) sends.
 */
#include "ses/ses_internal.h"

void ses_pacer_init(ses_pacer *pacer, double rate_per_second)
{
    pacer->rate_per_second = rate_per_second;
    pacer->next_allowed = 0.0;
}

void ses_pacer_wait(ses_pacer *pacer)
{
    if (pacer->rate_per_second <= 0)
        return;
    double now = ses_monotonic_seconds();
    if (pacer->next_allowed > now) {
        ses_sleep_seconds(pacer->next_allowed - now);
        now = pacer->next_allowed;
    }
    pacer->next_allowed = now + 1.0 / pacer->rate_per_second;
}
