/* libFuzzer target: SES answers through the client's own XML readers. The
 * first byte picks the action and whether the answer came with HTTP 200 or
 * 400 (an <ErrorResponse>); the rest is the body. Oracle: besides no crash,
 * leak or undefined behaviour (ASan+UBSan), what the answer leaves in the
 * status — code, message, request id, all shown and kept in the ledger — is
 * valid UTF-8, and an answer that is not usable never counts as read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/utf8.h"
#include "ses/ses_internal.h"

static const char *const fuzz_actions[] = {
    "SendRawEmail",
    "GetSendQuota",
    "GetSendStatistics",
    "GetIdentityVerificationAttributes",
};
enum { FUZZ_ACTION_COUNT = sizeof fuzz_actions / sizeof fuzz_actions[0] };

static void fuzz_expect_utf8(const char *text)
{
    if (!utf8_valid(text, strlen(text), NULL))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const char *action = fuzz_actions[data[0] % FUZZ_ACTION_COUNT];
    long http_status = (data[0] / FUZZ_ACTION_COUNT) % 2 ? 400 : 200;
    ses_status status;
    memset(&status, 0, sizeof status);
    bool read = ses_answer_read(action, http_status, (const char *)data + 1, size - 1, &status);
    fuzz_expect_utf8(status.error_code);
    fuzz_expect_utf8(status.error_message);
    fuzz_expect_utf8(status.request_id);
    if (read && (http_status != 200 || status.outcome != SES_OUTCOME_OK))
        abort();
    if (!read && status.outcome == SES_OUTCOME_OK)
        abort();
    return 0;
}
