/* briefing render: reports as Markdown, text, HTML or the MIME message that
 * would go out, on stdout (with a separator line between reports) or as
 * files in --out DIR. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/send.h"
#include "briefing/render.h"
#include "cli/cli_internal.h"

typedef enum { FORMAT_MD, FORMAT_TEXT, FORMAT_HTML, FORMAT_EML } render_format;

static const struct {
    const char *name;
    render_format format;
    const char *extension;
} render_formats[] = {
    {"md", FORMAT_MD, "md"},
    {"markdown", FORMAT_MD, "md"},
    {"text", FORMAT_TEXT, "txt"},
    {"html", FORMAT_HTML, "html"},
    {"eml", FORMAT_EML, "eml"},
};

/* Produces one report in `format` into `out`; false with a message printed. */
static bool render_one(batch *b, const report_target *target, render_format format, int width,
                       strbuf *out)
{
    if (format == FORMAT_EML) {
        batch_item *item = batch_add(b, target, NULL);
        if (item->build_error[0]) {
            cli_error("%s/%s: %s", report_personas[target->persona].id, target->scope,
                      item->build_error);
            return false;
        }
        strbuf_append(out, item->eml.data, item->eml.len);
        return true;
    }
    report_options report_options = {.now = b->now};
    strbuf markdown = STRBUF_INIT;
    report_render(b->portfolio, target, &report_options, &markdown);
    if (format == FORMAT_MD) {
        strbuf_append(out, markdown.data, markdown.len);
    } else if (format == FORMAT_TEXT) {
        render_text(strbuf_cstr(&markdown), markdown.len, width, out);
    } else {
        strbuf subject = STRBUF_INIT;
        report_subject(b->portfolio, target, &report_options, &subject);
        render_html(strbuf_cstr(&markdown), markdown.len, strbuf_cstr(&subject), out);
        strbuf_free(&subject);
    }
    strbuf_free(&markdown);
    return true;
}

static bool render_write_file(const char *dir, const report_target *target, const char *extension,
                              const strbuf *content)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-%s.%s", dir, report_personas[target->persona].id,
             target->scope, extension);
    /* Reports hold the group's figures: the owner's only, like the archive
     * (fchmod too, for a file an earlier run left readable by others). */
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    FILE *f = fd >= 0 && fchmod(fd, 0600) == 0 ? fdopen(fd, "wb") : NULL;
    if (!f && fd >= 0)
        close(fd);
    if (!f || fwrite(content->data, 1, content->len, f) != content->len || fclose(f) != 0) {
        cli_error("%s: cannot write: %s", path, strerror(errno));
        return false;
    }
    printf("%s\n", path);
    return true;
}

static bool render_lookup_format(const char *name, size_t *index)
{
    for (size_t i = 0; i < sizeof render_formats / sizeof render_formats[0]; i++) {
        if (strcmp(render_formats[i].name, name) == 0) {
            *index = i;
            return true;
        }
    }
    cli_error("--format: \"%s\" is not one of md, text, html, eml", name);
    return false;
}

int cli_render(cli_options *options)
{
    size_t format_index = 0;
    if (!render_lookup_format(options->format ? options->format : "md", &format_index))
        return EXIT_USAGE;
    time_t now;
    portfolio *p = cli_load_reportable(options, &now);
    if (!p)
        return EXIT_USAGE;
    if (options->out_dir && mkdir(options->out_dir, 0700) != 0 && errno != EEXIST) {
        cli_error("%s: cannot create: %s", options->out_dir, strerror(errno));
        model_portfolio_free(p);
        return EXIT_USAGE;
    }
    size_t max_targets = PERSONA_COUNT + p->entity_count;
    report_target *targets = calloc(max_targets, sizeof *targets);
    bool ok;
    size_t count = cli_resolve_targets(options, p, targets, max_targets, &ok);
    briefing_config config;
    cli_config_from_options(options, p, &config);
    batch b;
    batch_init(&b, p, &config, now);
    int width = options->width ? options->width : RENDER_TEXT_WIDTH;
    for (size_t i = 0; ok && i < count; i++) {
        strbuf out = STRBUF_INIT;
        ok = render_one(&b, &targets[i], render_formats[format_index].format, width, &out);
        if (ok && options->out_dir) {
            ok = render_write_file(options->out_dir, &targets[i],
                                   render_formats[format_index].extension, &out);
        } else if (ok) {
            if (count > 1)
                printf("%s=== %zu/%zu %s/%s ===\n\n", i ? "\n" : "", i + 1, count,
                       report_personas[targets[i].persona].id, targets[i].scope);
            fwrite(out.data, 1, out.len, stdout);
        }
        strbuf_free(&out);
    }
    /* After the reports, on stderr: what the data says wrong reaches the
     * operator, and stdout stays the report a script or a pipe reads. */
    fflush(stdout);
    cli_print_data_diagnostics(p, stderr, SIZE_MAX);
    batch_free(&b);
    free(targets);
    model_portfolio_free(p);
    return ok ? EXIT_OK : EXIT_USAGE;
}
