/* rounding: half away from zero (see rounding.h). */
#include "briefing/rounding.h"

int64_t rounding_div(__int128 numerator, int64_t denominator)
{
    __int128 half = denominator / 2;
    if ((numerator < 0) != (denominator < 0))
        return (int64_t)((numerator - half) / denominator);
    return (int64_t)((numerator + half) / denominator);
}
