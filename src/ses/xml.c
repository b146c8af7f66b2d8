/* xml.c: SES answers read with expat, as a stream of (path, text) leaves.
 *
 * Every SES answer is shallow and small: a root, a Result or Error, a few
 * leaves, at most one list. So instead of a tree the parser reports, at the
 * end of each element, the '/'-joined local names below the root and the
 * element's trimmed text; callers match paths from a table, and may stop the
 * parse with the reason an answer is unusable. Namespaces are
 * dropped ("uri|Name" -> "Name"). A document that is not well-formed (a
 * truncated answer) is an error with expat's line and column.
 */
#include <stdio.h>
#include <string.h>

#include <expat.h>

#include "ses/ses_internal.h"

enum { XML_MAX_DEPTH = 32 };

typedef struct {
    XML_Parser parser;
    char *root;
    size_t root_size;
    ses_xml_leaf_fn leaf;
    void *context;
    int depth;
    strbuf path;                          /* below the root, '/'-joined */
    size_t path_length[XML_MAX_DEPTH];    /* path.len before each level */
    strbuf text;                          /* character data of the open element */
    const char *abort_reason;
} xml_reader;

static const char *xml_local_name(const char *name)
{
    const char *bar = strrchr(name, '|');
    return bar ? bar + 1 : name;
}

static void xml_stop(xml_reader *reader, const char *reason)
{
    reader->abort_reason = reason;
    XML_StopParser(reader->parser, XML_FALSE);
}

static void XMLCALL xml_start(void *data, const char *name, const char **attributes)
{
    xml_reader *reader = data;
    const char *local = xml_local_name(name);
    if (reader->depth >= XML_MAX_DEPTH) {
        xml_stop(reader, "nested too deeply");
        return;
    }
    reader->path_length[reader->depth] = reader->path.len;
    if (reader->depth == 0) {
        ses_copy_text(reader->root, reader->root_size, local);
    } else {
        if (reader->path.len)
            strbuf_putc(&reader->path, '/');
        strbuf_puts(&reader->path, local);
    }
    reader->depth++;
    strbuf_truncate(&reader->text, 0);
}

static void XMLCALL xml_end(void *data, const char *name)
{
    xml_reader *reader = data;
    reader->depth--;
    if (reader->depth > 0) {
        const char *text = strbuf_cstr(&reader->text);
        size_t start = strspn(text, " \t\r\n");
        size_t end = reader->text.len;
        while (end > start && strchr(" \t\r\n", text[end - 1]))
            end--;
        strbuf_truncate(&reader->text, end);
        const char *unusable = reader->leaf(reader->context, strbuf_cstr(&reader->path),
                                            text + start);
        if (unusable)
            xml_stop(reader, unusable);
    }
    strbuf_truncate(&reader->path, reader->path_length[reader->depth]);
    strbuf_truncate(&reader->text, 0);
}

static void XMLCALL xml_characters(void *data, const char *characters, int length)
{
    xml_reader *reader = data;
    strbuf_append(&reader->text, characters, (size_t)length);
}

bool ses_xml_parse(const char *xml, size_t length, char *root, size_t root_size,
                   ses_xml_leaf_fn leaf, void *context, char *error, size_t error_size)
{
    xml_reader reader = {.root = root, .root_size = root_size, .leaf = leaf, .context = context};
    reader.parser = XML_ParserCreateNS(NULL, '|');
    if (!reader.parser) {
        snprintf(error, error_size, "out of memory creating the XML parser");
        return false;
    }
    if (root_size)
        root[0] = '\0';
    XML_SetUserData(reader.parser, &reader);
    XML_SetElementHandler(reader.parser, xml_start, xml_end);
    XML_SetCharacterDataHandler(reader.parser, xml_characters);

    bool ok = length <= (size_t)INT32_MAX &&
              XML_Parse(reader.parser, xml, (int)length, XML_TRUE) == XML_STATUS_OK;
    if (!ok) {
        const char *reason = reader.abort_reason ? reader.abort_reason
                                                 : XML_ErrorString(XML_GetErrorCode(reader.parser));
        snprintf(error, error_size, "XML %lu:%lu: %s",
                 (unsigned long)XML_GetCurrentLineNumber(reader.parser),
                 (unsigned long)XML_GetCurrentColumnNumber(reader.parser) + 1, reason);
    }
    XML_ParserFree(reader.parser);
    strbuf_free(&reader.path);
    strbuf_free(&reader.text);
    return ok;
}

/* ---- <ErrorResponse> ---- */

static const char *xml_error_leaf(void *context, const char *path, const char *text)
{
    ses_status *status = context;
    if (strcmp(path, "Error/Code") == 0)
        ses_copy_text(status->error_code, sizeof status->error_code, text);
    else if (strcmp(path, "Error/Message") == 0)
        ses_copy_text(status->error_message, sizeof status->error_message, text);
    else if (strcmp(path, "RequestId") == 0)
        ses_copy_text(status->request_id, sizeof status->request_id, text);
    return NULL;
}

bool ses_xml_parse_error(const char *xml, size_t length, ses_status *status)
{
    char root[64];
    char error[128];
    ses_status parsed = *status;
    parsed.error_code[0] = parsed.error_message[0] = parsed.request_id[0] = '\0';
    if (!ses_xml_parse(xml, length, root, sizeof root, xml_error_leaf, &parsed, error,
                       sizeof error))
        return false;
    if (strcmp(root, "ErrorResponse") != 0 || !parsed.error_code[0])
        return false;
    *status = parsed;
    return true;
}
