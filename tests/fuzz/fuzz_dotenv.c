/* libFuzzer target: repos.env / recipients.env through the dotenv parser.
 * Oracle: no crash, leak or undefined behaviour; every key kept is a
 * non-empty run of letters, digits and '_'; no diagnostic repeats a value
 * (the seeds and dictionary carry the marker "-secret-value-" in values; a
 * dash cannot be in a key, so a key named in a diagnostic never matches). */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    portfolio *p = calloc(1, sizeof *p);
    p->root = ".";
    model_parse_env(p, "repos.env", (const char *)data, size);
    for (size_t i = 0; i < p->env_count; i++) {
        const char *key = p->env[i].key;
        if (!*key)
            abort();
        for (const char *c = key; *c; c++)
            if (!isalnum((unsigned char)*c) && *c != '_')
                abort();
    }
    for (size_t i = 0; i < p->diagnostics.count; i++)
        if (strstr(p->diagnostics.items[i].message, "-secret-value-"))
            abort();
    model_portfolio_free(p);
    return 0;
}
