/* briefing ledger SUBCOMMAND: operating the ledger itself.
 *
 *   create-table [--table T]   the shared ledger's DynamoDB table (issue 11):
 *                              created on demand unless it exists, then
 *                              waited for until ACTIVE; running it again
 *                              changes nothing (exit 0 both times).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/send.h"
#include "cli/cli_internal.h"

static int ledger_create_table(cli_options *options)
{
    portfolio *p = cli_load_portfolio(options);
    if (!p)
        return EXIT_USAGE;
    briefing_config config;
    cli_config_from_options(options, p, &config);
    bool created = false;
    char error[1024], where[300];
    bool ok = send_ledger_create_table(&config, options->table, &created, where, sizeof where,
                                       error, sizeof error);
    model_portfolio_free(p);
    if (!ok) {
        cli_error("ledger create-table: %s", error);
        return EXIT_CONFIG;
    }
    printf("%s: %s, ACTIVE (on demand)\n", where, created ? "created" : "exists already");
    return EXIT_OK;
}

/* The sub-commands of `briefing ledger`. */
static const struct {
    const char *name;
    int (*run)(cli_options *options);
} ledger_subcommands[] = {
    {"create-table", ledger_create_table},
};

int cli_ledger(cli_options *options)
{
    const char *name = options->positional_count == 1 ? options->positional[0] : NULL;
    for (size_t i = 0; name && i < sizeof ledger_subcommands / sizeof *ledger_subcommands; i++)
        if (strcmp(name, ledger_subcommands[i].name) == 0)
            return ledger_subcommands[i].run(options);
    cli_error("ledger: say what to do: create-table");
    return EXIT_USAGE;
}
