/* aws_http: one request to a credential endpoint (STS, the SSO portal, the
 * container or instance metadata service), with libcurl.
 *
 * Unlike the SES client this holds no connection: credentials are asked for
 * once per run or per expiry. TLS is always verified (against `ca_bundle`
 * when given), redirects are never followed, and the answer is capped.
 * Which URLs are allowed is the caller's rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

#include "ses/aws_internal.h"

enum {
    AWS_HTTP_MAX_ANSWER = 1 << 20,
    AWS_HTTP_CONNECT_TIMEOUT_MS = 2000,
};

static size_t aws_http_collect(char *data, size_t size, size_t count, void *userdata)
{
    strbuf *response = userdata;
    size_t bytes = size * count;
    if (response->len + bytes > AWS_HTTP_MAX_ANSWER)
        return 0;
    strbuf_append(response, data, bytes);
    return bytes;
}

/* The headers as curl wants them; out of memory aborts. */
static struct curl_slist *aws_http_headers(const char *const *headers)
{
    struct curl_slist *list = NULL;
    for (size_t i = 0; headers && headers[i]; i++) {
        struct curl_slist *longer = curl_slist_append(list, headers[i]);
        if (!longer) {
            fputs("briefing: out of memory\n", stderr);
            abort();
        }
        list = longer;
    }
    /* No "Expect: 100-continue" round trip for a small body. */
    return curl_slist_append(list, "Expect:");
}

/* Headers may hold a token: wiped before they are freed. */
static void aws_http_free_headers(struct curl_slist *list)
{
    for (struct curl_slist *item = list; item; item = item->next)
        OPENSSL_cleanse(item->data, strlen(item->data));
    curl_slist_free_all(list);
}

bool aws_http_perform(const aws_http_request *request, strbuf *response, long *http_status,
                      char *error, size_t error_size)
{
    char curl_error[CURL_ERROR_SIZE] = "";
    CURL *curl = curl_easy_init();
    if (!curl) {
        snprintf(error, error_size, "curl_easy_init failed");
        return false;
    }
    struct curl_slist *headers = aws_http_headers(request->headers);
    strbuf_truncate(response, 0);
    curl_easy_setopt(curl, CURLOPT_URL, request->url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request->method);
    if (request->body) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request->body);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(request->body));
    } else if (strcmp(request->method, "GET") != 0) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "");
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    if (request->ca_bundle)
        curl_easy_setopt(curl, CURLOPT_CAINFO, request->ca_bundle);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, (long)AWS_HTTP_CONNECT_TIMEOUT_MS);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "briefing/" BRIEFING_VERSION);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, aws_http_collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, response);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
    CURLcode result = curl_easy_perform(curl);
    *http_status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, http_status);
    curl_easy_cleanup(curl);
    aws_http_free_headers(headers);
    if (result != CURLE_OK) {
        snprintf(error, error_size, "%s", curl_error[0] ? curl_error : curl_easy_strerror(result));
        return false;
    }
    return true;
}
