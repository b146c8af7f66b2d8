/* The batch lock: one batch at a time per ledger file, a clear refusal
 * naming the file and the holder's pid, and release on unlock, close or
 * the holder's exit. */
#include "ledger_fixture.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static void test_ledger_second_lock_is_refused_with_path_and_pid(void **state)
{
    ledger_fixture *f = *state;
    char error[512] = "";
    ledger *first = fixture_open(f->path, NULL);
    ledger *second = fixture_open(f->path, NULL);
    assert_true(ledger_lock_batch(first, error, sizeof error));
    assert_false(ledger_lock_batch(second, error, sizeof error));
    char expected[256];
    snprintf(expected, sizeof expected, "another briefing batch is running on %s (pid %ld)",
             f->path, (long)getpid());
    assert_string_equal(error, expected);

    ledger_unlock_batch(first);
    assert_true(ledger_lock_batch(second, error, sizeof error));
    assert_false(ledger_lock_batch(first, error, sizeof error));
    ledger_close(second); /* closing releases the lock too */
    assert_true(ledger_lock_batch(first, error, sizeof error));
    ledger_close(first);
}

static void test_ledger_lock_is_released_when_the_holder_exits(void **state)
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
        if (write(ready[1], "r", 1) != 1 || read(stop[0], &byte, 1) != 1)
            _exit(3);
        raise(SIGKILL); /* a crash: no unlock, no close; the kernel must release it */
        _exit(4);
    }
    close(ready[1]), close(stop[0]);
    char byte = 0, error[512] = "";
    assert_int_equal(read(ready[0], &byte, 1), 1);
    ledger *l = fixture_open(f->path, NULL);
    assert_false(ledger_lock_batch(l, error, sizeof error));
    char pid_text[32];
    snprintf(pid_text, sizeof pid_text, "(pid %ld)", (long)child);
    assert_non_null(strstr(error, pid_text));

    assert_int_equal(write(stop[1], "s", 1), 1);
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);
    assert_true(ledger_lock_batch(l, error, sizeof error));
    ledger_close(l);
    close(ready[0]), close(stop[1]);
}

static void test_ledger_unlock_marks_the_batch_finished(void **state)
{
    ledger_fixture *f = *state;
    char error[512] = "";
    ledger *l = fixture_open(f->path, NULL);
    assert_true(ledger_lock_batch(l, error, sizeof error));
    int64_t batch = ledger_begin_batch(l, "weekly", error, sizeof error);
    assert_true(batch > 0);
    assert_int_equal(fixture_sql_int(f->path, "SELECT finished_at IS NULL FROM batches"), 1);
    ledger_unlock_batch(l);
    assert_int_equal(fixture_sql_int(f->path, "SELECT finished_at IS NOT NULL FROM batches"), 1);
    ledger_unlock_batch(l); /* a second unlock is harmless */
    ledger_close(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ledger_second_lock_is_refused_with_path_and_pid,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_lock_is_released_when_the_holder_exits, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_unlock_marks_the_batch_finished, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
