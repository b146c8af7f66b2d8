/* briefing: the front door. A subcommand runs the command line (src/cli/);
 * anything else opens the console (src/ui/), whose options the command
 * line's tables parse too. */
#include <signal.h>
#include "briefing/cli.h"
#include "briefing/ui.h"

static int main_open_console(const cli_console_settings *settings)
{
    ui_options ui = {
        .root = settings->root,
        .theme = settings->theme,
        .ledger_path = settings->ledger,
        .archive_root = settings->archive,
        .endpoint = settings->endpoint,
        .env_file = settings->env_file,
    };
    return ui_run(&ui);
}

int main(int argc, char **argv)
{
    /* A reader that goes away (`briefing send ... | tee` stopped by the same
     * Ctrl-C, `log | head`) makes writes fail with EPIPE instead of killing
     * the process: a batch then still ends its requests in flight and records
     * them, rather than leaving `sending` rows for the next run to repair. */
    signal(SIGPIPE, SIG_IGN);
    if (argc > 1 && cli_is_command(argv[1]))
        return cli_main(argc - 1, argv + 1);
    return cli_console_main(argc, argv, main_open_console);
}
