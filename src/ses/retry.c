/* retry.c: what the AWS SDKs' standard retry mode retries, and how long it
 * waits in between.
 *
 * Retried: the throttling error codes below and HTTP 500/502/503/504 (SES
 * then has not acted on the request). Never retried: "Daily message quota
 * exceeded", which SES sends with the code Throttling but which will not
 * pass before tomorrow. Waits are full jitter, random in
 * [0, min(cap, base * 2^retry)], drawn from OpenSSL's CSPRNG so that no
 * seed or global state is needed. A send refused with "Maximum sending rate
 * exceeded" gets more attempts than the standard three: SES did not take it,
 * and the pacer slows down before each new try (pacer.c), so trying again
 * is how a batch gets through a burst of them. As in the SDKs, a retry quota keeps a
 * failing SES from being hammered: each retry costs 5 of 500 tokens, a first
 * attempt that succeeds gives one back, a retry that succeeds its cost.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <openssl/rand.h>

#include "ses/ses_internal.h"

/* The standard mode's throttling codes (AWS SDKs, "Retry behavior"). */
static const char *const throttling_codes[] = {
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "RequestThrottled",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
};

/* Codes that mean the credentials or their permissions are wrong: a batch
 * stops at the first one instead of failing every message the same way. */
static const char *const auth_failure_codes[] = {
    "SignatureDoesNotMatch",
    "InvalidClientTokenId",
    "IncompleteSignature",
    "AccessDenied",
    "AccessDeniedException",
    "UnrecognizedClientException",
    "MissingAuthenticationToken",
    "InvalidSignatureException",
    "ExpiredToken",
    "ExpiredTokenException",
};

static bool retry_code_in(const char *code, const char *const *codes, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(code, codes[i]) == 0)
            return true;
    return false;
}

bool ses_is_daily_quota_message(const char *code, const char *message)
{
    return strcmp(code, "Throttling") == 0 && strstr(message, "Daily message quota exceeded");
}

bool ses_is_rate_throttling(const char *code, const char *message)
{
    return strcmp(code, "Throttling") == 0 && !ses_is_daily_quota_message(code, message);
}

/* Attempts at most for an answer of each kind; 0: the client's setting
 * (max_attempts, 3 unless the AWS profile says otherwise). */
typedef struct {
    bool (*matches)(const ses_status *status);
    int attempts;
} attempt_limit;

static bool limit_rate_throttling(const ses_status *status)
{
    return ses_is_rate_throttling(status->error_code, status->error_message);
}

static const attempt_limit attempt_limits[] = {
    {limit_rate_throttling, 8},
};

int ses_retry_attempt_limit(const ses_status *status, int max_attempts)
{
    for (size_t i = 0; i < sizeof attempt_limits / sizeof *attempt_limits; i++)
        if (attempt_limits[i].matches(status) && attempt_limits[i].attempts > max_attempts)
            return attempt_limits[i].attempts;
    return max_attempts;
}

bool ses_is_throttling_code(const char *code)
{
    return retry_code_in(code, throttling_codes, sizeof throttling_codes / sizeof *throttling_codes);
}

bool ses_is_auth_failure_code(const char *code)
{
    return retry_code_in(code, auth_failure_codes,
                         sizeof auth_failure_codes / sizeof *auth_failure_codes);
}

bool ses_is_retryable_http_status(int http_status)
{
    return http_status == 500 || http_status == 502 || http_status == 503 || http_status == 504;
}

/* A uniform double in [0, 1). RAND_bytes cannot fail once OpenSSL has
 * seeded itself from the OS; if it ever does, waiting the whole window is
 * the safe side (less load on SES), never a shorter wait. */
static double retry_uniform(void)
{
    uint64_t bits;
    if (RAND_bytes((unsigned char *)&bits, sizeof bits) != 1)
        return 1.0;
    return (double)(bits >> 11) / 9007199254740992.0; /* 53 random bits / 2^53 */
}

double ses_backoff_seconds(double base, double cap, int retry)
{
    double window = base * ldexp(1.0, retry);
    if (window > cap)
        window = cap;
    return retry_uniform() * window;
}

void ses_sleep_seconds(double seconds)
{
    if (seconds <= 0)
        return;
    struct timespec left = {.tv_sec = (time_t)seconds,
                            .tv_nsec = (long)((seconds - floor(seconds)) * 1e9)};
    while (nanosleep(&left, &left) != 0 && errno == EINTR)
        ;
}

double ses_monotonic_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + now.tv_nsec / 1e9;
}

enum { RETRY_QUOTA_TOKENS = 500, RETRY_COST = 5, SUCCESS_REFUND = 1 };

void ses_retry_quota_init(ses_retry_quota *quota)
{
    quota->tokens = RETRY_QUOTA_TOKENS;
}

bool ses_retry_quota_take(ses_retry_quota *quota)
{
    if (quota->tokens < RETRY_COST)
        return false;
    quota->tokens -= RETRY_COST;
    return true;
}

void ses_retry_quota_succeeded(ses_retry_quota *quota, bool after_retry)
{
    quota->tokens += after_retry ? RETRY_COST : SUCCESS_REFUND;
    if (quota->tokens > RETRY_QUOTA_TOKENS)
        quota->tokens = RETRY_QUOTA_TOKENS;
}
