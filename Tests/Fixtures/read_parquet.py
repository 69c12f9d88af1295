"""Reads Parquet files written by the Swift writer with two independent readers, pyarrow and
DuckDB, and prints one JSON summary for the Swift tests (Tests/ParquetTests) to check.

Usage: read_parquet.py [--rows] [--query] FILE...
  --rows   include every row (as pyarrow reads it) in the summary
  --query  run the license/caption DuckDB query the tests expect
Exit code 3 (with {"missing": ...}) when pyarrow or duckdb is not installed.
"""
import json
import math
import sys

try:
    import duckdb
    import pyarrow.parquet as pq
except ImportError as error:  # the Swift test decides whether that is a skip or a failure
    print(json.dumps({"missing": str(error)}))
    sys.exit(3)


def summarize(path, want_rows, want_query):
    parquet = pq.ParquetFile(path)
    table = parquet.read()
    metadata = parquet.metadata
    summary = {
        "pyarrow": {
            "types": {field.name: str(field.type) for field in table.schema},
            "nullable": {field.name: field.nullable for field in table.schema},
            "num_rows": table.num_rows,
            "num_row_groups": metadata.num_row_groups,
            "row_group_rows": [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)],
            "created_by": metadata.created_by,
            "codecs": sorted({metadata.row_group(i).column(j).compression
                              for i in range(metadata.num_row_groups)
                              for j in range(metadata.num_columns)}),
        }
    }
    # Per column, over all row groups: the encodings the footer lists and whether a dictionary page opens a chunk.
    chunks = [metadata.row_group(i).column(j)
              for i in range(metadata.num_row_groups) for j in range(metadata.num_columns)]
    summary["pyarrow"]["encodings"] = {
        path: sorted({encoding for chunk in chunks if chunk.path_in_schema == path for encoding in chunk.encodings})
        for path in {chunk.path_in_schema for chunk in chunks}}
    summary["pyarrow"]["dictionary_pages"] = {
        path: sum(1 for chunk in chunks if chunk.path_in_schema == path and chunk.has_dictionary_page)
        for path in {chunk.path_in_schema for chunk in chunks}}
    # Per column: the largest dictionary page, as stored (its header included).
    summary["pyarrow"]["dictionary_page_bytes"] = {
        path: max([chunk.data_page_offset - chunk.dictionary_page_offset
                   for chunk in chunks if chunk.path_in_schema == path and chunk.has_dictionary_page], default=0)
        for path in {chunk.path_in_schema for chunk in chunks}}
    # Per row group, per flat column: [min, max] when the footer gives them, else None.
    statistics = []
    for i in range(metadata.num_row_groups):
        group = {}
        for j in range(metadata.num_columns):
            column = metadata.row_group(i).column(j)
            stats = column.statistics
            group[column.path_in_schema] = (
                [stats.min, stats.max] if stats is not None and stats.has_min_max else None)
        statistics.append(group)
    summary["pyarrow"]["statistics"] = statistics
    rows = table.to_pylist()
    if want_rows:
        summary["pyarrow"]["rows"] = rows

    connection = duckdb.connect()
    described = connection.execute("DESCRIBE SELECT * FROM read_parquet(?)", [path]).fetchall()
    duck_rows = connection.execute("SELECT * FROM read_parquet(?)", [path]).fetchall()
    names = [row[0] for row in described]
    duck_dicts = [dict(zip(names, row)) for row in duck_rows]
    summary["duckdb"] = {
        "types": {row[0]: row[1] for row in described},
        "count": connection.execute("SELECT count(*) FROM read_parquet(?)", [path]).fetchone()[0],
        # Both readers must agree on every value, in order.
        "rows_match_pyarrow": duck_dicts == rows,
    }
    if want_query:
        summary["duckdb"]["commercial_aureus"] = connection.execute(
            "SELECT count(*) FROM read_parquet(?) WHERE license_group = 'commercial' AND caption ILIKE '%aureus%'",
            [path]).fetchone()[0]
        summary["duckdb"]["keyword_rows"] = connection.execute(
            "SELECT count(*) FROM read_parquet(?) WHERE list_contains(keywords, 'MRSA')", [path]).fetchone()[0]
        summary["duckdb"]["id_range"] = connection.execute(
            "SELECT count(*) FROM read_parquet(?) WHERE id BETWEEN 12000 AND 12010", [path]).fetchone()[0]
        summary["duckdb"]["sum_id"] = connection.execute(
            "SELECT sum(id) FROM read_parquet(?)", [path]).fetchone()[0]
    return summary


def clean(value):
    """JSON has no NaN or infinities; spell them as strings so Swift's parser accepts the output."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return str(value)
    if isinstance(value, dict):
        return {key: clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean(item) for item in value]
    return value


def main(argv):
    flags = {arg for arg in argv if arg.startswith("--")}
    paths = [arg for arg in argv if not arg.startswith("--")]
    result = {path: summarize(path, "--rows" in flags, "--query" in flags) for path in paths}
    print(json.dumps(clean(result), allow_nan=False))


if __name__ == "__main__":
    main(sys.argv[1:])
