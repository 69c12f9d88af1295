// Zstandard's one-shot compression API, for Parquet pages.
#include <zstd.h>
