/* portfolio: reading a whole portfolio folder (DESIGN §2).
 *
 *   <root>/agent_handoffs/projects/<id>.md   one handoff per entity
 *   <root>/repos.env                         settings (optional)
 *   <root>/sites/<site>/                     inspected when a handoff names it
 * Entities come out core first, then ancillary, each sorted by id, so every
 * report lists them in the same order on every machine.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "briefing/strbuf.h"
#include "model/model_internal.h"

enum { PORTFOLIO_MAX_HANDOFF_BYTES = 8 * 1024 * 1024, PORTFOLIO_MAX_ENV_BYTES = 1024 * 1024 };

static const char *const portfolio_projects_dir = "agent_handoffs/projects";

static int portfolio_compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int portfolio_compare_entities(const void *a, const void *b)
{
    const entity *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind == ENTITY_CORE ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* The sorted names of the .md files in the projects folder. */
static size_t portfolio_list_handoffs(portfolio *p, const char *dir_path, char ***out)
{
    DIR *dir = opendir(dir_path);
    *out = NULL;
    if (!dir) {
        diag_add(&p->arena, &p->diagnostics, DIAG_ERROR, portfolio_projects_dir, 0,
                 "no handoffs: %s (create %s/<entity>.md)", strerror(errno),
                 portfolio_projects_dir);
        return 0;
    }
    size_t count = 0, capacity = 0;
    char **names = NULL;
    for (struct dirent *entry; (entry = readdir(dir));) {
        size_t n = strlen(entry->d_name);
        if (n <= 3 || strcmp(entry->d_name + n - 3, ".md") != 0 || entry->d_name[0] == '.')
            continue;
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 64;
            names = realloc(names, capacity * sizeof *names);
        }
        names[count++] = arena_strdup(&p->arena, entry->d_name);
    }
    closedir(dir);
    if (count)
        qsort(names, count, sizeof *names, portfolio_compare_names);
    else
        diag_add(&p->arena, &p->diagnostics, DIAG_ERROR, portfolio_projects_dir, 0,
                 "no handoffs (<id>.md files) found: add one per business");
    *out = names;
    return count;
}

static void portfolio_read_handoffs(portfolio *p, entity **entities, size_t *count)
{
    char dir_path[4096];
    snprintf(dir_path, sizeof dir_path, "%s/%s", p->root, portfolio_projects_dir);
    char **names = NULL;
    size_t name_count = portfolio_list_handoffs(p, dir_path, &names);
    *entities = name_count ? arena_alloc(&p->arena, name_count * sizeof **entities) : NULL;
    *count = 0;
    for (size_t i = 0; i < name_count; i++) {
        char path[4096], relative[4096];
        snprintf(path, sizeof path, "%s/%s", dir_path, names[i]);
        snprintf(relative, sizeof relative, "%s/%s", portfolio_projects_dir, names[i]);
        strbuf text = STRBUF_INIT;
        if (strbuf_read_file(&text, path, PORTFOLIO_MAX_HANDOFF_BYTES) != 0) {
            diag_add(&p->arena, &p->diagnostics, DIAG_ERROR, relative, 0, "cannot read: %s",
                     strerror(errno));
            strbuf_free(&text);
            continue;
        }
        (*entities)[(*count)++] = *model_parse_handoff(p, relative, text.data, text.len);
        strbuf_free(&text);
    }
    free(names);
}

/* A key naming a secret (…SECRET…, e.g. SES_SECRET_ACCESS_KEY) with a
 * non-empty value: such a file must be readable by its owner only. */
static bool portfolio_env_holds_secret(const portfolio *p, size_t first)
{
    for (size_t i = first; i < p->env_count; i++)
        if (strstr(p->env[i].key, "SECRET") && p->env[i].value[0] != '\0')
            return true;
    return false;
}

/* Appends the keys of one env file. `label` names it in diagnostics. A
 * missing file is fine unless `required`; false (message in `error`) then. */
static bool portfolio_read_env(portfolio *p, const char *path, const char *label, bool required,
                               char *error, size_t error_size)
{
    strbuf text = STRBUF_INIT;
    if (strbuf_read_file(&text, path, PORTFOLIO_MAX_ENV_BYTES) != 0) {
        if (required)
            snprintf(error, error_size, "%s: cannot read: %s", path, strerror(errno));
        else if (errno != ENOENT)
            diag_add(&p->arena, &p->diagnostics, DIAG_ERROR, label, 0, "cannot read: %s",
                     strerror(errno));
        strbuf_free(&text);
        return !required;
    }
    size_t first = p->env_count;
    model_parse_env(p, label, text.data, text.len);
    strbuf_free(&text);
    struct stat st;
    if (portfolio_env_holds_secret(p, first) && stat(path, &st) == 0 && (st.st_mode & 077))
        diag_add(&p->arena, &p->diagnostics, DIAG_WARNING, label, 0,
                 "holds a secret and is readable by others: chmod 600 %s", path);
    return true;
}

/* The settings: repos.env (or the file given instead), then
 * recipients.env, the recipients the console saved, whose keys win. */
static bool portfolio_read_settings(portfolio *p, const char *env_file, char *error,
                                    size_t error_size)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/repos.env", p->root);
    bool ok = env_file ? portfolio_read_env(p, env_file, env_file, true, error, error_size)
                       : portfolio_read_env(p, path, "repos.env", false, error, error_size);
    snprintf(path, sizeof path, "%s/recipients.env", p->root);
    return ok && portfolio_read_env(p, path, "recipients.env", false, error, error_size);
}

/* Reports name entities by title: two alike would read as one business. */
static void portfolio_check_titles(portfolio *p)
{
    for (size_t i = 1; i < p->entity_count; i++)
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(p->entities[i].title, p->entities[j].title) == 0) {
                diag_add(&p->arena, &p->diagnostics, DIAG_WARNING, p->entities[i].path,
                         p->entities[i].title_line, "title \"%s\" is also the title of %s",
                         p->entities[i].title, p->entities[j].path);
                break;
            }
}

/* The Site field as written, and its line, for diagnostics. */
static const field *portfolio_site_field(const entity *e)
{
    const field *site = NULL;
    for (size_t i = 0; i < e->field_count; i++)
        if (strcasecmp(e->fields[i].key, "site") == 0)
            site = &e->fields[i];
    return site;
}

/* A Site must stay under sites/ (no absolute path, no ".." component) and
 * name a folder there; otherwise a diagnostic at the handoff's Site line. */
static bool portfolio_site_usable(portfolio *p, const entity *e)
{
    const char *name = e->site;
    bool inside = name[0] != '/';
    for (const char *part = name; inside && *part;) {
        size_t n = strcspn(part, "/");
        inside = !(n == 2 && part[0] == '.' && part[1] == '.');
        part += n + (part[n] == '/');
    }
    const field *written = portfolio_site_field(e);
    const char *as_written = written ? written->value : name;
    int line = written ? written->line : 0;
    if (!inside) {
        diag_add(&p->arena, &p->diagnostics, DIAG_WARNING, e->path, line,
                 "Site \"%s\" leads outside the portfolio: not inspected", as_written);
        return false;
    }
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/sites/%s", p->root, name);
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        diag_add(&p->arena, &p->diagnostics, DIAG_WARNING, e->path, line,
                 "Site \"%s\": the folder sites/%s is missing: the CTO report cannot inspect it",
                 as_written, name);
        return false;
    }
    return true;
}

portfolio *model_portfolio_load(const char *root, char *error, size_t error_size)
{
    return model_portfolio_open(root, NULL, error, error_size);
}

portfolio *model_portfolio_open(const char *root, const char *env_file, char *error,
                                size_t error_size)
{
    struct stat st;
    if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(error, error_size, "%s: not a portfolio folder: %s", root,
                 errno ? strerror(errno) : "not a directory");
        return NULL;
    }
    portfolio *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    p->root = arena_strdup(&p->arena, root);
    p->settings_path = env_file ? arena_strdup(&p->arena, env_file)
                                : arena_printf(&p->arena, "%s/repos.env", root);
    struct stat settings;
    bool settings_missing = !env_file && stat(p->settings_path, &settings) != 0 && errno == ENOENT;
    p->settings_where = settings_missing
                            ? arena_printf(&p->arena, "%s, which does not exist: create it "
                                           "(man briefing-config lists its keys)", p->settings_path)
                            : p->settings_path;
    if (!portfolio_read_settings(p, env_file, error, error_size)) {
        model_portfolio_free(p);
        return NULL;
    }
    p->settings_diagnostic_count = p->diagnostics.count;
    portfolio_read_handoffs(p, &p->entities, &p->entity_count);
    if (p->entity_count)
        qsort(p->entities, p->entity_count, sizeof *p->entities, portfolio_compare_entities);
    portfolio_check_titles(p);
    for (size_t i = 0; i < p->entity_count; i++)
        if (p->entities[i].site && *p->entities[i].site &&
            portfolio_site_usable(p, &p->entities[i]))
            model_inspect_site(p, p->entities[i].site);
    return p;
}

void model_portfolio_free(portfolio *p)
{
    if (!p)
        return;
    arena_free(&p->arena);
    free(p);
}

const entity *model_find_entity(const portfolio *p, const char *id)
{
    for (size_t i = 0; i < p->entity_count; i++)
        if (strcmp(p->entities[i].id, id) == 0)
            return &p->entities[i];
    return NULL;
}

const site *model_find_site(const portfolio *p, const char *name)
{
    for (size_t i = 0; i < p->site_count; i++)
        if (strcmp(p->sites[i].name, name) == 0)
            return &p->sites[i];
    return NULL;
}
