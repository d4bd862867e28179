// One schema per table, declared once in schemas/*.schema.json: every derived file (the Parquet
// column trees, HF Features, dataset card, DuckDB macros, the Python module) is what
// scripts/gen-schemas.ts makes from them today, and the derivation types each JSON Schema form as
// every tool needs it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from '../scripts/gen-schemas.ts';
import { duckdbType, hfFeatures, parquetSchema, polarsType } from '../src/export/derive.ts';
import { writeParquet } from '../src/export/parquet.ts';
import { tableSchema, type FieldType } from '../src/export/table-schema.ts';
import { TABLE_SCHEMAS } from '../src/export/tables.generated.ts';

const ROOT = path.join(import.meta.dirname, '..');

describe('derived schema files', () => {
  it.each([...generatedFiles(ROOT).entries()].map(([file, content]) => [file, content]))('%s is up to date (npx tsx scripts/gen-schemas.ts)', (file, content) => {
    expect(readFileSync(path.join(ROOT, file), 'utf8')).toBe(content);
  });
});

const field = (schema: object): FieldType => tableSchema('sentences', { type: 'object', additionalProperties: false, required: ['x'], properties: { x: schema } }).fields[0]!.type;

describe('tableSchema + derivations', () => {
  it.each([
    [{ type: ['string', 'null'] }, 'pl.String', 'VARCHAR', { dtype: 'string', _type: 'Value' }],
    [{ type: 'integer' }, 'pl.Int64', 'BIGINT', { dtype: 'int64', _type: 'Value' }],
    [{ enum: [1, 2] }, 'pl.Int64', 'BIGINT', { dtype: 'int64', _type: 'Value' }],
    [{ enum: ['body', 'title'] }, 'pl.String', 'VARCHAR', { dtype: 'string', _type: 'Value' }],
    [{ type: ['number', 'null'] }, 'pl.Float64', 'DOUBLE', { dtype: 'float64', _type: 'Value' }],
    [{ type: 'array', items: { enum: ['split'] } }, 'pl.List(pl.String)', 'VARCHAR[]', { feature: { dtype: 'string', _type: 'Value' }, _type: 'List' }],
    [
      { type: 'array', items: { type: 'array', items: { type: 'string' } } },
      'pl.List(pl.List(pl.String))',
      'VARCHAR[][]',
      { feature: { feature: { dtype: 'string', _type: 'Value' }, _type: 'List' }, _type: 'List' },
    ],
    [
      { type: 'object', additionalProperties: false, required: ['end'], properties: { end: { type: 'integer' } } },
      'pl.Struct({"end": pl.Int64})',
      'STRUCT("end" BIGINT)',
      { end: { dtype: 'int64', _type: 'Value' } },
    ],
  ])('%j → polars %s, DuckDB %s, HF %j', (schema, polars, duckdb, hf) => {
    const type = field(schema);
    expect(polarsType(type)).toBe(polars);
    expect(duckdbType(type)).toBe(duckdb);
    expect(hfFeatures([{ name: 'x', type, nullable: true }]).x).toEqual(hf);
  });

  it('a null-only column keeps its declared type, and nullability follows the JSON Schema', () => {
    const { fields } = tableSchema('sentences', {
      type: 'object',
      additionalProperties: false,
      required: ['en', 'fr'],
      properties: { en: { type: ['string', 'null'] }, fr: { type: 'string' }, extra: { type: 'string' } },
    });
    expect(fields.map((f) => [f.name, f.type.kind, f.nullable])).toEqual([
      ['en', 'string', true],
      ['fr', 'string', false],
      ['extra', 'string', true],
    ]);
    expect(parquetSchema(fields).map((e) => [e.name, e.type, e.repetition_type])).toEqual([
      ['root', undefined, undefined],
      ['en', 'BYTE_ARRAY', 'OPTIONAL'],
      ['fr', 'BYTE_ARRAY', 'REQUIRED'],
      ['extra', 'BYTE_ARRAY', 'OPTIONAL'],
    ]);
  });

  it.each([
    [{ type: 'object', additionalProperties: { type: 'number' } }, /fixed properties/],
    [{ type: ['string', 'integer'] }, /one type besides null/],
    [{ type: 'array' }, /needs items/],
  ])('refuses %j (no fixed column type in every tool)', (schema, message) => {
    expect(() => field(schema)).toThrow(message);
  });
});

describe('writeParquet', () => {
  it.each([
    [{ id: 'g1', docs: ['a'], sources: [null], members: [{ id: 'a:0', doc: 'a', start: 0, end: 3, fr: 'Oui' }], score: 1, story: null }, null],
    [{ id: 'g1', docs: ['a'], sources: [null], members: [{ id: 'a:0', doc: 'a', start: 0, fr: 'Oui' }], score: 1, story: null }, /groups\.jsonl: record 1 has no "members\[\]\.end"/],
    [{ id: 'g1', sources: [], members: [], score: 1, story: null }, /record 1 has no "docs"/],
  ])('a record missing a required value is one line naming the file, record and field: %j', async (record, message) => {
    const out = new PassThrough();
    out.resume();
    const write = writeParquet([record], TABLE_SCHEMAS.groups.fields, out, { createdBy: 'test', source: 'RUN/groups.jsonl' });
    if (message === null) await expect(write).resolves.toBe(1);
    else await expect(write).rejects.toThrow(message);
  });
});
