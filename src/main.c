/* briefing: the front door. A subcommand runs the command line (src/cli/);
 * anything else opens the console (src/ui/). */
#include "briefing/cli.h"

int main(int argc, char **argv)
{
    if (argc > 1 && cli_is_command(argv[1]))
        return cli_main(argc - 1, argv + 1);
    return cli_main(argc, argv); /* replaced by the console once it lands */
}
