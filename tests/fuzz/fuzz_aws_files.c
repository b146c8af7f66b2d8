/* libFuzzer target: the AWS shared config and credentials files. The input
 * up to its first NUL byte is written as `config`, the rest as
 * `credentials`, in a fresh temporary folder that aws_files_load() reads as
 * its aws_dir. Oracle: besides no crash, leak or undefined behaviour
 * (ASan+UBSan), a refusal names one of the two files ("path:line: why" or
 * "path: why"), and every setting read is a one-line section, name and
 * value, as the credential chain and the messages that quote it expect. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ses/aws_internal.h"

static void fuzz_write(const char *folder, const char *name, const uint8_t *data, size_t size)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    FILE *file = fopen(path, "wb");
    if (!file || fwrite(data, 1, size, file) != size || fclose(file) != 0)
        abort();
}

static void fuzz_remove(const char *folder, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    unlink(path);
}

static void fuzz_check_settings(const aws_setting *list)
{
    for (; list; list = list->next) {
        if (strchr(list->section, '\n') || strchr(list->name, '\n') || strchr(list->value, '\n'))
            abort();
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    /* The files under test, not the ones the environment may name. */
    unsetenv("AWS_CONFIG_FILE");
    unsetenv("AWS_SHARED_CREDENTIALS_FILE");
    unsetenv("AWS_PROFILE");
    unsetenv("AWS_DEFAULT_PROFILE");
    unsetenv("AWS_REGION");
    unsetenv("AWS_DEFAULT_REGION");
    unsetenv("AWS_ENDPOINT_URL");
    unsetenv("AWS_ENDPOINT_URL_SES");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char folder[] = "/tmp/fuzz_aws_files.XXXXXX";
    if (!mkdtemp(folder))
        abort();
    const uint8_t *split = memchr(data, '\0', size);
    size_t config_size = split ? (size_t)(split - data) : size;
    fuzz_write(folder, "config", data, config_size);
    if (split)
        fuzz_write(folder, "credentials", split + 1, size - config_size - 1);

    aws_files files;
    char error[512] = "";
    if (aws_files_load(&files, folder, error, sizeof error)) {
        fuzz_check_settings(files.config);
        fuzz_check_settings(files.credentials);
        char origin[256];
        const char *profile = aws_profile_name(NULL);
        aws_profile_region(&files, profile);
        aws_files_profile(&files, true, profile, "aws_access_key_id");
        aws_profile_endpoint(&files, profile, "ses", "AWS_ENDPOINT_URL_SES", origin, sizeof origin);
        aws_files_free(&files);
    } else if (strncmp(error, folder, strlen(folder)) != 0) {
        fprintf(stderr, "fuzz_aws_files: a refusal that names no file: %s\n", error);
        abort();
    }
    fuzz_remove(folder, "config");
    fuzz_remove(folder, "credentials");
    rmdir(folder);
    return 0;
}
