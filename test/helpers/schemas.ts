// Validates output records against the JSON Schemas the project ships in schemas/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

const SCHEMAS = path.join(import.meta.dirname, '..', '..', 'schemas');
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });

export type SchemaName = 'segment' | 'alignment' | 'group' | 'manifest' | 'story';

const compiled = new Map<SchemaName, ValidateFunction>();

export function validator(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = ajv.compile(JSON.parse(readFileSync(path.join(SCHEMAS, `${name}.schema.json`), 'utf8')) as object);
    compiled.set(name, validate);
  }
  return validate;
}

/** Returns one message per invalid record (empty when all are valid). */
export function schemaErrors(name: SchemaName, records: readonly unknown[]): string[] {
  const validate = validator(name);
  const errors: string[] = [];
  records.forEach((record, i) => {
    if (!validate(record)) errors.push(`${name} #${i + 1}: ${ajv.errorsText(validate.errors)}`);
  });
  return errors;
}
