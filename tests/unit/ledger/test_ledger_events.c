/* Per-recipient outcomes and SES events in the ledger (schema v5): rows
 * made `sent` with the delivery, outcomes moved only forward, an event
 * applied twice changing nothing, the unmatched kept aside, an `unknown`
 * delivery resolved by its Send event, and a v4 file migrated. */
#include "ledger_fixture.h"

#include <sys/stat.h>

/* A delivery marked sent with MessageId `message_id` (To: Ana CFO
 * <cfo@example.com>, Cc: ops@example.com). */
static int64_t sent_delivery(ledger *l, const char *message_id)
{
    int64_t id = fixture_add(l, 0, "cfo", "portfolio", 0);
    char error[512] = "";
    assert_true(ledger_mark_sending(l, id, error, sizeof error));
    if (!ledger_mark_sent(l, id, message_id, "req-1", 1, error, sizeof error))
        fail_msg("ledger_mark_sent: %s", error);
    return id;
}

/* An event about `address` (NULL: both recipients) with its own key. */
typedef struct {
    ledger_event event;
    ledger_event_recipient recipients[2];
} test_event;

static void make_event(test_event *t, ledger_event_type type, const char *message_id,
                       const char *address, const char *key, time_t at)
{
    memset(t, 0, sizeof *t);
    snprintf(t->event.key, sizeof t->event.key, "%s", key);
    t->event.type = type;
    t->event.message_id = message_id;
    t->event.at = at;
    t->recipients[0].address = address ? address : "cfo@example.com";
    t->recipients[1].address = "ops@example.com";
    t->event.recipients = t->recipients;
    t->event.recipient_count = address ? 1 : 2;
}

static ledger_event_result apply(ledger *l, const ledger_event *event, int64_t *delivery_id)
{
    ledger_event_result result;
    int64_t ignored = 0;
    char why[512] = "", error[512] = "";
    if (!ledger_apply_event(l, event, "{\"body\": 1}", &result, delivery_id ? delivery_id : &ignored,
                            why, sizeof why, error, sizeof error))
        fail_msg("ledger_apply_event: %s", error);
    return result;
}

static void outcome_of(ledger *l, int64_t id, size_t index, recipient_outcome expected,
                       const char *address)
{
    ledger_recipient *list = NULL;
    size_t count = 0;
    char error[512] = "";
    assert_true(ledger_recipients(l, id, &list, &count, error, sizeof error));
    assert_true(index < count);
    assert_string_equal(list[index].address, address);
    if (list[index].outcome != expected)
        fail_msg("%s is %s, expected %s", address, ledger_outcome_name(list[index].outcome),
                 ledger_outcome_name(expected));
    ledger_recipients_free(list, count);
}

static void summary_is(ledger *l, int64_t id, const char *expected)
{
    ledger_delivery d;
    char error[512] = "", summary[64];
    assert_true(ledger_get(l, id, &d, error, sizeof error));
    ledger_outcome_summary(&d, summary, sizeof summary);
    assert_string_equal(summary, expected);
    ledger_delivery_clear(&d);
}

static void test_sent_makes_one_row_per_recipient(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    int64_t id = sent_delivery(l, "m-1");
    ledger_recipient *list = NULL;
    size_t count = 0;
    char error[512] = "";
    assert_true(ledger_recipients(l, id, &list, &count, error, sizeof error));
    assert_int_equal(count, 2);
    assert_string_equal(list[0].address, "cfo@example.com"); /* the display name dropped */
    assert_string_equal(list[0].kind, "to");
    assert_string_equal(list[1].address, "ops@example.com");
    assert_string_equal(list[1].kind, "cc");
    assert_int_equal(list[1].outcome, OUTCOME_SENT);
    ledger_recipients_free(list, count);
    summary_is(l, id, "sent 2/2");
    /* A delivery not sent has no rows and no summary. */
    int64_t pending = fixture_add(l, 0, "ceo", "portfolio", 0);
    summary_is(l, pending, "");
    ledger_close(l);
}

static void test_outcomes_only_move_forward(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    int64_t id = sent_delivery(l, "m-1");
    test_event t;
    make_event(&t, LEDGER_EVENT_DELIVERY_DELAY, "m-1", "cfo@example.com", "k1", 1000);
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_APPLIED);
    outcome_of(l, id, 0, OUTCOME_DELAYED, "cfo@example.com");
    summary_is(l, id, "delayed 1/2");
    make_event(&t, LEDGER_EVENT_DELIVERY, "m-1", NULL, "k2", 2000);
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_APPLIED);
    summary_is(l, id, "delivered 2/2");
    /* A delay read after the delivery does not undo it. */
    make_event(&t, LEDGER_EVENT_DELIVERY_DELAY, "m-1", "cfo@example.com", "k3", 1500);
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_APPLIED);
    outcome_of(l, id, 0, OUTCOME_DELIVERED, "cfo@example.com");
    /* A complaint after delivery does move it; the summary names it first. */
    make_event(&t, LEDGER_EVENT_COMPLAINT, "m-1", "OPS@example.com", "k4", 3000);
    t.event.detail = "abuse";
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_APPLIED);
    outcome_of(l, id, 1, OUTCOME_COMPLAINED, "ops@example.com");
    summary_is(l, id, "complained 1/2");
    assert_false(ledger_outcome_may_become(OUTCOME_COMPLAINED, OUTCOME_DELIVERED));
    assert_false(ledger_outcome_may_become(OUTCOME_BOUNCED, OUTCOME_DELIVERED));
    assert_true(ledger_outcome_may_become(OUTCOME_DELIVERED, OUTCOME_BOUNCED));
    ledger_close(l);
}

static void test_bounce_keeps_its_detail_and_time(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    int64_t id = sent_delivery(l, "m-1");
    test_event t;
    make_event(&t, LEDGER_EVENT_BOUNCE, "m-1", "cfo@example.com", "k1", 1700000000);
    t.recipients[0].detail = "Permanent/General: smtp; 550 5.1.1 user unknown";
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_APPLIED);
    ledger_recipient *list = NULL;
    size_t count = 0;
    char error[512] = "";
    assert_true(ledger_recipients(l, id, &list, &count, error, sizeof error));
    assert_int_equal(list[0].outcome, OUTCOME_BOUNCED);
    assert_string_equal(list[0].detail, "Permanent/General: smtp; 550 5.1.1 user unknown");
    assert_int_equal(list[0].at, 1700000000);
    assert_null(list[1].detail);
    ledger_recipients_free(list, count);
    summary_is(l, id, "bounced 1/2");
    ledger_close(l);
}

static void test_an_event_applied_twice_changes_nothing(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    int64_t id = sent_delivery(l, "m-1");
    test_event t;
    make_event(&t, LEDGER_EVENT_OPEN, "m-1", "cfo@example.com", "open-1", 1000);
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_APPLIED);
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_DUPLICATE);
    assert_int_equal(fixture_sql_int(f->path, "SELECT opens FROM recipients WHERE address ="
                                              " 'cfo@example.com'"),
                     1);
    make_event(&t, LEDGER_EVENT_OPEN, "m-1", "cfo@example.com", "open-2", 1001);
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_APPLIED);
    assert_int_equal(fixture_sql_int(f->path, "SELECT opens FROM recipients WHERE address ="
                                              " 'cfo@example.com'"),
                     2);
    assert_int_equal(fixture_sql_int(f->path, "SELECT COUNT(*) FROM events"), 2);
    (void)id;
    ledger_close(l);
}

static void test_an_unmatched_event_is_kept_aside_once(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    sent_delivery(l, "m-1");
    test_event t;
    make_event(&t, LEDGER_EVENT_DELIVERY, "m-unknown", NULL, "k1", 1000);
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_KEPT_ASIDE);
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_KEPT_ASIDE);
    assert_int_equal(ledger_kept_aside_count(l), 1);
    assert_int_equal(fixture_sql_int(f->path, "SELECT COUNT(*) FROM kept_aside WHERE reason ="
                                              " 'no delivery has MessageId m-unknown'"),
                     1);
    bool duplicate = true;
    char error[512] = "";
    assert_true(ledger_keep_aside(l, "not json", "not JSON", &duplicate, error, sizeof error));
    assert_false(duplicate);
    assert_true(ledger_keep_aside(l, "not json", "not JSON", &duplicate, error, sizeof error));
    assert_true(duplicate);
    assert_int_equal(ledger_kept_aside_count(l), 2);
    ledger_close(l);
}

/* The listing: every kept-aside message in the order kept, its reason, and
 * its body's first LEDGER_KEPT_ASIDE_BODY_START characters (not bytes). */
static void test_the_kept_aside_are_listed_in_order_with_the_start_of_each_body(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    ledger_kept_aside_entry *list = NULL;
    size_t count = 1;
    char error[512] = "";
    assert_true(ledger_kept_aside_list(l, &list, &count, error, sizeof error));
    assert_int_equal(count, 0);
    ledger_kept_aside_free(list, count);

    strbuf long_body = STRBUF_INIT;
    for (int i = 0; i < LEDGER_KEPT_ASIDE_BODY_START + 10; i++)
        strbuf_puts(&long_body, "\xC3\xA9"); /* é: two bytes, one character */
    bool duplicate = false;
    assert_true(ledger_keep_aside(l, "first", "not JSON", &duplicate, error, sizeof error));
    assert_true(ledger_keep_aside(l, strbuf_cstr(&long_body), "no eventType", &duplicate, error,
                                  sizeof error));
    time_t before = time(NULL);
    assert_true(ledger_kept_aside_list(l, &list, &count, error, sizeof error));
    assert_int_equal(count, 2);
    assert_string_equal(list[0].reason, "not JSON");
    assert_string_equal(list[0].body_start, "first");
    assert_string_equal(list[1].reason, "no eventType");
    assert_true(list[0].id < list[1].id);
    assert_int_equal(strlen(list[1].body_start), 2 * LEDGER_KEPT_ASIDE_BODY_START);
    assert_memory_equal(list[1].body_start, long_body.data, 2 * LEDGER_KEPT_ASIDE_BODY_START);
    assert_true(list[1].kept_at > 0 && list[1].kept_at <= before);
    ledger_kept_aside_free(list, count);
    strbuf_free(&long_body);
    ledger_close(l);
}

static void test_send_event_resolves_an_unknown_delivery(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    int64_t id = fixture_add(l, 0, "cfo", "portfolio", 0);
    char error[512] = "";
    assert_true(ledger_mark_sending(l, id, error, sizeof error));
    /* While it is sending, its event waits in the queue. */
    test_event t;
    make_event(&t, LEDGER_EVENT_SEND, "m-lost", NULL, "send-1", 1000);
    t.event.header_delivery = id;
    t.event.header_report = "cfo/portfolio";
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_LATER);
    assert_true(ledger_mark_unknown(l, id, "timeout", "no answer", 1, error, sizeof error));
    /* A bounce before its Send waits too: only Send and Delivery resolve. */
    test_event bounce;
    make_event(&bounce, LEDGER_EVENT_BOUNCE, "m-lost", "cfo@example.com", "bounce-1", 1100);
    bounce.event.header_delivery = id;
    bounce.event.header_report = "cfo/portfolio";
    /* Another installation's delivery with the same id, another report:
     * not this one (kept aside, the delivery stays unknown). */
    test_event other;
    make_event(&other, LEDGER_EVENT_SEND, "m-elsewhere", NULL, "send-0", 1000);
    other.event.header_delivery = id;
    other.event.header_report = "ceo/portfolio";
    assert_int_equal(apply(l, &other.event, NULL), LEDGER_EVENT_KEPT_ASIDE);
    assert_int_equal(fixture_state(l, id), DELIVERY_UNKNOWN);
    assert_int_equal(apply(l, &bounce.event, NULL), LEDGER_EVENT_LATER);
    int64_t found = 0;
    assert_int_equal(apply(l, &t.event, &found), LEDGER_EVENT_APPLIED);
    assert_int_equal(found, id);
    ledger_delivery d;
    assert_true(ledger_get(l, id, &d, error, sizeof error));
    assert_int_equal(d.state, DELIVERY_SENT);
    assert_string_equal(d.message_id, "m-lost");
    assert_null(d.error_code);
    ledger_delivery_clear(&d);
    summary_is(l, id, "sent 2/2");
    assert_int_equal(apply(l, &bounce.event, NULL), LEDGER_EVENT_APPLIED);
    summary_is(l, id, "bounced 1/2");
    /* A header naming a delivery that is plainly sent under another
     * MessageId is no proof of anything: kept aside. */
    make_event(&t, LEDGER_EVENT_SEND, "m-other", NULL, "send-2", 1000);
    t.event.header_delivery = id;
    t.event.header_report = "cfo/portfolio";
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_KEPT_ASIDE);
    ledger_close(l);
}

/* The v4 schema as released, with one sent delivery. */
static const char v4_file[] =
    "CREATE TABLE batches (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL, note TEXT,"
    " finished_at INTEGER);"
    "CREATE TABLE deliveries (id INTEGER PRIMARY KEY, batch_id INTEGER REFERENCES batches(id),"
    " resend_of INTEGER REFERENCES deliveries(id), persona TEXT NOT NULL, scope TEXT NOT NULL,"
    " subject TEXT, from_address TEXT, to_addresses TEXT, cc_addresses TEXT,"
    " bcc_addresses TEXT, message_sha256 TEXT, archive_path TEXT, state TEXT NOT NULL"
    " CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'unknown', 'not-attempted')),"
    " message_id TEXT, attempts INTEGER NOT NULL DEFAULT 0, error_message TEXT,"
    " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
    " size_bytes INTEGER NOT NULL DEFAULT 0, request_id TEXT, error_code TEXT,"
    " test INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX deliveries_by_state ON deliveries(state);"
    "CREATE INDEX deliveries_by_created ON deliveries(created_at, id);"
    "CREATE INDEX deliveries_by_batch ON deliveries(batch_id);"
    "INSERT INTO batches VALUES (1, 1700000000, NULL, 1700000100);"
    "INSERT INTO deliveries (id, batch_id, persona, scope, subject, to_addresses, state,"
    " message_id, attempts, created_at, updated_at, size_bytes) VALUES"
    " (1, 1, 'cfo', 'portfolio', 'Q3 cash', 'cfo@example.com, ceo@example.com', 'sent', 'm-1',"
    "  1, 1700000000, 1700000050, 900);"
    "PRAGMA user_version = 4;";

static void test_a_v4_file_migrates_and_takes_events(void **state)
{
    ledger_fixture *f = *state;
    char dir[160];
    snprintf(dir, sizeof dir, "%s/state", f->dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    fixture_sql(f->path, v4_file);
    ledger *l = fixture_open(f->path, NULL);
    assert_int_equal(fixture_sql_int(f->path, "PRAGMA user_version"), 7); /* v5, v6 (host), v7 (counts) */
    summary_is(l, 1, ""); /* sent before v5: no rows until an event names them */
    test_event t;
    make_event(&t, LEDGER_EVENT_DELIVERY, "m-1", "ceo@example.com", "k1", 1700000200);
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_APPLIED);
    summary_is(l, 1, "delivered 1/1");
    ledger_recipient *list = NULL;
    size_t count = 0;
    char error[512] = "";
    assert_true(ledger_recipients(l, 1, &list, &count, error, sizeof error));
    assert_int_equal(count, 1);
    assert_string_equal(list[0].kind, "event");
    ledger_recipients_free(list, count);
    ledger_close(l);
}

/* Only a permanent bounce or a complaint flags an address, the latest
 * one across deliveries, matched case-blind, in the list's order. */
static void test_an_address_that_bounced_permanently_or_complained_is_flagged(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    int64_t first = sent_delivery(l, "m-1"), second = sent_delivery(l, "m-2");
    test_event t;
    make_event(&t, LEDGER_EVENT_BOUNCE, "m-1", "ops@example.com", "k1", 1000);
    t.event.detail = "Transient/MailboxFull: smtp; 452 4.2.2 mailbox full";
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_APPLIED);
    ledger_address_flag *flags = NULL;
    size_t count = 9;
    char error[512] = "";
    const char *list = "Ana CFO <CFO@example.com>, ops@example.com, nobody@example.com";
    assert_true(ledger_address_flags(l, list, &flags, &count, error, sizeof error));
    assert_int_equal(count, 0); /* a transient bounce says nothing of the next message */
    assert_null(flags);
    make_event(&t, LEDGER_EVENT_BOUNCE, "m-1", "cfo@example.com", "k2", 2000);
    t.event.detail = "Permanent/General: smtp; 550 5.1.1 user unknown";
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_APPLIED);
    make_event(&t, LEDGER_EVENT_COMPLAINT, "m-2", "ops@example.com", "k3", 3000);
    t.event.detail = "abuse";
    assert_int_equal(apply(l, &t.event, NULL), LEDGER_EVENT_APPLIED);
    assert_true(ledger_address_flags(l, list, &flags, &count, error, sizeof error));
    assert_int_equal(count, 2);
    assert_string_equal(flags[0].address, "CFO@example.com"); /* as the list spells it */
    assert_int_equal(flags[0].outcome, OUTCOME_BOUNCED);
    assert_int_equal(flags[0].delivery_id, first);
    assert_int_equal(flags[0].at, 2000);
    assert_string_equal(flags[0].detail, "Permanent/General: smtp; 550 5.1.1 user unknown");
    assert_string_equal(flags[1].address, "ops@example.com");
    assert_int_equal(flags[1].outcome, OUTCOME_COMPLAINED);
    assert_int_equal(flags[1].delivery_id, second);
    assert_string_equal(flags[1].detail, "abuse");
    free(flags);
    ledger_close(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sent_makes_one_row_per_recipient, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_outcomes_only_move_forward, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_bounce_keeps_its_detail_and_time, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_an_event_applied_twice_changes_nothing,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_an_unmatched_event_is_kept_aside_once, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_the_kept_aside_are_listed_in_order_with_the_start_of_each_body, fixture_setup,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(test_send_event_resolves_an_unknown_delivery,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_a_v4_file_migrates_and_takes_events, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_an_address_that_bounced_permanently_or_complained_is_flagged, fixture_setup,
            fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
