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

/* The operator's editor (may carry arguments, "code -w"), or NULL. */
static const char *editor_from_environment(void)
{
    for (size_t i = 0; i < sizeof editor_choices / sizeof editor_choices[0]; i++) {
        const char *value = editor_choices[i].variable ? getenv(editor_choices[i].variable) : NULL;
        if (value && *value)
            return value;
    }
    return NULL;
}

/* The shell command: the operator's editor as $2 (unquoted, so arguments
 * split into words and are never parsed as shell syntax), else the first
 * program of the table that the shell finds. */
static void editor_command(const char *chosen, char *out, size_t out_size)
{
    if (chosen) {
        snprintf(out, out_size, "$2 \"$1\"");
        return;
    }
    size_t used = 0;
    for (size_t i = 0; i < sizeof editor_choices / sizeof editor_choices[0]; i++) {
        const char *program = editor_choices[i].program;
        if (program && used < out_size)
            used += (size_t)snprintf(out + used, out_size - used,
                                     "command -v %s >/dev/null 2>&1 && exec %s \"$1\"; ", program, program);
    }
    if (used < out_size)
        snprintf(out + used, out_size - used, "exit 127");
}

bool editor_run(const char *path, char *error, size_t error_size)
{
    const char *editor = editor_from_environment();
    char command[512];
    editor_command(editor, command, sizeof command);
    def_prog_mode();
    endwin();
    pid_t pid = fork();
    if (pid == 0) {
        ctrl_c_unblock(); /* the editor's own Ctrl-C */
        execl("/bin/sh", "sh", "-c", command, "sh", path, editor ? editor : "", (char *)NULL);
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
    if (!editor && WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        snprintf(error, error_size, "no editor: set EDITOR (neither sensible-editor nor vi is installed) "
                 "to edit %s", path);
        return false;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(error, error_size, "the editor exited with status %d on %s",
                 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), path);
        return false;
    }
    return true;
}
