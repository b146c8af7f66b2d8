/* recipients_file: saves the recipients the operator settled on in the
 * form as per-persona keys (EXEC_REPORT_TO_<P>, _CC_<P>, _BCC_<P>) in an
 * env file, by default <root>/recipients.env, which the console reads after
 * repos.env (later keys win: config.h).
 *
 * Only the given keys change: a key already in the file is rewritten in
 * place (a repeated one keeps its first line), the others are appended,
 * every other line is kept byte for byte. The file is written to a
 * temporary file beside it (mode 0600: addresses are personal data) and
 * renamed over it, so a reader sees the old file or the new one, never
 * half of one.
 */
#ifndef BRIEFING_UI_RECIPIENTS_FILE_H
#define BRIEFING_UI_RECIPIENTS_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/report.h"

typedef struct {
    const char *key;
    const char *value;
} recipients_file_entry;

#define RECIPIENTS_FILE_NAME "recipients.env"
/* Three keys per persona. */
#define RECIPIENTS_FILE_MAX_ENTRIES (3 * PERSONA_COUNT)

bool recipients_file_update(const char *path, const recipients_file_entry *entries, size_t count,
                            char *error, size_t error_size);

#endif
