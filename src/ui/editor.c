/* editor: a handoff in the operator's $EDITOR, with curses suspended and
 * restored around it. The path goes to the shell as "$1", never pasted into
 * the command, so no file name can inject a command. */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ui/ui_internal.h"

bool editor_run(const char *path, char *error, size_t error_size)
{
    const char *editor = getenv("EDITOR"), *visual = getenv("VISUAL");
    if ((!editor || !*editor) && (!visual || !*visual)) {
        snprintf(error, error_size, "set EDITOR (or VISUAL) to edit %s", path);
        return false;
    }
    def_prog_mode();
    endwin();
    pid_t pid = fork();
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", "${EDITOR:-$VISUAL} \"$1\"", "sh", path, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    reset_prog_mode();
    refresh();
    if (pid < 0) {
        snprintf(error, error_size, "cannot start the editor: %s", strerror(errno));
        return false;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(error, error_size, "the editor exited with status %d on %s",
                 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), path);
        return false;
    }
    return true;
}
