/* A batch through the engine against a real SQLite ledger and an SES
 * endpoint that refuses connections: the preflight's refusal rules, the
 * ledger rows a batch writes (sent or not), resends rebuilt for other
 * recipients, the date a message carries, the diff and the recovery file. */
#include "send_fixture.h"

#include <time.h>
#include <unistd.h>

#include "send/send_internal.h"

static const report_target ceo = {PERSONA_CEO, "portfolio"};
static const report_target cfo = {PERSONA_CFO, "portfolio"};

/* A session connected to the refusing endpoint; the batch preflighted. */
static void connect_and_check(send_fixture *f, send_session *s, batch *b)
{
    assert_true(send_session_open(s, &f->config));
    if (!send_session_connect(s))
        fail_msg("send_session_connect: %s", s->error);
    batch_preflight(b, s->client);
}

static void test_a_sender_ses_cannot_confirm_is_refused_with_an_override(void **state)
{
    send_fixture *f = *state;
    batch b;
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    batch_add(&b, &ceo, NULL);
    send_session s;
    connect_and_check(f, &s, &b);
    assert_true(b.preflight.checked);
    assert_non_null(strstr(b.preflight.error, "could not confirm that the sender"));
    assert_true(b.preflight.overridable);
    assert_int_equal(b.preflight.error_exit_code, 4);

    b.unverified_ok = true;
    batch_preflight(&b, s.client);
    assert_string_equal(b.preflight.error, "");
    assert_non_null(strstr(b.preflight.warnings, "sending anyway, as asked"));
    assert_non_null(strstr(b.preflight.warnings, "sending quota")); /* both are said */
    send_session_close(&s);
    batch_free(&b);
}

static void test_no_sender_is_refused_and_no_flag_overrides_it(void **state)
{
    send_fixture *f = *state;
    f->config.from_address = NULL;
    batch b;
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    b.unverified_ok = true;
    batch_add(&b, &ceo, NULL);
    send_session s;
    connect_and_check(f, &s, &b);
    assert_non_null(strstr(b.preflight.error, "no sender: set SES_FROM_ADDRESS"));
    assert_false(b.preflight.overridable);
    assert_int_equal(b.preflight.error_exit_code, 3);
    send_session_close(&s);
    batch_free(&b);
}

/* Preflights and sends `b` through a fresh session. */
static void send_batch(send_fixture *f, batch *b, batch_totals *totals)
{
    send_session s;
    connect_and_check(f, &s, b);
    char dashboard[640];
    assert_true(send_session_send(&s, b, NULL, NULL, totals, dashboard, sizeof dashboard));
    send_session_close(&s);
}

/* The row of `id` as the ledger has it. */
static void ledger_row(send_fixture *f, int64_t id, ledger_delivery *out)
{
    ledger *l = fixture_ledger(f);
    char error[512] = "";
    if (!ledger_get(l, id, out, error, sizeof error))
        fail_msg("ledger_get: %s", error);
    ledger_close(l);
}

static void test_every_report_of_a_batch_gets_a_row_sent_or_not(void **state)
{
    send_fixture *f = *state;
    batch b;
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    b.unverified_ok = true;
    batch_add(&b, &ceo, NULL);
    recipients nobody = {"", "", "audit@example.com"};
    batch_item *broken = batch_add(&b, &cfo, &nobody);
    assert_non_null(strstr(broken->build_error, "To is empty"));
    batch_totals totals;
    send_batch(f, &b, &totals);
    assert_int_equal(totals.sent, 0);
    assert_int_equal(totals.failed + totals.unknown, 1); /* the refused connection */
    assert_int_equal(totals.skipped, 1);

    batch_totals tally;
    batch_tally(&b, &tally);
    assert_int_equal(tally.sent, totals.sent);
    assert_int_equal(tally.failed + tally.unknown, 1);
    assert_int_equal(tally.skipped, 1);

    ledger_delivery row;
    ledger_row(f, b.items[0].delivery_id, &row);
    assert_string_equal(row.persona, "ceo");
    assert_string_equal(row.to_addresses, "owner@example.com");
    assert_string_equal(row.bcc_addresses, "audit@example.com");
    assert_non_null(row.archive_path);          /* the exact bytes were kept first */
    assert_int_equal(strlen(row.message_sha256), 64);
    ledger_delivery_clear(&row);
    ledger_row(f, b.items[1].delivery_id, &row);
    assert_string_equal(row.persona, "cfo");
    assert_int_equal(row.state, DELIVERY_NOT_ATTEMPTED);
    assert_non_null(strstr(row.error_message, "To is empty"));
    ledger_delivery_clear(&row);
    batch_free(&b);
}

static void test_a_stopped_batch_records_the_rest_as_not_attempted(void **state)
{
    send_fixture *f = *state;
    batch b;
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    b.unverified_ok = true;
    batch_add(&b, &ceo, NULL);
    batch_add(&b, &cfo, NULL);
    atomic_store(&b.cancel, true);
    batch_totals totals;
    send_batch(f, &b, &totals);
    assert_int_equal(totals.skipped, 2);
    assert_true(totals.cancelled);
    for (size_t i = 0; i < 2; i++) {
        ledger_delivery row;
        ledger_row(f, b.items[i].delivery_id, &row);
        assert_int_equal(row.state, DELIVERY_NOT_ATTEMPTED);
        assert_string_equal(row.error_message, "stopped by the operator before it was sent");
        ledger_delivery_clear(&row);
    }
    assert_int_equal(batch_exit_code(&totals), 1);
    batch_free(&b);
}

/* Sends `target` once (it fails: the endpoint refuses) and returns its row. */
static void archived_delivery(send_fixture *f, ledger_delivery *out)
{
    batch b;
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    b.unverified_ok = true;
    batch_add(&b, &ceo, NULL);
    batch_totals totals;
    send_batch(f, &b, &totals);
    ledger_row(f, b.items[0].delivery_id, out);
    batch_free(&b);
}

static void test_a_resend_to_other_recipients_is_rebuilt_with_their_to(void **state)
{
    send_fixture *f = *state;
    ledger_delivery original;
    archived_delivery(f, &original);
    batch b;
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    recipients other = {"cfo@example.com", "", "audit@example.com"};
    batch_item *item = batch_add_resend(&b, &original, false, &other);
    assert_string_equal(item->build_error, "");
    assert_false(item->from_archive);
    assert_non_null(strstr(strbuf_cstr(&item->eml), "\r\nTo: cfo@example.com\r\n"));
    assert_null(strstr(strbuf_cstr(&item->eml), "owner@example.com"));
    assert_non_null(strstr(item->notice, "rebuilt for new recipients"));

    /* Back to the original's recipients: its archived bytes again. */
    batch_set_recipients(&b, 0, "owner@example.com", "", "audit@example.com");
    assert_true(item->from_archive);
    strbuf archived = STRBUF_INIT;
    assert_int_equal(strbuf_read_file(&archived, original.archive_path, 1 << 24), 0);
    assert_int_equal(item->eml.len, archived.len);
    assert_memory_equal(item->eml.data, archived.data, archived.len);
    assert_non_null(strstr(item->notice, "byte-identical resend"));
    strbuf_free(&archived);
    ledger_delivery_clear(&original);
    batch_free(&b);
}

static void test_a_resend_gets_the_checks_of_a_send(void **state)
{
    send_fixture *f = *state;
    ledger_delivery original;
    archived_delivery(f, &original);
    batch b;
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    recipients forged = {"cfo@example.com\r\nBcc: thief@example.com", "", ""};
    batch_item *item = batch_add_resend(&b, &original, false, &forged);
    assert_memory_equal(item->build_error, "To: ", 4);
    ledger_delivery_clear(&original);
    batch_free(&b);
}

static void test_the_date_is_taken_when_the_message_is_built(void **state)
{
    send_fixture *f = *state;
    batch b;
    batch_init(&b, f->portfolio, &f->config, (time_t)1795392000); /* 2026-11-23 */
    batch_item *pinned = batch_add(&b, &ceo, NULL);
    assert_non_null(strstr(strbuf_cstr(&pinned->eml), "Date: Mon, 23 Nov 2026"));
    b.now = 0;          /* 1970: never what a clock-following batch writes */
    b.follow_clock = true;
    batch_rebuild(&b, 0);
    char year[16];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(year, sizeof year, " %Y ", &tm);
    const char *date = strstr(strbuf_cstr(&b.items[0].eml), "\r\nDate: ");
    assert_non_null(date);
    assert_non_null(strstr(date, year));
    assert_null(strstr(strbuf_cstr(&b.items[0].eml), "1970"));
    batch_free(&b);
}

static void test_the_diff_lists_money_that_moved_before_the_lines(void **state)
{
    send_diff_result d = {0};
    send_diff_text("Acme\n\n- Revenue: $3,700/month\n- Rent: $400/month\nend\n",
                   "Acme\n\n- Revenue: $4,100/month\n- Rent: $400/month\nend\n", &d);
    assert_string_equal(strbuf_cstr(&d.moved), "Revenue: $3,700/month → $4,100/month\n");
    assert_int_equal(d.changed_lines, 2);
    assert_string_equal(strbuf_cstr(&d.unified), "@@ -1,5 +1,5 @@\n Acme\n \n"
                                                 "-- Revenue: $3,700/month\n"
                                                 "+- Revenue: $4,100/month\n"
                                                 " - Rent: $400/month\n end\n");
    send_diff_free(&d);
    send_diff_result same = {0};
    send_diff_text("a\nb\n", "a\nb\n", &same);
    assert_int_equal(same.changed_lines, 0);
    assert_int_equal(same.moved.len, 0);
    send_diff_free(&same);
}

static void test_each_moved_figure_reads_label_old_arrow_new_with_its_period(void **state)
{
    send_diff_result d = {0};
    /* A table's rows may change order (sorted by amount): each figure
     * is compared with the same row and column's. */
    send_diff_text("Cash\n- Revenue $5,850/month: net burn\n$1,793/month ($1,238\xE2\x80\x93$2,348/month).\n"
                   "\nName           Costs  Revenue            Gap\n"
                   "-----  -------------  -------  -------------\n"
                   "JADA   $6,200\xE2\x80\x93$6,800   $3,700  $2,500\xE2\x80\x93$3,100\n"
                   "Queen           $900   $1,000             $0\n",
                   "Cash\n- Revenue $6,850/month: net burn\n$793/month ($238\xE2\x80\x93$1,348/month).\n"
                   "\nName           Costs  Revenue            Gap\n"
                   "-----  -------------  -------  -------------\n"
                   "Queen           $900   $1,200             $0\n"
                   "JADA   $6,200\xE2\x80\x93$6,800   $4,700  $1,500\xE2\x80\x93$2,100\n",
                   &d);
    assert_string_equal(strbuf_cstr(&d.moved),
                        "Revenue: $5,850/month → $6,850/month\n"
                        "net burn: $1,793/month → $793/month\n"
                        "net burn: $1,238\xE2\x80\x93$2,348/month → $238\xE2\x80\x93$1,348/month\n"
                        "JADA · Revenue: $3,700 → $4,700\n"
                        "JADA · Gap: $2,500\xE2\x80\x93$3,100 → $1,500\xE2\x80\x93$2,100\n"
                        "Queen · Revenue: $1,000 → $1,200\n");
    send_diff_free(&d);
    /* Only a comma before it: the clause before the comma names it. */
    send_diff_result largest = {0};
    send_diff_text("Headline\n--------\n- Costs: fixed $4,788/month;\n  largest: Slip rent (JADA), "
                   "$1,650/month (21.6%).\n",
                   "Headline\n--------\n- Costs: fixed $4,788/month;\n  largest: Slip rent (JADA), "
                   "$1,950/month (25.6%).\n",
                   &largest);
    assert_string_equal(strbuf_cstr(&largest.moved),
                        "Headline › Costs — Slip rent (JADA): $1,650/month → $1,950/month\n");
    send_diff_free(&largest);
}

/* A planned report whose day another delivery holds (here: sent earlier
 * today, from this machine) is not sent: it is recorded not-attempted with
 * who holds the day, and that is no failure. */
static void test_a_planned_report_whose_day_is_held_is_left_out_and_says_by_whom(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    int64_t held = fixture_delivery(l, 0, "ceo", "portfolio", DELIVERY_SENT);
    ledger_close(l);
    char host[128];
    assert_int_equal(gethostname(host, sizeof host), 0);
    batch b;
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    b.unverified_ok = true;
    batch_add(&b, &ceo, NULL)->claims_day = true;
    batch_totals totals;
    send_batch(f, &b, &totals);
    assert_int_equal(totals.skipped, 1);
    assert_int_equal(totals.day_held, 1);
    assert_int_equal(totals.failed + totals.unknown + totals.sent, 0);
    assert_int_equal(batch_exit_code(&totals), 0);
    assert_true(b.items[0].day_held);
    batch_totals tally;
    batch_tally(&b, &tally);
    assert_int_equal(tally.day_held, 1);
    ledger_delivery row;
    ledger_row(f, b.items[0].delivery_id, &row);
    assert_int_equal(row.state, DELIVERY_NOT_ATTEMPTED);
    char expected[160];
    snprintf(expected, sizeof expected, "from %s (delivery %lld); resend it explicitly", host,
             (long long)held);
    if (!strstr(row.error_message, expected) || strncmp(row.error_message, "sent today at ", 14))
        fail_msg("not-attempted because \"%s\"", row.error_message);
    ledger_delivery_clear(&row);
    batch_free(&b);
}

/* What the operator asked for again (--include-sent, a named report), a
 * test send, and a report whose holder failed are attempted: here they
 * reach the refusing endpoint and fail there. */
static void test_explicit_sends_and_a_failed_holder_do_not_stop_a_report(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    fixture_delivery(l, 0, "ceo", "portfolio", DELIVERY_SENT);
    fixture_delivery(l, 0, "cfo", "portfolio", DELIVERY_FAILED);
    ledger_close(l);
    batch b;
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    b.unverified_ok = true;
    batch_add(&b, &ceo, NULL)->claims_day = false; /* asked for again */
    batch_add(&b, &cfo, NULL)->claims_day = true;  /* its failed delivery frees the day */
    batch_totals totals;
    send_batch(f, &b, &totals);
    assert_int_equal(totals.day_held, 0);
    assert_int_equal(totals.failed + totals.unknown, 2);
    batch_free(&b);
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    b.unverified_ok = true;
    b.test = true;
    batch_add(&b, &ceo, NULL)->claims_day = true; /* a test send claims nothing */
    send_batch(f, &b, &totals);
    assert_int_equal(totals.day_held, 0);
    assert_int_equal(totals.failed + totals.unknown, 1);
    batch_free(&b);
}

static void test_a_message_id_the_ledger_could_not_take_goes_to_the_recovery_file(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    batch_item item = {.target = ceo};
    snprintf(item.scope, sizeof item.scope, "portfolio");
    send_recovery_note(l, 7, &item, "ses-0123", "disk I/O error");
    send_recovery_note(l, 8, &item, "ses-4567", "disk I/O error");
    char path[4200];
    send_recovery_path(l, path, sizeof path);
    ledger_close(l);
    strbuf text = STRBUF_INIT;
    assert_int_equal(strbuf_read_file(&text, path, 4096), 0);
    assert_non_null(strstr(strbuf_cstr(&text), " delivery=7 report=ceo/portfolio message_id=ses-0123\n"));
    assert_non_null(strstr(strbuf_cstr(&text), " delivery=8 report=ceo/portfolio message_id=ses-4567\n"));
    strbuf_free(&text);
}

int main(void)
{
#define TEST(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        TEST(test_a_sender_ses_cannot_confirm_is_refused_with_an_override),
        TEST(test_no_sender_is_refused_and_no_flag_overrides_it),
        TEST(test_every_report_of_a_batch_gets_a_row_sent_or_not),
        TEST(test_a_stopped_batch_records_the_rest_as_not_attempted),
        TEST(test_a_resend_to_other_recipients_is_rebuilt_with_their_to),
        TEST(test_a_resend_gets_the_checks_of_a_send),
        TEST(test_the_date_is_taken_when_the_message_is_built),
        TEST(test_the_diff_lists_money_that_moved_before_the_lines),
        TEST(test_each_moved_figure_reads_label_old_arrow_new_with_its_period),
        TEST(test_a_message_id_the_ledger_could_not_take_goes_to_the_recovery_file),
        TEST(test_a_planned_report_whose_day_is_held_is_left_out_and_says_by_whom),
        TEST(test_explicit_sends_and_a_failed_holder_do_not_stop_a_report),
    };
#undef TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
