/* HTML: a complete document around cmark's output; text and title escaped,
 * raw HTML never passed through, tables as real <table>s that stack on a
 * phone, light and dark colour schemes declared. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing/render.h"

static char *html_of(const char *markdown, const char *title)
{
    strbuf out = STRBUF_INIT;
    render_html(markdown, strlen(markdown), title, &out);
    return strbuf_detach(&out);
}

static size_t count_of(const char *haystack, const char *needle)
{
    size_t count = 0;
    for (const char *at = strstr(haystack, needle); at; at = strstr(at + 1, needle))
        count++;
    return count;
}

static void test_html_is_a_complete_document(void **state)
{
    char *html = html_of("# Hello\n\nBody.\n", "Weekly");
    assert_true(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
    assert_non_null(strstr(html, "<meta charset=\"utf-8\">"));
    assert_non_null(strstr(html, "<title>Weekly</title>"));
    assert_non_null(strstr(html, "max-width:"));
    assert_non_null(strstr(html, "<p>Body.</p>"));
    assert_int_equal(count_of(html, "<html"), 1);
    assert_int_equal(count_of(html, "</html>"), 1);
    assert_int_equal(count_of(html, "<body"), 1);
    assert_int_equal(count_of(html, "</body>"), 1);
    assert_true(strstr(html, "</head>") < strstr(html, "<body"));
    free(html);
}

static void test_html_escapes_text(void **state)
{
    char *html = html_of("Cash < burn & \"runway\" > 0\n", "t");
    assert_non_null(strstr(html, "Cash &lt; burn &amp; &quot;runway&quot; &gt; 0"));
    free(html);
}

static void test_html_escapes_title(void **state)
{
    char *html = html_of("x\n", "Q1 <b>Board</b> & \"Co\"");
    assert_non_null(strstr(html, "<title>Q1 &lt;b&gt;Board&lt;/b&gt; &amp; &quot;Co&quot;</title>"));
    assert_null(strstr(html, "<b>"));
    free(html);
}

static void test_html_never_passes_script_through(void **state)
{
    static const char *inputs[] = {
        "<script>alert(1)</script>\n",
        "Text <script>alert(1)</script> inline.\n",
        "# Head <script>x</script>\n",
        "[click](javascript:alert(1))\n",
        "<img src=x onerror=alert(1)>\n",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char *html = html_of(inputs[i], "<script>t</script>");
        assert_null(strstr(html, "<script"));
        assert_null(strstr(html, "javascript:"));
        assert_null(strstr(html, "<img"));
        free(html);
    }
}

static void test_html_table_is_a_table_with_a_header_and_aligned_cells(void **state)
{
    char *html = html_of("| Entity | Net |\n| :--- | ---: |\n| JADA | $2,500 |\n", "t");
    assert_null(strstr(html, "<pre"));
    assert_non_null(strstr(html, "<table class=\"briefing-table\""));
    assert_int_equal(count_of(html, "<th "), 2);
    assert_int_equal(count_of(html, "<td"), 2);
    assert_non_null(strstr(html, "<th scope=\"col\" align=\"right\""));
    assert_non_null(strstr(html, "\">$2,500</td>"));
    free(html);
}

/* A table whose words fit a phone side by side (F47: "Factor | Low |
 * High") stays a table there: no stack class, no labels. A wider one is a
 * stack table: labels for the narrow-screen media query, and words that
 * break anywhere inline, so a client that drops <style> does not scroll
 * sideways on a phone. */
static void test_html_only_tables_too_wide_for_a_phone_stack(void **state)
{
    char *narrow = html_of("| Factor | Low | High |\n| :--- | ---: | ---: |\n"
                           "| Blast conversion rate | 10% | 15% |\n",
                           "t");
    assert_non_null(strstr(narrow, "<table class=\"briefing-table\" role"));
    assert_null(strstr(narrow, "briefing-label\" style"));
    assert_null(strstr(narrow, "word-break:break-word"));
    char *wide = html_of("| Account | Name | DangerousCentaur | JADA | Queen of San Diego | "
                         "QuickDumpNow | Ancillary | Total |\n"
                         "| --- | --- | --: | --: | --: | --: | --: | --: |\n"
                         "| 1500 | Property and equipment (one-off) | \u2014 | $185,000 | \u2014 | "
                         "\u2014 | \u2014 | $185,000 |\n",
                         "t");
    assert_non_null(strstr(wide, "<table class=\"briefing-table briefing-stack\" role"));
    assert_non_null(strstr(wide, "overflow-wrap:break-word;word-wrap:break-word;"
                                 "word-break:break-word;\">"));
    assert_non_null(strstr(wide, "<td class=\"briefing-first\" align=\"left\""));
    assert_non_null(strstr(wide, "\"><span class=\"briefing-label\" style=\"display:none;"
                                 "mso-hide:all;\">JADA</span><span class=\"briefing-value\">"
                                 "$185,000</span></td>"));
    /* a CamelCase heading breaks between its words, in the header and the label */
    assert_non_null(strstr(wide, ">Dangerous<wbr>Centaur</th>"));
    assert_non_null(strstr(wide, ">Dangerous<wbr>Centaur</span>"));
    free(narrow);
    free(wide);
}

/* A browser breaks after a hyphen: "one-" / "off" reads as two periods. A
 * short hyphenated body word is kept on one line; a path is not (it gets
 * <wbr>s), nor is a minus sign. */
static void test_html_hyphenated_words_in_cells_stay_whole(void **state)
{
    char *html = html_of("| Amount | Net | Where |\n| --: | --: | --- |\n"
                         "| $1,000 one-off | -$42 | agent_handoffs/projects/expert-yacht.md:3 |\n",
                         "t");
    assert_non_null(strstr(html, ">$1,000 <span style=\"white-space:nowrap;\">one-off</span>"));
    assert_non_null(strstr(html, ">-$42<"));
    assert_non_null(strstr(html, "expert-<wbr>yacht.<wbr>md:3"));
    free(html);
}

static void test_html_table_cells_are_escaped_text(void **state)
{
    char *html = html_of("| <b>A</b> |\n|---|\n| <script>x</script> \\| & \\*y\\* |\n", "t");
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<b>"));
    /* the heading, escaped (a "/" in it may break: <wbr> is ours, not the cell's) */
    assert_non_null(strstr(html, "&lt;b&gt;A&lt;/<wbr>b&gt;"));
    assert_non_null(strstr(html, "&lt;script&gt;x&lt;/script&gt; | &amp; *y*</td>"));
    free(html);
}

static void test_html_table_headings_may_break_after_slash_and_hyphen(void **state)
{
    char *html = html_of("| Entity | Break-even/month | Revenue/month | Net burn/month | Note |\n"
                         "|---|---|---|---|---|\n"
                         "| Queen of San Diego | $1,234.56 | $1,234.56 | $1,234.56 | seasonal |\n",
                         "t");
    assert_non_null(strstr(html, ">Break-<wbr>even/<wbr>month</th>"));
    /* the same heading as a stacked row's label on a phone: never split
     * mid-word ("Revenue/mont|h") when a "/" can break it */
    assert_non_null(strstr(html, ">Break-<wbr>even/<wbr>month</span>"));
    free(html);
}

/* A long path would size its column past the page: it gets <wbr> after
 * '/', '_', '-', '.' and every 20 code points (never inside a UTF-8
 * sequence); short words, such as a money range, stay whole. */
static void test_html_long_words_in_cells_get_break_opportunities(void **state)
{
    char *html = html_of("| Where | Net |\n|---|--:|\n"
                         "| agent_handoffs/projects/jada.md:23 | $1,050\u2013$1,150 |\n"
                         "| 東京東京東京東京東京東京東京東京東京東京東京 | x |\n",
                         "t");
    assert_non_null(strstr(html, ">agent_<wbr>handoffs/<wbr>projects/<wbr>jada.<wbr>md:23</span>"));
    assert_non_null(strstr(html, ">$1,050\u2013$1,150</span>"));
    assert_non_null(strstr(html, ">東京東京東京東京東京東京東京東京東京東京<wbr>東京</span>"));
    free(html);
}

/* Outlook ignores <style>: the base look is inline; the media query only
 * stacks rows and shows the labels on narrow screens. */
static void test_html_rows_stack_on_narrow_screens(void **state)
{
    char *html = html_of("| A |\n|---|\n| 1 |\n", "t");
    const char *style = strstr(html, "<style>");
    assert_non_null(style);
    assert_true(style < strstr(html, "</head>"));
    assert_non_null(strstr(style, "@media screen and (max-width: 600px)"));
    assert_non_null(strstr(style, "thead { display: none !important; }"));
    assert_non_null(strstr(style, ".briefing-label, .briefing-value { display: table-cell"));
    assert_non_null(strstr(style, "table.briefing-stack tr { display: block"));
    /* wider screens keep a stack table's words whole */
    assert_non_null(strstr(style, "@media screen and (min-width: 601px) {\n"
                                  "  table.briefing-stack { word-break: normal !important; }"));
    assert_non_null(strstr(html, "style=\"width:100%;"));
    free(html);
}

static void test_html_declares_light_and_dark_colour_schemes(void **state)
{
    char *html = html_of("x\n", "t");
    assert_non_null(strstr(html, "<meta name=\"color-scheme\" content=\"light dark\">"));
    assert_non_null(strstr(html, "<meta name=\"supported-color-schemes\" content=\"light dark\">"));
    assert_non_null(strstr(html, "color-scheme: light dark; supported-color-schemes: light dark;"));
    assert_non_null(strstr(html, "@media (prefers-color-scheme: dark)"));
    free(html);
}

static void test_html_pipes_in_prose_stay_a_paragraph(void **state)
{
    char *html = html_of("Revenue | costs\n|---|---|\n", "t");
    assert_null(strstr(html, "<table"));
    assert_non_null(strstr(html, "<p>Revenue | costs\n|---|---|</p>"));
    free(html);
}

static void test_html_code_blocks_stay_code(void **state)
{
    char *html = html_of("```c\nint x;\n```\n", "t");
    assert_non_null(strstr(html, "<code class=\"language-c\">int x;"));
    assert_null(strstr(html, "<table"));
    free(html);
}

/* Debian's python parses the document and checks every tag closes. */
static const char balance_check[] =
    "import sys\n"
    "from html.parser import HTMLParser\n"
    "VOID = {'meta', 'hr', 'br', 'img', 'input', 'link', 'wbr'}\n"
    "class P(HTMLParser):\n"
    "    def __init__(self):\n"
    "        super().__init__(); self.stack = []; self.seen = set()\n"
    "    def handle_starttag(self, tag, attrs):\n"
    "        self.seen.add(tag)\n"
    "        if tag not in VOID: self.stack.append(tag)\n"
    "    def handle_startendtag(self, tag, attrs):\n"
    "        self.seen.add(tag)\n"
    "    def handle_endtag(self, tag):\n"
    "        assert self.stack and self.stack[-1] == tag, (tag, self.stack)\n"
    "        self.stack.pop()\n"
    "p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read()); p.close()\n"
    "assert not p.stack, p.stack\n"
    "assert {'html', 'head', 'title', 'body', 'pre', 'table', 'thead', 'tbody', 'th', 'td'} <= p.seen\n";

static void test_html_parses_with_balanced_tags(void **state)
{
    if (access("/usr/bin/python3", X_OK) != 0)
        skip();
    char *html = html_of("# T\n\n- a\n  - b\n\n> q\n\n| A | B |\n|---|--:|\n| 1 | 2 |\n\n"
                         "```\ncode\n```\n\n---\n\n1. x\n", "T");
    char path[] = "/tmp/render_html_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *file = fdopen(fd, "w");
    fputs(html, file);
    fclose(file);
    char script[] = "/tmp/render_check_XXXXXX";
    fd = mkstemp(script);
    assert_true(fd >= 0);
    file = fdopen(fd, "w");
    fputs(balance_check, file);
    fclose(file);
    char command[256];
    snprintf(command, sizeof command, "/usr/bin/python3 -B %s %s", script, path);
    int status = system(command);
    unlink(path);
    unlink(script);
    free(html);
    assert_int_equal(status, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_is_a_complete_document),
        cmocka_unit_test(test_html_escapes_text),
        cmocka_unit_test(test_html_escapes_title),
        cmocka_unit_test(test_html_never_passes_script_through),
        cmocka_unit_test(test_html_table_is_a_table_with_a_header_and_aligned_cells),
        cmocka_unit_test(test_html_only_tables_too_wide_for_a_phone_stack),
        cmocka_unit_test(test_html_hyphenated_words_in_cells_stay_whole),
        cmocka_unit_test(test_html_table_cells_are_escaped_text),
        cmocka_unit_test(test_html_table_headings_may_break_after_slash_and_hyphen),
        cmocka_unit_test(test_html_long_words_in_cells_get_break_opportunities),
        cmocka_unit_test(test_html_rows_stack_on_narrow_screens),
        cmocka_unit_test(test_html_declares_light_and_dark_colour_schemes),
        cmocka_unit_test(test_html_pipes_in_prose_stay_a_paragraph),
        cmocka_unit_test(test_html_code_blocks_stay_code),
        cmocka_unit_test(test_html_parses_with_balanced_tags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
