/* briefing: the front door. A subcommand runs the command line (src/cli/);
 * anything else opens the console (src/ui/). */
#include <getopt.h>
#include <stdio.h>

#include "briefing/cli.h"
#include "briefing/ui.h"

static void main_console_usage(FILE *out)
{
    fputs("usage: briefing [--root DIR] [--theme NAME] [--env FILE] [--ledger FILE]\n"
          "                [--archive DIR] [--endpoint URL]\n"
          "Opens the console; `briefing --help` lists the subcommands.\n",
          out);
}

/* The console's own options; anything else is a usage error. */
static int main_console(int argc, char **argv)
{
    static const struct option options[] = {
        {"root", required_argument, NULL, 'r'},    {"theme", required_argument, NULL, 't'},
        {"env", required_argument, NULL, 'e'},     {"ledger", required_argument, NULL, 'l'},
        {"archive", required_argument, NULL, 'a'}, {"endpoint", required_argument, NULL, 'u'},
        {NULL, 0, NULL, 0},
    };
    ui_options ui = {0};
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case 'r': ui.root = optarg; break;
        case 't': ui.theme = optarg; break;
        case 'e': ui.env_file = optarg; break;
        case 'l': ui.ledger_path = optarg; break;
        case 'a': ui.archive_root = optarg; break;
        case 'u': ui.endpoint = optarg; break;
        default:
            fprintf(stderr, "briefing: %s is not an option of the console\n", argv[optind - 1]);
            main_console_usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "briefing: unknown command \"%s\"\n", argv[optind]);
        main_console_usage(stderr);
        return EXIT_USAGE;
    }
    return ui_run(&ui);
}

int main(int argc, char **argv)
{
    if (argc > 1 && cli_is_command(argv[1]))
        return cli_main(argc - 1, argv + 1);
    return main_console(argc, argv);
}
