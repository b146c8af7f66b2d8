/* batch_archiver: a batch's messages written to the archive on a thread of
 * their own.
 *
 * Writing a message's .eml/.txt/.html takes four fsyncs, 10-70 ms on a
 * busy disk: on the sending thread that is most of a slot of MaxSendRate
 * (71 ms at 14/s), and a request whose slot passes while the thread waits
 * on the disk starts late (docs/performance.md). Here one worker writes
 * them, in the order they were handed over, while the sending thread
 * drives the requests and the ledger. The write-ahead order is kept by
 * the caller: a message is handed over once its row is committed
 * `pending`, and it is linked to its row (ledger_set_archive) and may be
 * sent only once it is taken back done, its bytes on disk.
 *
 * The worker only reads the item it was given (its bytes, persona and
 * scope), which the sending thread leaves alone until it takes the job
 * back; everything else is under the archiver's lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "send/send_internal.h"

typedef enum {
    ARCHIVER_JOB_QUEUED,
    ARCHIVER_JOB_WRITING,
    ARCHIVER_JOB_DONE,
} archiver_job_state;

typedef struct {
    archiver_job_state state;
    const batch_item *item;
    batch_archived result;
} archiver_job;

/* Invariant: the jobs handed over and not taken back are the `count` ring
 * entries from `head`, oldest first; the worker takes them in that order,
 * so those DONE come first. */
struct batch_archiver {
    pthread_mutex_t lock;
    pthread_cond_t queued;    /* a job was handed over, or the worker is to stop */
    pthread_t worker;
    const char *archive_root;
    batch_archiver_wake_fn wake;
    void *wake_user;
    archiver_job jobs[BATCH_ARCHIVER_DEPTH];
    size_t head;
    size_t count;
    bool stopping;
};

static archiver_job *archiver_job_at(batch_archiver *a, size_t back)
{
    return &a->jobs[(a->head + back) % BATCH_ARCHIVER_DEPTH];
}

/* The oldest job still queued, or NULL. Under the lock. */
static archiver_job *archiver_next_queued(batch_archiver *a)
{
    for (size_t i = 0; i < a->count; i++)
        if (archiver_job_at(a, i)->state == ARCHIVER_JOB_QUEUED)
            return archiver_job_at(a, i);
    return NULL;
}

static void archiver_write(const char *archive_root, archiver_job *job)
{
    const batch_item *item = job->item;
    batch_archived *out = &job->result;
    out->ok = ledger_archive_write(archive_root, time(NULL),
                                   report_personas[item->target.persona].id, item->scope,
                                   item->eml.data, item->eml.len, strbuf_cstr(&item->text),
                                   strbuf_cstr(&item->html), &out->eml_path, out->sha256,
                                   out->error, sizeof out->error);
}

static void *archiver_work(void *arg)
{
    batch_archiver *a = arg;
    pthread_mutex_lock(&a->lock);
    for (;;) {
        if (a->stopping)
            break; /* what is still queued is not written: its row is never linked */
        archiver_job *job = archiver_next_queued(a);
        if (!job) {
            pthread_cond_wait(&a->queued, &a->lock);
            continue;
        }
        job->state = ARCHIVER_JOB_WRITING;
        pthread_mutex_unlock(&a->lock);
        archiver_write(a->archive_root, job); /* the job's slot stays put while WRITING */
        pthread_mutex_lock(&a->lock);
        job->state = ARCHIVER_JOB_DONE;
        pthread_mutex_unlock(&a->lock);
        a->wake(a->wake_user);
        pthread_mutex_lock(&a->lock);
    }
    pthread_mutex_unlock(&a->lock);
    return NULL;
}

batch_archiver *batch_archiver_start(const char *archive_root, batch_archiver_wake_fn wake,
                                     void *wake_user, char *error, size_t error_size)
{
    batch_archiver *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(error, error_size, "archive writer: out of memory");
        return NULL;
    }
    a->archive_root = archive_root;
    a->wake = wake;
    a->wake_user = wake_user;
    pthread_mutex_init(&a->lock, NULL);
    pthread_cond_init(&a->queued, NULL);
    int failed = pthread_create(&a->worker, NULL, archiver_work, a);
    if (failed) {
        snprintf(error, error_size, "archive writer: cannot start its thread: %s",
                 strerror(failed));
        pthread_cond_destroy(&a->queued);
        pthread_mutex_destroy(&a->lock);
        free(a);
        return NULL;
    }
    return a;
}

bool batch_archiver_submit(batch_archiver *a, const batch_item *item, size_t index)
{
    pthread_mutex_lock(&a->lock);
    bool room = a->count < BATCH_ARCHIVER_DEPTH;
    if (room) {
        archiver_job *job = archiver_job_at(a, a->count++);
        memset(job, 0, sizeof *job);
        job->state = ARCHIVER_JOB_QUEUED;
        job->item = item;
        job->result.index = index;
        pthread_cond_signal(&a->queued);
    }
    pthread_mutex_unlock(&a->lock);
    return room;
}

bool batch_archiver_take(batch_archiver *a, batch_archived *out)
{
    pthread_mutex_lock(&a->lock);
    bool done = a->count && archiver_job_at(a, 0)->state == ARCHIVER_JOB_DONE;
    if (done) {
        *out = archiver_job_at(a, 0)->result;
        a->head = (a->head + 1) % BATCH_ARCHIVER_DEPTH;
        a->count--;
    }
    pthread_mutex_unlock(&a->lock);
    return done;
}

bool batch_archiver_ready(batch_archiver *a)
{
    pthread_mutex_lock(&a->lock);
    bool done = a->count && archiver_job_at(a, 0)->state == ARCHIVER_JOB_DONE;
    pthread_mutex_unlock(&a->lock);
    return done;
}

size_t batch_archiver_pending(batch_archiver *a)
{
    pthread_mutex_lock(&a->lock);
    size_t count = a->count;
    pthread_mutex_unlock(&a->lock);
    return count;
}

void batch_archiver_stop(batch_archiver *a)
{
    if (!a)
        return;
    pthread_mutex_lock(&a->lock);
    a->stopping = true;
    pthread_cond_signal(&a->queued);
    pthread_mutex_unlock(&a->lock);
    pthread_join(a->worker, NULL);
    for (size_t i = 0; i < a->count; i++)
        free(archiver_job_at(a, i)->result.eml_path);
    pthread_cond_destroy(&a->queued);
    pthread_mutex_destroy(&a->lock);
    free(a);
}
