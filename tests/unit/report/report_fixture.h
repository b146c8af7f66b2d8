/* Test fixture for the report tests: portfolios written to a temporary
 * directory, loaded with the real model, rendered to Markdown.
 * Header-only; each test program includes it once. */
#ifndef REPORT_FIXTURE_H
#define REPORT_FIXTURE_H

#include <errno.h>
#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "briefing/model.h"
#include "briefing/report.h"
#include "briefing/strbuf.h"

/* 2026-11-23T00:00:00Z: the golden files' date. */
#define FIXTURE_NOW ((time_t)1795392000)

static inline void fixture_mkdirs(const char *path)
{
    char buffer[PATH_MAX];
    snprintf(buffer, sizeof buffer, "%s", path);
    for (char *slash = strchr(buffer + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(buffer, 0700);
        *slash = '/';
    }
    mkdir(buffer, 0700);
}

/* Writes root/relative, creating directories on the way. */
static inline void fixture_write(const char *root, const char *relative, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", root, relative);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    fixture_mkdirs(path);
    *slash = '/';
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        abort();
    }
    fputs(text, f);
    fclose(f);
}

static inline void fixture_handoff(const char *root, const char *id, const char *markdown)
{
    char relative[256];
    snprintf(relative, sizeof relative, "agent_handoffs/projects/%s.md", id);
    fixture_write(root, relative, markdown);
}

static inline char *fixture_tempdir(void)
{
    char *root = strdup("/tmp/briefing-report-XXXXXX");
    if (!mkdtemp(root))
        abort();
    return root;
}

static inline void fixture_remove_tree(const char *path)
{
    DIR *dir = opendir(path);
    if (dir) {
        struct dirent *entry;
        while ((entry = readdir(dir))) {
            if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
                continue;
            char child[PATH_MAX];
            snprintf(child, sizeof child, "%s/%s", path, entry->d_name);
            struct stat st;
            if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
                fixture_remove_tree(child);
            else
                remove(child);
        }
        closedir(dir);
    }
    remove(path);
}

static inline void fixture_remove(char *root)
{
    fixture_remove_tree(root);
    free(root);
}

static inline void fixture_copy_file(const char *from, const char *to)
{
    strbuf content = STRBUF_INIT;
    if (strbuf_read_file(&content, from, 1 << 24) != 0) {
        fprintf(stderr, "%s: %s\n", from, strerror(errno));
        abort();
    }
    FILE *f = fopen(to, "wb");
    if (!f) {
        fprintf(stderr, "%s: %s\n", to, strerror(errno));
        abort();
    }
    fwrite(content.data, 1, content.len, f);
    fclose(f);
    strbuf_free(&content);
}

/* Copies the tree `from` into the existing directory `to`. */
static inline void fixture_copy_tree(const char *from, const char *to)
{
    DIR *dir = opendir(from);
    if (!dir) {
        fprintf(stderr, "%s: %s\n", from, strerror(errno));
        abort();
    }
    struct dirent *entry;
    while ((entry = readdir(dir))) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char source[PATH_MAX], target[PATH_MAX];
        snprintf(source, sizeof source, "%s/%s", from, entry->d_name);
        snprintf(target, sizeof target, "%s/%s", to, entry->d_name);
        struct stat st;
        if (lstat(source, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            mkdir(target, 0700);
            fixture_copy_tree(source, target);
        } else if (S_ISREG(st.st_mode)) {
            fixture_copy_file(source, target);
        }
    }
    closedir(dir);
}

/* $BRIEFING_SOURCE_DIR/examples/portfolio */
static inline const char *fixture_sample_root(void)
{
    static char root[PATH_MAX];
    const char *source = getenv("BRIEFING_SOURCE_DIR");
    if (!source) {
        fprintf(stderr, "BRIEFING_SOURCE_DIR is not set (run through ctest)\n");
        abort();
    }
    snprintf(root, sizeof root, "%s/examples/portfolio", source);
    return root;
}

static inline portfolio *fixture_load(const char *root)
{
    char error[512] = "";
    portfolio *p = model_portfolio_load(root, error, sizeof error);
    if (!p) {
        fprintf(stderr, "load %s: %s\n", root, error);
        abort();
    }
    return p;
}

/* The report's Markdown; free() it. */
static inline char *fixture_render(const portfolio *p, persona persona, const char *scope)
{
    report_target target = {persona, scope};
    report_options options = {.now = FIXTURE_NOW};
    strbuf out = STRBUF_INIT;
    report_render(p, &target, &options, &out);
    return strbuf_detach(&out);
}

/* True when one line of `text` holds every one of the `count` needles:
 * table cells are padded, so tests look for a row, not exact spacing. */
static inline bool fixture_line_has(const char *text, const char *const *needles, size_t count)
{
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char *copy = strndup(line, len);
        size_t found = 0;
        for (size_t i = 0; i < count; i++)
            if (strstr(copy, needles[i]))
                found++;
        free(copy);
        if (found == count)
            return true;
        line = end ? end + 1 : NULL;
    }
    return false;
}

#define assert_row(text, ...)                                                                      \
    do {                                                                                           \
        const char *const needles_[] = {__VA_ARGS__};                                              \
        if (!fixture_line_has((text), needles_, sizeof needles_ / sizeof needles_[0]))             \
            fail_msg("no line with all of: %s ... in:\n%s", needles_[0], (text));                  \
    } while (0)

/* Whether every needle is in `text`, each after the one before it. */
static inline bool fixture_in_order(const char *text, const char *const *needles, size_t count)
{
    const char *at = text;
    for (size_t i = 0; i < count; i++) {
        const char *found = strstr(at, needles[i]);
        if (!found)
            return false;
        at = found + strlen(needles[i]);
    }
    return true;
}

#define assert_in_order(text, ...)                                                                 \
    do {                                                                                           \
        const char *const needles_[] = {__VA_ARGS__};                                              \
        if (!fixture_in_order((text), needles_, sizeof needles_ / sizeof needles_[0]))             \
            fail_msg("not in this order: %s ... in:\n%s", needles_[0], (text));                    \
    } while (0)

/* Substring checks on a rendered report, printing it on failure. */
#define assert_contains(haystack, needle)                                                          \
    do {                                                                                           \
        if (!strstr((haystack), (needle)))                                                         \
            fail_msg("missing \"%s\" in:\n%s", (needle), (haystack));                              \
    } while (0)

#define assert_not_contains(haystack, needle)                                                      \
    do {                                                                                           \
        if (strstr((haystack), (needle)))                                                          \
            fail_msg("unexpected \"%s\" in:\n%s", (needle), (haystack));                           \
    } while (0)

/* Loads one-handoff-per-pair portfolios: ids[i] with markdown[i]. */
static inline portfolio *fixture_portfolio(char **root, const char *const *ids,
                                           const char *const *markdown, size_t count)
{
    *root = fixture_tempdir();
    for (size_t i = 0; i < count; i++)
        fixture_handoff(*root, ids[i], markdown[i]);
    return fixture_load(*root);
}

/* ids[i] with markdown[i], rendered for `persona` and `scope` at `now`;
 * the caller frees the Markdown. */
static inline char *fixture_render_handoffs(const char *const *ids, const char *const *markdown,
                                            size_t count, persona persona, const char *scope,
                                            time_t now)
{
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, count);
    report_target target = {persona, scope};
    report_options options = {.now = now};
    strbuf out = STRBUF_INIT;
    report_render(p, &target, &options, &out);
    model_portfolio_free(p);
    fixture_remove(root);
    return strbuf_detach(&out);
}

#endif
