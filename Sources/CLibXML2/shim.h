#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, whose headers then clash with the ICU copy inside Foundation in
   any Swift module that sees both. Nothing here uses the ICU-only encoding-handler fields this
   hides, and libxml2 itself still decodes with ICU. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
