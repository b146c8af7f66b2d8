/* english: plurals and articles (see english.h). */
#include "briefing/english.h"

#include <stdbool.h>
#include <string.h>

/* Words whose first letter misleads: a vowel said "you", a silent h. */
static const char *const consonant_sounds[] = {"uni", "use", "usu", "ute", "uti", "eu", "one"};
static const char *const vowel_sounds[] = {"hour", "heir", "honest", "honor", "honour"};

static bool starts_with_any(const char *noun, const char *const *prefixes, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strncmp(noun, prefixes[i], strlen(prefixes[i])) == 0)
            return true;
    return false;
}

const char *english_article(const char *noun)
{
    if (starts_with_any(noun, vowel_sounds, sizeof vowel_sounds / sizeof vowel_sounds[0]))
        return "an";
    if (!*noun || !strchr("aeiou", *noun) ||
        starts_with_any(noun, consonant_sounds, sizeof consonant_sounds / sizeof consonant_sounds[0]))
        return "a";
    return "an";
}

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
