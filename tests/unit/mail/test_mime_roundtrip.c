/* Round trip with a real peer: messages built here are parsed by Python's
 * email package (policy.default, the strict modern parser) and every decoded
 * value must equal what went in, with no defects reported.
 *
 * Each case writes message.eml and expected.json to a temporary directory;
 * the checker prints "ok" or one line per mismatch, shown on failure.
 *
 * Display names are decoded with the legacy email.header API: Python 3.11's
 * policy.default inserts a space between adjacent encoded words in address
 * headers (cpython gh-128110, contrary to RFC 2047 §6.2), so it would split
 * a long non-ASCII name that is encoded correctly, as Python itself encodes it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing/json.h"
#include "briefing/mime.h"

static const char checker[] =
    "import email, email.policy, email.utils, json, sys\n"
    "from email.header import decode_header, make_header\n"
    "d = sys.argv[1]\n"
    "exp = json.load(open(d + '/expected.json', encoding='utf-8'))\n"
    "with open(d + '/message.eml', 'rb') as f:\n"
    "    msg = email.message_from_binary_file(f, policy=email.policy.default)\n"
    "problems = []\n"
    "def check(what, got, want):\n"
    "    if got != want:\n"
    "        problems.append(f'{what}: got {got!r}, want {want!r}')\n"
    "check('content type', msg.get_content_type(), 'multipart/alternative')\n"
    "check('subject', str(msg['subject']), exp['subject'])\n"
    "for field in ('from', 'to', 'cc'):\n"
    "    header = msg[field]\n"
    "    if not exp[field]:\n"
    "        check(field + ' header', header, None)\n"
    "        continue\n"
    "    raw = dict((k.lower(), v) for k, v in msg.raw_items())[field].replace('\\r\\n', '')\n"
    "    got = [[str(make_header(decode_header(n))), a] for n, a in email.utils.getaddresses([raw])]\n"
    "    check(field, got, exp[field])\n"
    "check('bcc header', msg['bcc'], None)\n"
    "check('report', str(msg['x-briefing-report']), exp['report_id'])\n"
    "parts = list(msg.iter_parts())\n"
    "check('parts', [p.get_content_type() for p in parts], ['text/plain', 'text/html'])\n"
    "check('text', parts[0].get_content(), exp['text'])\n"
    "check('html', parts[1].get_content(), exp['html'])\n"
    "defects = [str(x) for x in msg.defects]\n"
    "defects += [k + ': ' + str(x) for k, v in msg.items() for x in v.defects]\n"
    "defects += [str(x) for p in parts for x in p.defects]\n"
    "check('defects', defects, [])\n"
    "print('\\n'.join(problems) if problems else 'ok')\n";

typedef struct {
    const char *display;
    const char *addr_spec;
} expected_address;

typedef struct {
    const char *to[4];
    expected_address to_parsed[4];
    const char *cc[4];
    expected_address cc_parsed[4];
    const char *bcc[4];
    const char *from;
    expected_address from_parsed;
    const char *subject;
    const char *text;
    const char *html;
} roundtrip_case;

static size_t count_of(const char *const *list)
{
    size_t n = 0;
    while (n < 4 && list[n])
        n++;
    return n;
}

static void write_addresses(json_writer *w, const char *key, const expected_address *list, size_t n)
{
    jsonw_key(w, key);
    jsonw_array_open(w);
    for (size_t i = 0; i < n; i++) {
        jsonw_array_open(w);
        jsonw_string(w, list[i].display);
        jsonw_string(w, list[i].addr_spec);
        jsonw_array_close(w);
    }
    jsonw_array_close(w);
}

static void write_file(const char *dir, const char *name, const char *data, size_t n)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

static void write_expected(const char *dir, const roundtrip_case *c, const mime_message *m)
{
    strbuf json = STRBUF_INIT;
    json_writer w;
    jsonw_begin(&w, &json);
    jsonw_object_open(&w);
    jsonw_key_string(&w, "subject", c->subject);
    jsonw_key_string(&w, "text", c->text);
    jsonw_key_string(&w, "html", c->html);
    jsonw_key_string(&w, "report_id", m->report_id);
    write_addresses(&w, "from", &c->from_parsed, 1);
    write_addresses(&w, "to", c->to_parsed, m->to_count);
    write_addresses(&w, "cc", c->cc_parsed, m->cc_count);
    jsonw_object_close(&w);
    write_file(dir, "expected.json", json.data, json.len);
    strbuf_free(&json);
}

/* Runs the checker on `dir`; returns its whole output. */
static char *run_checker(const char *dir)
{
    write_file(dir, "check.py", checker, strlen(checker));
    char command[1024];
    snprintf(command, sizeof command, "/usr/bin/python3 -B %s/check.py %s 2>&1", dir, dir);
    FILE *pipe = popen(command, "r");
    assert_non_null(pipe);
    strbuf output = STRBUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, pipe)) > 0)
        strbuf_append(&output, chunk, n);
    pclose(pipe);
    return strbuf_detach(&output);
}

static void remove_directory(const char *dir)
{
    const char *names[] = {"message.eml", "expected.json", "check.py"};
    char path[512];
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        unlink(path);
    }
    rmdir(dir);
}

static void assert_roundtrip(const roundtrip_case *c)
{
    mime_message m = {
        .from = c->from,
        .to = (const char **)c->to,
        .to_count = count_of(c->to),
        .cc = (const char **)c->cc,
        .cc_count = count_of(c->cc),
        .bcc = (const char **)c->bcc,
        .bcc_count = count_of(c->bcc),
        .subject = c->subject,
        .date = 1795424400,
        .text = c->text,
        .html = c->html,
        .report_id = "cfo/portfolio",
        .delivery_id = "42",
        .boundary_seed = "roundtrip",
    };
    strbuf eml = STRBUF_INIT;
    char error[256];
    bool built = mime_build(&m, &eml, error, sizeof error);
    if (!built)
        fail_msg("mime_build: %s", error);
    char dir[] = "/tmp/briefing-mime-XXXXXX";
    assert_non_null(mkdtemp(dir));
    write_file(dir, "message.eml", eml.data, eml.len);
    write_expected(dir, c, &m);
    char *output = run_checker(dir);
    bool ok = strcmp(output, "ok\n") == 0;
    if (!ok)
        print_error("python's email package disagrees (message kept in %s):\n%s", dir, output);
    else
        remove_directory(dir);
    free(output);
    strbuf_free(&eml);
    assert_true(ok);
}

static void test_roundtrip_non_ascii_subject_and_names(void **state)
{
    (void)state;
    roundtrip_case c = {
        .from = "Zoë Ölund <zoe@example.com>",
        .from_parsed = {"Zoë Ölund", "zoe@example.com"},
        .to = {"\"Doe, Jane\" <jane@example.com>", "plain@example.com"},
        .to_parsed = {{"Doe, Jane", "jane@example.com"}, {"", "plain@example.com"}},
        .cc = {"李小龙 <li@example.com>"},
        .cc_parsed = {{"李小龙", "li@example.com"}},
        .bcc = {"hidden@example.com"},
        .subject = "Résumé — Q1 ☂ report",
        .text = "Hello\n",
        .html = "<p>Hello</p>\n",
    };
    assert_roundtrip(&c);
}

/* Every printable ASCII byte, twice per line, then the same line with
 * trailing spaces and tabs, which quoted-printable must protect. */
static void append_printable_ascii(strbuf *b)
{
    for (int round = 0; round < 2; round++) {
        for (int c = 0x20; c <= 0x7E; c++)
            strbuf_putc(b, (char)c);
        strbuf_puts(b, round == 0 ? "\n" : "  \t \n");
    }
}

static void test_roundtrip_body_edge_cases(void **state)
{
    (void)state;
    strbuf text = STRBUF_INIT;
    strbuf_puts(&text, "From the desk of the CFO\n.\n.hidden dot line\ntrailing space \n");
    strbuf_repeat(&text, 'x', 5000);
    strbuf_puts(&text, "\n");
    for (int i = 0; i < 400; i++)
        strbuf_puts(&text, "现金流");
    strbuf_puts(&text, "\n= equals =3D and soft =\n");
    append_printable_ascii(&text);
    strbuf_puts(&text, "no final newline \t");
    strbuf html = STRBUF_INIT;
    strbuf_puts(&html, "<html><body><p style=\"margin:0\">");
    for (int i = 0; i < 300; i++)
        strbuf_puts(&html, "Résumé ☂ 报告 ");
    strbuf_puts(&html, "</p>\n<pre>\nFrom here\n.</pre></body></html>\n");
    roundtrip_case c = {
        .from = "reports@example.com",
        .from_parsed = {"", "reports@example.com"},
        .to = {"a@example.com"},
        .to_parsed = {{"", "a@example.com"}},
        .subject = "Plain subject",
        .text = text.data,
        .html = html.data,
    };
    assert_roundtrip(&c);
    strbuf_free(&text);
    strbuf_free(&html);
}

static void test_roundtrip_long_headers_fold(void **state)
{
    (void)state;
    roundtrip_case c = {
        .from = "\"Finance \\\\ \\\"Ops\\\" team\" <finance.ops+briefing@example.com>",
        .from_parsed = {"Finance \\ \"Ops\" team", "finance.ops+briefing@example.com"},
        .to = {"Ωμέγα Αλφάβητο Πολυτονικό Ελληνικά Κείμενα Μεγάλου Μήκους <omega@example.com>",
               "\"O'Brien, Séamus\" <seamus@example.com>", "x@sub.example.com",
               "Very Long Display Name That Goes On And On Past Column Seventy <long@example.com>"},
        .to_parsed = {{"Ωμέγα Αλφάβητο Πολυτονικό Ελληνικά Κείμενα Μεγάλου Μήκους", "omega@example.com"},
                      {"O'Brien, Séamus", "seamus@example.com"},
                      {"", "x@sub.example.com"},
                      {"Very Long Display Name That Goes On And On Past Column Seventy",
                       "long@example.com"}},
        .subject = "A plain ASCII subject that is long enough to need folding at spaces "
                   "because it goes well past seventy-eight columns, twice over in fact",
        .text = "text\n",
        .html = "<p>html</p>",
    };
    assert_roundtrip(&c);
    roundtrip_case chinese = {
        .from = "报告机器人 <bot@example.com>",
        .from_parsed = {"报告机器人", "bot@example.com"},
        .bcc = {"only-bcc@example.com"},
        .subject = "季度现金流报告：收入、支出、预算与预测的详细分析，请在周五之前审阅并回复意见，谢谢大家的配合",
        .text = "中文正文\n第二行\n",
        .html = "<p>中文正文</p>",
    };
    assert_roundtrip(&chinese);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_non_ascii_subject_and_names),
        cmocka_unit_test(test_roundtrip_body_edge_cases),
        cmocka_unit_test(test_roundtrip_long_headers_fold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
