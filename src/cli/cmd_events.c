/* cmd_events: `briefing events`. A minimal dispatcher until the event
 * reader (issue 9, items 1-3: the events branch) lands here: --setup goes
 * to cmd_events_setup.c; reading the queue is not built in this branch. */
#include "cli/cli_internal.h"

int cli_events(cli_options *options)
{
    if (options->setup)
        return cli_events_setup(options);
    cli_error("events: reading the queue is not built yet; --setup creates the configuration "
              "set, topic and queue");
    return EXIT_USAGE;
}
