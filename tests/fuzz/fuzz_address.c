/* libFuzzer target: a recipients line ("Name <a@example.com>, b@example.com")
 * split and validated as the send path does. Oracle: besides no crash, leak
 * or undefined behaviour (ASan+UBSan), no split address is empty or starts or
 * ends with a blank; the bare form of a valid address is itself valid; and
 * every valid address can be put into a message's To header, since what
 * validation accepts the builder must send. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/mime.h"

static void fuzz_expect(bool holds, const char *what, const char *address)
{
    if (holds)
        return;
    fprintf(stderr, "fuzz_address: %s: \"%s\"\n", what, address);
    abort();
}

static void fuzz_check_address(const char *address)
{
    size_t n = strlen(address);
    fuzz_expect(n > 0, "an empty address from the split", address);
    fuzz_expect(!strchr(" \t", address[0]) && !strchr(" \t", address[n - 1]),
                "an address with blanks around it", address);
    char error[256];
    if (!mime_address_valid(address, error, sizeof error))
        return;
    strbuf bare = STRBUF_INIT, message = STRBUF_INIT;
    mime_address_bare(address, &bare);
    fuzz_expect(mime_address_valid(strbuf_cstr(&bare), error, sizeof error),
                "a valid address whose bare form is not", address);
    const char *to[] = {address};
    const mime_message m = {.from = "briefing@example.com", .to = to, .to_count = 1,
                            .subject = "Executive Report", .date = 1767225600, .text = "Hello",
                            .html = "<p>Hello</p>", .report_id = "ceo/portfolio",
                            .boundary_seed = "fuzz"};
    fuzz_expect(mime_build(&m, &message, error, sizeof error),
                "a valid address the message builder refuses", address);
    strbuf_free(&bare);
    strbuf_free(&message);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *line = malloc(size + 1);
    memcpy(line, data, size);
    line[size] = '\0';
    char **addresses = NULL;
    size_t count = mime_address_split(line, &addresses);
    for (size_t i = 0; i < count; i++)
        fuzz_check_address(addresses[i]);
    mime_address_list_free(addresses, count);
    free(line);
    return 0;
}
