/* ledger_addresses: the bare addresses of a stored To/Cc/Bcc list.
 *
 * The ledger keeps each list as it was sent ("Jane Doe <jane@example.com>,
 * cfo@example.com"); the audit export hashes each bare address and the
 * recipient rows hold them. Commas inside a quoted display name
 * ("Doe, Jane" <j@example.com>) do not split; blanks around an address go.
 */
#include <string.h>

#include "ledger/ledger_internal.h"

static bool ledger_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* One list entry, "Name <addr>" or "addr": the bare address, if any. */
static void ledger_entry_address(const char *start, const char *end, ledger_address_fn each,
                                 void *context)
{
    const char *open = memchr(start, '<', (size_t)(end - start));
    if (open) {
        const char *close = memchr(open, '>', (size_t)(end - open));
        start = open + 1;
        end = close ? close : end;
    }
    while (start < end && ledger_is_blank(*start))
        start++;
    while (end > start && ledger_is_blank(end[-1]))
        end--;
    if (start < end)
        each(context, start, (size_t)(end - start));
}

void ledger_each_address(const char *list, ledger_address_fn each, void *context)
{
    const char *start = list ? list : "";
    bool quoted = false;
    for (const char *p = start;; p++) {
        if (*p == '"' && (p == start || p[-1] != '\\'))
            quoted = !quoted;
        if (*p == '\0' || (*p == ',' && !quoted)) {
            ledger_entry_address(start, p, each, context);
            start = p + 1;
        }
        if (*p == '\0')
            break;
    }
}
