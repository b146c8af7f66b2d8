/* The background worker: a job runs on its own thread, wakes the loop
 * through the pipe when done, and its results are read only after
 * worker_collect; one job at a time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <string.h>
#include <stdatomic.h>
#include <unistd.h>

#include "ui/worker.h"

typedef struct {
    atomic_bool release;   /* the job waits for this, so "still running" is certain */
    int result;
} job;

static void run_job(void *argument)
{
    job *j = argument;
    while (!atomic_load(&j->release))
        usleep(1000);
    j->result = 42;
}

static void test_worker_wakes_the_pipe_and_is_collected_once(void **state)
{
    int pipe_fds[2];
    assert_int_equal(pipe(pipe_fds), 0);
    ui_worker w = {0};
    job j = {.result = 0};
    char error[128];
    assert_true(worker_start(&w, run_job, &j, pipe_fds[1], error, sizeof error));
    assert_false(worker_collect(&w)); /* still waiting for release */
    atomic_store(&j.release, true);
    struct pollfd fd = {pipe_fds[0], POLLIN, 0};
    assert_int_equal(poll(&fd, 1, 5000), 1);
    assert_true(worker_collect(&w));
    assert_int_equal(j.result, 42);
    assert_false(worker_collect(&w)); /* once */
    close(pipe_fds[0]);
    close(pipe_fds[1]);
}

static void test_worker_refuses_a_second_job_while_one_runs(void **state)
{
    int pipe_fds[2];
    assert_int_equal(pipe(pipe_fds), 0);
    ui_worker w = {0};
    job first = {.result = 0}, second = {.result = 0};
    char error[128];
    assert_true(worker_start(&w, run_job, &first, pipe_fds[1], error, sizeof error));
    assert_false(worker_start(&w, run_job, &second, pipe_fds[1], error, sizeof error));
    assert_non_null(strstr(error, "busy"));
    atomic_store(&first.release, true);
    worker_wait(&w);
    assert_int_equal(first.result, 42);
    assert_int_equal(second.result, 0);
    atomic_store(&second.release, true);
    assert_true(worker_start(&w, run_job, &second, pipe_fds[1], error, sizeof error));
    worker_wait(&w);
    assert_int_equal(second.result, 42);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_worker_wakes_the_pipe_and_is_collected_once),
        cmocka_unit_test(test_worker_refuses_a_second_job_while_one_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
