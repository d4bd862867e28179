#!/usr/bin/env python3
"""Loads every fralign table with the Python tools corpus users use (pandas, polars, DuckDB,
Hugging Face datasets, pyarrow), each with its one-line call from docs/outputs.md, on two real runs:
an untranslated 210-article run whose first 30 articles have no title/source (hundreds of leading
null rows) and whose last 36 are one wire story (copy pairs), and a translated 15-article run (the
tiny test model). Checks row counts against the
JSONL, the column types, and that the untranslated and translated files concatenate.

Offline tooling, not part of `npm test` (the product and its tests are Node only). Needs Python 3.11
with pandas, polars, duckdb, datasets, pyarrow, e.g. from the local wheel index:
    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install --index-url file:///opt/pypi/simple \\
        pandas polars duckdb datasets pyarrow
    /tmp/venv/bin/python scripts/check-loaders.py [--work DIR]
Prints one line per check and exits 1 if any fails.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "schemas"))
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import datasets  # noqa: E402
import duckdb  # noqa: E402
import pandas as pd  # noqa: E402
import polars as pl  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.json as paj  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from fralign_schemas import DUCKDB_COLUMNS, TABLES, arrow_schema, features, polars_schema  # noqa: E402

datasets.disable_progress_bars()
# groups.jsonl `sources` is a list that may start with null: pyarrow's JSON type inference then
# builds invalid list offsets (apache/arrow#51305, huggingface/datasets#5531), which the `datasets`
# JSON loader uses. An explicit schema avoids it; so does the Parquet export.
ARROW_51305 = "pyarrow JSON inference bug apache/arrow#51305 on lists starting with null; use the Parquet export or paj explicit_schema"
datasets.logging.set_verbosity_error()
FAILED = []


def check(name, fn, known=None):
    """Runs one loader call. `known`: why this call is expected to fail (printed, not counted)."""
    try:
        result = fn()
        print(f"ok    {name}: {result}")
    except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the others
        while isinstance(error, datasets.exceptions.DatasetGenerationError) and error.__cause__ is not None:
            error = error.__cause__
        line = f"{name}: {type(error).__name__}: {str(error).splitlines()[0][:110]}"
        if known:
            print(f"known {line} ({known})")
        else:
            FAILED.append(name)
            print(f"FAIL  {line}")


def expect(value, wanted, what="rows"):
    if value != wanted:
        raise AssertionError(f"{what} {value}, expected {wanted}")
    return f"{value} {what}"


def fralign(*args):
    subprocess.run(["node", str(ROOT / "bin" / "fralign.js"), *args], check=True, cwd=ROOT)


def build(work):
    tiny = ROOT / "test" / "fixtures" / "models" / "tiny-marian"
    subprocess.run(["npx", "tsx", "scripts/lib/loader-corpus.ts", str(work / "corpus.jsonl"), "210", "36"], check=True, cwd=ROOT)
    subprocess.run(["npx", "tsx", "scripts/lib/loader-corpus.ts", str(work / "small.jsonl"), "15"], check=True, cwd=ROOT)
    runs = {"untranslated": work / "untranslated", "translated": work / "translated"}
    fralign("run", str(work / "corpus.jsonl"), "--out", str(runs["untranslated"]), "--no-translate", "--quiet")
    fralign("run", str(work / "small.jsonl"), "--out", str(runs["translated"]), "--model", str(tiny), "--quiet")
    for run in runs.values():
        for table in TABLES:
            fralign("export", str(run), "--format", "parquet", "--table", table, "--quiet")
        for fmt in ("csv", "tsv", "hf", "parquet"):
            fralign("export", str(run), "--format", fmt, "--pairs", "aligned", "--quiet")
    for fmt in ("csv", "tsv", "hf", "parquet"):
        fralign("export", str(runs["translated"]), "--format", fmt, "--quiet")
    return runs


def lines(path):
    with open(path, encoding="utf-8") as f:
        return sum(1 for line in f if line.strip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", help="folder for the corpus and runs (default: a new temp folder)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="fralign-loaders-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"pandas {pd.__version__}, polars {pl.__version__}, duckdb {duckdb.__version__}, datasets {datasets.__version__}, pyarrow {pa.__version__}; runs in {work}")
    runs = build(work)
    cache = str(work / "hf-cache")

    for run_name, run in runs.items():
        for table in TABLES:
            jsonl = str(run / f"{table}.jsonl")
            parquet = str(run / "export" / f"{table}.parquet")
            n = lines(jsonl)
            tag = f"{run_name} {table}"
            check(f"{tag}: pd.read_json(lines=True)", lambda: expect(len(pd.read_json(jsonl, lines=True)), n))
            check(f"{tag}: pd.read_parquet", lambda: expect(len(pd.read_parquet(parquet)), n))
            check(f"{tag}: pl.read_parquet", lambda: expect(pl.read_parquet(parquet).height, n))
            check(f"{tag}: pl.read_ndjson(schema=polars_schema)", lambda: expect(pl.read_ndjson(jsonl, schema=polars_schema(table)).height, n))
            check(f"{tag}: duckdb from 'x.jsonl'", lambda: expect(duckdb.sql(f"select count(*) from '{jsonl}'").fetchone()[0], n))
            check(f"{tag}: duckdb from 'x.parquet'", lambda: expect(duckdb.sql(f"select count(*) from '{parquet}'").fetchone()[0], n))
            check(f"{tag}: duckdb read_json(columns=DUCKDB_COLUMNS)", lambda: expect(duckdb.sql(f"select count(*) from read_json('{jsonl}', columns={DUCKDB_COLUMNS[table]})").fetchone()[0], n))
            check(f"{tag}: datasets json + features", lambda: expect(datasets.load_dataset("json", data_files=jsonl, features=features(table), split="train", cache_dir=cache).num_rows, n), known=ARROW_51305 if table == "groups" else None)
            check(f"{tag}: datasets Dataset(paj.read_json(explicit_schema))", lambda: expect(datasets.Dataset(paj.read_json(jsonl, parse_options=paj.ParseOptions(explicit_schema=arrow_schema(table)))).num_rows, n))
            check(f"{tag}: datasets parquet", lambda: expect(datasets.load_dataset("parquet", data_files=parquet, split="train", cache_dir=cache).num_rows, n))
            check(f"{tag}: Parquet schema == arrow_schema()", lambda: expect(pq.read_schema(parquet).remove_metadata().equals(arrow_schema(table)), True, "equal"))
        # The defaults without a schema, for the record (docs/outputs.md says which need the schema).
        sentences = str(run / "sentences.jsonl")
        check(f"{run_name} sentences: pl.read_ndjson() with no schema", lambda: f"{pl.read_ndjson(sentences).height} rows", known="polars infers from the first 100 rows; pass schema=polars_schema(...)")
        check(f"{run_name} sentences: pl.read_ndjson(infer_schema_length=None)", lambda: expect(pl.read_ndjson(sentences, infer_schema_length=None).height, lines(sentences)))
        end_query = 'select start, "end" from \'' + sentences + "'"
        check(f"{run_name} sentences: duckdb {end_query.split(' from')[0]}", lambda: f"{len(duckdb.sql(end_query).fetchall())} rows")

    # Untranslated + translated: one schema, so they concatenate.
    for table in TABLES:
        u = str(runs["untranslated"] / "export" / f"{table}.parquet")
        t = str(runs["translated"] / "export" / f"{table}.parquet")
        uj = str(runs["untranslated"] / f"{table}.jsonl")
        tj = str(runs["translated"] / f"{table}.jsonl")
        n = lines(uj) + lines(tj)
        check(f"concat {table}: pl.concat(read_parquet)", lambda: expect(pl.concat([pl.read_parquet(u), pl.read_parquet(t)]).height, n))
        check(f"concat {table}: pl.read_parquet([u, t])", lambda: expect(pl.read_parquet([u, t]).height, n))
        if table == "sentences":
            check("concat sentences: pl.concat(read_ndjson(infer_schema_length=None))", lambda: expect(pl.concat([pl.read_ndjson(f, infer_schema_length=None) for f in (uj, tj)]).height, n), known="an all-null column is typed Null without the schema")
        check(f"concat {table}: pl.concat(read_ndjson(schema))", lambda: expect(pl.concat([pl.read_ndjson(f, schema=polars_schema(table)) for f in (uj, tj)]).height, n))
        check(f"concat {table}: datasets parquet [u, t]", lambda: expect(datasets.load_dataset("parquet", data_files=[u, t], split="train", cache_dir=cache).num_rows, n))
        check(f"concat {table}: datasets json [u, t] + features", lambda: expect(datasets.load_dataset("json", data_files=[uj, tj], features=features(table), split="train", cache_dir=cache).num_rows, n), known=ARROW_51305 if table == "groups" else None)
        check(f"concat {table}: pd.concat(read_parquet)", lambda: expect(len(pd.concat([pd.read_parquet(u), pd.read_parquet(t)])), n))
        check(f"concat {table}: duckdb read_parquet([u, t])", lambda: expect(duckdb.sql(f"select count(*) from read_parquet(['{u}', '{t}'])").fetchone()[0], n))

    # The dataset card: copied as README.md beside the JSONL, load_dataset(folder, table) uses its features.
    card_dir = work / "card"
    card_dir.mkdir(exist_ok=True)
    for table in TABLES:
        shutil.copy(runs["untranslated"] / f"{table}.jsonl", card_dir / f"{table}.jsonl")
    shutil.copy(ROOT / "schemas" / "derived" / "dataset-card.md", card_dir / "README.md")
    for table in TABLES:
        n = lines(card_dir / f"{table}.jsonl")
        check(f"dataset card: load_dataset(folder, {table!r})", lambda: expect(datasets.load_dataset(str(card_dir), table, split="train", cache_dir=cache).num_rows, n), known=ARROW_51305 if table == "groups" else None)
    check("alignments.parquet: copy and computed pairs in one signals struct", lambda: expect(pl.read_parquet(str(runs["untranslated"] / "export" / "alignments.parquet")).select(pl.col("signals").struct.field("copy").is_not_null().sum()).item() > 0, True, "copy pairs present"))
    check("dataset card: sentences en is string", lambda: expect(str(datasets.load_dataset(str(card_dir), "sentences", split="train", cache_dir=cache).features["en"].dtype), "string", "dtype"))

    # The DuckDB macros file.
    def macros():
        con = duckdb.connect()
        con.execute((ROOT / "schemas" / "derived" / "duckdb.sql").read_text())
        s = str(runs["untranslated"] / "sentences.jsonl")
        types = {r[0]: r[1] for r in con.sql(f"describe select * from fralign_sentences('{s}')").fetchall()}
        expect(types["en"], "VARCHAR", "en type")
        return expect(con.sql(f"select count(*) from fralign_sentences('{s}') where \"end\" > start").fetchone()[0], lines(s))
    check("duckdb.sql macros: fralign_sentences(path), en VARCHAR", macros)

    # The pairs exports with each tool's default reader.
    for run_name, pairs in (("translated", "translation"), ("translated", "aligned"), ("untranslated", "aligned")):
        export = runs[run_name] / "export"
        parquet = str(export / f"{pairs}.parquet")
        n = pl.read_parquet(parquet).height
        for fmt, sep in (("csv", ","), ("tsv", "\t")):
            f = str(export / f"{pairs}.{fmt}")
            check(f"{run_name} {pairs}.{fmt}: pd.read_csv(sep)", lambda: expect(len(pd.read_csv(f, sep=sep)), n))
            check(f"{run_name} {pairs}.{fmt}: pl.read_csv(separator)", lambda: expect(pl.read_csv(f, separator=sep).height, n))
            check(f"{run_name} {pairs}.{fmt}: duckdb read_csv", lambda: expect(duckdb.sql(f"select count(*) from read_csv('{f}')").fetchone()[0], n))
            check(f"{run_name} {pairs}.{fmt}: first column name", lambda: expect(pd.read_csv(f, sep=sep).columns[0], "id" if pairs == "translation" else "a", "column"))
        if pairs == "translation":
            f = str(export / "translation.tsv")
            check("translation.tsv: en_flags json.loads → list", lambda: expect(all(isinstance(json.loads(x), list) for x in pd.read_csv(f, sep="\t")["en_flags"]), True, "all lists"))
            check("translation.parquet: en_flags list<string>", lambda: expect(str(pl.read_parquet(parquet).schema["en_flags"]), "List(String)", "dtype"))
            check("translation.jsonl (hf): datasets json", lambda: expect(datasets.load_dataset("json", data_files=str(export / "translation.jsonl"), split="train", cache_dir=cache).num_rows, n))

    print(f"{'FAILED: ' + ', '.join(FAILED) if FAILED else 'all checks passed'}")
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
