/* ledger_archive: every sent message kept as .eml, .txt and .html.
 *
 * Layout: <root>/YYYY-MM-DD/<persona>-<scope>[-N].{eml,txt,html}, the date
 * in UTC. A name is claimed by creating its .eml with O_EXCL, so two sends
 * (even from two processes) never share or overwrite a file; a later send the
 * same day gets -2, -3 ... The files are fsync()ed before the path and the
 * SHA-256 of the exact .eml bytes go into the ledger.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "briefing/strbuf.h"
#include "briefing/digest.h"
#include "ledger/ledger_internal.h"

enum { ARCHIVE_MAX_SUFFIX = 1000, ARCHIVE_NAME_MAX = 100 };

/* Keeps [a-z0-9-] (upper case folded); anything else becomes '-', so an
 * entity id can never climb out of the day's directory. */
static void ledger_archive_sanitize(const char *in, strbuf *out)
{
    for (size_t i = 0; in[i] && i < ARCHIVE_NAME_MAX; i++) {
        char c = in[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        strbuf_putc(out, keep ? c : '-');
    }
}

static bool ledger_mkdirs(const char *dir, char *error, size_t error_size)
{
    strbuf path = STRBUF_INIT;
    strbuf_puts(&path, dir);
    bool ok = true;
    for (size_t i = 1; i <= path.len && ok; i++) {
        if (path.data[i] != '/' && path.data[i] != '\0')
            continue;
        char saved = path.data[i];
        path.data[i] = '\0';
        if (mkdir(path.data, 0700) != 0 && errno != EEXIST) {
            snprintf(error, error_size, "%s: cannot create the archive directory: %s",
                     path.data, strerror(errno));
            ok = false;
        }
        path.data[i] = saved;
    }
    strbuf_free(&path);
    return ok;
}

static bool ledger_write_all(int fd, const char *bytes, size_t length)
{
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        bytes += n;
        length -= (size_t)n;
    }
    return fsync(fd) == 0;
}

/* Creates `path` (never replacing one) with exactly `length` bytes. */
static bool ledger_write_new_file(const char *path, const char *bytes, size_t length, char *error,
                                  size_t error_size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(error, error_size, "%s: cannot create the archive file: %s", path,
                 strerror(errno));
        return false;
    }
    bool ok = ledger_write_all(fd, bytes, length);
    if (!ok)
        snprintf(error, error_size, "%s: cannot write the archive file: %s", path,
                 strerror(errno));
    if (close(fd) != 0 && ok) {
        snprintf(error, error_size, "%s: cannot write the archive file: %s", path,
                 strerror(errno));
        ok = false;
    }
    return ok;
}

static bool ledger_path_exists(const char *base, const char *extension)
{
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s.%s", base, extension);
    return lstat(path, &st) == 0;
}

/* Finds the first free base name and claims it by creating its .eml;
 * `base` receives "<dir>/<persona>-<scope>[-N]" and `fd` the open .eml. */
static bool ledger_claim_name(const char *dir, const char *stem, strbuf *base, int *fd,
                              char *error, size_t error_size)
{
    for (int n = 1; n <= ARCHIVE_MAX_SUFFIX; n++) {
        strbuf_truncate(base, 0);
        strbuf_printf(base, "%s/%s", dir, stem);
        if (n > 1)
            strbuf_printf(base, "-%d", n);
        if (ledger_path_exists(base->data, "txt") || ledger_path_exists(base->data, "html"))
            continue;
        strbuf_puts(base, ".eml");
        *fd = open(base->data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        strbuf_truncate(base, base->len - 4);
        if (*fd >= 0)
            return true;
        if (errno != EEXIST) {
            snprintf(error, error_size, "%s.eml: cannot create the archive file: %s", base->data,
                     strerror(errno));
            return false;
        }
    }
    snprintf(error, error_size, "%s/%s: more than %d archived messages today", dir, stem,
             ARCHIVE_MAX_SUFFIX);
    return false;
}

static bool ledger_archive_day(const char *root, time_t when, strbuf *dir, char *error,
                               size_t error_size)
{
    struct tm utc;
    if (!gmtime_r(&when, &utc)) {
        snprintf(error, error_size, "%s: the send time is out of range", root);
        return false;
    }
    strbuf_printf(dir, "%s/%04d-%02d-%02d", root, utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday);
    return ledger_mkdirs(dir->data, error, error_size);
}

/* The .eml is claimed (open, empty); fill it, then write the other two. */
static bool ledger_archive_fill(int eml_fd, const strbuf *base, const char *eml,
                                size_t eml_length, const char *text, const char *html,
                                char *error, size_t error_size)
{
    if (!ledger_write_all(eml_fd, eml, eml_length)) {
        snprintf(error, error_size, "%s.eml: cannot write the archive file: %s", base->data,
                 strerror(errno));
        return false;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s.txt", base->data);
    if (!ledger_write_new_file(path, text ? text : "", text ? strlen(text) : 0, error,
                               error_size))
        return false;
    snprintf(path, sizeof path, "%s.html", base->data);
    return ledger_write_new_file(path, html ? html : "", html ? strlen(html) : 0, error,
                                 error_size);
}

/* Makes the new directory entries durable, not only the file contents. */
static void ledger_sync_directory(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    fsync(fd);
    close(fd);
}

bool ledger_archive_write(const char *archive_root, time_t when, const char *persona,
                          const char *scope, const char *eml, size_t eml_length, const char *text,
                          const char *html, char **eml_path, char sha256[65], char *error,
                          size_t error_size)
{
    *eml_path = NULL;
    if (!archive_root || !archive_root[0] || !persona || !persona[0] || !scope || !scope[0]) {
        snprintf(error, error_size, "archive: a root, a persona and a scope are required");
        return false;
    }
    strbuf dir = STRBUF_INIT, stem = STRBUF_INIT, base = STRBUF_INIT;
    ledger_archive_sanitize(persona, &stem);
    strbuf_putc(&stem, '-');
    ledger_archive_sanitize(scope, &stem);
    int eml_fd = -1;
    bool ok = ledger_archive_day(archive_root, when, &dir, error, error_size) &&
              ledger_claim_name(dir.data, stem.data, &base, &eml_fd, error, error_size);
    if (ok) {
        ok = ledger_archive_fill(eml_fd, &base, eml, eml_length, text, html, error, error_size);
        if (close(eml_fd) != 0 && ok) {
            snprintf(error, error_size, "%s.eml: cannot write the archive file: %s", base.data,
                     strerror(errno));
            ok = false;
        }
        ledger_sync_directory(dir.data);
    }
    if (ok) {
        digest_sha256_hex(eml, eml_length, sha256);
        strbuf_puts(&base, ".eml");
        *eml_path = strbuf_detach(&base);
    }
    strbuf_free(&dir);
    strbuf_free(&stem);
    strbuf_free(&base);
    return ok;
}

/* The folder part of `path` with its '/', or nothing (the current folder). */
static void ledger_folder_of(const char *path, strbuf *out)
{
    const char *slash = strrchr(path, '/');
    if (slash)
        strbuf_append(out, path, (size_t)(slash - path) + 1);
}

bool ledger_local_folder(const ledger *l, strbuf *out, char *error, size_t error_size)
{
    const char *file = ledger_local_file(l);
    if (file) {
        ledger_folder_of(file, out);
        return true;
    }
    strbuf default_file = STRBUF_INIT;
    bool ok = ledger_default_path(&default_file, error, error_size);
    if (ok)
        ledger_folder_of(strbuf_cstr(&default_file), out);
    strbuf_free(&default_file);
    return ok;
}

void ledger_default_archive_root(const ledger *l, strbuf *out)
{
    char ignored[256];
    if (ledger_local_folder(l, out, ignored, sizeof ignored))
        strbuf_puts(out, "archive");
}
