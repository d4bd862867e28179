// Every tool's schema, derived from one column tree (./table-schema.ts): the Parquet schema fralign
// writes, and the Hugging Face Features, polars schema, DuckDB column types and Arrow schema that
// scripts/gen-schemas.ts writes into schemas/ for users. Integers are int64 and numbers float64
// everywhere, the types pandas, polars and DuckDB infer from the JSONL, so a Parquet file and its
// JSONL load with the same dtypes. Pure.
import type { ParquetWriter } from 'hyparquet-writer';
import type { Field, FieldType } from './table-schema.ts';

// ---- Parquet (hyparquet SchemaElement list: depth-first, with num_children) ----

/** The writer's own SchemaElement type (hyparquet-writer pins its own hyparquet). */
type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

/** The Parquet schema of a table: lists as the standard 3-level LIST, objects as groups (structs). */
export function parquetSchema(fields: readonly Field[]): SchemaElement[] {
  return [{ name: 'root', num_children: fields.length }, ...fields.flatMap((f) => parquetElements(f.name, f.type, f.nullable))];
}

function parquetElements(name: string, type: FieldType, nullable: boolean): SchemaElement[] {
  const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (type.kind) {
    case 'string':
      return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type }];
    case 'int64':
      return [{ name, type: 'INT64', repetition_type }];
    case 'float64':
      return [{ name, type: 'DOUBLE', repetition_type }];
    case 'bool':
      return [{ name, type: 'BOOLEAN', repetition_type }];
    case 'list':
      return [
        { name, repetition_type, converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        ...parquetElements('element', type.items, type.itemsNullable),
      ];
    case 'struct':
      return [{ name, repetition_type, num_children: type.fields.length }, ...type.fields.flatMap((f) => parquetElements(f.name, f.type, f.nullable))];
  }
}

/**
 * A JSON value as the Parquet writer takes it: INT64 as bigint, absent struct fields as null. A
 * missing value the schema requires inside a struct or list throws, naming its path (`signals.margin`).
 */
export function parquetValue(type: FieldType, value: unknown, path = ''): unknown {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'int64':
      return BigInt(value as number);
    case 'list':
      return (value as readonly unknown[]).map((v) => {
        if ((v === null || v === undefined) && !type.itemsNullable) throw new MissingValue(`${path}[]`);
        return parquetValue(type.items, v, `${path}[]`);
      });
    case 'struct': {
      const object = value as Readonly<Record<string, unknown>>;
      return Object.fromEntries(
        type.fields.map((f) => {
          const inner = object[f.name];
          if ((inner === null || inner === undefined) && !f.nullable) throw new MissingValue(path ? `${path}.${f.name}` : f.name);
          return [f.name, parquetValue(f.type, inner, path ? `${path}.${f.name}` : f.name)];
        }),
      );
    }
    default:
      return value;
  }
}

/** A value the schema requires is missing; `path` names it (the caller adds the file and record). */
export class MissingValue extends Error {
  constructor(readonly path: string) {
    super(`"${path}" is missing`);
  }
}

// ---- Hugging Face datasets ----

type FeatureDict = { readonly [key: string]: unknown };

/** `datasets.Features.to_dict()` form: `datasets.Features.from_dict(json)` rebuilds it. */
export function hfFeatures(fields: readonly Field[]): FeatureDict {
  return Object.fromEntries(fields.map((f) => [f.name, hfFeature(f.type)]));
}

const HF_DTYPE: Readonly<Record<string, string>> = { string: 'string', int64: 'int64', float64: 'float64', bool: 'bool' };

function hfFeature(type: FieldType): unknown {
  switch (type.kind) {
    case 'list':
      return { feature: hfFeature(type.items), _type: 'List' };
    case 'struct':
      return hfFeatures(type.fields);
    default:
      return { dtype: HF_DTYPE[type.kind], _type: 'Value' };
  }
}

/** Dataset-card YAML (`dataset_info.features`), indented by `indent` spaces. */
export function hfCardYaml(fields: readonly Field[], indent: number): string {
  return fields.map((f) => yamlField(f.name, f.type, indent)).join('');
}

function yamlField(name: string, type: FieldType, indent: number): string {
  const pad = ' '.repeat(indent);
  return `${pad}- name: ${name}\n${yamlType(type, indent + 2)}`;
}

function yamlType(type: FieldType, indent: number): string {
  const pad = ' '.repeat(indent);
  switch (type.kind) {
    case 'list':
      if (type.items.kind === 'struct') return `${pad}list:\n${hfCardYaml(type.items.fields, indent)}`;
      if (type.items.kind === 'list') return `${pad}list:\n${yamlType(type.items, indent + 2)}`;
      return `${pad}list: ${HF_DTYPE[type.items.kind]}\n`;
    case 'struct':
      return `${pad}struct:\n${hfCardYaml(type.fields, indent)}`;
    default:
      return `${pad}dtype: ${HF_DTYPE[type.kind]}\n`;
  }
}

// ---- polars, Arrow (Python expressions) and DuckDB (SQL type names) ----

/** A polars dtype expression (module imported as `pl`). */
export function polarsType(type: FieldType): string {
  switch (type.kind) {
    case 'string':
      return 'pl.String';
    case 'int64':
      return 'pl.Int64';
    case 'float64':
      return 'pl.Float64';
    case 'bool':
      return 'pl.Boolean';
    case 'list':
      return `pl.List(${polarsType(type.items)})`;
    case 'struct':
      return `pl.Struct({${type.fields.map((f) => `${JSON.stringify(f.name)}: ${polarsType(f.type)}`).join(', ')}})`;
  }
}

/** A pyarrow type expression (module imported as `pa`). */
export function arrowType(type: FieldType): string {
  switch (type.kind) {
    case 'string':
      return 'pa.string()';
    case 'int64':
      return 'pa.int64()';
    case 'float64':
      return 'pa.float64()';
    case 'bool':
      return 'pa.bool_()';
    case 'list':
      // Named "element" like the Parquet LIST it reads back from, so the schemas compare equal.
      return `pa.list_(pa.field("element", ${arrowType(type.items)}${type.itemsNullable ? '' : ', nullable=False'}))`;
    case 'struct':
      return `pa.struct([${type.fields.map(arrowField).join(', ')}])`;
  }
}

export function arrowField(field: Field): string {
  return `pa.field(${JSON.stringify(field.name)}, ${arrowType(field.type)}${field.nullable ? '' : ', nullable=False'})`;
}

/** A DuckDB type name; struct keys double-quoted (`end` is a keyword). */
export function duckdbType(type: FieldType): string {
  switch (type.kind) {
    case 'string':
      return 'VARCHAR';
    case 'int64':
      return 'BIGINT';
    case 'float64':
      return 'DOUBLE';
    case 'bool':
      return 'BOOLEAN';
    case 'list':
      return `${duckdbType(type.items)}[]`;
    case 'struct':
      return `STRUCT(${type.fields.map((f) => `"${f.name}" ${duckdbType(f.type)}`).join(', ')})`;
  }
}

/** DuckDB `read_json(…, columns = {…})` argument for a table. */
export function duckdbColumns(fields: readonly Field[]): string {
  return `{${fields.map((f) => `'${f.name}': '${duckdbType(f.type)}'`).join(', ')}}`;
}
