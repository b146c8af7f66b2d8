/* line_editor: editing keys over a fixed buffer (see line_editor.h). */
#include <curses.h> /* key codes only: this file draws nothing */
#include <stdbool.h>
#include <string.h>

#include "ui/line_editor.h"

#define KEY_CONTROL(letter) ((letter) & 0x1f)
#define KEY_ESCAPE 27

static bool line_editor_is_continuation(unsigned char byte)
{
    return (byte & 0xC0) == 0x80;
}

static size_t line_editor_previous(const line_editor *e, size_t at)
{
    while (at > 0 && line_editor_is_continuation((unsigned char)e->text[--at]))
        ;
    return at;
}

static size_t line_editor_next(const line_editor *e, size_t at)
{
    if (at < e->length)
        at++;
    while (at < e->length && line_editor_is_continuation((unsigned char)e->text[at]))
        at++;
    return at;
}

/* Removes text[from, to). */
static void line_editor_delete(line_editor *e, size_t from, size_t to)
{
    memmove(e->text + from, e->text + to, e->length - to + 1);
    e->length -= to - from;
    e->cursor = from;
}

static void line_editor_insert(line_editor *e, char byte)
{
    if (e->length + 1 >= LINE_EDITOR_SIZE)
        return; /* full: the field's limit is far above any address list */
    memmove(e->text + e->cursor + 1, e->text + e->cursor, e->length - e->cursor + 1);
    e->text[e->cursor] = byte;
    e->length++;
    e->cursor++;
}

void line_editor_set(line_editor *e, const char *text)
{
    size_t n = strlen(text);
    if (n >= LINE_EDITOR_SIZE)
        n = LINE_EDITOR_SIZE - 1;
    memcpy(e->text, text, n);
    e->text[n] = '\0';
    e->length = n;
    e->cursor = n;
}

static size_t line_editor_word_start(const line_editor *e)
{
    size_t at = e->cursor;
    while (at > 0 && e->text[at - 1] == ' ')
        at--;
    while (at > 0 && e->text[at - 1] != ' ' && e->text[at - 1] != ',')
        at--;
    return at;
}

line_edit_result line_editor_key(line_editor *e, int key)
{
    switch (key) {
    case '\n': case '\r': case KEY_ENTER:
        return LINE_EDIT_DONE;
    case KEY_ESCAPE:
        return LINE_EDIT_CANCEL;
    case KEY_BACKSPACE: case 127: case KEY_CONTROL('H'):
        if (e->cursor > 0)
            line_editor_delete(e, line_editor_previous(e, e->cursor), e->cursor);
        break;
    case KEY_DC:
        if (e->cursor < e->length)
            line_editor_delete(e, e->cursor, line_editor_next(e, e->cursor));
        break;
    case KEY_LEFT:
        e->cursor = line_editor_previous(e, e->cursor);
        break;
    case KEY_RIGHT:
        e->cursor = line_editor_next(e, e->cursor);
        break;
    case KEY_HOME: case KEY_CONTROL('A'):
        e->cursor = 0;
        break;
    case KEY_END: case KEY_CONTROL('E'):
        e->cursor = e->length;
        break;
    case KEY_CONTROL('U'):
        line_editor_delete(e, 0, e->cursor);
        break;
    case KEY_CONTROL('K'):
        e->text[e->cursor] = '\0';
        e->length = e->cursor;
        break;
    case KEY_CONTROL('W'):
        line_editor_delete(e, line_editor_word_start(e), e->cursor);
        break;
    default:
        if (key >= 0x20 && key <= 0xFF && key != 127)
            line_editor_insert(e, (char)key);
        break;
    }
    return LINE_EDIT_CONTINUE;
}
