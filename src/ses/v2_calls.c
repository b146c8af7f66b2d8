/* v2_calls: the two SES API v2 calls briefing makes before a batch, on the
 * v1 endpoint's host (SES serves both): GetAccount (GET /v2/email/account)
 * and GetSuppressedDestination (GET /v2/email/suppression/addresses/{e}).
 * Field names from the SES API v2 reference; the answers are read with
 * jansson, the transport is client.c's.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "ses/ses_internal.h"

/* ---- GetAccount ---- */

static const char *account_read(void *result, const char *body, size_t length)
{
    ses_account_state *out = result;
    json_t *root = json_loadb(body, length, 0, NULL);
    const char *why = NULL;
    const json_t *production = json_object_get(root, "ProductionAccessEnabled");
    const json_t *sending = json_object_get(root, "SendingEnabled");
    const json_t *enforcement = json_object_get(root, "EnforcementStatus");
    if (!json_is_object(root))
        why = "not a JSON object";
    else if (!json_is_boolean(production) || !json_is_boolean(sending))
        why = "ProductionAccessEnabled and SendingEnabled must be true or false";
    else if (enforcement && !json_is_string(enforcement))
        why = "EnforcementStatus is not a string";
    if (!why) {
        out->production_access = json_is_true(production);
        out->sending_enabled = json_is_true(sending);
        ses_copy_text(out->enforcement, sizeof out->enforcement,
                      enforcement ? json_string_value(enforcement) : "");
    }
    json_decref(root);
    return why;
}

bool ses_get_account(ses_client *client, ses_account_state *out, ses_status *status)
{
    memset(out, 0, sizeof *out);
    const ses_call call = {.action = "GetAccount", .method = "GET", .path = "/v2/email/account",
                           .read_json = account_read, .result = out};
    return ses_call_perform(client, &call, status);
}

/* ---- GetSuppressedDestination ---- */

/* LastUpdateTime: epoch seconds (the REST JSON default), or ISO 8601. */
static bool suppression_time(const json_t *value, time_t *out)
{
    if (json_is_number(value) && json_number_value(value) >= 0) {
        *out = (time_t)json_number_value(value); /* whole seconds: truncation is floor here */
        return true;
    }
    return json_is_string(value) && ses_parse_iso8601(json_string_value(value), out);
}

static const char *suppression_read(void *result, const char *body, size_t length)
{
    ses_suppression *out = result;
    json_t *root = json_loadb(body, length, 0, NULL);
    const json_t *entry = json_object_get(root, "SuppressedDestination");
    const json_t *reason = json_object_get(entry, "Reason");
    const char *why = NULL;
    if (!json_is_object(entry))
        why = "no SuppressedDestination object";
    else if (!json_is_string(reason))
        why = "SuppressedDestination.Reason is not a string";
    else if (!suppression_time(json_object_get(entry, "LastUpdateTime"), &out->since))
        why = "SuppressedDestination.LastUpdateTime is not a time";
    if (!why) {
        out->suppressed = true;
        ses_copy_text(out->reason, sizeof out->reason, json_string_value(reason));
    }
    json_decref(root);
    return why;
}

bool ses_get_suppressed_destination(ses_client *client, const char *address,
                                    ses_suppression *out, ses_status *status)
{
    memset(out, 0, sizeof *out);
    strbuf path = STRBUF_INIT;
    strbuf_puts(&path, "/v2/email/suppression/addresses/");
    ses_percent_encode(&path, address, strlen(address));
    const ses_call call = {.action = "GetSuppressedDestination", .method = "GET",
                           .path = strbuf_cstr(&path), .read_json = suppression_read,
                           .result = out};
    bool ok = ses_call_perform(client, &call, status);
    strbuf_free(&path);
    if (!ok && status->http_status == 404 && strcmp(status->error_code, "NotFoundException") == 0) {
        /* SES's way of saying the address is not on the list. */
        memset(out, 0, sizeof *out);
        status->outcome = SES_OUTCOME_OK;
        status->error_code[0] = status->error_message[0] = '\0';
        return true;
    }
    return ok;
}
