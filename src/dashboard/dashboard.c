/* dashboard: POST shortfall cards as JSON with libcurl. */
#include "briefing/dashboard.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/json.h"
#include "briefing/strbuf.h"
#include "briefing/url.h"

void dashboard_card_json(const dashboard_card *card, char **json)
{
    strbuf out = STRBUF_INIT;
    json_writer w;
    jsonw_begin(&w, &out);
    jsonw_object_open(&w);
    jsonw_key_string(&w, "title", card->title);
    jsonw_key_string(&w, "persona", card->persona);
    jsonw_key_string(&w, "urgency", card->urgency);
    jsonw_key_int(&w, "batch_id", card->batch_id);
    jsonw_object_close(&w);
    *json = strbuf_detach(&out);
}

static size_t dashboard_discard(char *data, size_t size, size_t count, void *user)
{
    (void)data;
    (void)user;
    return size * count;
}

static bool dashboard_post_one(CURL *curl, const dashboard_card *card, char *error,
                               size_t error_size)
{
    char *body = NULL;
    dashboard_card_json(card, &body);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    free(body);
    if (rc != CURLE_OK) {
        snprintf(error, error_size, "dashboard: %s", curl_easy_strerror(rc));
        return false;
    }
    if (status < 200 || status > 299) {
        snprintf(error, error_size, "dashboard: HTTP %ld", status);
        return false;
    }
    return true;
}

size_t dashboard_post_cards(const char *url, const dashboard_card *cards, size_t count,
                            long timeout_ms, char *error, size_t error_size)
{
    error[0] = '\0';
    char host[256] = "", shown[512];
    url_verdict verdict = url_check_transport(url, host, sizeof host);
    if (verdict != URL_ALLOWED) {
        url_redact(url, shown, sizeof shown);
        if (verdict == URL_PLAIN_HTTP_REMOTE)
            snprintf(error, error_size,
                     "dashboard: DASHBOARD_URL \"%s\" uses plain http to %s; use https:// "
                     "(plain http only to localhost, 127.0.0.1, [::1])", shown, host);
        else
            snprintf(error, error_size,
                     "dashboard: DASHBOARD_URL \"%s\" is not an https:// URL with one host", shown);
        return 0;
    }
    CURL *curl = curl_easy_init();
    if (!curl) {
        snprintf(error, error_size, "dashboard: cannot start libcurl");
        return 0;
    }
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, dashboard_discard);
    size_t accepted = 0;
    for (size_t i = 0; i < count; i++) {
        char failure[256];
        if (dashboard_post_one(curl, &cards[i], failure, sizeof failure))
            accepted++;
        else if (!error[0])
            snprintf(error, error_size, "%s", failure);
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return accepted;
}
