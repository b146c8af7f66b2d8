/* send_archive_local: the archive as a folder (the default, beside the
 * ledger). The files batch_send wrote before the request left are the
 * archive: nothing moves after the send, and a location is a path. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "send/send_archive_internal.h"

/* The folder is the spool (send_archive_open checked its length). */
static bool archive_folder_open(send_archive *a, const char *value, char *error,
                                size_t error_size)
{
    (void)error;
    (void)error_size;
    snprintf(a->spool, sizeof a->spool, "%s", value);
    return true;
}

/* The file's bytes as they are on disk (send_archive_read checks them
 * against the ledger). */
static bool archive_folder_read(const briefing_config *c, const char *location,
                                const char *sha256, strbuf *out, char *error, size_t error_size)
{
    (void)c;
    (void)sha256;
    if (strbuf_read_file(out, location, SEND_ARCHIVE_MAX_BYTES) == 0)
        return true;
    snprintf(error, error_size, "%s: cannot read the archived message: %s", location,
             strerror(errno));
    return false;
}

const send_archive_ops send_archive_folder_ops = {
    .kind = "folder",
    .open = archive_folder_open,
    .connect = NULL,
    .put = NULL,
    .read = archive_folder_read,
    .close = NULL,
};
