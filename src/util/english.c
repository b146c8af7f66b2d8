/* english: plurals (see english.h). */
#include "briefing/english.h"

#include <stdbool.h>
#include <string.h>

void english_plural(strbuf *out, const char *noun)
{
    size_t n = strlen(noun);
    bool consonant_y = n > 1 && noun[n - 1] == 'y' && !strchr("aeiou", noun[n - 2]);
    bool sibilant = (n > 0 && strchr("sxz", noun[n - 1])) ||
                    (n > 1 && (strcmp(noun + n - 2, "ch") == 0 || strcmp(noun + n - 2, "sh") == 0));
    if (consonant_y) {
        strbuf_append(out, noun, n - 1);
        strbuf_puts(out, "ies");
    } else {
        strbuf_puts(out, noun);
        strbuf_puts(out, sibilant ? "es" : "s");
    }
}
