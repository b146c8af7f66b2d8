/* ledger_lock: one batch at a time per ledger file.
 *
 * The lock is flock(LOCK_EX) on "<ledger>.lock" beside the database. The
 * kernel drops it when the holder exits or crashes, so a stale lock cannot
 * outlive its process. The holder's pid is written into the file only to
 * name it in the refusal message; the flock, not the pid, is the lock.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "ledger/ledger_internal.h"

static void ledger_lock_path(const ledger_backend *b, char *out, size_t out_size)
{
    snprintf(out, out_size, "%s.lock", b->path);
}

/* The pid the holder wrote, or 0 if none is readable (it may be mid-write). */
static long ledger_lock_holder(int fd)
{
    char text[32] = "";
    ssize_t n = pread(fd, text, sizeof text - 1, 0);
    if (n <= 0)
        return 0;
    text[n] = '\0';
    return strtol(text, NULL, 10);
}

/* The pid only words another run's refusal; the flock protects the batch
 * even if this write fails, so a failure here is not worth stopping for. */
static void ledger_lock_write_pid(int fd)
{
    char text[32];
    int n = snprintf(text, sizeof text, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) == 0)
        (void)!pwrite(fd, text, (size_t)n, 0);
}

bool ledger_lock_try(ledger_backend *b, bool *held_elsewhere, char *error, size_t error_size)
{
    *held_elsewhere = false;
    if (b->lock_fd >= 0)
        return true;
    char lock_path[4096];
    ledger_lock_path(b, lock_path, sizeof lock_path);
    int fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(error, error_size, "%s: cannot open the batch lock: %s", lock_path,
                 strerror(errno));
        return false;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int why = errno;
        *held_elsewhere = why == EWOULDBLOCK;
        long holder = *held_elsewhere ? ledger_lock_holder(fd) : 0;
        close(fd);
        if (!*held_elsewhere)
            snprintf(error, error_size, "%s: cannot take the batch lock: %s", lock_path,
                     strerror(why));
        else if (holder > 0)
            snprintf(error, error_size, "another briefing batch is running on %s (pid %ld)",
                     b->path, holder);
        else
            snprintf(error, error_size, "another briefing batch is running on %s", b->path);
        return false;
    }
    ledger_lock_write_pid(fd);
    b->lock_fd = fd;
    return true;
}

void ledger_lock_release(ledger_backend *b)
{
    if (b->lock_fd < 0)
        return;
    /* Emptied first so nobody reads our pid after we let go (a stale pid
     * would only mis-word another run's message). */
    (void)!ftruncate(b->lock_fd, 0);
    flock(b->lock_fd, LOCK_UN);
    close(b->lock_fd);
    b->lock_fd = -1;
}

bool ledger_sqlite_lock_batch(ledger_backend *b, char *error, size_t error_size)
{
    bool held_elsewhere = false;
    return ledger_lock_try(b, &held_elsewhere, error, error_size);
}

/* Stamps the batch begun under this lock as finished, then lets go. The
 * stamp is a convenience for `log`; unlock has no error channel, and the
 * deliveries themselves are already committed, so a failed stamp is left. */
void ledger_sqlite_unlock_batch(ledger_backend *b)
{
    if (b->lock_fd < 0)
        return;
    if (b->current_batch > 0 && b->db) {
        char ignored[256];
        sqlite3_stmt *stmt = ledger_prepare(
            b, "UPDATE batches SET finished_at = ?1 WHERE id = ?2", ignored, sizeof ignored);
        if (stmt) {
            sqlite3_bind_int64(stmt, 1, (sqlite3_int64)time(NULL));
            sqlite3_bind_int64(stmt, 2, b->current_batch);
            ledger_run(b, stmt, "cannot finish the batch", ignored, sizeof ignored);
        }
        b->current_batch = 0;
    }
    ledger_lock_release(b);
}
