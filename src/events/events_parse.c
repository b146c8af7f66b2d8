/* events_parse: an SQS message body → an SES event for the ledger.
 *
 * Where each event type keeps its recipients and what its detail is are a
 * table (events_shapes[]), after the SES Developer Guide's "Contents of
 * event data that Amazon SES publishes to Amazon SNS". The event's key is
 * the SHA-256 of the SES event itself, re-serialized with sorted keys, so
 * the same event is the same key whether it came raw or through SNS, and
 * however SNS spaced it.
 */
#include "briefing/events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "briefing/digest.h"
#include "briefing/strbuf.h"

/* Appends what one recipient's outcome should say (`entry` is its entry
 * in the event's list, NULL when the event names recipients only through
 * mail.destination). */
typedef void (*events_detail_fn)(const json_t *part, const json_t *entry, strbuf *out);

static const char *events_text(const json_t *object, const char *name)
{
    return json_string_value(json_object_get(object, name));
}

/* Appends "<a>: " pieces that exist, joined by ": ". */
static void events_join(strbuf *out, const char *text)
{
    if (!text || !*text)
        return;
    if (out->len)
        strbuf_append(out, ": ", 2);
    strbuf_append(out, text, strlen(text));
}

static void events_detail_delivery(const json_t *part, const json_t *entry, strbuf *out)
{
    events_join(out, events_text(part, "smtpResponse"));
}

/* "Permanent/General: smtp; 550 5.1.1 user unknown" */
static void events_detail_bounce(const json_t *part, const json_t *entry, strbuf *out)
{
    const char *type = events_text(part, "bounceType"), *sub = events_text(part, "bounceSubType");
    strbuf_printf(out, "%s%s%s", type ? type : "", type && sub ? "/" : "", sub ? sub : "");
    const char *diagnostic = events_text(entry, "diagnosticCode");
    if (diagnostic) {
        events_join(out, diagnostic);
    } else {
        events_join(out, events_text(entry, "status"));
        events_join(out, events_text(entry, "action"));
    }
}

static void events_detail_complaint(const json_t *part, const json_t *entry, strbuf *out)
{
    events_join(out, events_text(part, "complaintFeedbackType"));
    events_join(out, events_text(part, "complaintSubType"));
}

static void events_detail_delay(const json_t *part, const json_t *entry, strbuf *out)
{
    events_join(out, events_text(part, "delayType"));
    events_join(out, events_text(entry, "status"));
    events_join(out, events_text(entry, "diagnosticCode"));
}

static void events_detail_reject(const json_t *part, const json_t *entry, strbuf *out)
{
    events_join(out, events_text(part, "reason"));
}

static void events_detail_rendering(const json_t *part, const json_t *entry, strbuf *out)
{
    events_join(out, "rendering failure");
    events_join(out, events_text(part, "errorMessage"));
}

static const struct {
    const char *part;           /* the event's own object: "bounce" */
    const char *list;           /* its list of recipients; NULL: mail.destination */
    const char *address;        /* the member of an entry holding the address; NULL: the entry */
    events_detail_fn detail;
} events_shapes[LEDGER_EVENT_TYPE_COUNT] = {
    [LEDGER_EVENT_SEND] = {"send", NULL, NULL, NULL},
    [LEDGER_EVENT_DELIVERY] = {"delivery", "recipients", NULL, events_detail_delivery},
    [LEDGER_EVENT_BOUNCE] = {"bounce", "bouncedRecipients", "emailAddress",
                             events_detail_bounce},
    [LEDGER_EVENT_COMPLAINT] = {"complaint", "complainedRecipients", "emailAddress",
                                events_detail_complaint},
    [LEDGER_EVENT_REJECT] = {"reject", NULL, NULL, events_detail_reject},
    [LEDGER_EVENT_DELIVERY_DELAY] = {"deliveryDelay", "delayedRecipients", "emailAddress",
                                     events_detail_delay},
    [LEDGER_EVENT_RENDERING_FAILURE] = {"failure", NULL, NULL, events_detail_rendering},
    [LEDGER_EVENT_OPEN] = {"open", NULL, NULL, NULL},
    [LEDGER_EVENT_CLICK] = {"click", NULL, NULL, NULL},
};

/* "2016-10-19T23:20:52.240Z" (fraction and offset optional: "+hh:mm"). */
static bool events_parse_time(const char *text, time_t *out)
{
    struct tm tm = {0};
    int used = 0;
    if (!text || sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                        &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &used) != 6)
        return false;
    const char *rest = text + used;
    if (*rest == '.')
        for (rest++; *rest >= '0' && *rest <= '9'; rest++)
            ;
    long offset = 0;
    int hours = 0, minutes = 0;
    if ((*rest == '+' || *rest == '-') && sscanf(rest + 1, "%2d:%2d", &hours, &minutes) == 2 &&
        strlen(rest) == 6)
        offset = (*rest == '+' ? 1 : -1) * (hours * 3600L + minutes * 60L);
    else if (strcmp(rest, "Z") != 0)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    time_t t = timegm(&tm);
    if (t == (time_t)-1)
        return false;
    *out = t - offset;
    return true;
}

/* The value of header `wanted` among mail.headers ([{"name", "value"}]),
 * or NULL. */
static const char *events_header(const json_t *mail, const char *wanted)
{
    const json_t *headers = json_object_get(mail, "headers");
    size_t i;
    const json_t *header;
    json_array_foreach(headers, i, header)
    {
        const char *name = events_text(header, "name"), *value = events_text(header, "value");
        if (name && value && strcasecmp(name, wanted) == 0)
            return value;
    }
    return NULL;
}

/* X-Briefing-Delivery as a delivery id; 0 when absent or not one. */
static int64_t events_header_delivery(const json_t *mail)
{
    const char *value = events_header(mail, "X-Briefing-Delivery");
    if (!value)
        return 0;
    char *end;
    long long id = strtoll(value, &end, 10);
    return *value && *end == '\0' && id > 0 ? (int64_t)id : 0;
}

static void events_keep_detail(events_parsed *p, strbuf *detail, ledger_event_recipient *r)
{
    if (!detail->len)
        return;
    char **grown = realloc(p->details, (p->detail_count + 1) * sizeof *grown);
    if (!grown) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    p->details = grown;
    p->details[p->detail_count++] = strbuf_detach(detail);
    r->detail = p->details[p->detail_count - 1];
}

/* The recipients the event names, each with its detail. */
static bool events_read_recipients(events_parsed *p, const json_t *mail, const json_t *part,
                                   char *why, size_t why_size)
{
    ledger_event_type type = p->event.type;
    const char *list_name = events_shapes[type].list;
    const json_t *list = list_name ? json_object_get(part, list_name)
                                   : json_object_get(mail, "destination");
    if (!json_is_array(list) || json_array_size(list) == 0) {
        snprintf(why, why_size, "%s has no %s.%s", ledger_event_type_name(type),
                 list_name ? events_shapes[type].part : "mail",
                 list_name ? list_name : "destination");
        return false;
    }
    size_t count = json_array_size(list);
    p->recipients = calloc(count, sizeof *p->recipients);
    if (!p->recipients) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    for (size_t i = 0; i < count; i++) {
        const json_t *entry = json_array_get(list, i);
        const char *address = events_shapes[type].address && list_name
                                  ? events_text(entry, events_shapes[type].address)
                                  : json_string_value(entry);
        if (!address || !strchr(address, '@')) {
            snprintf(why, why_size, "%s: recipient %zu has no address",
                     ledger_event_type_name(type), i + 1);
            return false;
        }
        ledger_event_recipient *r = &p->recipients[i];
        r->address = address;
        if (events_shapes[type].detail) {
            strbuf detail = STRBUF_INIT;
            events_shapes[type].detail(part, list_name ? entry : NULL, &detail);
            events_keep_detail(p, &detail, r);
            strbuf_free(&detail);
        }
    }
    p->event.recipients = p->recipients;
    p->event.recipient_count = count;
    return true;
}

/* The SES event's own fields, from its JSON object. */
static bool events_read_event(events_parsed *p, json_t *root, char *why, size_t why_size)
{
    const char *type_name = events_text(root, "eventType");
    bool notification = !type_name;
    if (notification)
        type_name = events_text(root, "notificationType");
    if (!type_name) {
        snprintf(why, why_size, "no eventType: not an SES event");
        return false;
    }
    if (!ledger_event_type_from_name(type_name, &p->event.type)) {
        snprintf(why, why_size, "eventType \"%.40s\" is not one SES publishes", type_name);
        return false;
    }
    const json_t *mail = json_object_get(root, "mail");
    p->event.message_id = events_text(mail, "messageId");
    if (!p->event.message_id || !*p->event.message_id) {
        snprintf(why, why_size, "%s without mail.messageId", type_name);
        return false;
    }
    const json_t *part = json_object_get(root, events_shapes[p->event.type].part);
    if (!json_is_object(part))
        part = NULL;
    if (!events_parse_time(events_text(part, "timestamp"), &p->event.at) &&
        !events_parse_time(events_text(mail, "timestamp"), &p->event.at)) {
        snprintf(why, why_size, "%s without a timestamp", type_name);
        return false;
    }
    p->event.header_delivery = events_header_delivery(mail);
    p->event.header_report = events_header(mail, "X-Briefing-Report");
    if (!events_read_recipients(p, mail, part, why, why_size))
        return false;
    char *canonical = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT);
    digest_sha256_hex(canonical, strlen(canonical), p->event.key);
    free(canonical);
    return true;
}

/* The SES event inside the body: the body itself, or SNS's Message. */
static json_t *events_unwrap(const char *body, size_t length, bool *enveloped, char *why,
                             size_t why_size)
{
    json_error_t error;
    json_t *root = json_loadb(body, length, 0, &error);
    if (!json_is_object(root)) {
        if (root)
            snprintf(why, why_size, "not a JSON object");
        else
            snprintf(why, why_size, "not JSON (line %d: %s)", error.line, error.text);
        json_decref(root);
        return NULL;
    }
    const char *sns_type = events_text(root, "Type");
    *enveloped = sns_type != NULL;
    if (!sns_type)
        return root;
    const char *message = events_text(root, "Message");
    json_t *inner = NULL;
    if (strcmp(sns_type, "Notification") != 0)
        snprintf(why, why_size, "an SNS %.40s, not a notification", sns_type);
    else if (!message)
        snprintf(why, why_size, "an SNS notification without a Message");
    else if (!(inner = json_loads(message, 0, &error)))
        snprintf(why, why_size, "the SNS Message is not JSON (line %d: %s)", error.line,
                 error.text);
    else if (!json_is_object(inner))
        snprintf(why, why_size, "the SNS Message is not a JSON object");
    json_decref(root);
    if (json_is_object(inner))
        return inner;
    json_decref(inner);
    return NULL;
}

bool events_parse(const char *body, size_t length, events_parsed *out, char *why,
                  size_t why_size)
{
    memset(out, 0, sizeof *out);
    json_t *root = events_unwrap(body, length, &out->enveloped, why, why_size);
    if (!root)
        return false;
    out->json = root;
    if (events_read_event(out, root, why, why_size))
        return true;
    events_parsed_free(out);
    return false;
}

void events_parsed_free(events_parsed *parsed)
{
    json_decref(parsed->json);
    free(parsed->recipients);
    for (size_t i = 0; i < parsed->detail_count; i++)
        free(parsed->details[i]);
    free(parsed->details);
    memset(parsed, 0, sizeof *parsed);
}
