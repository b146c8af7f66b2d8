/* briefing list: entities, personas and the default plan. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/json.h"
#include "cli/cli_internal.h"

static void list_json(const portfolio *p, const report_target *plan, size_t plan_count)
{
    strbuf out = STRBUF_INIT;
    json_writer w;
    jsonw_begin(&w, &out);
    jsonw_object_open(&w);
    jsonw_key_string(&w, "root", p->root);
    jsonw_key(&w, "entities");
    jsonw_array_open(&w);
    for (size_t i = 0; i < p->entity_count; i++) {
        const entity *e = &p->entities[i];
        jsonw_object_open(&w);
        jsonw_key_string(&w, "id", e->id);
        jsonw_key_string(&w, "title", e->title);
        jsonw_key_string(&w, "kind", e->kind == ENTITY_CORE ? "core" : "ancillary");
        jsonw_key_string(&w, "business", e->business);
        jsonw_key_string(&w, "status", e->status);
        jsonw_key_string(&w, "site", e->site);
        jsonw_key_string(&w, "path", e->path);
        jsonw_key(&w, "domains");
        jsonw_array_open(&w);
        for (size_t d = 0; d < e->domain_count; d++)
            jsonw_string(&w, e->domains[d]);
        jsonw_array_close(&w);
        jsonw_object_close(&w);
    }
    jsonw_array_close(&w);
    jsonw_key(&w, "personas");
    jsonw_array_open(&w);
    for (int i = 0; i < PERSONA_COUNT; i++) {
        jsonw_object_open(&w);
        jsonw_key_string(&w, "id", report_personas[i].id);
        jsonw_key_string(&w, "title", report_personas[i].title);
        jsonw_object_close(&w);
    }
    jsonw_array_close(&w);
    jsonw_key(&w, "plan");
    jsonw_array_open(&w);
    for (size_t i = 0; i < plan_count; i++) {
        jsonw_object_open(&w);
        jsonw_key_string(&w, "persona", report_personas[plan[i].persona].id);
        jsonw_key_string(&w, "scope", plan[i].scope);
        jsonw_object_close(&w);
    }
    jsonw_array_close(&w);
    jsonw_key(&w, "diagnostics");
    jsonw_array_open(&w);
    for (size_t i = 0; i < p->diagnostics.count; i++) {
        const diag *d = &p->diagnostics.items[i];
        jsonw_object_open(&w);
        jsonw_key_string(&w, "file", d->file);
        jsonw_key_int(&w, "line", d->line);
        jsonw_key_string(&w, "severity", d->severity == DIAG_ERROR ? "error" : "warning");
        jsonw_key_string(&w, "message", d->message);
        jsonw_object_close(&w);
    }
    jsonw_array_close(&w);
    jsonw_object_close(&w);
    cli_print_json(&out);
}

static void list_text(portfolio *p, const report_target *plan, size_t plan_count)
{
    printf("Portfolio %s: %zu entities\n\n", p->root, p->entity_count);
    for (size_t i = 0; i < p->entity_count; i++) {
        const entity *e = &p->entities[i];
        printf("  %-36s %-9s %s\n", e->id, e->kind == ENTITY_CORE ? "core" : "ancillary",
               e->title);
    }
    printf("\nPersonas:\n");
    for (int i = 0; i < PERSONA_COUNT; i++)
        printf("  %-6s %s\n", report_personas[i].id, report_personas[i].title);
    printf("\nDefault plan (%zu reports):\n", plan_count);
    for (size_t i = 0; i < plan_count; i++)
        printf("  %zu. %s/%s\n", i + 1, report_personas[plan[i].persona].id, plan[i].scope);
    /* On stderr, as every command's: stdout stays the listing a script reads. */
    fflush(stdout);
    cli_print_data_diagnostics(p, stderr, SIZE_MAX);
}

/* A folder with nothing to report exits 2 with where it looked (on stderr);
 * with --json the document still comes, holding that diagnostic, so a
 * script reads why from the same place as always. */
static int list_unusable(cli_options *options, portfolio *p, const char *error)
{
    cli_error("%s", error);
    if (options->json)
        list_json(p, NULL, 0);
    model_portfolio_free(p);
    return EXIT_USAGE;
}

int cli_list(cli_options *options)
{
    portfolio *p = cli_load_portfolio(options);
    if (!p)
        return EXIT_USAGE;
    char error[1024];
    if (!report_portfolio_usable(p, error, sizeof error))
        return list_unusable(options, p, error);
    size_t max_plan = PERSONA_COUNT + p->entity_count;
    report_target *plan = calloc(max_plan, sizeof *plan);
    size_t plan_count = cli_plan_reportable(p, plan, report_default_plan(p, plan, max_plan));
    if (options->json)
        list_json(p, plan, plan_count);
    else
        list_text(p, plan, plan_count);
    free(plan);
    model_portfolio_free(p);
    return EXIT_OK;
}
