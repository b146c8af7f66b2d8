/* arena: a bump allocator that owns everything parsed from one portfolio.
 *
 * Invariants:
 *  - every pointer returned lives until arena_free(); nothing is freed alone;
 *  - allocations are aligned to max_align_t and zero-filled;
 *  - out of memory aborts with a message (there is nothing useful to recover).
 */
#ifndef BRIEFING_ARENA_H
#define BRIEFING_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct {
    arena_block *head;
} arena;

void *arena_alloc(arena *a, size_t size);
/* Grows `*items` (an array of `*count` elements of `size`) by one element and
 * returns a pointer to the new, zeroed slot. `*capacity` tracks room. */
void *arena_push(arena *a, void **items, size_t *count, size_t *capacity, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(arena *a);

#endif
