/* briefing: the front door. A subcommand runs the command line (src/cli/);
 * anything else opens the console (src/ui/), whose options the command
 * line's tables parse too. */
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
    if (argc > 1 && cli_is_command(argv[1]))
        return cli_main(argc - 1, argv + 1);
    return cli_console_main(argc, argv, main_open_console);
}
