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
    json_begin(&w, &out);
    json_object_open(&w);
    json_key_string(&w, "root", p->root);
    json_key(&w, "entities");
    json_array_open(&w);
    for (size_t i = 0; i < p->entity_count; i++) {
        const entity *e = &p->entities[i];
        json_object_open(&w);
        json_key_string(&w, "id", e->id);
        json_key_string(&w, "title", e->title);
        json_key_string(&w, "kind", e->kind == ENTITY_CORE ? "core" : "ancillary");
        json_key_string(&w, "business", e->business);
        json_key_string(&w, "status", e->status);
        json_key_string(&w, "site", e->site);
        json_key_string(&w, "path", e->path);
        json_key(&w, "domains");
        json_array_open(&w);
        for (size_t d = 0; d < e->domain_count; d++)
            json_string(&w, e->domains[d]);
        json_array_close(&w);
        json_object_close(&w);
    }
    json_array_close(&w);
    json_key(&w, "personas");
    json_array_open(&w);
    for (int i = 0; i < PERSONA_COUNT; i++) {
        json_object_open(&w);
        json_key_string(&w, "id", report_personas[i].id);
        json_key_string(&w, "title", report_personas[i].title);
        json_object_close(&w);
    }
    json_array_close(&w);
    json_key(&w, "plan");
    json_array_open(&w);
    for (size_t i = 0; i < plan_count; i++) {
        json_object_open(&w);
        json_key_string(&w, "persona", report_personas[plan[i].persona].id);
        json_key_string(&w, "scope", plan[i].scope);
        json_object_close(&w);
    }
    json_array_close(&w);
    json_key(&w, "diagnostics");
    json_array_open(&w);
    for (size_t i = 0; i < p->diagnostics.count; i++) {
        const diag *d = &p->diagnostics.items[i];
        json_object_open(&w);
        json_key_string(&w, "file", d->file);
        json_key_int(&w, "line", d->line);
        json_key_string(&w, "severity", d->severity == DIAG_ERROR ? "error" : "warning");
        json_key_string(&w, "message", d->message);
        json_object_close(&w);
    }
    json_array_close(&w);
    json_object_close(&w);
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

int cli_list(cli_options *options)
{
    portfolio *p = cli_load_reportable(options, NULL);
    if (!p)
        return EXIT_USAGE;
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
