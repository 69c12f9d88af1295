#include "CSafeXMLParser.h"

#include <pthread.h>
#include <string.h>

/* Every external entity, DTD or XInclude is refused, whatever a document asks for. */
static xmlParserInputPtr refuse_external_entity(const char *url, const char *id, xmlParserCtxtPtr context) {
    (void)url; (void)id; (void)context;
    return NULL;
}

static void initialize_once(void) {
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_external_entity);
}

static pthread_once_t initialized = PTHREAD_ONCE_INIT;

/* Keeps the first error only: later ones are usually consequences of it. */
static void record_error(void *user, xmlErrorPtr reported) {
    bm_xml_error *error = (bm_xml_error *)user;
    if (error == NULL || reported == NULL || error->code != 0) return;
    if (reported->level < XML_ERR_ERROR) return;
    error->code = reported->code;
    error->line = reported->line;
    error->column = reported->int2;
    const char *message = reported->message ? reported->message : "unknown XML error";
    strncpy(error->message, message, sizeof(error->message) - 1);
    error->message[sizeof(error->message) - 1] = '\0';
    size_t end = strlen(error->message);
    while (end > 0 && (error->message[end - 1] == '\n' || error->message[end - 1] == ' ')) {
        error->message[--end] = '\0';
    }
}

xmlDocPtr bm_xml_parse(const char *bytes, int length, bm_xml_error *error) {
    pthread_once(&initialized, initialize_once);
    memset(error, 0, sizeof(*error));

    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context == NULL) {
        error->code = XML_ERR_NO_MEMORY;
        strcpy(error->message, "out of memory creating the XML parser");
        return NULL;
    }
    xmlSetStructuredErrorFunc(error, record_error);
    context->replaceEntities = 0;
    /* Deliberately absent: XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR,
       XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE, XML_PARSE_HUGE, XML_PARSE_RECOVER. */
    int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_COMPACT;
    xmlDocPtr document = xmlCtxtReadMemory(context, bytes, length, NULL, NULL, options);
    int wellFormed = context->wellFormed;
    xmlFreeParserCtxt(context);
    xmlSetStructuredErrorFunc(NULL, NULL);

    if (document != NULL && !wellFormed) {
        xmlFreeDoc(document);
        document = NULL;
    }
    if (document == NULL && error->code == 0) {
        error->code = XML_ERR_DOCUMENT_EMPTY;
        strcpy(error->message, "the document could not be parsed");
    }
    return document;
}

void bm_xml_free(xmlDocPtr document) {
    xmlFreeDoc(document);
}
