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
    assert_non_null(strstr(html, "\"><span class=\"briefing-label\" style=\"display:none;"
                                 "mso-hide:all;\">Net</span><span class=\"briefing-value\">"
                                 "$2,500</span></td>"));
    free(html);
}

static void test_html_table_cells_are_escaped_text(void **state)
{
    char *html = html_of("| <b>A</b> |\n|---|\n| <script>x</script> \\| & \\*y\\* |\n", "t");
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<b>"));
    /* the heading, escaped (a "/" in it may break: <wbr> is ours, not the cell's) */
    assert_non_null(strstr(html, "&lt;b&gt;A&lt;/<wbr>b&gt;"));
    assert_non_null(strstr(html, "&lt;script&gt;x&lt;/script&gt; | &amp; *y*</span>"));
    free(html);
}

static void test_html_table_headings_may_break_after_slash_and_hyphen(void **state)
{
    char *html = html_of("| Break-even/month |\n|---|\n| 6 |\n", "t");
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
