/* source_process: credential_process, a program that prints credentials.
 *
 * Like the AWS CLI: the command line is split into words the POSIX shell
 * way (quotes and backslashes) but run without a shell, its stdout is the
 * JSON {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken",
 * "Expiration"}, and a non-zero exit is an error. briefing adds a timeout
 * (BRIEFING_CREDENTIAL_PROCESS_TIMEOUT seconds, default 60): the program
 * runs in its own process group, which is killed when time is up. What it
 * wrote on stderr is quoted in the error.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "ses/aws_internal.h"
#include "ses/ses_internal.h"

enum {
    PROCESS_DEFAULT_TIMEOUT_SECONDS = 60,
    PROCESS_MAX_WORDS = 64,
    PROCESS_MAX_OUTPUT = 1 << 16,
    PROCESS_STDERR_QUOTED = 300,
};

/* The words of `command`, split in place into `storage` (as long as
 * command): blanks separate, '...' is literal, "..." keeps \" \\ \$ \`
 * escapes, a backslash outside quotes escapes the next character. False
 * with why on an unclosed quote or too many words. */
static bool process_split(const char *command, char *storage, char **words, size_t *count,
                          char *error, size_t error_size)
{
    const char *p = command;
    char *to = storage;
    *count = 0;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n')
            p++;
        if (!*p)
            break;
        if (*count + 1 >= PROCESS_MAX_WORDS) {
            snprintf(error, error_size, "more than %d words", PROCESS_MAX_WORDS - 1);
            return false;
        }
        words[(*count)++] = to;
        char quote = 0;
        for (; *p && (quote || (*p != ' ' && *p != '\t' && *p != '\n')); p++) {
            if (quote == '\'') {
                if (*p == '\'')
                    quote = 0;
                else
                    *to++ = *p;
            } else if (*p == '\\' && p[1] && (!quote || strchr("\"\\$`", p[1]))) {
                *to++ = *++p;
            } else if (quote == '"' && *p == '"') {
                quote = 0;
            } else if (!quote && (*p == '\'' || *p == '"')) {
                quote = *p;
            } else {
                *to++ = *p;
            }
        }
        if (quote) {
            snprintf(error, error_size, "unclosed %c quote", quote);
            return false;
        }
        *to++ = '\0';
    }
    words[*count] = NULL;
    if (*count == 0) {
        snprintf(error, error_size, "the command is empty");
        return false;
    }
    return true;
}

static double process_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static int process_timeout_seconds(void)
{
    const char *text = getenv("BRIEFING_CREDENTIAL_PROCESS_TIMEOUT");
    int seconds = text ? atoi(text) : 0;
    return seconds > 0 ? seconds : PROCESS_DEFAULT_TIMEOUT_SECONDS;
}

/* Reads what is ready on `fd` into `into`; false at end of file. */
static bool process_drain(int fd, strbuf *into)
{
    char chunk[4096];
    ssize_t got = read(fd, chunk, sizeof chunk);
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return true;
    if (got <= 0)
        return false;
    if (into->len + (size_t)got <= PROCESS_MAX_OUTPUT)
        strbuf_append(into, chunk, (size_t)got);
    return true;
}

typedef struct {
    strbuf out;
    strbuf err;
    int exit_status;              /* -1: killed at the timeout */
} process_result;

/* Collects both pipes until they close or the deadline passes. */
static bool process_collect(pid_t child, int out_fd, int err_fd, process_result *result)
{
    struct pollfd fds[2] = {{.fd = out_fd, .events = POLLIN}, {.fd = err_fd, .events = POLLIN}};
    double deadline = process_now() + process_timeout_seconds();
    int open_pipes = 2;
    while (open_pipes > 0) {
        double left = deadline - process_now();
        if (left <= 0)
            break;
        if (poll(fds, 2, (int)(left * 1000) + 1) < 0 && errno != EINTR)
            break;
        for (int i = 0; i < 2; i++)
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) &&
                !process_drain(fds[i].fd, i == 0 ? &result->out : &result->err)) {
                fds[i].fd = -1;
                open_pipes--;
            }
    }
    if (open_pipes > 0)
        kill(-child, SIGKILL);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR)
        ;
    result->exit_status = open_pipes > 0 ? -1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128;
    return open_pipes == 0;
}

static bool process_run(char **words, process_result *result, char *error, size_t error_size)
{
    int out_pipe[2], err_pipe[2];
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
        snprintf(error, error_size, "cannot make a pipe: %s", strerror(errno));
        return false;
    }
    pid_t child = fork();
    if (child < 0) {
        snprintf(error, error_size, "cannot fork: %s", strerror(errno));
        return false;
    }
    if (child == 0) {
        setpgid(0, 0);
        /* The program starts with the signals a shell would give it: not
         * the console's blocked SIGINT, nor briefing's ignored SIGPIPE
         * (both survive exec). */
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGPIPE, SIG_DFL);
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        close(out_pipe[0]);
        close(err_pipe[0]);
        close(out_pipe[1]);
        close(err_pipe[1]);
        execvp(words[0], words);
        fprintf(stderr, "cannot run %s: %s\n", words[0], strerror(errno));
        _exit(127);
    }
    setpgid(child, child);
    close(out_pipe[1]);
    close(err_pipe[1]);
    bool finished = process_collect(child, out_pipe[0], err_pipe[0], result);
    close(out_pipe[0]);
    close(err_pipe[0]);
    if (!finished)
        snprintf(error, error_size, "%s did not finish within %d s", words[0],
                 process_timeout_seconds());
    return finished;
}

/* "; it said: <last bytes of stderr>", or "" when it said nothing. */
static void process_quote_stderr(const strbuf *err, char *quote, size_t quote_size)
{
    size_t length = err->len;
    while (length && (err->data[length - 1] == '\n' || err->data[length - 1] == ' '))
        length--;
    quote[0] = '\0';
    if (length == 0)
        return;
    size_t start = length > PROCESS_STDERR_QUOTED ? length - PROCESS_STDERR_QUOTED : 0;
    while (start > 0 && start < length && ((unsigned char)err->data[start] & 0xC0) == 0x80)
        start++; /* never start inside a UTF-8 character */
    snprintf(quote, quote_size, "; it said: %.*s", (int)(length - start), err->data + start);
}

static bool process_read_answer(const process_result *result, ses_credentials *out, char *error,
                                size_t error_size)
{
    static const aws_json_fields fields = {
        .access_key_id = "AccessKeyId",
        .secret_access_key = "SecretAccessKey",
        .session_token = "SessionToken",
        .expiration = "Expiration",
        .version = "Version",
    };
    char why[256];
    if (!aws_json_credentials(result->out.data, result->out.len, NULL, &fields, out, why,
                              sizeof why)) {
        snprintf(error, error_size, "its output: %s", why);
        return false;
    }
    if (out->expiration && out->expiration <= time(NULL)) {
        snprintf(error, error_size, "the credentials it printed have already expired");
        OPENSSL_cleanse(out, sizeof *out);
        return false;
    }
    return true;
}

int aws_source_process(const aws_source_context *context, ses_credentials *out, char *error,
                       size_t error_size)
{
    const char *command = aws_files_profile(context->files, false, context->profile,
                                            "credential_process");
    if (!command || !*command)
        return 0;
    char detail[300], where[280];
    aws_files_where(context->files, false, context->profile, where, sizeof where);
    snprintf(detail, sizeof detail, "credential_process of %s", where);
    char *storage = malloc(strlen(command) + 1);
    char *words[PROCESS_MAX_WORDS];
    size_t count;
    process_result result = {.out = STRBUF_INIT, .err = STRBUF_INIT};
    char why[700] = "", said[PROCESS_STDERR_QUOTED + 16];
    bool ok = storage && process_split(command, storage, words, &count, why, sizeof why) &&
              process_run(words, &result, why, sizeof why);
    if (ok && result.exit_status != 0) {
        snprintf(why, sizeof why, "%s exited with status %d", words[0], result.exit_status);
        ok = false;
    }
    ok = ok && process_read_answer(&result, out, why, sizeof why);
    process_quote_stderr(&result.err, said, sizeof said);
    if (ok) {
        out->source = CREDENTIAL_SOURCE_PROCESS;
        snprintf(out->source_detail, sizeof out->source_detail, "%s", detail);
    } else {
        snprintf(error, error_size, "%s: %s%s", detail, why, said);
    }
    OPENSSL_cleanse(result.out.data, result.out.len);
    strbuf_free(&result.out);
    strbuf_free(&result.err);
    free(storage);
    return ok ? 1 : -1;
}
