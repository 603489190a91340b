import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The compiled HSDS 3.0 schemas from ../shared/standards, compiled once per test file. */
// The standards sit beside the checkout (../shared); a worktree one level deeper finds them further up.
function standardsDir(): string {
  for (let d = path.resolve(__dirname, '../..'); d !== path.dirname(d); d = path.dirname(d)) {
    const candidate = path.join(path.dirname(d), 'shared/standards/hsds-3/schema');
    if (fs.existsSync(candidate)) return candidate;
  }
  return path.resolve(__dirname, '../../../shared/standards/hsds-3/schema');
}
export const hsdsSchemaDir = standardsDir();
const dir = path.join(hsdsSchemaDir, 'compiled');
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const cache = new Map<string, ValidateFunction>();

export function hsdsValidator(name: 'service' | 'service_list' | 'organization' | 'organization_list' | 'service_at_location' | 'service_at_location_list'): ValidateFunction {
  let v = cache.get(name);
  if (!v) {
    const schema = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'));
    delete schema.$id;
    v = ajv.compile(schema);
    cache.set(name, v);
  }
  return v;
}

export function assertHsds(name: Parameters<typeof hsdsValidator>[0], value: unknown): void {
  const v = hsdsValidator(name);
  if (!v(value)) throw new Error(`${name} does not validate: ${ajv.errorsText(v.errors, { separator: '\n' }).slice(0, 2000)}`);
}
