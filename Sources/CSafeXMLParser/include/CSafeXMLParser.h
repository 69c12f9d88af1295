#ifndef CSAFEXMLPARSER_H
#define CSAFEXMLPARSER_H

#include <libxml/xmlversion.h>
/* See CLibXML2/shim.h: ICU's headers clash with Foundation's copy of ICU. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

/// The first error libxml2 reported while parsing, copied out of libxml2's own buffers.
typedef struct {
    int code;
    int line;
    int column;
    char message[512];
} bm_xml_error;

/// Parses `length` bytes as XML with the network, DTD loading, external entities and entity
/// substitution all off. Returns NULL and fills `error` when the document is not well-formed.
xmlDocPtr bm_xml_parse(const char *bytes, int length, bm_xml_error *error);

/// Frees a document returned by `bm_xml_parse`.
void bm_xml_free(xmlDocPtr document);

#endif
