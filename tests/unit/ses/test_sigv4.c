/* Unit tests for sigv4: every case of AWS's SigV4 suite, byte for byte.
 *
 * Each case folder under tests/fixtures/aws-sigv4-test-suite/v4 (searched
 * recursively) holds request.txt, context.json and the expected header-*
 * stages. The raw HTTP request is parsed here (request line, headers with
 * continuation lines, blank line, body); credentials, region, service, time
 * and flags come from context.json. A failure names the case and the stage.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "briefing/sigv4.h"

#define SUITE_MIN_CASES 38
#define MAX_HEADERS 32

typedef struct {
    char *method;
    char *path;
    char *query;                 /* NULL without '?' */
    sigv4_header headers[MAX_HEADERS];
    size_t header_count;
    const char *body;
    size_t body_length;
} parsed_request;

typedef struct {
    char access_key_id[64];
    char secret_access_key[128];
    char token[1024];
    char region[32];
    char service[32];
    char timestamp[32];
    bool normalize;
    bool sign_body;
    bool omit_session_token;
} case_context;

typedef struct {
    size_t cases;
    size_t failures;
} suite_tally;

static char *read_text(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    strbuf text = STRBUF_INIT;
    if (strbuf_read_file(&text, path, 1 << 20) != 0)
        return NULL;
    if (!text.data)
        strbuf_puts(&text, "");
    return strbuf_detach(&text);
}

/* Flat JSON lookup, enough for context.json: `"key": "value"` or `"key": true`. */
static bool json_field(const char *json, const char *key, char *out, size_t out_size)
{
    char needle[64];
    snprintf(needle, sizeof needle, "\"%s\"", key);
    const char *at = strstr(json, needle);
    if (!at)
        return false;
    at += strlen(needle);
    while (*at == ' ' || *at == ':')
        at++;
    bool quoted = *at == '"';
    at += quoted;
    size_t length = strcspn(at, quoted ? "\"" : ",\n}");
    if (length >= out_size)
        return false;
    memcpy(out, at, length);
    out[length] = '\0';
    return true;
}

static bool json_flag(const char *json, const char *key)
{
    char value[16] = "";
    return json_field(json, key, value, sizeof value) && strcmp(value, "true") == 0;
}

static void read_context(const char *json, case_context *context)
{
    memset(context, 0, sizeof *context);
    assert_true(json_field(json, "access_key_id", context->access_key_id,
                           sizeof context->access_key_id));
    assert_true(json_field(json, "secret_access_key", context->secret_access_key,
                           sizeof context->secret_access_key));
    json_field(json, "token", context->token, sizeof context->token);
    assert_true(json_field(json, "region", context->region, sizeof context->region));
    assert_true(json_field(json, "service", context->service, sizeof context->service));
    assert_true(json_field(json, "timestamp", context->timestamp, sizeof context->timestamp));
    context->normalize = json_flag(json, "normalize");
    context->sign_body = json_flag(json, "sign_body");
    context->omit_session_token = json_flag(json, "omit_session_token");
}

static time_t parse_timestamp(const char *iso)
{
    struct tm utc = {0};
    assert_int_equal(sscanf(iso, "%d-%d-%dT%d:%d:%dZ", &utc.tm_year, &utc.tm_mon, &utc.tm_mday,
                            &utc.tm_hour, &utc.tm_min, &utc.tm_sec),
                     6);
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    return timegm(&utc);
}

/* Splits `text` in place. The request target may hold spaces
 * ("GET /example space/ HTTP/1.1"): it ends at the last " HTTP/". */
static void parse_request(char *text, parsed_request *request)
{
    memset(request, 0, sizeof *request);
    char *line_end = strchr(text, '\n');
    assert_non_null(line_end);
    *line_end = '\0';
    char *space = strchr(text, ' ');
    char *version = strstr(text, " HTTP/");
    assert_non_null(space);
    assert_non_null(version);
    *space = '\0';
    *version = '\0';
    request->method = text;
    request->path = space + 1;
    char *question = strchr(request->path, '?');
    if (question) {
        *question = '\0';
        request->query = question + 1;
    }

    char *line = line_end + 1;
    while (*line && *line != '\n') {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (*line == ' ' || *line == '\t') {
            /* A continuation line: the value goes on after a line break. */
            assert_true(request->header_count > 0);
            char *previous_value = (char *)request->headers[request->header_count - 1].value;
            previous_value[strlen(previous_value)] = '\n';
        } else {
            char *colon = strchr(line, ':');
            assert_non_null(colon);
            *colon = '\0';
            assert_true(request->header_count < MAX_HEADERS);
            request->headers[request->header_count++] = (sigv4_header){line, colon + 1};
        }
        if (!end) {
            line += strlen(line);
            break;
        }
        line = end + 1;
    }
    request->body = *line == '\n' ? line + 1 : line;
    request->body_length = strlen(request->body);
}

static bool stage_matches(const char *case_name, const char *stage, const char *expected,
                          const char *actual)
{
    if (expected && strcmp(expected, actual) == 0)
        return true;
    fprintf(stderr, "case %s: %s differs\n--- expected\n%s\n--- got\n%s\n", case_name, stage,
            expected ? expected : "(file missing)", actual);
    return false;
}

/* The Authorization line of header-signed-request.txt, without its name. */
static char *expected_authorization(char *signed_request)
{
    if (!signed_request)
        return NULL;
    char *line = strstr(signed_request, "\nAuthorization:");
    if (!line)
        return NULL;
    line += strlen("\nAuthorization:");
    line[strcspn(line, "\n")] = '\0';
    return line;
}

static bool run_case(const char *dir, const char *case_name)
{
    char *json = read_text(dir, "context.json");
    char *raw_request = read_text(dir, "request.txt");
    char *creq = read_text(dir, "header-canonical-request.txt");
    char *sts = read_text(dir, "header-string-to-sign.txt");
    char *signature = read_text(dir, "header-signature.txt");
    char *signed_request = read_text(dir, "header-signed-request.txt");
    assert_non_null(json);
    assert_non_null(raw_request);

    case_context context;
    read_context(json, &context);
    parsed_request request;
    parse_request(raw_request, &request);

    char payload_hash[65];
    sigv4_payload_hash(request.body, request.body_length, payload_hash);
    if (context.sign_body) {
        assert_true(request.header_count < MAX_HEADERS);
        request.headers[request.header_count++] =
            (sigv4_header){"x-amz-content-sha256", payload_hash};
    }
    sigv4_request to_sign = {
        .method = request.method,
        .path = request.path,
        .query = request.query,
        .headers = request.headers,
        .header_count = request.header_count,
        .payload_hash = payload_hash,
    };
    /* omit_session_token: the token is sent but not signed. */
    bool sign_token = context.token[0] && !context.omit_session_token;
    sigv4_credentials credentials = {
        .access_key_id = context.access_key_id,
        .secret_access_key = context.secret_access_key,
        .session_token = sign_token ? context.token : NULL,
    };
    sigv4_result result;
    sigv4_sign(&to_sign, &credentials, context.region, context.service,
               parse_timestamp(context.timestamp), context.normalize, &result);

    bool ok = stage_matches(case_name, "canonical request", creq,
                            strbuf_cstr(&result.canonical_request));
    ok = stage_matches(case_name, "string to sign", sts, strbuf_cstr(&result.string_to_sign)) &&
         ok;
    ok = stage_matches(case_name, "signature", signature, result.signature) && ok;
    ok = stage_matches(case_name, "Authorization header", expected_authorization(signed_request),
                       strbuf_cstr(&result.authorization)) &&
         ok;

    sigv4_result_free(&result);
    free(json);
    free(raw_request);
    free(creq);
    free(sts);
    free(signature);
    free(signed_request);
    return ok;
}

static bool has_file(const char *dir, const char *name)
{
    char path[1024];
    struct stat info;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

/* A case is any folder holding request.txt; its name is the path below v4. */
static void walk_suite(const char *dir, const char *relative, suite_tally *tally)
{
    if (has_file(dir, "request.txt")) {
        tally->cases++;
        if (!run_case(dir, relative))
            tally->failures++;
    }
    DIR *listing = opendir(dir);
    assert_non_null(listing);
    struct dirent *entry;
    while ((entry = readdir(listing))) {
        if (entry->d_name[0] == '.')
            continue;
        char child[1024], child_relative[1024];
        struct stat info;
        snprintf(child, sizeof child, "%s/%s", dir, entry->d_name);
        snprintf(child_relative, sizeof child_relative, "%s%s%s", relative,
                 relative[0] ? "/" : "", entry->d_name);
        if (stat(child, &info) == 0 && S_ISDIR(info.st_mode))
            walk_suite(child, child_relative, tally);
    }
    closedir(listing);
}

static void test_sigv4_reproduces_every_case_of_the_aws_suite(void **state)
{
    const char *source_dir = getenv("BRIEFING_SOURCE_DIR");
    assert_non_null(source_dir);
    char suite[1024];
    snprintf(suite, sizeof suite, "%s/tests/fixtures/aws-sigv4-test-suite/v4", source_dir);
    suite_tally tally = {0};
    walk_suite(suite, "", &tally);
    fprintf(stderr, "sigv4 suite: %zu cases, %zu failing\n", tally.cases, tally.failures);
    assert_true(tally.cases >= SUITE_MIN_CASES);
    assert_int_equal(tally.failures, 0);
}

static void test_sigv4_payload_hash_of_empty_body_is_sha256_of_nothing(void **state)
{
    char hex[65];
    sigv4_payload_hash("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void sign_vanilla(time_t when, sigv4_result *result)
{
    const sigv4_header headers[] = {{"Host", "email.us-east-1.amazonaws.com"}};
    char payload_hash[65];
    sigv4_payload_hash("Action=GetSendQuota", 19, payload_hash);
    const sigv4_request request = {"POST", "/", NULL, headers, 1, payload_hash};
    const sigv4_credentials credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                           NULL};
    sigv4_sign(&request, &credentials, "us-east-1", "ses", when, 1, result);
}

static void test_sigv4_resigning_later_gives_a_new_date_and_signature(void **state)
{
    sigv4_result first, retry;
    sign_vanilla(1440938160, &first);
    sign_vanilla(1440938160 + 2, &retry);
    assert_string_not_equal(first.amz_date, retry.amz_date);
    assert_string_not_equal(first.signature, retry.signature);
    assert_non_null(strstr(strbuf_cstr(&retry.canonical_request), retry.amz_date));
    sigv4_result_free(&first);
    sigv4_result_free(&retry);
}

static void test_sigv4_ignores_a_callers_own_x_amz_date(void **state)
{
    const sigv4_header headers[] = {{"Host", "example.amazonaws.com"},
                                    {"X-Amz-Date", "20000101T000000Z"}};
    char payload_hash[65];
    sigv4_payload_hash("", 0, payload_hash);
    const sigv4_request request = {"GET", "/", NULL, headers, 2, payload_hash};
    const sigv4_credentials credentials = {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                           NULL};
    sigv4_result result;
    sigv4_sign(&request, &credentials, "us-east-1", "service", 1440938160, 1, &result);
    assert_null(strstr(strbuf_cstr(&result.canonical_request), "20000101T000000Z"));
    assert_string_equal(result.amz_date, "20150830T123600Z");
    sigv4_result_free(&result);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sigv4_reproduces_every_case_of_the_aws_suite),
        cmocka_unit_test(test_sigv4_payload_hash_of_empty_body_is_sha256_of_nothing),
        cmocka_unit_test(test_sigv4_resigning_later_gives_a_new_date_and_signature),
        cmocka_unit_test(test_sigv4_ignores_a_callers_own_x_amz_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
