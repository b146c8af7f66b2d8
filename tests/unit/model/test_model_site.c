/* The site inspector on trees made in the test: masked secrets, skipped
 * paths, analytics, stacks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/model.h"
#include "briefing/utf8.h"

static void write_file(const char *root, const char *relative, const char *content)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", root, relative);
    for (char *slash = strchr(path + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0755);
        *slash = '/';
    }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static const finding *find(const site *s, finding_kind kind, const char *file_end)
{
    for (size_t i = 0; i < s->finding_count; i++) {
        size_t n = strlen(s->findings[i].file), m = strlen(file_end);
        if (s->findings[i].kind == kind && n >= m && strcmp(s->findings[i].file + n - m, file_end) == 0)
            return &s->findings[i];
    }
    return NULL;
}

static void test_site_findings_are_masked_and_bounded(void **state)
{
    char root[] = "/tmp/briefing-site-XXXXXX";
    assert_non_null(mkdtemp(root));
    write_file(root, "agent_handoffs/projects/acme.md", "# Acme\n\n- Site: acme\n");
    write_file(root, "sites/acme/api/lambda_function.py",
               "import json\nKEY_ID = \"AKIA" "ABCDEFGHIJKLMNOP\"\n" /* split: not a key-shaped literal */
               "def lambda_handler(event, context):\n    body = json.loads(event['body'])\n    return body\n");
    write_file(root, "sites/acme/api/settings.py", "API_TOKEN = 'tok_1234567890abcdef'\n");
    write_file(root, "sites/acme/index.html", "<html><a href=\"http://acme.example.com/x\">x</a></html>\n");
    write_file(root, "sites/acme/with.html", "<script src=\"https://www.googletagmanager.com/gtag/js\"></script>\n");
    write_file(root, "sites/acme/node_modules/lib/secret.js", "token = 'zzzzzzzzzzzzzzzz'\n");
    write_file(root, "sites/acme/.git/config", "password = 'gitgitgitgit'\n");
    char big[4096];
    snprintf(big, sizeof big, "%s/sites/acme/big.js", root);
    FILE *f = fopen(big, "w");
    for (int i = 0; i < 1100 * 1024 / 16; i++)
        fputs("password='abc';\n", f);
    fclose(f);
    char link[4096];
    snprintf(link, sizeof link, "%s/sites/acme/escape", root);
    assert_int_equal(symlink("/etc", link), 0);

    char error[256];
    portfolio *p = model_portfolio_load(root, error, sizeof error);
    assert_non_null(p);
    const site *s = model_find_site(p, "acme");
    assert_non_null(s);
    const finding *key = find(s, FINDING_HARDCODED_SECRET, "lambda_function.py");
    assert_non_null(key);
    assert_int_equal(key->line, 2);
    assert_non_null(strstr(key->excerpt, "AKIA"));
    for (size_t i = 0; i < s->finding_count; i++) {
        assert_null(strstr(s->findings[i].excerpt, "ABCDEFGHIJKLMNOP"));
        assert_null(strstr(s->findings[i].excerpt, "567890abcdef"));
        assert_null(strstr(s->findings[i].file, "node_modules"));
        assert_null(strstr(s->findings[i].file, ".git"));
        assert_null(strstr(s->findings[i].file, "big.js"));
        assert_null(strstr(s->findings[i].file, "escape"));
    }
    assert_non_null(find(s, FINDING_HARDCODED_SECRET, "settings.py"));
    assert_non_null(find(s, FINDING_UNAUTHENTICATED_ENDPOINT, "lambda_function.py"));
    assert_non_null(find(s, FINDING_NO_ANALYTICS, "/index.html"));
    assert_non_null(find(s, FINDING_HTTP_LINK, "/index.html"));
    assert_non_null(find(s, FINDING_ANALYTICS, "with.html"));
    assert_null(find(s, FINDING_NO_ANALYTICS, "with.html"));
    assert_true(s->skipped_count >= 2);
    bool lambda_stack = false;
    for (size_t i = 0; i < s->stack_count; i++)
        lambda_stack |= strcmp(s->stack[i], "Python (AWS Lambda)") == 0;
    assert_true(lambda_stack);
    model_portfolio_free(p);
    char command[4200];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

static bool has_stack(const site *s, const char *stack)
{
    for (size_t i = 0; i < s->stack_count; i++)
        if (strcmp(s->stack[i], stack) == 0)
            return true;
    return false;
}

/* Each way a Lambda handler is written is recognised by its content, and
 * one that reads its event and checks no caller is an open endpoint; a
 * handler that checks an Authorization header is not. */
static void test_lambda_handlers_are_recognised_by_what_they_define(void **state)
{
    (void)state;
    char root[] = "/tmp/briefing-site-XXXXXX";
    assert_non_null(mkdtemp(root));
    write_file(root, "agent_handoffs/projects/acme.md", "# Acme\n\n- Site: acme\n");
    write_file(root, "sites/acme/handler.js",
               "exports.handler = async (event) => {\n"
               "  const id = event.queryStringParameters.id;\n  return { id };\n};\n");
    write_file(root, "sites/acme/esm.mjs",
               "export const handler = async (event) => {\n"
               "  const h = event.headers.authorization;\n  return h;\n};\n");
    write_file(root, "sites/acme/app/main.py",
               "def lambda_handler(event, context):\n    return event.get('id')\n");
    char error[256];
    portfolio *p = model_portfolio_load(root, error, sizeof error);
    assert_non_null(p);
    const site *s = model_find_site(p, "acme");
    assert_non_null(s);
    assert_true(has_stack(s, "Node.js (AWS Lambda)"));
    assert_true(has_stack(s, "Python (AWS Lambda)"));
    const finding *open = find(s, FINDING_UNAUTHENTICATED_ENDPOINT, "/handler.js");
    assert_non_null(open);
    assert_int_equal(open->line, 1);
    assert_non_null(find(s, FINDING_UNAUTHENTICATED_ENDPOINT, "/main.py"));
    assert_null(find(s, FINDING_UNAUTHENTICATED_ENDPOINT, "/esm.mjs"));
    model_portfolio_free(p);
    char command[4200];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

/* docs/reports.md, CTO, masked excerpt (eyes-final13 Q14): a line that
 * fits keeps its closing quote; a longer one is cut with "…", never
 * silently. */
/* One settings file of Acme's site per line of `lines`, then the site read. */
static void write_settings(const char *root, const char *const *lines, size_t count)
{
    write_file(root, "agent_handoffs/projects/acme.md", "# Acme\n\n- Site: acme\n");
    for (size_t i = 0; i < count; i++) {
        char path[64];
        snprintf(path, sizeof path, "sites/acme/settings%zu.py", i);
        write_file(root, path, lines[i]);
    }
}

static void test_a_masked_excerpt_keeps_its_closing_quote_or_says_it_is_cut(void **state)
{
    (void)state;
    char root[] = "/tmp/briefing-site-XXXXXX";
    assert_non_null(mkdtemp(root));
    static const char *const lines[] = {
               "PRIMARY_DB = \"postgresql://tally_app:Wh1skeyTango-42@db1.tallyhq.example.com/tally\"; "
               "REPLICA_DB = \"postgresql://tally_ro:Fo0tballKilo-77@db2.tallyhq.example.com/tally\"\n",
               "PRIMARY_DB = \"postgresql://app:Wh1skeyTango-42@db1.example.com/t\"  # "
               "a comment long enough to take the line past two hundred bytes, so the excerpt "
               "must be cut somewhere before its end, and says so where it is cut, with an ellipsis\n"};
    write_settings(root, lines, 2);
    char error[256];
    portfolio *p = model_portfolio_load(root, error, sizeof error);
    assert_non_null(p);
    const site *s = model_find_site(p, "acme");
    const finding *fits = find(s, FINDING_HARDCODED_SECRET, "/settings0.py");
    assert_non_null(fits);
    size_t n = strlen(fits->excerpt);
    assert_string_equal(fits->excerpt + n - 7, "/tally\"");
    const finding *cut = find(s, FINDING_HARDCODED_SECRET, "/settings1.py");
    assert_non_null(cut);
    n = strlen(cut->excerpt);
    assert_true(n <= 200 + strlen("…"));
    assert_string_equal(cut->excerpt + n - strlen("…"), "…");
    model_portfolio_free(p);
    char command[4200];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

/* The open-endpoint finding of `file` in `s` says the scan's sentence,
 * then `clause` (what its response hands out, "" for nothing). */
static void assert_open_handler_says(const site *s, const char *file, const char *clause)
{
    const finding *f = find(s, FINDING_UNAUTHENTICATED_ENDPOINT, file);
    assert_non_null(f);
    char want[512];
    snprintf(want, sizeof want, "handler reads the request and checks no token, key or signature%s",
             clause);
    assert_string_equal(f->excerpt, want);
}

/* docs/reports.md, CTO (eyes-final5a Q16): an open handler whose response
 * names a connection-string setting says so, by name, with its line; one
 * that only imports it does not. */
static void test_an_open_handler_whose_response_includes_the_database_url_says_how_much(void **state)
{
    (void)state;
    char root[] = "/tmp/briefing-site-XXXXXX";
    assert_non_null(mkdtemp(root));
    write_file(root, "agent_handoffs/projects/acme.md", "# Acme\n\n- Site: acme\n");
    write_file(root, "sites/acme/leaky.js",
               "const { DATABASE_URL } = require(\"./config\");\n"
               "exports.handler = async (event) => {\n"
               "  const body = JSON.parse(event.body || \"{}\");\n"
               "  return { statusCode: 200, body: JSON.stringify({ db: DATABASE_URL.split(\"@\")[1] }) };\n"
               "};\n");
    write_file(root, "sites/acme/piece.js",
               "const { DATABASE_URL } = require(\"./config\");\n"
               "exports.handler = async (event) => {\n"
               "  return { statusCode: 200, body: JSON.stringify({ db: DATABASE_URL.slice(0, 8), q: event.body }) };\n"
               "};\n");
    write_file(root, "sites/acme/lambda_function.py",
               "from settings import PRIMARY_DB\n"
               "def lambda_handler(event, context):\n"
               "    return {\"statusCode\": 200, \"body\": json.dumps({\"s\": event.get(\"q\"), \"db\": PRIMARY_DB.split(\"@\")[-1]})}\n");
    write_file(root, "sites/acme/whole.js",
               "const { DATABASE_URL } = require(\"./config\");\n"
               "exports.handler = async (event) => {\n"
               "  return { statusCode: 200, body: JSON.stringify({ db: DATABASE_URL, q: event.body }) };\n"
               "};\n");
    write_file(root, "sites/acme/host.mjs",
               "import { DB_HOST } from \"./secrets.mjs\";\n"
               "export const handler = async (event) => {\n"
               "  return { statusCode: 200, body: JSON.stringify({ host: DB_HOST, q: event.body }) };\n"
               "};\n");
    write_file(root, "sites/acme/quiet.js",
               "const { DATABASE_URL } = require(\"./config\");\n"
               "exports.handler = async (event) => {\n"
               "  const body = JSON.parse(event.body || \"{}\");\n"
               "  return { statusCode: 200, body: JSON.stringify({ ok: true }) };\n"
               "};\n");
    char error[256];
    portfolio *p = model_portfolio_load(root, error, sizeof error);
    assert_non_null(p);
    const site *s = model_find_site(p, "acme");
    assert_non_null(s);
    /* changed by fixZc Q14: the part after the @ is the host, said as
     * DB_HOST is (reports.md CTO), not "part of … check which part" */
    assert_open_handler_says(s, "/leaky.js", "; its response includes the database's host name "
                                             "(the part of DATABASE_URL after its @, line 4)");
    /* another method takes a piece of it: not the password (eyes-final8 V4) */
    assert_open_handler_says(s, "/piece.js",
                             "; its response includes part of DATABASE_URL (line 3): check which part");
    /* whatever the setting is called (eyes-final13 Q14, lambda_function.py:9) */
    assert_open_handler_says(s, "/lambda_function.py",
                             "; its response includes the database's host name (the part of "
                             "PRIMARY_DB after its @, line 3)");
    assert_open_handler_says(s, "/whole.js",
                             "; its response includes DATABASE_URL (line 3), password and all");
    /* a host name is no password (eyes-final10 X2) */
    assert_open_handler_says(s, "/host.mjs",
                             "; its response includes DB_HOST (line 3), the database's host name");
    assert_open_handler_says(s, "/quiet.js", "");
    model_portfolio_free(p);
    char command[4200];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

static void test_every_secret_on_a_line_is_masked(void **state)
{
    char root[] = "/tmp/briefing-site-XXXXXX";
    assert_non_null(mkdtemp(root));
    write_file(root, "agent_handoffs/projects/acme.md", "# Acme\n\n- Site: acme\n");
    /* Key-shaped literals are split so none is committed whole. */
    write_file(root, "sites/acme/two_keys.py",
               "KEYS = [\"AKIA" "AAAAAAAAAAAAAAA1\", \"AKIA" "BBBBBBBBBBBBBBB2\"]\n");
    write_file(root, "sites/acme/two_words.py",
               "db_password = 'first-pass-1234'; api_token = \"second-tok-5678\"\n");
    write_file(root, "sites/acme/same_word.py",
               "a_token = 'third-tok-abcd', b_token = 'fourth-tok-efgh'\n");
    write_file(root, "sites/acme/mixed.js",
               "pay('sk_" "live_fifthSTRIPEkey99', \"AKIA" "CCCCCCCCCCCCCCC3\", {secret: \"sixth-secret-ijkl\"})\n");
    write_file(root, "sites/acme/links.html",
               "<a href=\"http://admin:ninth-pw-wxyz@acme.example.com/\">a</a> "
               "<a href=\"https://ci:tenth-pw-1234@ci.example.com/x\">b</a>\n");
    write_file(root, "sites/acme/config.json",
               "{\"password\": \"seventh-pass-mnop\", \"apikey\": \"eighth-key-qrst\"}\n");

    char error[256];
    portfolio *p = model_portfolio_load(root, error, sizeof error);
    assert_non_null(p);
    const site *s = model_find_site(p, "acme");
    assert_non_null(s);
    const char *files[] = {"two_keys.py", "two_words.py", "same_word.py", "mixed.js", "config.json",
                           "links.html"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        assert_non_null(find(s, FINDING_HARDCODED_SECRET, files[i]));
    const char *tails[] = {"AAAAAAAAAAA1", "BBBBBBBBBBB2", "t-pass-1234", "d-tok-5678",
                           "d-tok-abcd", "h-tok-efgh", "STRIPEkey99", "CCCCCCCCCCC3",
                           "-secret-ijkl", "h-pass-mnop", "h-key-qrst", "h-pw-wxyz", "h-pw-1234"};
    for (size_t i = 0; i < s->finding_count; i++)
        for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++)
            if (strstr(s->findings[i].excerpt, tails[t]))
                fail_msg("%s: secret tail %s in excerpt \"%s\"", s->findings[i].file, tails[t],
                         s->findings[i].excerpt);
    /* handoff-format.md, site scan (eyes-final3b N8): a password or token
     * shows none of its characters; a key keeps its format's prefix only. */
    const char *heads[] = {"firs", "seco", "thir", "four", "sixt", "seve", "eigh", "nint", "tent"};
    for (size_t i = 0; i < s->finding_count; i++)
        for (size_t h = 0; h < sizeof heads / sizeof heads[0]; h++)
            if (strstr(s->findings[i].excerpt, heads[h]))
                fail_msg("%s: the start %s of a password or token in excerpt \"%s\"",
                         s->findings[i].file, heads[h], s->findings[i].excerpt);
    assert_non_null(strstr(find(s, FINDING_HARDCODED_SECRET, "two_keys.py")->excerpt,
                           "[\"AKIA************\", \"AKIA************\"]"));
    assert_non_null(strstr(find(s, FINDING_HARDCODED_SECRET, "two_words.py")->excerpt,
                           "db_password = '************'"));
    /* The finding carries what leaked by kind and count, so reports read
     * those, never the English of `leaked` (docs/reports.md, What leaked). */
    const finding *keys = find(s, FINDING_HARDCODED_SECRET, "two_keys.py");
    assert_int_equal(keys->leak.kind_count, 1);
    assert_string_equal(keys->leak.kinds[0], "AWS access key");
    assert_int_equal(keys->leak.counts[0], 2);
    assert_string_equal(keys->leaked, "two AWS access keys");
    const finding *words = find(s, FINDING_HARDCODED_SECRET, "two_words.py");
    assert_int_equal(words->leak.kind_count, 2);
    assert_string_equal(words->leak.kinds[0], "token"); /* in finder order */
    assert_int_equal(words->leak.counts[0], 1);
    assert_string_equal(words->leak.kinds[1], "password");
    assert_string_equal(words->leaked, "token and password");
    model_portfolio_free(p);
    char command[4200];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

static void test_excerpts_are_utf8_whatever_the_source_holds(void **state)
{
    char root[] = "/tmp/briefing-site-XXXXXX";
    assert_non_null(mkdtemp(root));
    write_file(root, "agent_handoffs/projects/acme.md", "# Acme\n\n- Site: acme\n");
    /* A secret of 2-byte characters (masked whole, not cut inside one), a line
     * longer than an excerpt made of them, and a Latin-1 byte. */
    char line[1024] = "password = 'a\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9' // x";
    for (size_t i = strlen(line); i + 3 < 600; i += 2)
        memcpy(line + i, "\xC3\xA9", 3);
    strcat(line, "\ntoken = 'caf\xE9-latin1-secret' \xE9\n<a href=\"http://example.com/\xE9\xC3\">x</a>\n");
    write_file(root, "sites/acme/accents.js", line);

    char error[256];
    portfolio *p = model_portfolio_load(root, error, sizeof error);
    assert_non_null(p);
    const site *s = model_find_site(p, "acme");
    assert_non_null(s);
    assert_non_null(find(s, FINDING_HARDCODED_SECRET, "accents.js"));
    assert_non_null(find(s, FINDING_HTTP_LINK, "accents.js"));
    for (size_t i = 0; i < s->finding_count; i++) {
        const char *excerpt = s->findings[i].excerpt;
        if (!utf8_valid(excerpt, strlen(excerpt), NULL))
            print_error("%s:%d: excerpt is not UTF-8\n", s->findings[i].file, s->findings[i].line);
        assert_true(utf8_valid(excerpt, strlen(excerpt), NULL));
        assert_null(strstr(excerpt, "latin1-secret"));
    }
    model_portfolio_free(p);
    char command[4200];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

static bool has_diagnostic(const portfolio *p, const char *file, int line, const char *words)
{
    for (size_t i = 0; i < p->diagnostics.count; i++) {
        const diag *d = &p->diagnostics.items[i];
        if (strcmp(d->file, file) == 0 && d->line == line && strstr(d->message, words))
            return true;
    }
    return false;
}

static void remove_tree(const char *root)
{
    char command[4200];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

static void test_site_leaving_the_portfolio_is_named_with_its_line_and_not_inspected(void **state)
{
    (void)state;
    char root[] = "/tmp/briefing-site-XXXXXX";
    assert_non_null(mkdtemp(root));
    write_file(root, "agent_handoffs/projects/jada.md", "# JADA\n\n- Kind: core\n- Site: sites/../../etc\n");
    char error[256];
    portfolio *p = model_portfolio_load(root, error, sizeof error);
    assert_non_null(p);
    assert_true(has_diagnostic(p, "agent_handoffs/projects/jada.md", 4,
                               "Site \"sites/../../etc\" leads outside the portfolio"));
    assert_int_equal(p->site_count, 0);
    model_portfolio_free(p);
    write_file(root, "agent_handoffs/projects/jada.md", "# JADA\n\n- Site: jada\n");
    p = model_portfolio_load(root, error, sizeof error);
    assert_true(has_diagnostic(p, "agent_handoffs/projects/jada.md", 3,
                               "the folder sites/jada is missing"));
    model_portfolio_free(p);
    remove_tree(root);
}

static void test_duplicate_titles_and_an_empty_projects_folder_are_diagnostics(void **state)
{
    (void)state;
    char root[] = "/tmp/briefing-site-XXXXXX";
    assert_non_null(mkdtemp(root));
    write_file(root, "agent_handoffs/projects/jada.md", "# JADA\n");
    write_file(root, "agent_handoffs/projects/jada-2.md", "\n# jada\n");
    char error[256];
    portfolio *p = model_portfolio_load(root, error, sizeof error);
    assert_true(has_diagnostic(p, "agent_handoffs/projects/jada-2.md", 2,
                               "is also the title of agent_handoffs/projects/jada.md"));
    assert_int_equal(p->entity_count, 2);
    model_portfolio_free(p);
    remove_tree(root);

    char empty[] = "/tmp/briefing-site-XXXXXX";
    assert_non_null(mkdtemp(empty));
    write_file(empty, "agent_handoffs/projects/README.txt", "not a handoff\n");
    p = model_portfolio_load(empty, error, sizeof error);
    assert_true(has_diagnostic(p, "agent_handoffs/projects", 0, "no handoffs"));
    model_portfolio_free(p);
    remove_tree(empty);
}

static void test_missing_root_is_an_error_not_a_crash(void **state)
{
    char error[256];
    assert_null(model_portfolio_load("/nonexistent/briefing", error, sizeof error));
    assert_non_null(strstr(error, "/nonexistent/briefing"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_site_findings_are_masked_and_bounded),
        cmocka_unit_test(test_every_secret_on_a_line_is_masked),
        cmocka_unit_test(test_lambda_handlers_are_recognised_by_what_they_define),
        cmocka_unit_test(test_an_open_handler_whose_response_includes_the_database_url_says_how_much),
        cmocka_unit_test(test_a_masked_excerpt_keeps_its_closing_quote_or_says_it_is_cut),
        cmocka_unit_test(test_excerpts_are_utf8_whatever_the_source_holds),
        cmocka_unit_test(test_site_leaving_the_portfolio_is_named_with_its_line_and_not_inspected),
        cmocka_unit_test(test_duplicate_titles_and_an_empty_projects_folder_are_diagnostics),
        cmocka_unit_test(test_missing_root_is_an_error_not_a_crash),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
