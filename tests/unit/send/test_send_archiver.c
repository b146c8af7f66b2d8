/* The archiver's thread (batch_archiver.c): messages handed over are
 * written to the archive and taken back in the order they were handed
 * over, each with the path and SHA-256 of bytes really on disk; it calls
 * its wake function once per message; it refuses more than its depth; a
 * failed write comes back with its reason; stopping it with messages still
 * queued writes no more of them. Real files in a temporary folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing/digest.h"
#include "send/send_internal.h"

enum { ITEMS = BATCH_ARCHIVER_DEPTH };

typedef struct {
    char root[64];
    batch_item items[ITEMS];
    atomic_int woken;
} archiver_fixture;

static void count_wake(void *user)
{
    atomic_fetch_add(&((archiver_fixture *)user)->woken, 1);
}

/* Holds the worker 200 ms after its first message: the test stops it
 * meanwhile, the rest still queued. */
static void slow_wake(void *user)
{
    if (atomic_fetch_add(&((archiver_fixture *)user)->woken, 1) == 0)
        usleep(200 * 1000);
}

static int fixture_setup(void **state)
{
    archiver_fixture *f = calloc(1, sizeof *f);
    snprintf(f->root, sizeof f->root, "/tmp/briefing-archiver-XXXXXX");
    assert_non_null(mkdtemp(f->root));
    atomic_init(&f->woken, 0);
    for (size_t i = 0; i < ITEMS; i++) {
        batch_item *item = &f->items[i];
        item->target.persona = PERSONA_CEO;
        snprintf(item->scope, sizeof item->scope, "entity-%02zu", i);
        item->eml = (strbuf)STRBUF_INIT;
        item->text = (strbuf)STRBUF_INIT;
        item->html = (strbuf)STRBUF_INIT;
        strbuf_printf(&item->eml, "Subject: report %zu\r\n\r\nbody %zu\r\n", i, i);
        strbuf_printf(&item->text, "body %zu\n", i);
        strbuf_printf(&item->html, "<p>body %zu</p>\n", i);
    }
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    archiver_fixture *f = *state;
    for (size_t i = 0; i < ITEMS; i++) {
        strbuf_free(&f->items[i].eml);
        strbuf_free(&f->items[i].text);
        strbuf_free(&f->items[i].html);
    }
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", f->root);
    assert_int_equal(system(command), 0);
    free(f);
    return 0;
}

/* Takes back the oldest job, waiting for the worker (a test may wait). */
static void take_waiting(batch_archiver *a, batch_archived *out)
{
    for (int tries = 0; tries < 3000; tries++) {
        if (batch_archiver_take(a, out))
            return;
        usleep(10 * 1000);
    }
    fail_msg("the archiver never finished a job");
}

static void test_messages_come_back_in_order_with_their_bytes_on_disk(void **state)
{
    archiver_fixture *f = *state;
    char error[256];
    batch_archiver *a = batch_archiver_start(f->root, count_wake, f, error, sizeof error);
    assert_non_null(a);
    for (size_t i = 0; i < ITEMS; i++)
        assert_true(batch_archiver_submit(a, &f->items[i], 100 + i));
    assert_false(batch_archiver_submit(a, &f->items[0], 999)); /* deeper than its depth */
    for (size_t i = 0; i < ITEMS; i++) {
        batch_archived done;
        take_waiting(a, &done);
        assert_true(done.ok);
        assert_int_equal(done.index, 100 + i);
        assert_non_null(strstr(done.eml_path, f->items[i].scope));
        strbuf written = STRBUF_INIT;
        assert_int_equal(strbuf_read_file(&written, done.eml_path, 1 << 20), 0);
        assert_int_equal(written.len, f->items[i].eml.len);
        assert_memory_equal(written.data, f->items[i].eml.data, written.len);
        char sha256[65];
        digest_sha256_hex(written.data, written.len, sha256);
        assert_string_equal(done.sha256, sha256);
        strbuf_free(&written);
        free(done.eml_path);
    }
    batch_archived none;
    assert_false(batch_archiver_take(a, &none));
    assert_int_equal(batch_archiver_pending(a), 0);
    batch_archiver_stop(a);
    assert_int_equal(atomic_load(&f->woken), ITEMS);
}

static void test_a_write_that_fails_comes_back_with_why(void **state)
{
    archiver_fixture *f = *state;
    char root[96], error[256];
    snprintf(root, sizeof root, "%s/a-file", f->root);
    FILE *blocker = fopen(root, "w"); /* the archive root is a file: nothing fits under it */
    assert_non_null(blocker);
    fclose(blocker);
    batch_archiver *a = batch_archiver_start(root, count_wake, f, error, sizeof error);
    assert_non_null(a);
    assert_true(batch_archiver_submit(a, &f->items[0], 7));
    batch_archived done;
    take_waiting(a, &done);
    assert_false(done.ok);
    assert_null(done.eml_path);
    assert_int_equal(done.index, 7);
    assert_non_null(strstr(done.error, root));
    batch_archiver_stop(a);
}

static void test_stopping_writes_none_of_what_is_still_queued(void **state)
{
    archiver_fixture *f = *state;
    char error[256];
    batch_archiver *a = batch_archiver_start(f->root, slow_wake, f, error, sizeof error);
    assert_non_null(a);
    for (size_t i = 0; i < ITEMS; i++)
        assert_true(batch_archiver_submit(a, &f->items[i], i));
    batch_archiver_stop(a); /* the one being written when it stopped, at most */
    int written = atomic_load(&f->woken);
    assert_true(written <= 1);
    char command[160];
    snprintf(command, sizeof command, "test $(find '%s' -name '*.eml' | wc -l) -eq %d",
             f->root, written);
    assert_int_equal(system(command), 0);
}

int main(void)
{
#define TEST(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)
    const struct CMUnitTest tests[] = {
        TEST(test_messages_come_back_in_order_with_their_bytes_on_disk),
        TEST(test_a_write_that_fails_comes_back_with_why),
        TEST(test_stopping_writes_none_of_what_is_still_queued),
    };
#undef TEST
    return cmocka_run_group_tests(tests, NULL, NULL);
}
