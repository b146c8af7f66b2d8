/* site: what a site's source says about its stack and its security.
 *
 * Bounded walk of sites/<name>: skips .git and node_modules, files over
 * 1 MB, binary files (a NUL in the first 4 KB), symbolic links that leave the
 * portfolio root, more than SITE_MAX_DEPTH levels and more than
 * SITE_MAX_FILES files. Findings carry a masked excerpt: a secret is never
 * kept beyond its first four characters.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "briefing/strbuf.h"
#include "briefing/utf8.h"
#include "model/model_internal.h"
#include "model/site_scan.h"

enum { SITE_MAX_FILE_BYTES = 1024 * 1024, SITE_MAX_DEPTH = 12, SITE_MAX_FILES = 5000 };

static const char *const site_skipped_dirs[] = {".git", "node_modules", ".venv", "__pycache__"};

/* File names and extensions that say what a site is built with. */
static const struct {
    const char *match;       /* a file name, or an extension starting with '.' */
    const char *stack;
} site_stack_markers[] = {
    {"lambda_function.py", "Python (AWS Lambda)"},
    {"template.yaml", "AWS SAM"},
    {"serverless.yml", "Serverless Framework"},
    {"package.json", "Node.js"},
    {"requirements.txt", "Python"},
    {".py", "Python"},
    {".js", "JavaScript"},
    {".ts", "TypeScript"},
    {".php", "PHP"},
    {".html", "HTML"},
    {".css", "CSS"},
};

struct site_walk {
    portfolio *portfolio;
    site *site;
    const char *root_real;   /* realpath of the portfolio root */
    size_t stack_capacity;
    size_t finding_capacity;
};

/* Whether `refined` is `plain` with a qualifier: "Python (AWS Lambda)"
 * refines "Python", which then says nothing more. */
static bool site_stack_refines(const char *refined, const char *plain)
{
    size_t n = strlen(plain);
    return strncmp(refined, plain, n) == 0 && strncmp(refined + n, " (", 2) == 0;
}

/* Each stack once; "Python" beside "Python (AWS Lambda)" is the same
 * language named twice, so the qualified name takes its place. */
static void site_add_stack(site_walk *w, const char *stack)
{
    for (size_t i = 0; i < w->site->stack_count; i++) {
        if (strcmp(w->site->stack[i], stack) == 0 || site_stack_refines(w->site->stack[i], stack))
            return;
        if (site_stack_refines(stack, w->site->stack[i])) {
            w->site->stack[i] = stack;
            return;
        }
    }
    const char **slot = arena_push(&w->portfolio->arena, (void **)&w->site->stack,
                                   &w->site->stack_count, &w->stack_capacity, sizeof *slot);
    *slot = stack;
}

void site_add_stack_of(site_scan_context *scan, const char *stack)
{
    site_add_stack(scan->walk, stack);
}

static void site_note_stack(site_walk *w, const char *name)
{
    const char *extension = strrchr(name, '.');
    for (size_t i = 0; i < sizeof site_stack_markers / sizeof site_stack_markers[0]; i++) {
        const char *match = site_stack_markers[i].match;
        bool hit = match[0] == '.' ? extension && strcasecmp(extension, match) == 0
                                   : strcmp(name, match) == 0;
        if (hit)
            site_add_stack(w, site_stack_markers[i].stack);
    }
}

/* A copy in the arena with bytes that are not UTF-8 replaced: site files and
 * names may be in any encoding, and what a report quotes must be UTF-8. */
static const char *site_utf8_copy(portfolio *p, const char *text)
{
    strbuf repaired = STRBUF_INIT;
    utf8_append_repaired(&repaired, text, strlen(text));
    const char *copy = arena_strdup(&p->arena, strbuf_cstr(&repaired));
    strbuf_free(&repaired);
    return copy;
}

finding *site_add_finding(site_scan_context *scan, finding_kind kind, int line,
                          const char *excerpt)
{
    site_walk *w = scan->walk;
    finding *f = arena_push(&w->portfolio->arena, (void **)&w->site->findings,
                            &w->site->finding_count, &w->finding_capacity, sizeof *f);
    *f = (finding){.kind = kind, .file = scan->relative_path, .line = line,
                   .excerpt = site_utf8_copy(w->portfolio, excerpt)};
    return f;
}

const char *site_copy(site_scan_context *scan, const char *text)
{
    return arena_strdup(&scan->walk->portfolio->arena, text);
}

static void site_scan_file(site_walk *w, const char *path, const char *relative, const char *name)
{
    struct stat st;
    if (stat(path, &st) != 0 || st.st_size > SITE_MAX_FILE_BYTES) {
        w->site->skipped_count++;
        return;
    }
    strbuf content = STRBUF_INIT;
    if (strbuf_read_file(&content, path, SITE_MAX_FILE_BYTES) != 0) {
        diag_add(&w->portfolio->arena, &w->portfolio->diagnostics, DIAG_WARNING, relative, 0,
                 "cannot read: %s", strerror(errno));
        w->site->skipped_count++;
        return;
    }
    size_t head = content.len < 4096 ? content.len : 4096;
    if (memchr(content.data, '\0', head)) {
        w->site->skipped_count++;
        strbuf_free(&content);
        return;
    }
    w->site->file_count++;
    site_note_stack(w, name);
    site_scan_context scan = {.walk = w, .relative_path = site_utf8_copy(w->portfolio, relative)};
    site_scan_text(&scan, name, content.data, content.len);
    strbuf_free(&content);
}

/* True when `path` resolves inside the portfolio root. */
static bool site_inside_root(const site_walk *w, const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return false;
    size_t n = strlen(w->root_real);
    return strncmp(real, w->root_real, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

static bool site_skipped_dir(const char *name)
{
    for (size_t i = 0; i < sizeof site_skipped_dirs / sizeof site_skipped_dirs[0]; i++)
        if (strcmp(name, site_skipped_dirs[i]) == 0)
            return true;
    return false;
}

static int site_compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void site_walk_dir(site_walk *w, const char *path, const char *relative, int depth)
{
    DIR *dir = opendir(path);
    if (!dir)
        return;
    /* Sorted, so findings come out in the same order on every machine. */
    char **names = NULL;
    size_t count = 0, capacity = 0;
    for (struct dirent *entry; (entry = readdir(dir));) {
        if (entry->d_name[0] == '.' && (entry->d_name[1] == '\0' ||
                                        (entry->d_name[1] == '.' && entry->d_name[2] == '\0')))
            continue;
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 32;
            names = realloc(names, capacity * sizeof *names);
        }
        names[count++] = strdup(entry->d_name);
    }
    closedir(dir);
    if (count)
        qsort(names, count, sizeof *names, site_compare_names);
    for (size_t i = 0; i < count; i++) {
        char child[PATH_MAX], child_relative[PATH_MAX];
        snprintf(child, sizeof child, "%s/%s", path, names[i]);
        snprintf(child_relative, sizeof child_relative, "%s/%s", relative, names[i]);
        struct stat st;
        bool usable = w->site->file_count + w->site->skipped_count < SITE_MAX_FILES &&
                      lstat(child, &st) == 0;
        if (usable && S_ISLNK(st.st_mode)) {
            usable = site_inside_root(w, child) && stat(child, &st) == 0;
            if (!usable)
                w->site->skipped_count++;
        }
        if (usable && S_ISDIR(st.st_mode) && !site_skipped_dir(names[i]) && depth < SITE_MAX_DEPTH)
            site_walk_dir(w, child, child_relative, depth + 1);
        else if (usable && S_ISREG(st.st_mode))
            site_scan_file(w, child, child_relative, names[i]);
        free(names[i]);
    }
    free(names);
}

site *model_inspect_site(portfolio *p, const char *name)
{
    site *existing = (site *)model_find_site(p, name);
    if (existing)
        return existing;
    site *s = arena_push(&p->arena, (void **)&p->sites, &p->site_count, &p->site_capacity,
                         sizeof *s);
    s->name = arena_strdup(&p->arena, name);
    char path[PATH_MAX], relative[PATH_MAX], root_real[PATH_MAX];
    snprintf(path, sizeof path, "%s/sites/%s", p->root, name);
    snprintf(relative, sizeof relative, "sites/%s", name);
    struct stat st;
    if (strstr(name, "..") || !realpath(p->root, root_real) || stat(path, &st) != 0 ||
        !S_ISDIR(st.st_mode)) {
        diag_add(&p->arena, &p->diagnostics, DIAG_WARNING, relative, 0,
                 "the site folder is missing: the CTO report cannot inspect it");
        return s;
    }
    site_walk w = {.portfolio = p, .site = s, .root_real = root_real};
    if (!site_inside_root(&w, path)) {
        diag_add(&p->arena, &p->diagnostics, DIAG_WARNING, relative, 0,
                 "the site folder leads outside the portfolio: not inspected");
        return s;
    }
    site_walk_dir(&w, path, relative, 0);
    return s;
}
