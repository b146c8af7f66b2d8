/* cmd_events_setup: `briefing events --setup [--dry-run]`, the command
 * line's face on send_events_setup: a line per step as it goes, then the
 * two lines to add to repos.env. */
#include <stdio.h>

#include "cli/cli_internal.h"

static void setup_print_step(void *user, const char *line)
{
    (void)user;
    printf("  %s\n", line);
    fflush(stdout);
}

int cli_events_setup(cli_options *options)
{
    portfolio *p = cli_load_portfolio(options);
    if (!p)
        return EXIT_USAGE;
    briefing_config config;
    cli_config_from_options(options, p, &config);
    send_events_setup_result result;
    printf("%s\n", options->dry_run ? "Delivery events: the calls --setup would make (nothing is "
                                      "asked or changed)"
                                    : "Delivery events: what is there, what was made");
    bool ok = send_events_setup(&config, options->dry_run, setup_print_step, NULL, &result);
    int code = EXIT_OK;
    if (!ok) {
        cli_error("events --setup: %s", result.error);
        code = result.exit_code ? result.exit_code : EXIT_SES_REFUSED;
    } else {
        if (!options->dry_run && result.created)
            printf("\n%zu created, the rest was there already.\n", result.created);
        else if (!options->dry_run)
            printf("\nNothing created: everything was there already.\n");
        printf("\nAdd to %s:\nSES_CONFIGURATION_SET=%s\nSES_EVENTS_QUEUE_URL=%s\n",
               p->settings_path, result.configuration_set, result.queue_url);
    }
    model_portfolio_free(p);
    return code;
}
