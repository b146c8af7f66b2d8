/* send_archive_internal: the archive's kinds as an ops table. Each kind
 * (send_archive_local.c, send_archive_s3.c) fills one send_archive_ops;
 * send_archive.c picks the kind by the configured value, or by the
 * location a ledger row holds, and never branches on the kind itself. */
#ifndef BRIEFING_SEND_ARCHIVE_INTERNAL_H
#define BRIEFING_SEND_ARCHIVE_INTERNAL_H

#include "briefing/s3.h"
#include "briefing/send.h"

/* One spooled message to put into the store: its three files are
 * <stem>.eml/.txt/.html in the spool's YYYY-MM-DD folder. */
typedef struct {
    int64_t delivery_id;
    const char *persona;
    const char *scope;
    const char *eml_path;         /* the spool's .eml, as the ledger recorded it */
    const char *sha256;           /* the ledger's message_sha256 (hex) */
} send_archive_entry;

/* What put did with a file already there (a sync run twice). */
typedef enum { ARCHIVE_PUT_UPLOADED, ARCHIVE_PUT_ALREADY_THERE } send_archive_put_result;

typedef struct send_archive_ops {
    const char *kind;             /* "folder", "s3" */
    /* Checks `value` (the configured archive) and keeps what it needs in `a`. */
    bool (*open)(send_archive *a, const char *value, char *error, size_t error_size);
    /* Makes what `put` needs (a client); NULL: nothing to make. */
    bool (*connect)(send_archive *a, char *error, size_t error_size);
    /* Puts `entry` into the store; `location` receives the .eml's location.
     * `check_first`: an object already there with the same checksum is
     * not sent again (sync). NULL: the spool is the store. */
    bool (*put)(send_archive *a, const send_archive_entry *entry, bool check_first,
                send_archive_put_result *result, char *location, size_t location_size,
                char *error, size_t error_size);
    /* Appends the bytes of one file at `location` to `out`, as the store
     * holds them. The ledger's SHA-256 (`sha256`, hex, or NULL) is
     * send_archive_read's check, the same for every kind: a kind with a
     * check of its own (S3's stored checksum) leaves bytes that are not the
     * ledger's to it. */
    bool (*read)(const briefing_config *c, const char *location, const char *sha256,
                 strbuf *out, char *error, size_t error_size);
    void (*close)(send_archive *a);
} send_archive_ops;

enum { SEND_ARCHIVE_WHERE_MAX = 4096 };

/* Invariant: `ops` is the kind `where` names; `spool` is a folder; for S3,
 * `s3` is the parsed `where` and `client` is made by connect (or the
 * first upload). */
struct send_archive {
    const send_archive_ops *ops;
    const briefing_config *config;
    char where[SEND_ARCHIVE_WHERE_MAX];
    char spool[SEND_ARCHIVE_WHERE_MAX];
    s3_location s3;
    s3_client *client;
};

extern const send_archive_ops send_archive_folder_ops;
extern const send_archive_ops send_archive_s3_ops;

/* The scheme an S3 location starts with. */
#define SEND_ARCHIVE_S3_SCHEME "s3://"

/* The largest archived file read back (an .eml with its attachments). */
enum { SEND_ARCHIVE_MAX_BYTES = 16 * 1024 * 1024 };

/* Puts `d`'s spooled message (d->archive_path, a local .eml) into the
 * store: `location` is where its .eml is then. Records nothing. */
bool send_archive_upload(send_archive *a, const ledger_delivery *d, bool check_first,
                         send_archive_put_result *result, char *location, size_t location_size,
                         char *error, size_t error_size);
/* Records in the spool that this machine put `uploaded` messages now (none:
 * nothing); read back by send_archive_last_upload. */
void send_archive_note_upload(const send_archive *a, size_t uploaded);

#endif
