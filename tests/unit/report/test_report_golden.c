/* The eight default-plan reports of the sample portfolio, byte for byte,
 * against tests/golden/<persona>-<scope>.md (now = 2026-11-23T00:00:00Z)
 * and their plain-text rendering at 72 columns, <persona>-<scope>.txt.
 * BRIEFING_UPDATE_GOLDEN=1 rewrites the files instead: review the diff. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "briefing/render.h"
#include "report_fixture.h"

#define PLAN_MAX 16

static bool updating(void)
{
    const char *update = getenv("BRIEFING_UPDATE_GOLDEN");
    return update && strcmp(update, "1") == 0;
}

/* Reports the first differing line, so a failure says where. */
static void assert_same_text(const char *path, const char *expected, const char *actual)
{
    int line = 1;
    const char *e = expected, *a = actual;
    for (; *e && *e == *a; e++, a++)
        line += *e == '\n';
    if (!*e && !*a)
        return;
    while (e > expected && e[-1] != '\n') {
        e--;
        a--;
    }
    const char *e_end = strchr(e, '\n'), *a_end = strchr(a, '\n');
    fail_msg("%s:%d: differs (BRIEFING_UPDATE_GOLDEN=1 to accept)\n  golden: %.*s\n  actual: %.*s",
             path, line, e_end ? (int)(e_end - e) : (int)strlen(e), e,
             a_end ? (int)(a_end - a) : (int)strlen(a), a);
}

static void check_golden(const char *name, const char *extension, const char *actual)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/tests/golden/%s.%s", getenv("BRIEFING_SOURCE_DIR"), name,
             extension);
    if (updating()) {
        FILE *f = fopen(path, "w");
        if (!f)
            fail_msg("%s: %s", path, strerror(errno));
        fputs(actual, f);
        fclose(f);
        return;
    }
    strbuf golden = STRBUF_INIT;
    if (strbuf_read_file(&golden, path, 1 << 22) != 0)
        fail_msg("%s: %s (BRIEFING_UPDATE_GOLDEN=1 to create it)", path, strerror(errno));
    assert_same_text(path, strbuf_cstr(&golden), actual);
    strbuf_free(&golden);
}

static void test_golden_default_plan_markdown_and_text(void **state)
{
    (void)state;
    portfolio *p = fixture_load(fixture_sample_root());
    report_target plan[PLAN_MAX];
    size_t count = report_default_plan(p, plan, PLAN_MAX);
    assert_int_equal(count, 8);
    for (size_t i = 0; i < count; i++) {
        char name[256];
        snprintf(name, sizeof name, "%s-%s", report_personas[plan[i].persona].id, plan[i].scope);
        char *md = fixture_render(p, plan[i].persona, plan[i].scope);
        check_golden(name, "md", md);
        strbuf text = STRBUF_INIT;
        render_text(md, strlen(md), RENDER_TEXT_WIDTH, &text);
        check_golden(name, "txt", strbuf_cstr(&text));
        strbuf_free(&text);
        free(md);
    }
    model_portfolio_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_default_plan_markdown_and_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
