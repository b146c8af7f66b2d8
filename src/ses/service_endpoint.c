/* service_endpoint: where a service other than SES lives (SNS, SQS), found
 * as the AWS CLI finds it: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the
 * profile's [services] <service>.endpoint_url, its endpoint_url; else
 * https://<service>.<region>.amazonaws.com. Same transport rule as SES's
 * endpoint (https, or plain http to loopback only), trailing '/' dropped.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ses/aws_internal.h"

bool ses_resolve_service_endpoint(const char *aws_dir, const char *service, const char *region,
                                  char *out, size_t out_size, char *error, size_t error_size)
{
    char variable[64];
    size_t n = (size_t)snprintf(variable, sizeof variable, "AWS_ENDPOINT_URL_");
    for (const char *c = service; *c && n + 1 < sizeof variable; c++)
        variable[n++] = (char)toupper((unsigned char)*c);
    variable[n] = '\0';
    aws_files files;
    if (!aws_files_load(&files, aws_dir, error, error_size))
        return false;
    char origin[1200] = "", url[1024];
    const char *value = aws_profile_endpoint(&files, aws_profile_name(NULL), service, variable,
                                             origin, sizeof origin);
    bool found = true;
    if (value && *value) {
        snprintf(url, sizeof url, "%s", value);
    } else if (region && *region &&
               strspn(region, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(region)) {
        snprintf(url, sizeof url, "https://%s.%s.amazonaws.com", service, region);
        snprintf(origin, sizeof origin, "SES_REGION");
    } else {
        snprintf(error, error_size,
                 "no %s endpoint: set %s, or a region (SES_REGION) to use "
                 "https://%s.<region>.amazonaws.com",
                 service, variable, service);
        found = false;
    }
    aws_files_free(&files);
    if (!found || !ses_endpoint_check(url, origin, error, error_size))
        return false;
    size_t length = strlen(url);
    while (length > 0 && url[length - 1] == '/')
        length--;
    if (length >= out_size) {
        snprintf(error, error_size, "%s: endpoint is longer than %zu bytes", origin, out_size - 1);
        return false;
    }
    memcpy(out, url, length);
    out[length] = '\0';
    return true;
}
