/* Crash recovery: a process that dies after committing `sending` leaves the
 * row `sending`; the next open turns it into `unknown` and counts it, but
 * never while another process holds the batch lock (its row is live). A row
 * left `pending` never left: it becomes `failed`, resendable. */
#include "ledger_fixture.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

typedef enum { CRASH_EXIT, CRASH_KILL } crash_kind;
typedef enum { CRASH_WHILE_PENDING, CRASH_WHILE_SENDING } crash_stage;

/* In a child: lock, add one delivery, commit `sending` (or not yet), then
 * die without closing anything, as a crash or power cut would. */
static void crash_at(const char *path, crash_kind kind, crash_stage stage)
{
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        char error[512];
        ledger *l = ledger_open(path, NULL, error, sizeof error);
        if (!l || !ledger_lock_batch(l, error, sizeof error))
            _exit(2);
        int64_t batch = ledger_begin_batch(l, NULL, error, sizeof error);
        ledger_delivery d = {.batch_id = batch, .persona = "cfo", .scope = "portfolio"};
        if (!ledger_add_delivery(l, &d, error, sizeof error) ||
            (stage == CRASH_WHILE_SENDING && !ledger_mark_sending(l, d.id, error, sizeof error)))
            _exit(3);
        if (kind == CRASH_KILL)
            raise(SIGKILL);
        _exit(9);
    }
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    if (kind == CRASH_KILL) {
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), SIGKILL);
    } else {
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 9);
    }
}

static int64_t only_delivery_in(ledger *l, delivery_state state)
{
    ledger_filter filter = {.has_state = true, .state = state};
    ledger_delivery *list = NULL;
    size_t count = 0;
    char error[512];
    assert_true(ledger_list(l, &filter, &list, &count, error, sizeof error));
    assert_int_equal(count, 1);
    int64_t id = list[0].id;
    ledger_deliveries_free(list, count);
    return id;
}

static void assert_recovers_after(ledger_fixture *f, crash_kind kind)
{
    ledger *l = fixture_open(f->path, NULL);
    char error[512];
    int64_t sent = fixture_add(l, 0, "ceo", "portfolio", 0);
    assert_true(ledger_mark_sending(l, sent, error, sizeof error));
    assert_true(ledger_mark_sent(l, sent, "m-1", "r-1", 1, error, sizeof error));
    int64_t pending = fixture_add(l, 0, "coo", "portfolio", 0);
    ledger_close(l);

    crash_at(f->path, kind, CRASH_WHILE_SENDING);

    int recovered = -1;
    l = fixture_open(f->path, &recovered);
    assert_int_equal(recovered, 1);
    int64_t interrupted = only_delivery_in(l, DELIVERY_UNKNOWN);
    ledger_delivery d;
    assert_true(ledger_get(l, interrupted, &d, error, sizeof error));
    assert_string_equal(d.persona, "cfo");
    assert_string_equal(d.error_code, "interrupted");
    assert_non_null(strstr(d.error_message, "may or may not"));
    assert_int_equal(d.attempts, 1);
    ledger_delivery_clear(&d);
    assert_int_equal(fixture_state(l, sent), DELIVERY_SENT);
    assert_int_equal(fixture_state(l, pending), DELIVERY_FAILED); /* never reached `sending` */
    ledger_close(l);

    /* Reported once: the next open has nothing left to recover. */
    l = fixture_open(f->path, &recovered);
    assert_int_equal(recovered, 0);
    ledger_close(l);
}

static void test_ledger_exit_while_sending_becomes_unknown(void **state)
{
    assert_recovers_after(*state, CRASH_EXIT);
}

static void test_ledger_kill_while_sending_becomes_unknown(void **state)
{
    assert_recovers_after(*state, CRASH_KILL);
}

static void test_ledger_crash_before_sending_leaves_a_failed_resendable_row(void **state)
{
    ledger_fixture *f = *state;
    crash_at(f->path, CRASH_KILL, CRASH_WHILE_PENDING);

    int recovered = -1;
    ledger *l = fixture_open(f->path, &recovered);
    assert_int_equal(recovered, 0); /* nothing SES may have: nothing to check */
    int64_t id = only_delivery_in(l, DELIVERY_FAILED);
    ledger_delivery d;
    char error[512];
    assert_true(ledger_get(l, id, &d, error, sizeof error));
    assert_string_equal(d.error_code, "interrupted");
    assert_string_equal(d.error_message, "not sent, the process stopped");
    assert_int_equal(d.attempts, 0);
    ledger_delivery_clear(&d);
    /* Resendable: a resend of it is a new delivery that can be sent. */
    int64_t again = fixture_add(l, 0, "cfo", "portfolio", id);
    assert_true(ledger_mark_sending(l, again, error, sizeof error));
    assert_true(ledger_mark_sent(l, again, "m-2", "r-2", 1, error, sizeof error));
    ledger_close(l);
}

/* A child holds the batch lock with a row in flight until told to stop. */
static void test_ledger_live_batch_is_not_recovered(void **state)
{
    ledger_fixture *f = *state;
    int ready[2], stop[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(stop), 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        /* Only the parent's ends stay open elsewhere: if the parent dies
         * (a failed assertion), read() sees EOF and the child exits. */
        close(ready[0]), close(stop[1]);
        char error[512], byte = 0;
        ledger *l = ledger_open(f->path, NULL, error, sizeof error);
        if (!l || !ledger_lock_batch(l, error, sizeof error))
            _exit(2);
        ledger_delivery d = {.persona = "cfo", .scope = "portfolio"};
        if (!ledger_add_delivery(l, &d, error, sizeof error) ||
            !ledger_mark_sending(l, d.id, error, sizeof error))
            _exit(3);
        if (write(ready[1], "r", 1) != 1 || read(stop[0], &byte, 1) != 1)
            _exit(4);
        ledger_close(l);
        _exit(0);
    }
    close(ready[1]), close(stop[0]);
    char byte = 0;
    assert_int_equal(read(ready[0], &byte, 1), 1);

    int recovered = -1;
    ledger *l = fixture_open(f->path, &recovered);
    assert_int_equal(recovered, 0);
    int64_t in_flight = only_delivery_in(l, DELIVERY_SENDING);
    ledger_close(l);

    assert_int_equal(write(stop[1], "s", 1), 1);
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    close(ready[0]), close(stop[1]);

    /* The holder left without finishing the row: now it is a crash. */
    l = fixture_open(f->path, &recovered);
    assert_int_equal(recovered, 1);
    assert_int_equal(fixture_state(l, in_flight), DELIVERY_UNKNOWN);
    ledger_close(l);
}

/* The same within one process: a handle holding the lock blocks recovery
 * by a second handle on the same file. */
static void test_ledger_lock_holder_in_this_process_blocks_recovery(void **state)
{
    ledger_fixture *f = *state;
    char error[512];
    ledger *holder = fixture_open(f->path, NULL);
    assert_true(ledger_lock_batch(holder, error, sizeof error));
    int64_t id = fixture_add(holder, 0, "cfo", "portfolio", 0);
    assert_true(ledger_mark_sending(holder, id, error, sizeof error));

    int recovered = -1;
    ledger *other = fixture_open(f->path, &recovered);
    assert_int_equal(recovered, 0);
    assert_int_equal(fixture_state(other, id), DELIVERY_SENDING);
    ledger_close(other);

    assert_true(ledger_mark_sent(holder, id, "m", "r", 1, error, sizeof error));
    ledger_close(holder);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ledger_exit_while_sending_becomes_unknown, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_kill_while_sending_becomes_unknown, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_crash_before_sending_leaves_a_failed_resendable_row,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_live_batch_is_not_recovered, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_lock_holder_in_this_process_blocks_recovery,
                                        fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
