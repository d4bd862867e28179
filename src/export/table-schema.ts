// One typed column tree per output table, read from the JSON Schema that declares the table
// (schemas/*.schema.json, the single source). Every tool's schema (Parquet, Hugging Face Features,
// polars, DuckDB, Arrow) is derived from this tree in ./derive.ts, so a field added to a JSON Schema
// reaches every tool at once. Pure.

export const TABLES = ['sentences', 'alignments', 'groups', 'stories'] as const;
export type TableName = (typeof TABLES)[number];

/** The JSON Schema (schemas/<name>.schema.json) and the JSONL file of each table. */
export const TABLE_SOURCES: Readonly<Record<TableName, { readonly schema: string; readonly file: string }>> = {
  sentences: { schema: 'segment', file: 'sentences.jsonl' },
  alignments: { schema: 'alignment', file: 'alignments.jsonl' },
  groups: { schema: 'group', file: 'groups.jsonl' },
  stories: { schema: 'story', file: 'stories.jsonl' },
};

export type ScalarKind = 'string' | 'int64' | 'float64' | 'bool';

export type FieldType =
  | { readonly kind: ScalarKind }
  | { readonly kind: 'list'; readonly items: FieldType; readonly itemsNullable: boolean }
  | { readonly kind: 'struct'; readonly fields: readonly Field[] };

export interface Field {
  readonly name: string;
  readonly type: FieldType;
  /** False only when the JSON Schema requires the property and does not allow null. */
  readonly nullable: boolean;
}

export interface TableSchema {
  readonly table: TableName;
  readonly fields: readonly Field[];
}

interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly additionalProperties?: unknown;
}

/** The column tree of `table` from its JSON Schema (an object whose properties are the columns). */
export function tableSchema(table: TableName, schema: unknown): TableSchema {
  const type = fieldType(schema as JsonSchema, table);
  if (type.type.kind !== 'struct') throw new Error(`schema of ${table}: expected an object with properties`);
  return { table, fields: type.type.fields };
}

function fieldType(schema: JsonSchema, where: string): { type: FieldType; nullable: boolean } {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type as string];
  let nullable = types.includes('null');
  let rest = types.filter((t) => t !== 'null');
  if (rest.length === 0 && schema.enum !== undefined) {
    nullable ||= schema.enum.includes(null);
    const values = schema.enum.filter((v) => v !== null);
    rest = [...new Set(values.map((v) => (typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v)))];
  }
  if (rest.length !== 1) throw new Error(`schema at ${where}: expected one type besides null, got ${JSON.stringify(schema.type ?? schema.enum ?? null)}`);
  switch (rest[0]) {
    case 'string':
      return { type: { kind: 'string' }, nullable };
    case 'integer':
      return { type: { kind: 'int64' }, nullable };
    case 'number':
      return { type: { kind: 'float64' }, nullable };
    case 'boolean':
      return { type: { kind: 'bool' }, nullable };
    case 'array': {
      if (schema.items === undefined) throw new Error(`schema at ${where}: an array needs items`);
      const items = fieldType(schema.items, `${where}[]`);
      return { type: { kind: 'list', items: items.type, itemsNullable: items.nullable }, nullable };
    }
    case 'object': {
      // A map with open keys has no fixed column type in Parquet, polars or Features: refuse it here.
      if (schema.properties === undefined || schema.additionalProperties !== false) {
        throw new Error(`schema at ${where}: an object needs fixed properties and additionalProperties: false`);
      }
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties).map(([name, property]) => {
        const child = fieldType(property, `${where}.${name}`);
        return { name, type: child.type, nullable: child.nullable || !required.has(name) };
      });
      return { type: { kind: 'struct', fields }, nullable };
    }
    default:
      throw new Error(`schema at ${where}: unsupported type ${String(rest[0])}`);
  }
}
