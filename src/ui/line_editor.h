/* line_editor: one line of text being typed (the `/` prompt, a recipients
 * field). Bytes go in as curses delivers them, so UTF-8 arrives one byte at
 * a time; the cursor never stops inside a character. No curses calls: the
 * caller draws. */
#ifndef BRIEFING_UI_LINE_EDITOR_H
#define BRIEFING_UI_LINE_EDITOR_H

#include <stddef.h>

#define LINE_EDITOR_SIZE 1024

typedef struct {
    char text[LINE_EDITOR_SIZE];  /* NUL-terminated */
    size_t length;
    size_t cursor;                /* byte offset, at a character boundary */
} line_editor;

typedef enum { LINE_EDIT_CONTINUE, LINE_EDIT_DONE, LINE_EDIT_CANCEL } line_edit_result;

void line_editor_set(line_editor *e, const char *text);
/* Enter: done; Esc: cancel; Backspace, Delete, Left, Right, Home/^A,
 * End/^E, ^U (to start), ^K (to end), ^W (word); other bytes >= 0x20 insert. */
line_edit_result line_editor_key(line_editor *e, int key);

#endif
