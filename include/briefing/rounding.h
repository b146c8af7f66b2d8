/* rounding: integer division as the reports and the model round it.
 *
 * Money is integer cents and numbers are scaled integers (model.h), so every
 * division rounds, always the same way: half away from zero, so -2.5 cents
 * and 2.5 cents round to the same magnitude and totals do not drift with the
 * sign. The numerator is 128-bit so products of cents and scaled rates do not
 * overflow before the division.
 */
#ifndef BRIEFING_ROUNDING_H
#define BRIEFING_ROUNDING_H

#include <stdint.h>

/* numerator ÷ denominator (denominator != 0), rounded half away from zero. */
int64_t rounding_div(__int128 numerator, int64_t denominator);

#endif
