/* The pure half of the S3 client (briefing/s3.h): the s3://BUCKET/PREFIX
 * parser and its refusals, the archive's key layout, the object URL in
 * both addressing styles, the checksum and tagging headers, the S3
 * endpoint chain, and S3's way of signing checked against botocore's
 * S3SigV4Auth (run by Debian's python3 at a fixed date). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "briefing/s3.h"

#define ACCESS_KEY_ID "AKIDEXAMPLE"
#define SECRET_ACCESS_KEY "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define SESSION_TOKEN "IQoJb3JpZ2luX2VjEXAMPLEtoken"

static const char *source_dir(void)
{
    const char *dir = getenv("BRIEFING_SOURCE_DIR");
    return dir ? dir : ".";
}

/* ---- s3://BUCKET/PREFIX ---- */

static void test_location_parses_bucket_and_prefix(void **state)
{
    (void)state;
    s3_location where;
    char error[256] = "";
    assert_true(s3_location_parse("s3://acme-briefings/exec/reports/", &where, error, sizeof error));
    assert_string_equal(where.bucket, "acme-briefings");
    assert_string_equal(where.prefix, "exec/reports");
    assert_true(s3_location_parse("s3://acme.archive", &where, error, sizeof error));
    assert_string_equal(where.bucket, "acme.archive");
    assert_string_equal(where.prefix, "");
    assert_true(s3_location_parse("s3://abc/", &where, error, sizeof error));
    assert_string_equal(where.prefix, "");
}

static void assert_refused(const char *uri, const char *why)
{
    s3_location where;
    char error[512] = "";
    assert_false(s3_location_parse(uri, &where, error, sizeof error));
    if (!strstr(error, why) || !strstr(error, "s3 archive \""))
        fail_msg("%s: \"%s\" does not say \"%s\"", uri, error, why);
}

static void test_location_refuses_what_s3_would(void **state)
{
    (void)state;
    assert_refused("https://bucket/prefix", "must start with s3://");
    assert_refused("s3:/bucket", "must start with s3://");
    assert_refused("s3://", "no bucket after s3://");
    assert_refused("s3:///prefix", "no bucket after s3://");
    assert_refused("s3://ab", "3 to 63 characters");
    assert_refused("s3://Acme-Reports/x", "only a-z, 0-9");
    assert_refused("s3://acme_reports", "only a-z, 0-9");
    assert_refused("s3://-acme/x", "starts and ends with a letter or a digit");
    assert_refused("s3://acme../x", "starts and ends");
    assert_refused("s3://ac..me/x", "no two '.' in a row");
    assert_refused("s3://acme//x", "the prefix starts with '/'");
    assert_refused("s3://acme/a//b", "empty segment");
    assert_refused("s3://acme/a/../b", "\"..\" segment");
    assert_refused("s3://acme/a\tb", "control character");
    char long_uri[700];
    snprintf(long_uri, sizeof long_uri, "s3://acme/%0600d", 0);
    assert_refused(long_uri, "longer than 511 bytes");
}

static void test_archive_key_is_prefix_date_file(void **state)
{
    (void)state;
    s3_location where;
    char key[1100], error[256] = "";
    assert_true(s3_location_parse("s3://acme/exec", &where, error, sizeof error));
    assert_true(s3_archive_key(&where, "2026-12-07", "cfo-weekly.eml", key, sizeof key, error,
                               sizeof error));
    assert_string_equal(key, "exec/2026-12-07/cfo-weekly.eml");
    assert_true(s3_location_parse("s3://acme", &where, error, sizeof error));
    assert_true(s3_archive_key(&where, "2026-12-07", "cfo.txt", key, sizeof key, error,
                               sizeof error));
    assert_string_equal(key, "2026-12-07/cfo.txt");
    assert_false(s3_archive_key(&where, "2026-12-7", "cfo.txt", key, sizeof key, error,
                                sizeof error));
    assert_non_null(strstr(error, "not a YYYY-MM-DD date"));
    assert_false(s3_archive_key(&where, "2026-12-07", "a/b.eml", key, sizeof key, error,
                                sizeof error));
    assert_non_null(strstr(error, "not a file name"));
    char file[1100];
    memset(file, 'f', 1050);
    file[1050] = '\0';
    assert_false(s3_archive_key(&where, "2026-12-07", file, key, sizeof key, error, sizeof error));
    assert_non_null(strstr(error, "longer than 1024 bytes"));
}

/* ---- headers ---- */

static void test_checksum_is_base64_of_sha256(void **state)
{
    (void)state;
    char checksum[45];
    /* printf hello | openssl dgst -sha256 -binary | base64 */
    s3_checksum_sha256("hello", 5, checksum);
    assert_string_equal(checksum, "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=");
    s3_checksum_sha256("", 0, checksum);
    assert_string_equal(checksum, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

static void test_tagging_is_url_encoded(void **state)
{
    (void)state;
    strbuf tagging = STRBUF_INIT;
    s3_archive_tagging("weekly briefing", "Acme & Co/EU", "2026-12-07", &tagging);
    assert_string_equal(strbuf_cstr(&tagging),
                        "report-type=weekly%20briefing&entity=Acme%20%26%20Co%2FEU"
                        "&generated-date=2026-12-07");
    strbuf_free(&tagging);
}

/* ---- where a request goes ---- */

static void test_path_style_off_aws(void **state)
{
    (void)state;
    s3_target target;
    char error[256] = "";
    assert_true(s3_object_target("http://127.0.0.1:4566", "acme", "exec/2026-12-07/a b+c.eml",
                                 S3_ADDRESSING_AUTO, &target, error, sizeof error));
    assert_string_equal(target.url, "http://127.0.0.1:4566/acme/exec/2026-12-07/a%20b%2Bc.eml");
    assert_string_equal(target.host, "127.0.0.1:4566");
    assert_string_equal(target.path, "/acme/exec/2026-12-07/a b+c.eml");
    /* the bucket itself (CreateBucket): its path with a trailing '/' */
    assert_true(s3_object_target("http://localhost:9000/base/", "acme", NULL, S3_ADDRESSING_AUTO,
                                 &target, error, sizeof error));
    assert_string_equal(target.url, "http://localhost:9000/base/acme/");
}

static void test_virtual_hosted_on_aws_unless_told(void **state)
{
    (void)state;
    s3_target target;
    char error[256] = "";
    assert_true(s3_object_target("https://s3.eu-west-1.amazonaws.com", "acme", "x/y.eml",
                                 S3_ADDRESSING_AUTO, &target, error, sizeof error));
    assert_string_equal(target.url, "https://acme.s3.eu-west-1.amazonaws.com/x/y.eml");
    assert_string_equal(target.host, "acme.s3.eu-west-1.amazonaws.com");
    assert_string_equal(target.path, "/x/y.eml");
    /* a dotted bucket would break the TLS wildcard: path-style */
    assert_true(s3_object_target("https://s3.eu-west-1.amazonaws.com", "acme.eu", "x",
                                 S3_ADDRESSING_AUTO, &target, error, sizeof error));
    assert_string_equal(target.url, "https://s3.eu-west-1.amazonaws.com/acme.eu/x");
    /* the profile says path */
    assert_true(s3_object_target("https://s3.eu-west-1.amazonaws.com", "acme", "x",
                                 S3_ADDRESSING_PATH, &target, error, sizeof error));
    assert_string_equal(target.url, "https://s3.eu-west-1.amazonaws.com/acme/x");
    assert_false(s3_object_target("not a url", "acme", "x", S3_ADDRESSING_AUTO, &target, error,
                                  sizeof error));
    assert_non_null(strstr(error, "not a URL"));
}

/* A private ~/.aws with `config`, the environment's AWS variables unset. */
static void with_aws_config(char dir[64], const char *config)
{
    const char *const variables[] = {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL", "AWS_PROFILE",
                                     "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE",
                                     "AWS_SHARED_CREDENTIALS_FILE"};
    for (size_t i = 0; i < sizeof variables / sizeof *variables; i++)
        unsetenv(variables[i]);
    snprintf(dir, 64, "/tmp/briefing-s3-XXXXXX");
    assert_non_null(mkdtemp(dir));
    char path[128];
    snprintf(path, sizeof path, "%s/config", dir);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(config, file);
    fclose(file);
}

static void remove_aws_config(const char *dir)
{
    char path[128];
    snprintf(path, sizeof path, "%s/config", dir);
    unlink(path);
    rmdir(dir);
}

static void test_profile_addressing_style(void **state)
{
    (void)state;
    char dir[64], error[512] = "";
    s3_addressing style;
    with_aws_config(dir, "[default]\ns3 =\n    addressing_style = path\n");
    assert_true(s3_profile_addressing(dir, &style, error, sizeof error));
    assert_int_equal(style, S3_ADDRESSING_PATH);
    remove_aws_config(dir);
    with_aws_config(dir, "[default]\nregion = eu-west-1\n");
    assert_true(s3_profile_addressing(dir, &style, error, sizeof error));
    assert_int_equal(style, S3_ADDRESSING_AUTO);
    remove_aws_config(dir);
    with_aws_config(dir, "[default]\ns3 =\n    addressing_style = sideways\n");
    assert_false(s3_profile_addressing(dir, &style, error, sizeof error));
    assert_non_null(strstr(error, "\"sideways\": not auto, path or virtual"));
    remove_aws_config(dir);
}

static void test_endpoint_chain_for_s3(void **state)
{
    (void)state;
    char dir[64], url[256], error[512] = "";
    with_aws_config(dir, "[default]\n");
    assert_true(ses_resolve_service_endpoint(dir, "s3", "eu-west-1", url, sizeof url, error,
                                             sizeof error));
    assert_string_equal(url, "https://s3.eu-west-1.amazonaws.com");
    setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1111", 1);
    assert_true(ses_resolve_service_endpoint(dir, "s3", "eu-west-1", url, sizeof url, error,
                                             sizeof error));
    assert_string_equal(url, "http://127.0.0.1:1111");
    setenv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:2222/", 1);
    assert_true(ses_resolve_service_endpoint(dir, "s3", "eu-west-1", url, sizeof url, error,
                                             sizeof error));
    assert_string_equal(url, "http://127.0.0.1:2222");
    unsetenv("AWS_ENDPOINT_URL_S3");
    unsetenv("AWS_ENDPOINT_URL");
    remove_aws_config(dir);
}

/* ---- signing, against botocore ---- */

/* The Authorization botocore's S3SigV4Auth computes for the request. */
static void botocore_authorization(const char *method, const s3_target *target,
                                   const s3_request *request, const char *token,
                                   const char *amz_date, char *out, size_t out_size)
{
    json_t *headers = json_pack("{s:s}", "Host", target->host);
    if (request->content_type)
        json_object_set_new(headers, "Content-Type", json_pack("s", request->content_type));
    if (request->checksum_sha256)
        json_object_set_new(headers, "x-amz-checksum-sha256",
                            json_pack("s", request->checksum_sha256));
    if (request->checksum_mode)
        json_object_set_new(headers, "x-amz-checksum-mode", json_pack("s", "ENABLED"));
    if (request->tagging)
        json_object_set_new(headers, "x-amz-tagging", json_pack("s", request->tagging));
    char url[sizeof target->url + 16];
    snprintf(url, sizeof url, "%s%s%s", target->url, request->query ? "?" : "",
             request->query ? request->query : "");
    json_t *given = json_pack("{s:s, s:s, s:o, s:s%, s:s, s:s, s:s?, s:s, s:s}", "method", method,
                              "url", url, "headers", headers, "body",
                              request->body ? request->body : "", request->body_length, "key",
                              ACCESS_KEY_ID, "secret", SECRET_ACCESS_KEY, "token", token,
                              "region", "eu-west-1", "amz_date", amz_date);
    assert_non_null(given);
    char input[] = "/tmp/briefing-s3-sign-XXXXXX";
    int fd = mkstemp(input);
    assert_true(fd >= 0);
    assert_int_equal(json_dumpfd(given, fd, 0), 0);
    close(fd);
    json_decref(given);
    char command[2048];
    snprintf(command, sizeof command, "/usr/bin/python3 -B %s/tests/unit/ses/botocore_s3_sign.py < %s",
             source_dir(), input);
    FILE *pipe = popen(command, "r");
    assert_non_null(pipe);
    assert_non_null(fgets(out, (int)out_size, pipe));
    out[strcspn(out, "\n")] = '\0';
    assert_int_equal(pclose(pipe), 0);
    unlink(input);
}

/* 2026-12-07T08:15:00Z */
static const time_t FIXED_TIME = 1796631300;

static void assert_signed_like_botocore(const char *method, const s3_target *target,
                                        const s3_request *request, const char *token)
{
    const sigv4_credentials credentials = {ACCESS_KEY_ID, SECRET_ACCESS_KEY, token};
    strbuf lines = STRBUF_INIT;
    sigv4_result result = {0};
    s3_sign(target, request, &credentials, "eu-west-1", FIXED_TIME, &lines, &result);
    assert_string_equal(result.amz_date, "20261207T081500Z");
    char expected[1024];
    botocore_authorization(method, target, request, token, result.amz_date, expected,
                           sizeof expected);
    assert_string_equal(strbuf_cstr(&result.authorization), expected);
    /* what is sent is what was signed */
    char line[1200];
    snprintf(line, sizeof line, "Authorization: %s\n", expected);
    assert_non_null(strstr(strbuf_cstr(&lines), line));
    sigv4_result_free(&result);
    strbuf_free(&lines);
}

static void test_put_signed_as_botocore_signs_s3(void **state)
{
    (void)state;
    /* "//" and ".." stay: S3 neither normalises the path nor encodes it twice */
    s3_target target;
    char error[256];
    assert_true(s3_object_target("http://127.0.0.1:4566", "acme", "exec//2026-12-07/../a b+c~.eml",
                                 S3_ADDRESSING_AUTO, &target, error, sizeof error));
    static const char body[] = "From: briefing@example.com\r\n\r\nRunway: 14 months.\r\n";
    char checksum[45];
    s3_checksum_sha256(body, sizeof body - 1, checksum);
    strbuf tagging = STRBUF_INIT;
    s3_archive_tagging("weekly", "Acme & Co", "2026-12-07", &tagging);
    const s3_request put = {.method = "PUT", .body = body, .body_length = sizeof body - 1,
                            .content_type = "message/rfc822", .checksum_sha256 = checksum,
                            .tagging = strbuf_cstr(&tagging)};
    assert_signed_like_botocore("PUT", &target, &put, NULL);

    const sigv4_credentials credentials = {ACCESS_KEY_ID, SECRET_ACCESS_KEY, NULL};
    strbuf lines = STRBUF_INIT;
    sigv4_result result = {0};
    s3_sign(&target, &put, &credentials, "eu-west-1", FIXED_TIME, &lines, &result);
    assert_non_null(strstr(strbuf_cstr(&result.canonical_request),
                           "PUT\n/acme/exec//2026-12-07/../a%20b%2Bc~.eml\n"));
    char hash[65], header[100];
    sigv4_payload_hash(body, sizeof body - 1, hash);
    snprintf(header, sizeof header, "x-amz-content-sha256: %s\n", hash);
    assert_non_null(strstr(strbuf_cstr(&lines), header));
    snprintf(header, sizeof header, "x-amz-checksum-sha256: %s\n", checksum);
    assert_non_null(strstr(strbuf_cstr(&lines), header));
    sigv4_result_free(&result);
    strbuf_free(&lines);
    strbuf_free(&tagging);
}

static void test_get_with_query_and_token_signed_as_botocore(void **state)
{
    (void)state;
    s3_target target;
    char error[256];
    assert_true(s3_object_target("https://s3.eu-west-1.amazonaws.com", "acme",
                                 "exec/2026-12-07/cfo.eml", S3_ADDRESSING_AUTO, &target, error,
                                 sizeof error));
    const s3_request tagging = {.method = "GET", .query = "tagging"};
    assert_signed_like_botocore("GET", &target, &tagging, SESSION_TOKEN);
    const s3_request get = {.method = "GET", .checksum_mode = true};
    assert_signed_like_botocore("GET", &target, &get, NULL);
    const s3_request head = {.method = "HEAD", .checksum_mode = true};
    assert_signed_like_botocore("HEAD", &target, &head, SESSION_TOKEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_location_parses_bucket_and_prefix),
        cmocka_unit_test(test_location_refuses_what_s3_would),
        cmocka_unit_test(test_archive_key_is_prefix_date_file),
        cmocka_unit_test(test_checksum_is_base64_of_sha256),
        cmocka_unit_test(test_tagging_is_url_encoded),
        cmocka_unit_test(test_path_style_off_aws),
        cmocka_unit_test(test_virtual_hosted_on_aws_unless_told),
        cmocka_unit_test(test_profile_addressing_style),
        cmocka_unit_test(test_endpoint_chain_for_s3),
        cmocka_unit_test(test_put_signed_as_botocore_signs_s3),
        cmocka_unit_test(test_get_with_query_and_token_signed_as_botocore),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
