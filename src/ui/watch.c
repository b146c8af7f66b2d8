/* watch: inotify on <root>/agent_handoffs/projects (every handoff),
 * <root> (repos.env, recipients.env) and the folder of the `--env FILE`
 * given in repos.env's place, so an edit from any program regenerates the
 * preview and rebuilds an open review. Only *.md, repos.env,
 * recipients.env and the --env file's name count: editors' swap and backup
 * files do not. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "ui/recipients_file.h"
#include "ui/ui_internal.h"

#define WATCH_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE)

/* The folder holding `file` ("." for a bare name). */
static void watch_folder_of(const char *file, char *out, size_t out_size)
{
    const char *slash = strrchr(file, '/');
    if (!slash)
        snprintf(out, out_size, ".");
    else if (slash == file)
        snprintf(out, out_size, "/");
    else
        snprintf(out, out_size, "%.*s", (int)(slash - file), file);
}

/* The name an event carries for `file` (its last path component). */
static const char *watch_name_of(const char *file)
{
    const char *slash = strrchr(file, '/');
    return slash ? slash + 1 : file;
}

int watch_open(const char *root, const char *env_file, char *error, size_t error_size)
{
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0) {
        snprintf(error, error_size, "inotify: %s (R reloads by hand)", strerror(errno));
        return -1;
    }
    char projects[4096], env_folder[4096];
    snprintf(projects, sizeof projects, "%s/agent_handoffs/projects", root);
    watch_folder_of(env_file ? env_file : root, env_folder, sizeof env_folder);
    const char *dirs[] = {projects, root, env_file ? env_folder : root};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        if (inotify_add_watch(fd, dirs[i], WATCH_EVENTS) < 0) {
            snprintf(error, error_size, "%s: cannot watch: %s (R reloads by hand)", dirs[i],
                     strerror(errno));
            close(fd);
            return -1;
        }
    }
    return fd;
}

static bool watch_concerns_portfolio(const struct inotify_event *event, const char *env_file)
{
    if (event->len == 0)
        return false;
    size_t length = strlen(event->name);
    return strcmp(event->name, "repos.env") == 0 || strcmp(event->name, RECIPIENTS_FILE_NAME) == 0 ||
           (env_file && strcmp(event->name, watch_name_of(env_file)) == 0) ||
           (length > 3 && strcmp(event->name + length - 3, ".md") == 0);
}

bool watch_drain(int fd, const char *env_file)
{
    bool relevant = false;
    char buffer[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(fd, buffer, sizeof buffer);
        if (n <= 0)
            return relevant; /* EAGAIN: drained */
        for (char *at = buffer; at < buffer + n;) {
            const struct inotify_event *event = (const struct inotify_event *)at;
            relevant = relevant || watch_concerns_portfolio(event, env_file);
            at += sizeof *event + event->len;
        }
    }
}
