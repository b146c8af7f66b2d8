/* Shared inside the model module. */
#ifndef BRIEFING_MODEL_INTERNAL_H
#define BRIEFING_MODEL_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/model.h"

/* Case-insensitive ASCII comparison of `a` with the `n` bytes at `b`. */
bool model_word_equals(const char *word, const char *text, size_t n);

/* Singular, lower-case form of an English plural unit: "deliveries" →
 * "delivery", "charters" → "charter", "boxes" → "box". Into `out`. */
void model_singular(const char *word, size_t n, char *out, size_t out_size);

/* The figure rules' diagnostics for one parsed entity (checks.c). */
void model_check_entity(portfolio *p, const entity *e);

/* Trims ASCII whitespace from both ends of [*start, *start + *length). */
void model_trim(const char **start, size_t *length);

/* True when `text` looks like it meant to be money ("$" then a digit). */
bool model_looks_like_money(const char *text);
bool model_looks_like_negative_money(const char *text);

#endif
