/* The audit log: one JSON object per delivery a line, with every address
 * replaced by the HMAC-SHA-256 of the bare, lower-cased address under a
 * random salt drawn for this export alone (so a dictionary of addresses
 * cannot reverse it). Expected HMACs come from python3's hmac module, not
 * from the code under test. */
#include "ledger_fixture.h"

#include "briefing/digest.h"

static char export_salt[65];

static void hmac_of(const char *text, char hex[65])
{
    char command[512];
    snprintf(command, sizeof command,
             "/usr/bin/python3 -c 'import hmac,hashlib,sys; print(hmac.new(bytes.fromhex(sys.argv[1]),"
             " sys.argv[2].encode(), hashlib.sha256).hexdigest())' %s '%s'",
             export_salt, text);
    FILE *pipe = popen(command, "r");
    assert_non_null(pipe);
    char line[256] = "";
    assert_non_null(fgets(line, sizeof line, pipe));
    assert_int_equal(pclose(pipe), 0);
    memcpy(hex, line, 64);
    hex[64] = '\0';
}

/* Two deliveries: one sent with display names, mixed case and a quoted
 * comma; one failed with an address inside its error message. */
static char *export_sample(ledger_fixture *f)
{
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "";
    ledger_delivery d = {.persona = "cfo", .scope = "portfolio"};
    d.subject = (char *)"Cash for Ana.Lopez@Example.com";
    d.from_address = (char *)"Briefing <briefing@example.com>";
    d.to_addresses = (char *)"Ana Lopez <Ana.Lopez@Example.COM>, ops@example.com";
    d.cc_addresses = (char *)"\"Doe, Jane\" <jane@example.com>";
    d.bcc_addresses = (char *)"audit@example.com";
    assert_true(ledger_add_delivery(l, &d, error, sizeof error));
    assert_true(ledger_mark_sending(l, d.id, error, sizeof error));
    assert_true(ledger_mark_sent(l, d.id, "0100-abc", "req-1", 1, error, sizeof error));

    ledger_delivery e = {.persona = "ceo", .scope = "acme", .resend_of = d.id};
    e.to_addresses = (char *)"ceo@example.com";
    assert_true(ledger_add_delivery(l, &e, error, sizeof error));
    assert_true(ledger_mark_failed(l, e.id, "MessageRejected",
                                   "Email address is not verified: <ceo@example.com>", "req-2", 1,
                                   error, sizeof error));

    char out[200];
    snprintf(out, sizeof out, "%s/audit.jsonl", f->dir);
    assert_true(ledger_export_audit(l, out, export_salt, error, sizeof error));
    assert_int_equal(strlen(export_salt), 64);
    ledger_close(l);
    strbuf content = STRBUF_INIT;
    assert_int_equal(strbuf_read_file(&content, out, 1 << 20), 0);
    return strbuf_detach(&content);
}

static void test_ledger_export_has_no_plain_address(void **state)
{
    char *log = export_sample(*state);
    assert_non_null(log);
    assert_null(strchr(log, '@'));
    assert_null(strstr(log, "example.com"));
    assert_null(strstr(log, "Example"));
    free(log);
}

static void test_ledger_export_hashes_the_bare_lower_cased_address(void **state)
{
    char *log = export_sample(*state);
    char ana[65], ops[65], jane[65], audit[65], from[65], expected[300];
    hmac_of("ana.lopez@example.com", ana);
    hmac_of("ops@example.com", ops);
    hmac_of("jane@example.com", jane);
    hmac_of("audit@example.com", audit);
    hmac_of("briefing@example.com", from);
    snprintf(expected, sizeof expected, "\"to\":[\"%s\",\"%s\"]", ana, ops);
    assert_non_null(strstr(log, expected));
    snprintf(expected, sizeof expected, "\"cc\":[\"%s\"]", jane);
    assert_non_null(strstr(log, expected));
    snprintf(expected, sizeof expected, "\"bcc\":[\"%s\"]", audit);
    assert_non_null(strstr(log, expected));
    snprintf(expected, sizeof expected, "\"from\":[\"%s\"]", from);
    assert_non_null(strstr(log, expected));
    /* Free text keeps its words, with the address hashed the same way. */
    snprintf(expected, sizeof expected, "Cash for hmac:%s", ana);
    assert_non_null(strstr(log, expected));
    assert_null(strstr(log, export_salt));
    free(log);
}

static void test_ledger_export_salt_is_new_each_time_so_hashes_do_not_match_a_dictionary(void **state)
{
    char *first = export_sample(*state);
    char first_salt[65], plain[65], expected[300];
    memcpy(first_salt, export_salt, sizeof first_salt);
    ledger_fixture *f = *state;
    char out[200], error[512] = "";
    snprintf(out, sizeof out, "%s/audit.jsonl", f->dir);
    ledger *l = fixture_open(f->path, NULL);
    assert_true(ledger_export_audit(l, out, export_salt, error, sizeof error));
    ledger_close(l);
    assert_string_not_equal(first_salt, export_salt);
    strbuf second = STRBUF_INIT;
    assert_int_equal(strbuf_read_file(&second, out, 1 << 20), 0);
    /* The plain SHA-256 of a known address, what a dictionary would try. */
    digest_sha256_hex("ops@example.com", strlen("ops@example.com"), plain);
    assert_null(strstr(first, plain));
    assert_null(strstr(second.data, plain));
    hmac_of("ops@example.com", expected);
    assert_null(strstr(first, expected)); /* the first export's salt was another */
    assert_non_null(strstr(second.data, expected));
    strbuf_free(&second);
    free(first);
}

static void test_ledger_export_is_one_json_object_per_line(void **state)
{
    ledger_fixture *f = *state;
    char *log = export_sample(f);
    free(log);
    char command[1024];
    snprintf(command, sizeof command,
             "/usr/bin/python3 -c 'import json,sys\n"
             "rows=[json.loads(l) for l in open(sys.argv[1])]\n"
             "assert len(rows)==2, rows\n"
             "a,b=rows\n"
             "assert (a[\"state\"],b[\"state\"])==(\"sent\",\"failed\")\n"
             "assert b[\"resend_of\"]==a[\"id\"] and a[\"resend_of\"] is None\n"
             "assert a[\"message_id\"]==\"0100-abc\" and b[\"error_code\"]==\"MessageRejected\"\n"
             "assert a[\"created_at\"].endswith(\"Z\") and len(a[\"created_at\"])==20\n"
             "' %s/audit.jsonl",
             f->dir);
    assert_true(strlen(command) < sizeof command - 1);
    assert_int_equal(system(command), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ledger_export_has_no_plain_address, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_export_hashes_the_bare_lower_cased_address,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_export_salt_is_new_each_time_so_hashes_do_not_match_a_dictionary,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_export_is_one_json_object_per_line, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
