/* briefing: the command line's front door. With no subcommand it opens the
 * console; every subcommand lives in src/cli/. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("briefing %s\n", BRIEFING_VERSION);
        return 0;
    }
    fputs("briefing: not built yet\n", stderr);
    return 2;
}
