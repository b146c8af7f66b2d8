/* cmd_events_setup: `briefing events --setup [--dry-run] [--yes]`, the
 * command line's face on send_events_setup: it asks before it changes the
 * AWS account (as send asks before it sends; --yes for scripts), then a
 * line per step as it goes, then the two lines to add to repos.env. */
#include <stdio.h>
#include <unistd.h>

#include "cli/cli_internal.h"

static void setup_print_step(void *user, const char *line)
{
    (void)user;
    printf("  %s\n", line);
    fflush(stdout);
}

/* Whether --setup may create things: a dry run creates nothing, --yes was
 * given, or the operator said y at the terminal. Without a terminal and
 * without --yes it refuses, naming --yes (never a silent yes). */
static bool setup_confirmed(const cli_options *options, const briefing_config *config)
{
    if (options->dry_run || options->yes)
        return true;
    if (!isatty(STDIN_FILENO)) {
        cli_error("events --setup: nothing created: it asks before it creates anything in the "
                  "AWS account, and there is no terminal to ask; add --yes to create without "
                  "asking (--dry-run shows the calls)");
        return false;
    }
    char question[256];
    snprintf(question, sizeof question,
             "Create what delivery events need and is missing (SNS topic, SQS queue and its "
             "subscription, SES configuration set)%s%s?",
             config->region ? " in " : "", config->region ? config->region : "");
    if (cli_confirm(question))
        return true;
    cli_error("events --setup: nothing created");
    return false;
}

int cli_events_setup(cli_options *options)
{
    portfolio *p = cli_load_portfolio(options);
    if (!p)
        return EXIT_USAGE;
    briefing_config config;
    cli_config_from_options(options, p, &config);
    if (!setup_confirmed(options, &config)) {
        model_portfolio_free(p);
        return EXIT_USAGE;
    }
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
