/* The S3 client against a real S3: fauxqs's (npm, pinned) behind
 * tests/peers/s3_peer.py, which checks each request's SigV4 with botocore's
 * S3SigV4Auth, its x-amz-content-sha256 and x-amz-checksum-sha256 against
 * the body, and keeps the checksum and tags fauxqs does not. Each test puts
 * and reads back through the client, and checks what the peer holds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curl/curl.h>

#include "briefing/digest.h"
#include "briefing/s3.h"

#define ACCESS_KEY_ID "AKIDEXAMPLE"
#define SECRET_ACCESS_KEY "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define BUCKET "acme-briefings"

typedef struct {
    pid_t pid;
    char url[64];
} s3_peer;

/* s3_peer.py (and fauxqs under it) in their own process group. */
static bool s3_peer_start(s3_peer *peer)
{
    const char *dir = getenv("BRIEFING_SOURCE_DIR");
    char script[1024];
    snprintf(script, sizeof script, "%s/tests/peers/s3_peer.py", dir ? dir : ".");
    int fds[2];
    if (pipe(fds) != 0)
        return false;
    peer->pid = fork();
    if (peer->pid == 0) {
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGTERM); /* a crashed test leaves no peer running */
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        execl("/usr/bin/python3", "python3", "-B", script, "--port", "0", "--access-key",
              ACCESS_KEY_ID, "--secret", SECRET_ACCESS_KEY, "--region", "us-east-1",
              (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    FILE *lines = fdopen(fds[0], "r");
    char line[128] = "";
    int port = 0;
    bool ok = lines && fgets(line, sizeof line, lines) && sscanf(line, "LISTENING %d", &port) == 1;
    if (lines)
        fclose(lines);
    snprintf(peer->url, sizeof peer->url, "http://127.0.0.1:%d", port);
    return ok;
}

static void s3_peer_stop(s3_peer *peer)
{
    if (peer->pid > 0) {
        kill(-peer->pid, SIGTERM);
        waitpid(peer->pid, NULL, 0);
    }
}

static size_t collect(char *data, size_t size, size_t count, void *userdata)
{
    strbuf_append(userdata, data, size * count);
    return size * count;
}

/* The peer's control API, unsigned: the HTTP status, the answer in `body`. */
static long control(const s3_peer *peer, const char *method, const char *path, strbuf *body)
{
    char url[1200];
    snprintf(url, sizeof url, "%s%s", peer->url, path);
    CURL *curl = curl_easy_init();
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    if (strcmp(method, "GET") != 0)
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
    long status = 0;
    if (curl_easy_perform(curl) == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);
    return status;
}

/* The peer, started once for the file (python, botocore and fauxqs take
 * seconds to start); each test gets a fresh client and a peer that has
 * forgotten earlier requests and failures. Tests use keys of their own. */
typedef struct {
    s3_peer peer;
    s3_client *client;
} fixture;

static s3_client *client_for(const s3_peer *peer, const char *secret)
{
    s3_config config = {.endpoint = peer->url, .region = "us-east-1", .bucket = BUCKET,
                        .addressing = S3_ADDRESSING_AUTO, .request_timeout_ms = 10000,
                        .backoff_base_seconds = 0.01, .backoff_cap_seconds = 0.05};
    snprintf(config.credentials.access_key_id, sizeof config.credentials.access_key_id, "%s",
             ACCESS_KEY_ID);
    snprintf(config.credentials.secret_access_key, sizeof config.credentials.secret_access_key,
             "%s", secret);
    char error[256] = "";
    s3_client *client = s3_client_new(&config, error, sizeof error);
    if (!client)
        fail_msg("%s", error);
    return client;
}

static int group_setup(void **state)
{
    static fixture shared;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (!s3_peer_start(&shared.peer)) {
        fprintf(stderr, "s3_peer.py did not start (fauxqs in tests/peers/node_modules?)\n");
        s3_peer_stop(&shared.peer);
        return -1;
    }
    strbuf answer = STRBUF_INIT;
    long status = control(&shared.peer, "PUT", "/_control/buckets/" BUCKET, &answer);
    strbuf_free(&answer);
    if (status != 200) {
        fprintf(stderr, "s3_peer.py: creating bucket " BUCKET " answered HTTP %ld\n", status);
        s3_peer_stop(&shared.peer);
        return -1;
    }
    *state = &shared;
    return 0;
}

static int group_teardown(void **state)
{
    fixture *f = *state; /* NULL when group_setup failed (it cleaned up) */
    if (f)
        s3_peer_stop(&f->peer);
    curl_global_cleanup();
    return 0;
}

static int setup(void **state)
{
    fixture *f = *state;
    strbuf answer = STRBUF_INIT;
    assert_int_equal(control(&f->peer, "POST", "/_control/reset", &answer), 200);
    strbuf_free(&answer);
    f->client = client_for(&f->peer, SECRET_ACCESS_KEY);
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    s3_client_free(f->client);
    f->client = NULL;
    return 0;
}

static void assert_ok(bool ok, const ses_status *status)
{
    if (!ok)
        fail_msg("%s (%s, HTTP %d)", status->error_message, status->error_code,
                 status->http_status);
}

static const char message[] = "From: Briefing <briefing@example.com>\r\n"
                              "To: CFO <cfo@example.com>\r\n"
                              "Subject: Weekly briefing\r\n\r\n"
                              "Runway: 14 months.\r\n";

/* A key with a space and a '+': encoded once on the wire, signed as such. */
#define KEY "exec/2026-12-07/cfo weekly+1.eml"

static void test_put_then_get_returns_the_bytes_and_their_checksum(void **state)
{
    fixture *f = *state;
    ses_status status;
    s3_object_info info;
    strbuf tagging = STRBUF_INIT;
    s3_archive_tagging("weekly briefing", "Acme & Co", "2026-12-07", &tagging);
    assert_ok(s3_put_object(f->client, KEY, message, sizeof message - 1, "message/rfc822",
                            strbuf_cstr(&tagging), &info, &status),
              &status);
    assert_int_equal(status.attempts, 1);
    char checksum[45];
    s3_checksum_sha256(message, sizeof message - 1, checksum);

    strbuf body = STRBUF_INIT;
    assert_ok(s3_get_object(f->client, KEY, &body, &info, &status), &status);
    assert_int_equal(body.len, sizeof message - 1);
    char sent_hash[65], read_hash[65];
    digest_sha256_hex(message, sizeof message - 1, sent_hash);
    digest_sha256_hex(body.data, body.len, read_hash);
    assert_string_equal(read_hash, sent_hash);
    assert_string_equal(info.checksum_sha256, checksum);

    /* what fauxqs itself holds, read around the client */
    strbuf stored = STRBUF_INIT;
    assert_int_equal(control(&f->peer, "GET", "/_control/objects/" BUCKET
                             "/exec/2026-12-07/cfo%20weekly%2B1.eml", &stored), 200);
    assert_int_equal(stored.len, sizeof message - 1);
    assert_memory_equal(stored.data, message, stored.len);

    strbuf tags = STRBUF_INIT;
    assert_ok(s3_get_object_tagging(f->client, KEY, &tags, &status), &status);
    assert_string_equal(strbuf_cstr(&tags),
                        "report-type=weekly briefing\nentity=Acme & Co\ngenerated-date=2026-12-07\n");

    /* every request passed the signature, payload and checksum checks */
    strbuf requests = STRBUF_INIT;
    assert_int_equal(control(&f->peer, "GET", "/_control/requests", &requests), 200);
    assert_null(strstr(strbuf_cstr(&requests), "\"checked\": false"));
    assert_non_null(strstr(strbuf_cstr(&requests), "\"method\": \"PUT\""));
    strbuf_free(&requests);
    strbuf_free(&tags);
    strbuf_free(&stored);
    strbuf_free(&body);
    strbuf_free(&tagging);
}

static void test_head_says_whether_an_object_exists(void **state)
{
    fixture *f = *state;
    ses_status status;
    s3_object_info info;
    bool exists = true;
    assert_ok(s3_head_object(f->client, "exec/2026-12-07/none.eml", &exists, &info, &status),
              &status);
    assert_false(exists);
    assert_ok(s3_put_object(f->client, "exec/2026-12-07/cfo.txt", "Runway", 6, "text/plain", NULL,
                            &info, &status),
              &status);
    assert_ok(s3_head_object(f->client, "exec/2026-12-07/cfo.txt", &exists, &info, &status),
              &status);
    assert_true(exists);
    assert_int_equal(info.content_length, 6);
    char checksum[45];
    s3_checksum_sha256("Runway", 6, checksum);
    assert_string_equal(info.checksum_sha256, checksum);
}

static void test_binary_body_larger_than_an_ses_answer_round_trips(void **state)
{
    fixture *f = *state;
    size_t length = 3u << 20; /* 3 MiB with every byte value, NULs included */
    unsigned char *bytes = malloc(length);
    for (size_t i = 0; i < length; i++)
        bytes[i] = (unsigned char)(i * 7 + i / 251);
    ses_status status;
    s3_object_info info;
    assert_ok(s3_put_object(f->client, "exec/2026-12-07/deck.eml", bytes, length,
                            "message/rfc822", NULL, &info, &status),
              &status);
    strbuf body = STRBUF_INIT;
    assert_ok(s3_get_object(f->client, "exec/2026-12-07/deck.eml", &body, &info, &status),
              &status);
    assert_int_equal(body.len, length);
    assert_memory_equal(body.data, bytes, length);
    strbuf_free(&body);
    free(bytes);
}

static void test_wrong_secret_is_refused_and_not_retried(void **state)
{
    fixture *f = *state;
    s3_client *wrong = client_for(&f->peer, "wrongSECRETwrongSECRETwrongSECRET00000000");
    ses_status status;
    s3_object_info info;
    assert_false(s3_put_object(wrong, "exec/2026-12-07/x.eml", "x", 1, NULL, NULL, &info,
                               &status));
    assert_string_equal(status.error_code, "SignatureDoesNotMatch");
    assert_int_equal(status.http_status, 403);
    assert_int_equal(status.attempts, 1);
    assert_true(status.auth_failure);
    assert_non_null(strstr(status.error_message, "PutObject s3://" BUCKET "/exec/2026-12-07/x.eml: HTTP 403"));
    s3_client_free(wrong);
    bool exists = true;
    assert_ok(s3_head_object(f->client, "exec/2026-12-07/x.eml", &exists, &info, &status),
              &status);
    assert_false(exists);
}

static void test_slow_down_is_retried(void **state)
{
    fixture *f = *state;
    strbuf answer = STRBUF_INIT;
    assert_int_equal(control(&f->peer, "POST", "/_control/fail?count=2&status=503&code=SlowDown",
                             &answer),
                     200);
    ses_status status;
    s3_object_info info;
    assert_ok(s3_put_object(f->client, "exec/2026-12-07/retried.eml", message, sizeof message - 1,
                            "message/rfc822", NULL, &info, &status),
              &status);
    assert_int_equal(status.attempts, 3);
    strbuf_truncate(&answer, 0);
    assert_int_equal(control(&f->peer, "POST", "/_control/fail?count=3&status=503&code=SlowDown",
                             &answer),
                     200);
    assert_false(s3_put_object(f->client, "exec/2026-12-07/given-up.eml", "x", 1, NULL, NULL,
                               &info, &status));
    assert_string_equal(status.error_code, "SlowDown");
    assert_non_null(strstr(status.error_message, "gave up after 3 attempts"));
    strbuf_free(&answer);
}

static void test_s3_own_codes_follow_its_table(void **state)
{
    fixture *f = *state;
    strbuf answer = STRBUF_INIT;
    assert_int_equal(control(&f->peer, "POST",
                             "/_control/fail?count=1&status=403&code=InvalidAccessKeyId", &answer),
                     200);
    ses_status status;
    s3_object_info info;
    assert_false(s3_put_object(f->client, "exec/2026-12-07/a.eml", "x", 1, NULL, NULL, &info,
                               &status));
    assert_true(status.auth_failure);
    assert_int_equal(status.attempts, 1);
    assert_int_equal(control(&f->peer, "POST",
                             "/_control/fail?count=1&status=400&code=RequestTimeout", &answer),
                     200);
    assert_ok(s3_put_object(f->client, "exec/2026-12-07/a.eml", "x", 1, NULL, NULL, &info,
                            &status),
              &status);
    assert_int_equal(status.attempts, 2);
    strbuf_free(&answer);
}

static void test_get_of_a_missing_key_says_no_such_key(void **state)
{
    fixture *f = *state;
    ses_status status;
    s3_object_info info;
    strbuf body = STRBUF_INIT;
    assert_false(s3_get_object(f->client, "exec/2026-12-07/missing.eml", &body, &info, &status));
    assert_int_equal(status.http_status, 404);
    assert_int_equal(status.attempts, 1);
    assert_int_equal(body.len, 0);
    assert_non_null(strstr(status.error_message, "GetObject s3://" BUCKET "/exec/2026-12-07/missing.eml: HTTP 404"));
    strbuf_free(&body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_put_then_get_returns_the_bytes_and_their_checksum,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_head_says_whether_an_object_exists, setup, teardown),
        cmocka_unit_test_setup_teardown(test_binary_body_larger_than_an_ses_answer_round_trips,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_wrong_secret_is_refused_and_not_retried, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_slow_down_is_retried, setup, teardown),
        cmocka_unit_test_setup_teardown(test_s3_own_codes_follow_its_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_get_of_a_missing_key_says_no_such_key, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
