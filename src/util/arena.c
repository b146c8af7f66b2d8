#include "briefing/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK_SIZE = 64 * 1024 };

struct arena_block {
    arena_block *next;
    size_t used;
    size_t size;
    max_align_t data[]; /* flexible, aligned storage */
};

static void *arena_out_of_memory(void)
{
    fputs("briefing: out of memory\n", stderr);
    abort();
}

static arena_block *arena_block_new(size_t size)
{
    arena_block *block = calloc(1, sizeof *block + size);
    if (!block)
        return arena_out_of_memory();
    block->size = size;
    return block;
}

void *arena_alloc(arena *a, size_t size)
{
    size_t align = _Alignof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    arena_block *block = a->head;
    if (!block || block->size - block->used < size) {
        /* Large requests get a block of their own so the current block's
         * free tail is not wasted. */
        size_t block_size = size > ARENA_BLOCK_SIZE / 4 ? size : ARENA_BLOCK_SIZE;
        arena_block *fresh = arena_block_new(block_size);
        if (block && block_size == size && block->size - block->used >= ARENA_BLOCK_SIZE / 8) {
            fresh->next = block->next;
            block->next = fresh;
        } else {
            fresh->next = block;
            a->head = fresh;
        }
        block = fresh;
    }
    void *p = (char *)block->data + block->used;
    block->used += size;
    return p;
}

void *arena_push(arena *a, void **items, size_t *count, size_t *capacity, size_t size)
{
    if (*count == *capacity) {
        size_t grown = *capacity ? *capacity * 2 : 8;
        void *fresh = arena_alloc(a, grown * size);
        if (*count)
            memcpy(fresh, *items, *count * size);
        *items = fresh;
        *capacity = grown;
    }
    void *slot = (char *)*items + *count * size;
    memset(slot, 0, size);
    (*count)++;
    return slot;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *copy = arena_alloc(a, n + 1);
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

void arena_free(arena *a)
{
    arena_block *block = a->head;
    while (block) {
        arena_block *next = block->next;
        free(block);
        block = next;
    }
    a->head = NULL;
}
