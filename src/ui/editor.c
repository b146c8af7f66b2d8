/* editor: a handoff in the operator's $EDITOR (else $VISUAL,
 * sensible-editor, vi), with curses suspended and restored around it. The path goes to the shell as "$1", never pasted into
 * the command, so no file name can inject a command. */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ui/ui_internal.h"

/* Where the editor comes from, in order: the operator's variables, then
 * Debian's choice of editor, then the one every system has. */
static const struct {
    const char *variable;    /* an environment variable naming it, or NULL */
    const char *program;     /* else a program looked for on PATH */
} editor_choices[] = {
    {"EDITOR", NULL}, {"VISUAL", NULL}, {NULL, "sensible-editor"}, {NULL, "vi"},
};

static bool editor_on_path(const char *program)
{
    const char *path = getenv("PATH");
    while (path && *path) {
        size_t length = strcspn(path, ":");
        char candidate[4096];
        snprintf(candidate, sizeof candidate, "%.*s/%s", (int)length, length ? path : ".", program);
        if (access(candidate, X_OK) == 0)
            return true;
        path += length + (path[length] == ':');
    }
    return false;
}

/* The editor to run (may carry arguments, "code -w"), or NULL. */
static const char *editor_choose(void)
{
    for (size_t i = 0; i < sizeof editor_choices / sizeof editor_choices[0]; i++) {
        const char *value = editor_choices[i].variable ? getenv(editor_choices[i].variable) : NULL;
        if (value && *value)
            return value;
        if (editor_choices[i].program && editor_on_path(editor_choices[i].program))
            return editor_choices[i].program;
    }
    return NULL;
}

bool editor_run(const char *path, char *error, size_t error_size)
{
    const char *editor = editor_choose();
    if (!editor) {
        snprintf(error, error_size, "no editor: set EDITOR (none of sensible-editor, vi is installed) to edit %s",
                 path);
        return false;
    }
    def_prog_mode();
    endwin();
    pid_t pid = fork();
    if (pid == 0) {
        /* $2 unquoted: an editor with arguments splits into words, and is
         * never parsed as shell syntax. */
        execl("/bin/sh", "sh", "-c", "$2 \"$1\"", "sh", path, editor, (char *)NULL);
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
