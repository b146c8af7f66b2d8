/* aws_json: the credentials in a provider's JSON answer, read with jansson.
 *
 * Every provider answers the same four things under its own names
 * (credential_process "SessionToken", the metadata services "Token", SSO
 * "sessionToken" below "roleCredentials" with epoch-millisecond expiry).
 * Messages name the field that is wrong, never a value.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <openssl/crypto.h>

#include "ses/aws_internal.h"
#include "ses/ses_internal.h"

/* Copies a string member; 0 when absent, -1 when not a string or too long. */
static int aws_json_copy(const json_t *object, const char *name, char *to, size_t to_size)
{
    const json_t *value = json_object_get(object, name);
    if (!value || json_is_null(value))
        return 0;
    if (!json_is_string(value) || json_string_length(value) >= to_size)
        return -1;
    memcpy(to, json_string_value(value), json_string_length(value) + 1);
    return 1;
}

static bool aws_json_expiration(const json_t *object, const aws_json_fields *fields,
                                ses_credentials *out, char *error, size_t error_size)
{
    out->expiration = 0;
    if (fields->expiration_ms) {
        const json_t *value = json_object_get(object, fields->expiration_ms);
        if (!json_is_integer(value) || json_integer_value(value) <= 0) {
            snprintf(error, error_size, "%s is not a time in milliseconds", fields->expiration_ms);
            return false;
        }
        out->expiration = (time_t)(json_integer_value(value) / 1000);
        return true;
    }
    const json_t *value = json_object_get(object, fields->expiration);
    if (!value || json_is_null(value))
        return true; /* keys that do not expire */
    if (!json_is_string(value) || !ses_parse_iso8601(json_string_value(value), &out->expiration)) {
        snprintf(error, error_size, "%s is not an ISO 8601 time", fields->expiration);
        return false;
    }
    return true;
}

bool aws_json_credentials(const char *json, size_t length, const char *object_name,
                          const aws_json_fields *fields, ses_credentials *out, char *error,
                          size_t error_size)
{
    json_error_t parse_error;
    json_t *root = json_loadb(json, length, JSON_REJECT_DUPLICATES, &parse_error);
    if (!root) {
        snprintf(error, error_size, "not JSON (line %d: %s)", parse_error.line, parse_error.text);
        return false;
    }
    const json_t *object = object_name ? json_object_get(root, object_name) : root;
    bool ok = false;
    const json_t *version = fields->version ? json_object_get(object, fields->version) : NULL;
    if (!json_is_object(object)) {
        snprintf(error, error_size, "no %s object in the answer", object_name ? object_name : "JSON");
    } else if (fields->version && (!json_is_integer(version) || json_integer_value(version) != 1)) {
        snprintf(error, error_size, "\"%s\" is not 1", fields->version);
    } else if (aws_json_copy(object, fields->access_key_id, out->access_key_id,
                             sizeof out->access_key_id) != 1 ||
               aws_json_copy(object, fields->secret_access_key, out->secret_access_key,
                             sizeof out->secret_access_key) != 1) {
        snprintf(error, error_size, "%s and %s must be strings", fields->access_key_id,
                 fields->secret_access_key);
    } else if (aws_json_copy(object, fields->session_token, out->session_token,
                             sizeof out->session_token) < 0) {
        snprintf(error, error_size, "%s is not a string of at most %zu bytes",
                 fields->session_token, sizeof out->session_token - 1);
    } else {
        ok = aws_json_expiration(object, fields, out, error, error_size);
    }
    json_decref(root);
    if (!ok)
        OPENSSL_cleanse(out, sizeof *out);
    return ok;
}
