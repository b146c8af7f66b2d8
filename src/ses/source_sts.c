/* source_sts: temporary credentials from AWS STS (Query API, version
 * 2011-06-15), as the AWS CLI gets them for a profile.
 *
 * AssumeRole: a profile with role_arn, whose own credentials come from
 * source_profile (any source a profile can have, at most five hops) or
 * credential_source (Environment, Ec2InstanceMetadata, EcsContainer);
 * external_id, role_session_name, duration_seconds pass through, and
 * mfa_serial asks for the code on the terminal. The request is signed with
 * the source's keys by briefing's own SigV4 signer.
 *
 * AssumeRoleWithWebIdentity: AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN
 * (or the profile's web_identity_token_file + role_arn); unsigned.
 *
 * The endpoint is AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the profile's,
 * else https://sts.<region>.amazonaws.com; plain http only to loopback.
 * Answers are read with the SES client's expat reader.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "briefing/sigv4.h"
#include "ses/aws_internal.h"
#include "ses/ses_internal.h"

enum {
    STS_TIMEOUT_MS = 10000,
    STS_MAX_SOURCE_HOPS = 5,
};
static const char STS_API_VERSION[] = "2011-06-15";
static const char STS_CONTENT_TYPE[] = "application/x-www-form-urlencoded; charset=utf-8";

/* Where an STS call goes and how it is signed. */
typedef struct {
    char url[1024];
    char host[300];
    char path[512];
    char region[64];
    const char *ca_bundle;
} sts_endpoint;

static bool sts_endpoint_resolve(const aws_source_context *context, sts_endpoint *out,
                                 char *error, size_t error_size)
{
    if (!context->region || !*context->region) {
        snprintf(error, error_size,
                 "no region to sign STS calls for: set SES_REGION in repos.env (or AWS_REGION, "
                 "or region in the AWS profile)");
        return false;
    }
    snprintf(out->region, sizeof out->region, "%s", context->region);
    char origin[300];
    const char *url = aws_profile_endpoint(context->files, context->profile, "sts",
                                           "AWS_ENDPOINT_URL_STS", origin, sizeof origin);
    if (url) {
        if (!ses_endpoint_check(url, origin, error, error_size))
            return false;
        snprintf(out->url, sizeof out->url, "%s", url);
    } else {
        snprintf(out->url, sizeof out->url, "https://sts.%s.amazonaws.com", out->region);
    }
    out->ca_bundle = aws_ca_bundle(context->files, context->profile);
    if (ses_url_signed_parts(out->url, out->host, sizeof out->host, out->path, sizeof out->path))
        return true;
    snprintf(error, error_size, "STS endpoint %s: not a URL", out->url);
    return false;
}

/* The leaves of <ActionResult><Credentials>: the four things kept. */
typedef struct {
    const char *result_path;          /* "AssumeRoleResult/Credentials/" */
    ses_credentials *out;
    bool expiration_ok;
} sts_reading;

static const char *sts_leaf(void *context, const char *path, const char *text)
{
    sts_reading *reading = context;
    size_t prefix = strlen(reading->result_path);
    if (strncmp(path, reading->result_path, prefix) != 0)
        return NULL;
    const char *name = path + prefix;
    ses_credentials *out = reading->out;
    if (strcmp(name, "AccessKeyId") == 0)
        snprintf(out->access_key_id, sizeof out->access_key_id, "%s", text);
    else if (strcmp(name, "SecretAccessKey") == 0)
        snprintf(out->secret_access_key, sizeof out->secret_access_key, "%s", text);
    else if (strcmp(name, "SessionToken") == 0 && strlen(text) < sizeof out->session_token)
        snprintf(out->session_token, sizeof out->session_token, "%s", text);
    else if (strcmp(name, "Expiration") == 0)
        reading->expiration_ok = ses_parse_iso8601(text, &out->expiration);
    return NULL;
}

/* Reads a 200 answer, or says what STS refused and why. */
static bool sts_read_answer(const char *action, long http_status, const strbuf *answer,
                            ses_credentials *out, char *error, size_t error_size)
{
    if (http_status != 200) {
        ses_status refused = {0};
        if (ses_xml_parse_error(answer->data, answer->len, &refused))
            snprintf(error, error_size, "STS %s refused (HTTP %ld, %s): %s", action, http_status,
                     refused.error_code, refused.error_message);
        else
            snprintf(error, error_size, "STS %s answered HTTP %ld", action, http_status);
        return false;
    }
    char result_path[128], root[128], why[160];
    snprintf(result_path, sizeof result_path, "%sResult/Credentials/", action);
    sts_reading reading = {.result_path = result_path, .out = out};
    if (!ses_xml_parse(answer->data, answer->len, root, sizeof root, sts_leaf, &reading, why,
                       sizeof why)) {
        snprintf(error, error_size, "STS %s: the answer is not XML (%s)", action, why);
        return false;
    }
    if (!out->access_key_id[0] || !out->secret_access_key[0] || !out->session_token[0] ||
        !reading.expiration_ok) {
        snprintf(error, error_size,
                 "STS %s: the answer lacks AccessKeyId, SecretAccessKey, SessionToken or "
                 "Expiration",
                 action);
        OPENSSL_cleanse(out, sizeof *out);
        return false;
    }
    return true;
}

/* POSTs `form` (without Action and Version) to STS, signed by `signer`
 * unless it is NULL (AssumeRoleWithWebIdentity needs no signature). */
static bool sts_call(const sts_endpoint *endpoint, const char *action, const strbuf *form,
                     const ses_credentials *signer, ses_credentials *out, char *error,
                     size_t error_size)
{
    strbuf body = STRBUF_INIT;
    ses_form_add(&body, "Action", action);
    ses_form_add(&body, "Version", STS_API_VERSION);
    strbuf_putc(&body, '&');
    strbuf_append(&body, form->data, form->len);

    strbuf authorization = STRBUF_INIT, token = STRBUF_INIT;
    char content_type[128], amz_date[64] = "X-Amz-Date: ", host[320];
    snprintf(content_type, sizeof content_type, "Content-Type: %s", STS_CONTENT_TYPE);
    snprintf(host, sizeof host, "Host: %s", endpoint->host);
    const char *headers[6] = {content_type, NULL};
    if (signer) {
        char payload_hash[65];
        sigv4_payload_hash(body.data, body.len, payload_hash);
        const sigv4_header signed_headers[] = {{"Host", endpoint->host},
                                               {"Content-Type", STS_CONTENT_TYPE}};
        const sigv4_request request = {.method = "POST",
                                       .path = endpoint->path,
                                       .headers = signed_headers,
                                       .header_count = 2,
                                       .payload_hash = payload_hash};
        const sigv4_credentials keys = {
            .access_key_id = signer->access_key_id,
            .secret_access_key = signer->secret_access_key,
            .session_token = signer->session_token[0] ? signer->session_token : NULL,
        };
        sigv4_result signature = {0};
        sigv4_sign(&request, &keys, endpoint->region, "sts", time(NULL), 1, &signature);
        strbuf_printf(&authorization, "Authorization: %s", strbuf_cstr(&signature.authorization));
        strncat(amz_date, signature.amz_date, sizeof amz_date - strlen(amz_date) - 1);
        sigv4_result_free(&signature);
        size_t n = 1;
        headers[n++] = host;
        headers[n++] = amz_date;
        headers[n++] = strbuf_cstr(&authorization);
        if (keys.session_token) {
            strbuf_printf(&token, "X-Amz-Security-Token: %s", keys.session_token);
            headers[n++] = strbuf_cstr(&token);
        }
        headers[n] = NULL;
    }
    const aws_http_request request = {.method = "POST",
                                      .url = endpoint->url,
                                      .headers = headers,
                                      .body = strbuf_cstr(&body),
                                      .timeout_ms = STS_TIMEOUT_MS,
                                      .ca_bundle = endpoint->ca_bundle};
    strbuf answer = STRBUF_INIT;
    long http_status = 0;
    char why[CURL_ERROR_SIZE + 64];
    bool ok = aws_http_perform(&request, &answer, &http_status, why, sizeof why);
    if (!ok)
        snprintf(error, error_size, "STS %s at %s: %s", action, endpoint->url, why);
    else
        ok = sts_read_answer(action, http_status, &answer, out, error, error_size);
    OPENSSL_cleanse(answer.data, answer.len);
    OPENSSL_cleanse(body.data, body.len);
    OPENSSL_cleanse(token.data, token.len);
    strbuf_free(&answer);
    strbuf_free(&body);
    strbuf_free(&authorization);
    strbuf_free(&token);
    return ok;
}

/* ---- AssumeRole ---- */

/* Follows source_profile from `profile` without asking anything: a chain
 * that comes back to a profile it passed, or goes on too long, is refused
 * before any request ("a -> b -> a"). A profile naming itself is the AWS
 * CLI's way to use its own keys, not a loop. */
static bool sts_source_chain_ends(const aws_files *files, const char *profile, char *error,
                                  size_t error_size)
{
    const char *seen[STS_MAX_SOURCE_HOPS + 1] = {profile};
    char path[512];
    snprintf(path, sizeof path, "%s", profile);
    for (size_t hops = 1;; hops++) {
        const char *next = aws_files_profile(files, false, seen[hops - 1], "source_profile");
        if (!next || !*next || strcmp(next, seen[hops - 1]) == 0 ||
            !aws_files_profile(files, false, next, "role_arn"))
            return true;
        strncat(path, " -> ", sizeof path - strlen(path) - 1);
        strncat(path, next, sizeof path - strlen(path) - 1);
        for (size_t i = 0; i < hops; i++)
            if (strcmp(seen[i], next) == 0) {
                snprintf(error, error_size, "source_profile goes round in a loop: %s", path);
                return false;
            }
        if (hops > STS_MAX_SOURCE_HOPS) {
            snprintf(error, error_size, "source_profile goes more than %d profiles deep: %s",
                     STS_MAX_SOURCE_HOPS, path);
            return false;
        }
        seen[hops] = next;
    }
}

/* The credentials that sign the AssumeRole call. */
static int sts_role_source(const aws_source_context *context, ses_credentials *source,
                           char *error, size_t error_size)
{
    const aws_files *files = context->files;
    const char *profile = context->profile;
    const char *source_profile = aws_files_profile(files, false, profile, "source_profile");
    const char *credential_source = aws_files_profile(files, false, profile, "credential_source");
    if (source_profile && *source_profile && credential_source && *credential_source) {
        snprintf(error, error_size,
                 "both source_profile and credential_source are set: keep one (the AWS CLI "
                 "refuses such a profile too)");
        return -1;
    }
    if (source_profile && *source_profile) {
        if (!aws_files_has_profile(files, source_profile)) {
            snprintf(error, error_size, "source_profile \"%s\": no such profile in %s or %s",
                     source_profile, files->config_shown, files->credentials_shown);
            return -1;
        }
        if (context->depth == 0 && !sts_source_chain_ends(files, profile, error, error_size))
            return -1;
        aws_source_context inner = {.files = files, .profile = source_profile,
                                    .region = context->region, .depth = context->depth + 1,
                                    .terminal_busy = context->terminal_busy};
        if (strcmp(source_profile, profile) == 0) { /* its own static keys */
            int taken = aws_source_profile_keys(&inner, true, source, error, error_size);
            return taken != 0 ? taken : aws_source_profile_keys(&inner, false, source, error,
                                                                 error_size);
        }
        return aws_source_profile_chain(&inner, source, error, error_size) == 1 ? 1 : -1;
    }
    if (!credential_source || !*credential_source) {
        snprintf(error, error_size, "role_arn needs source_profile or credential_source");
        return -1;
    }
    int taken;
    if (strcasecmp(credential_source, "Environment") == 0)
        taken = aws_source_environment(source, error, error_size);
    else if (strcasecmp(credential_source, "Ec2InstanceMetadata") == 0)
        taken = aws_source_instance_metadata(context, source, error, error_size);
    else if (strcasecmp(credential_source, "EcsContainer") == 0)
        taken = aws_source_container(context, source, error, error_size);
    else {
        snprintf(error, error_size,
                 "credential_source \"%.40s\" is not Environment, Ec2InstanceMetadata or "
                 "EcsContainer",
                 credential_source);
        return -1;
    }
    if (taken == 0)
        snprintf(error, error_size, "credential_source %s has no credentials", credential_source);
    return taken == 1 ? 1 : -1;
}

/* Asks for the MFA code on the terminal, without echo. */
static bool sts_ask_mfa_code(const char *serial, char *code, size_t code_size, char *error,
                             size_t error_size)
{
    FILE *terminal = fopen("/dev/tty", "r+");
    if (!terminal) {
        snprintf(error, error_size, "mfa_serial is set but there is no terminal to ask the code on");
        return false;
    }
    /* Echo goes off before the prompt shows, so nothing typed after it is
     * echoed or thrown away. */
    struct termios saved, quiet;
    bool echo_off = tcgetattr(fileno(terminal), &saved) == 0;
    if (echo_off) {
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(fileno(terminal), TCSANOW, &quiet);
    }
    fprintf(terminal, "MFA code for %s: ", serial);
    fflush(terminal);
    bool ok = fgets(code, (int)code_size, terminal) != NULL;
    if (echo_off)
        tcsetattr(fileno(terminal), TCSANOW, &saved);
    fputc('\n', terminal);
    fclose(terminal);
    code[strcspn(code, "\r\n")] = '\0';
    if (!ok || strlen(code) != 6 || strspn(code, "0123456789") != 6) {
        snprintf(error, error_size, "the MFA code must be 6 digits");
        return false;
    }
    return true;
}

/* role_arn, role_session_name, duration_seconds, external_id, mfa_serial. */
static bool sts_role_form(const aws_source_context *context, const char *role_arn, strbuf *form,
                          char *error, size_t error_size)
{
    const aws_files *files = context->files;
    const char *profile = context->profile;
    const char *session = aws_files_profile(files, false, profile, "role_session_name");
    const char *duration = aws_files_profile(files, false, profile, "duration_seconds");
    const char *external_id = aws_files_profile(files, false, profile, "external_id");
    const char *mfa_serial = aws_files_profile(files, false, profile, "mfa_serial");
    char default_session[64];
    snprintf(default_session, sizeof default_session, "briefing-%lld", (long long)time(NULL));
    ses_form_add(form, "RoleArn", role_arn);
    ses_form_add(form, "RoleSessionName", session && *session ? session : default_session);
    if (duration && *duration) {
        char *end;
        long seconds = strtol(duration, &end, 10);
        if (*end || seconds < 900 || seconds > 43200) {
            snprintf(error, error_size, "duration_seconds \"%.20s\" is not 900 to 43200", duration);
            return false;
        }
        ses_form_add(form, "DurationSeconds", duration);
    }
    if (external_id && *external_id)
        ses_form_add(form, "ExternalId", external_id);
    if (mfa_serial && *mfa_serial) {
        char code[32];
        if (context->terminal_busy) {
            snprintf(error, error_size,
                     "mfa_serial needs a code typed on a terminal, which the console cannot "
                     "ask for: send from a shell (briefing send), or use a profile without "
                     "mfa_serial");
            return false;
        }
        if (!sts_ask_mfa_code(mfa_serial, code, sizeof code, error, error_size))
            return false;
        ses_form_add(form, "SerialNumber", mfa_serial);
        ses_form_add(form, "TokenCode", code);
    }
    return true;
}

int aws_source_assume_role(const aws_source_context *context, ses_credentials *out, char *error,
                           size_t error_size)
{
    const char *role_arn = aws_files_profile(context->files, false, context->profile, "role_arn");
    if (!role_arn || !*role_arn)
        return 0;
    if (aws_files_profile(context->files, false, context->profile, "web_identity_token_file"))
        return 0; /* a web identity profile: the next level */
    char detail[300], why[900], where[300];
    aws_files_where(context->files, false, context->profile, where, sizeof where);
    snprintf(detail, sizeof detail, "role %s of %s", role_arn, where);
    ses_credentials *source = calloc(1, sizeof *source);
    strbuf form = STRBUF_INIT;
    sts_endpoint endpoint;
    /* credential_source = Ec2InstanceMetadata with no region set: the
     * instance's region signs STS, and SES after it, as in the SDKs. */
    aws_source_context signing = *context;
    bool ok = source && sts_role_source(context, source, why, sizeof why) == 1;
    char metadata_region[sizeof source->metadata_region] = "";
    if (ok && source->metadata_region[0]) {
        snprintf(metadata_region, sizeof metadata_region, "%s", source->metadata_region);
        signing.region = metadata_region;
    }
    ok = ok && sts_role_form(context, role_arn, &form, why, sizeof why) &&
         sts_endpoint_resolve(&signing, &endpoint, why, sizeof why) &&
         sts_call(&endpoint, "AssumeRole", &form, source, out, why, sizeof why);
    if (ok)
        snprintf(out->metadata_region, sizeof out->metadata_region, "%s", metadata_region);
    if (source) {
        OPENSSL_cleanse(source, sizeof *source);
        free(source);
    }
    strbuf_free(&form);
    if (!ok) {
        snprintf(error, error_size, "%s: %s", detail, why);
        return -1;
    }
    out->source = CREDENTIAL_SOURCE_ASSUME_ROLE;
    snprintf(out->source_detail, sizeof out->source_detail, "%s", detail);
    return 1;
}

/* ---- AssumeRoleWithWebIdentity ---- */

/* The token file's contents, without a trailing newline. */
static bool sts_read_token_file(const char *path, strbuf *token, char *error, size_t error_size)
{
    FILE *file = fopen(path, "r");
    if (!file) {
        snprintf(error, error_size, "cannot read the token file %s", path);
        return false;
    }
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0 && token->len < (1 << 20))
        strbuf_append(token, chunk, got);
    fclose(file);
    while (token->len && (token->data[token->len - 1] == '\n' || token->data[token->len - 1] == '\r'))
        strbuf_truncate(token, token->len - 1);
    if (token->len == 0) {
        snprintf(error, error_size, "the token file %s is empty", path);
        return false;
    }
    return true;
}

int aws_source_web_identity(const aws_source_context *context, ses_credentials *out,
                            char *error, size_t error_size)
{
    const aws_files *files = context->files;
    const char *token_file = getenv("AWS_WEB_IDENTITY_TOKEN_FILE");
    const char *role_arn = getenv("AWS_ROLE_ARN");
    const char *session = getenv("AWS_ROLE_SESSION_NAME");
    const char *origin = "AWS_WEB_IDENTITY_TOKEN_FILE";
    if (!token_file || !*token_file) {
        token_file = aws_files_profile(files, false, context->profile, "web_identity_token_file");
        role_arn = aws_files_profile(files, false, context->profile, "role_arn");
        session = aws_files_profile(files, false, context->profile, "role_session_name");
        origin = "web_identity_token_file";
    }
    if (!token_file || !*token_file)
        return 0;
    char detail[300], why[900];
    snprintf(detail, sizeof detail, "web identity (%s) role %s", origin,
             role_arn && *role_arn ? role_arn : "(none)");
    char default_session[64];
    snprintf(default_session, sizeof default_session, "briefing-%lld", (long long)time(NULL));
    strbuf token = STRBUF_INIT, form = STRBUF_INIT;
    sts_endpoint endpoint;
    bool ok = true;
    if (!role_arn || !*role_arn) {
        snprintf(why, sizeof why, "a web identity token needs AWS_ROLE_ARN (or role_arn)");
        ok = false;
    }
    ok = ok && sts_read_token_file(token_file, &token, why, sizeof why);
    if (ok) {
        ses_form_add(&form, "RoleArn", role_arn);
        ses_form_add(&form, "RoleSessionName", session && *session ? session : default_session);
        ses_form_add(&form, "WebIdentityToken", strbuf_cstr(&token));
    }
    ok = ok && sts_endpoint_resolve(context, &endpoint, why, sizeof why) &&
         sts_call(&endpoint, "AssumeRoleWithWebIdentity", &form, NULL, out, why, sizeof why);
    OPENSSL_cleanse(token.data, token.len);
    OPENSSL_cleanse(form.data, form.len);
    strbuf_free(&token);
    strbuf_free(&form);
    if (!ok) {
        snprintf(error, error_size, "%s: %s", detail, why);
        return -1;
    }
    out->source = CREDENTIAL_SOURCE_WEB_IDENTITY;
    snprintf(out->source_detail, sizeof out->source_detail, "%s", detail);
    return 1;
}
