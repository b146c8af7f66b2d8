/* HTML: a complete document around cmark's output; text and title escaped,
 * raw HTML never passed through, tables as styled <pre> blocks. */
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

static void test_html_table_is_a_styled_pre(void **state)
{
    char *html = html_of("```table\nA    B\n---  ---\n1 <  2\n```\n", "t");
    assert_null(strstr(html, "language-table"));
    const char *pre = strstr(html, "<pre class=\"table\" style=\"");
    assert_non_null(pre);
    assert_non_null(strstr(pre, "A    B\n---  ---\n1 &lt;  2\n</code></pre>"));
    free(html);
}

static void test_html_code_blocks_stay_code(void **state)
{
    char *html = html_of("```c\nint x;\n```\n", "t");
    assert_non_null(strstr(html, "<code class=\"language-c\">int x;"));
    assert_null(strstr(html, "class=\"table\""));
    free(html);
}

/* Debian's python parses the document and checks every tag closes. */
static const char balance_check[] =
    "import sys\n"
    "from html.parser import HTMLParser\n"
    "VOID = {'meta', 'hr', 'br', 'img', 'input', 'link'}\n"
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
    "assert {'html', 'head', 'title', 'body', 'pre', 'table'} - p.seen == {'table'}\n";

static void test_html_parses_with_balanced_tags(void **state)
{
    if (access("/usr/bin/python3", X_OK) != 0)
        skip();
    char *html = html_of("# T\n\n- a\n  - b\n\n> q\n\n```table\nA\n-\n1\n```\n\n---\n\n1. x\n", "T");
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
        cmocka_unit_test(test_html_table_is_a_styled_pre),
        cmocka_unit_test(test_html_code_blocks_stay_code),
        cmocka_unit_test(test_html_parses_with_balanced_tags),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
