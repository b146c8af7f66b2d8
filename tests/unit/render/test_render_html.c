/* HTML: a complete document around cmark's output; text and title escaped,
 * raw HTML never passed through, tables as real <table>s that fit a phone
 * without CSS, light and dark colour schemes declared. */
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
 * High") is one table everywhere. A wider one (F51) is written twice: a
 * phone form styled inline, shown by default, so a client that drops
 * <style> still gets a table that fits a phone, and the whole table as a
 * desktop form, hidden inline and from Outlook, its cells unstyled. A grid
 * such as the chart of accounts goes in column groups repeating its key
 * column. */
static void test_html_wide_tables_get_a_phone_form_in_column_groups(void **state)
{
    char *narrow = html_of("| Factor | Low | High |\n| :--- | ---: | ---: |\n"
                           "| Blast conversion rate | 10% | 15% |\n",
                           "t");
    assert_non_null(strstr(narrow, "<table class=\"briefing-table\" role"));
    assert_int_equal(count_of(narrow, "<table"), 1);
    assert_non_null(strstr(narrow, "<td align=\"right\">10%</td>"));
    char *wide = html_of("| Account | DangerousCentaur | JADA | Queen of San Diego | "
                         "QuickDumpNow | Ancillary | Total |\n"
                         "| --- | --: | --: | --: | --: | --: | --: |\n"
                         "| 1010 Cash (one-off) | \u2014 | $24,000 | \u2014 | \u2014 | \u2014 | "
                         "$24,000 |\n"
                         "| 1500 Property and equipment (one-off) | \u2014 | $185,000 | \u2014 | "
                         "\u2014 | \u2014 | $185,000 |\n",
                         "t");
    const char *desktop = strstr(wide, "<!--[if !mso]><!--><table class=\"briefing-table "
                                       "briefing-desktop\" role");
    assert_non_null(desktop);
    assert_non_null(strstr(desktop, "word-wrap:break-word;display:none;\">"));
    assert_non_null(strstr(desktop, "<td align=\"right\">$185,000</td>"));
    assert_non_null(strstr(desktop, "</table><!--<![endif]-->"));
    /* two groups of three, each opening with the key column, before it */
    assert_int_equal(count_of(wide, "<table class=\"briefing-table briefing-phone\" role"), 2);
    assert_true(strstr(wide, "briefing-phone") < desktop);
    assert_int_equal(count_of(wide, ">Account</th>"), 3);
    assert_int_equal(count_of(wide, ">1500 Property and equipment <span"), 3);
    assert_int_equal(count_of(wide, "<td align=\"right\">$185,000</td>"), 4);
    /* the phone form's rules are inline: a client without <style> draws them */
    assert_non_null(strstr(wide, "<tr valign=\"top\" style=\"border-bottom:1px solid #d0d7de;\">"
                                 "<td>1010 Cash"));
    /* a CamelCase heading breaks between its words */
    assert_int_equal(count_of(wide, ">Dangerous<wbr>Centaur</th>"), 2);
    free(narrow);
    free(wide);
}

/* A wide table that does not split into groups of two columns or more
 * beside its key (prose, paths) goes to the phone as records: a line per
 * heading and value, the first bold with a rule above, a cell that says
 * nothing left out after the first. */
static void test_html_wide_tables_that_do_not_split_become_records(void **state)
{
    char *html = html_of("| # | Shortfall | Entity | Impact | Where |\n"
                         "| --: | :--- | :--- | --: | :--- |\n"
                         "| 1 | Cabo delivery: overdue | Expert Yacht Delivery (ancillary) | "
                         "$3,600 one-off | agent_handoffs/projects/expert-yacht-delivery.md:27 |\n"
                         "| 2 | Single vessel | JADA | \u2014 | "
                         "agent_handoffs/projects/jada.md:30 |\n",
                         "t");
    const char *phone = strstr(html, "<table class=\"briefing-table briefing-phone "
                                     "briefing-records\" role");
    assert_non_null(phone);
    assert_int_equal(count_of(html, "briefing-phone briefing-records\" role"), 1);
    assert_int_equal(count_of(html, "briefing-phone\" role"), 0); /* no column groups */
    assert_non_null(strstr(phone, "<tr valign=\"top\" style=\"border-top:2px solid #d0d7de;\">"
                                  "<th scope=\"row\" align=\"left\" style=\"color:#57606a;\">#</th>"
                                  "<td style=\"font-weight:600;\">1</td></tr>\n"
                                  "<tr valign=\"top\"><th scope=\"row\" align=\"left\" "
                                  "style=\"color:#57606a;\">Shortfall</th><td>Cabo delivery: "
                                  "overdue</td></tr>"));
    /* row 2's Impact says nothing: 5 lines for row 1, 4 for row 2 */
    const char *desktop = strstr(html, "<table class=\"briefing-table briefing-desktop\"");
    assert_non_null(desktop);
    size_t lines = 0;
    for (const char *at = strstr(phone, "<th scope=\"row\""); at && at < desktop;
         at = strstr(at + 1, "<th scope=\"row\""))
        lines++;
    assert_int_equal(lines, 9);
    free(html);
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
    /* in the phone form's group and in the desktop form */
    assert_int_equal(count_of(html, ">Break-<wbr>even/<wbr>month</th>"), 2);
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
    assert_non_null(strstr(html, ">agent_<wbr>handoffs/<wbr>projects/<wbr>jada.<wbr>md:23</td>"));
    assert_non_null(strstr(html, ">$1,050\u2013$1,150</td>"));
    assert_non_null(strstr(html, ">東京東京東京東京東京東京東京東京東京東京<wbr>東京</td>"));
    free(html);
}

/* Outlook ignores media queries and some clients drop <style>: the base
 * look is inline, and the head only swaps a wide table's phone form for
 * its desktop form on wide screens. */
static void test_html_wide_screens_show_the_desktop_form(void **state)
{
    char *html = html_of("| A |\n|---|\n| 1 |\n", "t");
    const char *style = strstr(html, "<style>");
    assert_non_null(style);
    assert_true(style < strstr(html, "</head>"));
    assert_non_null(strstr(style, "@media screen and (min-width: 601px) {\n"
                                  "  table.briefing-phone { display: none !important; }\n"
                                  "  table.briefing-desktop { display: table !important; }\n}"));
    const char *max_width = strstr(style, "max-width");
    assert_true(max_width == NULL || max_width > strstr(style, "</style>"));
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
                         "```\ncode\n```\n\n---\n\n1. x\n\n"
                         "| Where | Shortfall | Owner |\n|---|---|---|\n"
                         "| agent_handoffs/projects/expert-yacht-delivery.md:27 | Cabo delivery "
                         "overdue | Expert Yacht Delivery |\n",
                         "T");
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
        cmocka_unit_test(test_html_wide_tables_get_a_phone_form_in_column_groups),
        cmocka_unit_test(test_html_wide_tables_that_do_not_split_become_records),
        cmocka_unit_test(test_html_hyphenated_words_in_cells_stay_whole),
        cmocka_unit_test(test_html_table_cells_are_escaped_text),
        cmocka_unit_test(test_html_table_headings_may_break_after_slash_and_hyphen),
        cmocka_unit_test(test_html_long_words_in_cells_get_break_opportunities),
        cmocka_unit_test(test_html_wide_screens_show_the_desktop_form),
        cmocka_unit_test(test_html_declares_light_and_dark_colour_schemes),
        cmocka_unit_test(test_html_pipes_in_prose_stay_a_paragraph),
        cmocka_unit_test(test_html_code_blocks_stay_code),
        cmocka_unit_test(test_html_parses_with_balanced_tags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
