/* dynamodb_driver: a test-only command line over src/ses/dynamodb.c, so
 * that tests/integration/test_dynamodb_client.py can run each call against
 * a real peer (dynalite behind the signature-checking stand-in). Not
 * installed; not the ledger: it uses the key and index names of the item
 * design in docs/ledger.md so the test exercises that design.
 *
 *   dynamodb_driver create-table TABLE          create (idempotent) and wait until ACTIVE
 *   dynamodb_driver claim TABLE PK SK BATCH HOST     conditional put: only if no item has the key
 *   dynamodb_driver move TABLE PK SK FROM TO [MESSAGE_ID]  state FROM -> TO, guarded by FROM
 *   dynamodb_driver get TABLE PK SK             the item, one "name=value" a line
 *   dynamodb_driver query TABLE INDEX|- NAME VALUE LIMIT   every page, one "sk" a line
 *
 * Environment: AWS_ENDPOINT_URL_DYNAMODB (or AWS_ENDPOINT_URL), AWS_REGION,
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY. Exit status: 0 done, 3 the
 * condition did not hold (or the table exists; "condition_failed attempts=N"
 * when it failed on a retry), 1 any other failure, with
 * "dynamodb_driver: OP: code: message" on stderr; 2 bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing/dynamodb.h"
#include "briefing/ses.h"

enum { EXIT_CONDITION = 3, EXIT_USAGE = 2, WAIT_ACTIVE_POLLS = 100 };

/* The item design (docs/ledger.md, "Shared ledger on DynamoDB"). */
static const ses_dynamodb_index driver_indexes[] = {
    {"by_batch", "batch", "sk"},
    {"by_message_id", "message_id", NULL},
};
static const ses_dynamodb_table_spec driver_table = {NULL, "pk", "sk", driver_indexes, 2};

static int driver_fail(const char *op, const ses_status *status)
{
    fprintf(stderr, "dynamodb_driver: %s: %s: %s (%d attempts, HTTP %d)\n", op,
            status->error_code, status->error_message, status->attempts, status->http_status);
    return EXIT_FAILURE;
}

static int driver_write_exit(const char *op, ses_dynamodb_result result, const ses_status *status)
{
    if (result == SES_DYNAMODB_DONE) {
        puts("done");
        return EXIT_SUCCESS;
    }
    if (result == SES_DYNAMODB_CONDITION_FAILED) {
        /* after a retry it may be our own first attempt (briefing/dynamodb.h) */
        if (status->attempts > 1)
            printf("condition_failed attempts=%d\n", status->attempts);
        else
            puts("condition_failed");
        return EXIT_CONDITION;
    }
    return driver_fail(op, status);
}

static int driver_create_table(ses_client *client, char **argv)
{
    ses_dynamodb_table_spec spec = driver_table;
    spec.name = argv[0];
    ses_status status;
    ses_dynamodb_result result = ses_dynamodb_create_table(client, &spec, &status);
    if (result == SES_DYNAMODB_FAILED)
        return driver_fail("CreateTable", &status);
    for (int poll = 0; poll < WAIT_ACTIVE_POLLS; poll++) {
        bool exists, indexes_active;
        char state[32];
        if (!ses_dynamodb_describe_table(client, spec.name, &exists, state, sizeof state,
                                         &indexes_active, &status))
            return driver_fail("DescribeTable", &status);
        if (exists && strcmp(state, "ACTIVE") == 0 && indexes_active) {
            puts(result == SES_DYNAMODB_DONE ? "created" : "exists");
            return result == SES_DYNAMODB_DONE ? EXIT_SUCCESS : EXIT_CONDITION;
        }
        usleep(100 * 1000);
    }
    fprintf(stderr, "dynamodb_driver: %s: not ACTIVE after %d polls\n", spec.name,
            WAIT_ACTIVE_POLLS);
    return EXIT_FAILURE;
}

/* The day claim: a new item, only if none has its key. */
static int driver_claim(ses_client *client, char **argv)
{
    const ses_dynamodb_attr item[] = {
        {"pk", 'S', argv[1]},      {"sk", 'S', argv[2]},       {"batch", 'S', argv[3]},
        {"host", 'S', argv[4]},    {"state", 'S', "sending"},  {"attempts", 'N', "1"},
    };
    const ses_dynamodb_expression condition = {"attribute_not_exists(pk)", NULL, 0, NULL, 0};
    ses_status status;
    return driver_write_exit("PutItem",
                             ses_dynamodb_put_item(client, argv[0], item, 6, &condition, &status),
                             &status);
}

/* A transition guarded by the state it leaves ("#state": state is a
 * DynamoDB reserved word). */
static int driver_move(ses_client *client, char **argv, int argc)
{
    const ses_dynamodb_attr key[] = {{"pk", 'S', argv[1]}, {"sk", 'S', argv[2]}};
    const ses_dynamodb_attr names[] = {{"#state", 'S', "state"}};
    const ses_dynamodb_attr from[] = {{":from", 'S', argv[3]}};
    const ses_dynamodb_attr to[] = {{":to", 'S', argv[4]}, {":mid", 'S', argc > 5 ? argv[5] : ""}};
    const ses_dynamodb_expression update = {
        argc > 5 ? "SET #state = :to, message_id = :mid" : "SET #state = :to", names, 1, to,
        argc > 5 ? 2 : 1};
    const ses_dynamodb_expression condition = {"#state = :from", names, 1, from, 1};
    ses_status status;
    return driver_write_exit(
        "UpdateItem",
        ses_dynamodb_update_item(client, argv[0], key, 2, &update, &condition, &status), &status);
}

static int driver_get(ses_client *client, char **argv)
{
    const ses_dynamodb_attr key[] = {{"pk", 'S', argv[1]}, {"sk", 'S', argv[2]}};
    ses_dynamodb_item item;
    bool found;
    ses_status status;
    if (!ses_dynamodb_get_item(client, argv[0], key, 2, &item, &found, &status))
        return driver_fail("GetItem", &status);
    if (!found) {
        puts("not_found");
        return EXIT_CONDITION;
    }
    for (size_t i = 0; i < item.count; i++)
        printf("%s=%s\n", item.attrs[i].name, item.attrs[i].value);
    ses_dynamodb_item_free(&item);
    return EXIT_SUCCESS;
}

/* Every page of a query, printing the sort key of each item and, last,
 * "pages=N". */
static int driver_query(ses_client *client, char **argv)
{
    const ses_dynamodb_attr names[] = {{"#k", 'S', argv[2]}};
    const ses_dynamodb_attr values[] = {{":v", 'S', argv[3]}};
    ses_dynamodb_query_spec spec = {argv[0], strcmp(argv[1], "-") ? argv[1] : NULL,
                                    {"#k = :v", names, 1, values, 1}, atoi(argv[4]), false, NULL};
    char *cursor = NULL;
    int pages = 0;
    do {
        ses_dynamodb_page page;
        ses_status status;
        spec.start = cursor;
        if (!ses_dynamodb_query(client, &spec, &page, &status)) {
            free(cursor);
            return driver_fail("Query", &status);
        }
        pages++;
        for (size_t i = 0; i < page.count; i++)
            printf("%s\n", ses_dynamodb_item_get(&page.items[i], "sk"));
        free(cursor);
        cursor = page.next;
        page.next = NULL;
        ses_dynamodb_page_free(&page);
    } while (cursor);
    printf("pages=%d\n", pages);
    return EXIT_SUCCESS;
}

static ses_client *driver_client(void)
{
    char error[512], endpoint[1024];
    const char *region = getenv("AWS_REGION");
    ses_config config = {0};
    if (!ses_resolve_service_endpoint(NULL, "dynamodb", region, endpoint, sizeof endpoint, error,
                                      sizeof error) ||
        !ses_resolve_credentials(&(ses_credential_inputs){0}, &config.credentials, error,
                                 sizeof error)) {
        fprintf(stderr, "dynamodb_driver: %s\n", error);
        return NULL;
    }
    config.endpoint = endpoint;
    config.region = region;
    config.service = "dynamodb";
    config.backoff_base_seconds = 0.05;
    ses_client *client = ses_client_new(&config, error, sizeof error);
    if (!client)
        fprintf(stderr, "dynamodb_driver: %s\n", error);
    return client;
}

int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int args;
    } ops[] = {{"create-table", 1}, {"claim", 5}, {"move", 5}, {"get", 3}, {"query", 5}};
    int op = -1;
    for (int i = 0; argc > 1 && i < 5; i++)
        if (strcmp(argv[1], ops[i].name) == 0 && argc - 2 >= ops[i].args)
            op = i;
    if (op < 0) {
        fputs("usage: dynamodb_driver create-table|claim|move|get|query TABLE ...\n", stderr);
        return EXIT_USAGE;
    }
    ses_client *client = driver_client();
    if (!client)
        return EXIT_FAILURE;
    char **args = argv + 2;
    int status = op == 0   ? driver_create_table(client, args)
                 : op == 1 ? driver_claim(client, args)
                 : op == 2 ? driver_move(client, args, argc - 2)
                 : op == 3 ? driver_get(client, args)
                           : driver_query(client, args);
    ses_client_free(client);
    return status;
}
