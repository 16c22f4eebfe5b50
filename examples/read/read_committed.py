#!/usr/bin/env python3
"""Read one committed version of a Sediment table with DuckDB or pyarrow, through `table describe --json`.

    sediment table describe events --json [--version N] > events.json
    python3 read_committed.py events.json --engine duckdb [--min 1000 --max 2000]

The file list in the description is the version's exact contents: never glob the table's data
directory, which also holds files of runs that have not committed (or never will) and files that a
later version removed. With --min/--max (inclusive, on the first row-key field) files whose
minRowKey/maxRowKey cannot hold a key in the range are skipped before any is opened, and the rows
read are filtered to the range. Prints one JSON line: engine, version, files read, rows, and the sum
of the first row-key field (numeric keys).
"""
import argparse
import json
import sys


def local_path(path):
    # Sediment writes qualified Hadoop paths: file:/abs/path locally, s3a://bucket/key on S3 (s3:// for DuckDB/pyarrow).
    if path.startswith("file:"):
        return path[len("file:"):]
    if path.startswith("s3a://"):
        return "s3://" + path[len("s3a://"):]
    return path


def committed_files(description, key, lo, hi):
    for f in description["files"]:
        fmin = (f.get("minRowKey") or {}).get(key)
        fmax = (f.get("maxRowKey") or {}).get(key)
        if lo is not None and fmax is not None and fmax < lo:
            continue
        if hi is not None and fmin is not None and fmin > hi:
            continue
        yield local_path(f["path"])


def read_duckdb(files, key, lo, hi):
    import duckdb
    con = duckdb.connect()
    where = []
    if lo is not None:
        where.append(f'"{key}" >= {lo}')
    if hi is not None:
        where.append(f'"{key}" <= {hi}')
    sql = f'SELECT count(*), coalesce(sum("{key}"), 0) FROM read_parquet(?)'
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows, total = con.execute(sql, [files]).fetchone()
    return rows, int(total)


def read_pyarrow(files, key, lo, hi):
    import pyarrow.compute as pc
    import pyarrow.dataset as ds
    dataset = ds.dataset(files, format="parquet")
    expr = None
    if lo is not None:
        expr = ds.field(key) >= lo
    if hi is not None:
        upper = ds.field(key) <= hi
        expr = upper if expr is None else expr & upper
    table = dataset.to_table(columns=[key], filter=expr)
    total = pc.sum(table.column(key)).as_py() if table.num_rows else 0
    return table.num_rows, int(total or 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("description", help="the output of 'sediment table describe NAME --json'")
    parser.add_argument("--engine", choices=["duckdb", "pyarrow"], default="duckdb")
    parser.add_argument("--min", type=int, help="smallest first row-key value to read (inclusive)")
    parser.add_argument("--max", type=int, help="largest first row-key value to read (inclusive)")
    args = parser.parse_args()
    with open(args.description) as fh:
        description = json.load(fh)
    key = description["schema"]["rowKeyFields"][0]["name"]
    files = list(committed_files(description, key, args.min, args.max))
    if not files:
        rows, total = 0, 0
    elif args.engine == "duckdb":
        rows, total = read_duckdb(files, key, args.min, args.max)
    else:
        rows, total = read_pyarrow(files, key, args.min, args.max)
    json.dump({"engine": args.engine, "version": description["version"], "files": len(files), "rows": rows,
               "keySum": total}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
