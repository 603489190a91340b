import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { FieldError } from '../../core/http/errors';
import { flattenHsds, looksLikeHsdsObjects } from './directory.hsds-json';

/**
 * HSDS 3.0 data packages: which tables and fields there are, and reading a package from disk.
 *
 * The field definitions come from the published HSDS 3.0 tabular descriptor (a copy sits
 * beside this file, `hsds-3.0-datapackage.json`, CC-BY-SA 4.0, Open Referral). Roundtable
 * adds extension fields (translations, eligibility, geography_code, last_verified_*) and
 * the HSDS 3.1 tables `unit` and `service_capacity`; HSDS fields keep their HSDS names.
 */

const here = path.dirname(fileURLToPath(import.meta.url));

export interface DescriptorField {
  name: string;
  type: string;
  format?: string;
  title?: string;
  description?: string;
  constraints?: { required?: boolean; unique?: boolean; enum?: string[] };
  [k: string]: unknown;
}
export interface DescriptorResource {
  name: string;
  path?: string;
  data?: unknown[];
  schema?: { fields: DescriptorField[]; primaryKey?: string | string[]; foreignKeys?: { fields: string | string[]; reference: { resource: string; fields: string | string[] } }[] };
  [k: string]: unknown;
}
export interface Descriptor {
  name?: string;
  resources: DescriptorResource[];
  [k: string]: unknown;
}

let cachedDescriptor: Descriptor | undefined;
/** The published HSDS 3.0 descriptor (tables, fields, constraints). */
export function hsdsDescriptor(): Descriptor {
  cachedDescriptor ??= JSON.parse(fs.readFileSync(path.join(here, 'hsds-3.0-datapackage.json'), 'utf8')) as Descriptor;
  return cachedDescriptor;
}

export type FieldType = 'uuid' | 'string' | 'number' | 'integer' | 'date' | 'datetime' | 'time' | 'json';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  enum?: string[];
  /** The resource a uuid field refers to. */
  ref?: string;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  /** A Roundtable extension, not an HSDS 3.0 field. */
  extension?: boolean;
  /** The descriptor definition written on export. */
  definition: DescriptorField;
}

export interface TableSpec {
  /** HSDS resource name, e.g. `service`. */
  name: string;
  /** File name in a tabular package, e.g. `services.csv`. */
  path: string;
  fields: FieldSpec[];
  extension?: boolean;
}

export const MAX_FIELD_BYTES = 64 * 1024;
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/** Resources in write order: everything a row refers to comes before it. */
export const TABLE_ORDER = [
  'organization', 'organization_identifier', 'program', 'service', 'location', 'service_at_location', 'contact', 'phone',
  'address', 'schedule', 'service_area', 'language', 'accessibility', 'cost_option', 'funding', 'required_document',
  'taxonomy', 'taxonomy_term', 'attribute', 'metadata', 'unit', 'service_capacity',
] as const;
export type TableName = (typeof TABLE_ORDER)[number];

export const LINK_ENTITIES = [
  'organization', 'program', 'service', 'location', 'service_at_location', 'address', 'phone', 'contact', 'schedule', 'service_area',
  'language', 'accessibility', 'cost_option', 'funding', 'required_document', 'organization_identifier', 'taxonomy_term',
];

const ext = (name: string, type: FieldType, description: string, more: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  type,
  required: false,
  extension: true,
  ...more,
  definition: {
    name,
    type: type === 'uuid' ? 'string' : type === 'json' ? 'object' : type === 'integer' ? 'integer' : type,
    ...(type === 'uuid' ? { format: 'uuid' } : {}),
    description: `Roundtable extension: ${description}`,
    constraints: { required: !!more.required, unique: false },
  },
});
const translations = () => ext('translations', 'json', 'the people-readable fields in other languages, e.g. {"fr": {"name": "…", "description": "…"}}; a JSON string in CSV.');

/** Per-table changes to the descriptor: Roundtable's database limits and the extension fields. */
const overrides: Record<string, { fields?: Record<string, Partial<FieldSpec>>; extra?: FieldSpec[] }> = {
  organization: {
    fields: {
      name: { minLength: 1, maxLength: 300 },
      description: { maxLength: 10000 },
      website: { maxLength: 500 },
      email: { maxLength: 320 },
      year_incorporated: { type: 'integer', min: 1000, max: 9999 },
      parent_organization_id: { ref: 'organization' },
    },
    extra: [translations()],
  },
  program: { fields: { name: { minLength: 1, maxLength: 500 } }, extra: [translations()] },
  service: {
    fields: {
      name: { minLength: 1, maxLength: 500 },
      minimum_age: { min: 0, max: 130 },
      maximum_age: { min: 0, max: 130 },
    },
    extra: [
      translations(),
      ext('eligibility', 'json', 'machine-readable eligibility, e.g. {"residency": [...], "populations": [...]}; a JSON string in CSV.'),
      ext('last_verified_at', 'datetime', 'when someone last confirmed the record.'),
      ext('last_verified_by', 'string', 'who last confirmed the record.'),
    ],
  },
  location: {
    fields: { latitude: { min: -90, max: 90 }, longitude: { min: -180, max: 180 } },
    extra: [translations(), ext('geography_code', 'string', 'the code (Statistics Canada SGC or custom) of the municipality the location is in.')],
  },
  service_at_location: { extra: [translations()] },
  address: { fields: { location_id: { required: true } } },
  phone: {},
  schedule: { fields: { count: { type: 'integer', min: 0 }, interval: { type: 'integer', min: 0 } } },
  service_area: {
    fields: { service_id: { required: true } },
    extra: [ext('geography_code', 'string', 'the code of the geography (municipality, region) the service area covers.')],
  },
  accessibility: { fields: { location_id: { required: true } } },
  required_document: { fields: { service_id: { required: true } } },
  taxonomy_term: { fields: { parent_id: { ref: 'taxonomy_term' }, name: { minLength: 1 } }, extra: [translations()] },
  attribute: { fields: { link_entity: { enum: LINK_ENTITIES } } },
  metadata: { fields: { last_action_date: { type: 'datetime' } } },
};

function typeOf(f: DescriptorField): FieldType {
  if (f.format === 'uuid') return 'uuid';
  if (f.type === 'number') return 'number';
  if (f.type === 'integer') return 'integer';
  if (f.type === 'date' || f.type === 'datetime' || f.type === 'time') return f.type;
  return 'string';
}

let cachedTables: Map<string, TableSpec> | undefined;
/** Every importable table, keyed by HSDS resource name, in write order. */
export function tableSpecs(): Map<string, TableSpec> {
  if (cachedTables) return cachedTables;
  const resources = new Map(hsdsDescriptor().resources.map((r) => [r.name, r]));
  const tables = new Map<string, TableSpec>();
  for (const name of TABLE_ORDER) {
    if (name === 'unit' || name === 'service_capacity') continue;
    const r = resources.get(name)!;
    const refs = new Map<string, string>();
    for (const fk of r.schema?.foreignKeys ?? []) refs.set(String(fk.fields), fk.reference.resource);
    const o = overrides[name] ?? {};
    const fields = r.schema!.fields.map((d): FieldSpec => {
      const over = o.fields?.[d.name] ?? {};
      // The exported definition stays the descriptor's: a date is written as a date even where
      // Roundtable keeps a timestamp (metadata.last_action_date), so types round-trip.
      const definition = d;
      return { name: d.name, type: typeOf(d), required: !!d.constraints?.required, enum: d.constraints?.enum, ref: refs.get(d.name), definition, ...over };
    });
    tables.set(name, { name, path: r.path!, fields: [...fields, ...(o.extra ?? [])] });
  }
  const f = (name: string, type: FieldType, required: boolean, description: string, more: Partial<FieldSpec> = {}): FieldSpec => ({
    ...ext(name, type, description, { required, ...more }),
    extension: false,
    definition: {
      name,
      type: type === 'uuid' ? 'string' : type === 'json' ? 'object' : type,
      ...(type === 'uuid' ? { format: 'uuid' } : {}),
      description: `HSDS 3.1: ${description}`,
      constraints: { required, unique: name === 'id' },
    },
  });
  tables.set('unit', {
    name: 'unit',
    path: 'units.csv',
    extension: true,
    fields: [
      f('id', 'uuid', true, 'the identifier of the unit.'),
      f('name', 'string', true, 'the name of the unit, e.g. "bed".', { minLength: 1 }),
      f('scheme', 'string', false, 'the scheme the unit identifier comes from.'),
      f('identifier', 'string', false, 'the identifier of the unit in its scheme.'),
      f('uri', 'string', false, 'a URI for the unit.'),
      translations(),
    ],
  });
  tables.set('service_capacity', {
    name: 'service_capacity',
    path: 'service_capacities.csv',
    extension: true,
    fields: [
      f('id', 'uuid', true, 'the identifier of the capacity record.'),
      f('service_id', 'uuid', true, 'the service.', { ref: 'service' }),
      f('unit_id', 'uuid', true, 'the unit capacity is counted in.', { ref: 'unit' }),
      f('available', 'number', true, 'how many units are available.', { min: 0 }),
      f('maximum', 'number', false, 'the most units there can be.', { min: 0 }),
      f('description', 'string', false, 'a description of the capacity.'),
      f('updated', 'datetime', true, 'when the figures were last updated.'),
      ext('updated_by', 'string', 'who last updated the figures.'),
    ],
  });
  // Order by TABLE_ORDER.
  cachedTables = new Map(TABLE_ORDER.map((n) => [n, tables.get(n)!]));
  return cachedTables;
}

/** The descriptor's `foreignKeys` plus ours, for the descriptor written on export. */
export function descriptorResource(table: TableSpec): DescriptorResource {
  const published = hsdsDescriptor().resources.find((r) => r.name === table.name);
  const refs = table.fields.filter((f) => f.ref);
  return {
    name: table.name,
    path: table.path,
    ...(published?.description ? { description: published.description } : {}),
    profile: 'tabular-data-resource',
    ...(table.extension ? { 'x-roundtable-extension': 'HSDS 3.1 table, carried alongside HSDS 3.0' } : {}),
    schema: {
      fields: table.fields.map((f) => f.definition),
      primaryKey: 'id',
      foreignKeys: refs.map((f) => ({ fields: f.name, reference: { resource: f.ref!, fields: 'id' } })),
    },
  };
}

// ---------------------------------------------------------------------------------------
// Reading a package

/**
 * One table's raw rows: strings (CSV, null for an empty cell) or JSON values. A CSV file is
 * read as the rows are consumed, so a package of any size is never held in memory; a problem
 * with the file itself (not valid CSV, a record over the limit) ends its rows and is added to
 * the package's `errors`.
 */
export interface RawTable {
  table: TableSpec;
  /** How errors name the resource: its path in a tabular package, its name in a JSON one. */
  label: string;
  rows: AsyncIterable<Record<string, unknown>> | Record<string, unknown>[];
  /** About how many rows there are (the lines of a CSV file), for a progress bar. */
  estimate: number;
  /** A CSV file: its path, so PostgreSQL can COPY it as it is (`rows` is then not read). */
  file?: string;
}

export interface RawPackage {
  format: 'csv' | 'json';
  tables: RawTable[];
  /** Resources the package has that Roundtable does not import. */
  ignored: string[];
  errors: FieldError[];
}

const fieldError = (label: string, row: number | string, field: string, message: string): FieldError => ({ field: `${label}:${row}:${field}`, message });

function findTable(r: { name?: string; path?: string }): TableSpec | undefined {
  const specs = tableSpecs();
  if (r.name && specs.has(r.name)) return specs.get(r.name);
  const base = r.path ? path.basename(r.path) : undefined;
  for (const t of specs.values()) {
    if (base && (base === t.path || base === `${t.name}s.csv` || base === `${t.name}.csv`)) return t;
  }
  // The name of the service_at_location file varies between HSDS releases.
  if (base === 'service_at_locations.csv') return specs.get('service_at_location');
  return undefined;
}

/**
 * Reads a package: a directory (with a datapackage.json, or just the CSV files named as in
 * HSDS), or a datapackage.json whose resources have a `path` (CSV) or inline `data` rows.
 * Problems with the package itself come back as `errors`; nothing throws for bad content.
 */
export async function readPackage(source: string): Promise<RawPackage> {
  const pkg: RawPackage = { format: 'csv', tables: [], ignored: [], errors: [] };
  let descriptorPath: string | undefined;
  let dir: string;
  if (!fs.existsSync(source)) {
    pkg.errors.push({ field: source, message: 'No such file or directory' });
    return pkg;
  }
  if (fs.statSync(source).isDirectory()) {
    dir = source;
    const candidate = path.join(source, 'datapackage.json');
    if (fs.existsSync(candidate)) descriptorPath = candidate;
  } else {
    dir = path.dirname(source);
    descriptorPath = source;
  }

  let resources: DescriptorResource[];
  if (descriptorPath) {
    const size = fs.statSync(descriptorPath).size;
    if (size > MAX_FILE_BYTES) {
      pkg.errors.push({ field: path.basename(descriptorPath), message: `The file is ${size} bytes; the limit is ${MAX_FILE_BYTES}` });
      return pkg;
    }
    let descriptor: Descriptor;
    try {
      descriptor = JSON.parse(fs.readFileSync(descriptorPath, 'utf8')) as Descriptor;
    } catch (err) {
      pkg.errors.push({ field: path.basename(descriptorPath), message: `Not valid JSON: ${(err as Error).message}` });
      return pkg;
    }
    if (looksLikeHsdsObjects(descriptor)) return hsdsObjectsPackage(descriptor, path.basename(descriptorPath));
    if (!descriptor || !Array.isArray(descriptor.resources)) {
      pkg.errors.push({ field: path.basename(descriptorPath), message: 'A data package needs a "resources" array' });
      return pkg;
    }
    resources = descriptor.resources;
  } else {
    resources = [...tableSpecs().values()]
      .flatMap((t) => [t.path, ...(t.name === 'service_at_location' ? ['service_at_locations.csv'] : [])].map((p) => ({ name: t.name, path: p })))
      .filter((r) => fs.existsSync(path.join(dir, r.path)));
    if (resources.length === 0) pkg.errors.push({ field: source, message: 'No datapackage.json and no HSDS CSV files here' });
  }

  const seen = new Set<string>();
  for (const r of resources) {
    const table = findTable(r);
    if (!table) {
      pkg.ignored.push(r.name ?? r.path ?? '?');
      continue;
    }
    if (seen.has(table.name)) {
      pkg.errors.push({ field: r.path ?? r.name, message: `A second resource for the ${table.name} table` });
      continue;
    }
    seen.add(table.name);
    if (Array.isArray(r.data)) {
      pkg.format = 'json';
      const rows = inlineRows(r.data, r.name ?? table.name, pkg.errors);
      pkg.tables.push({ table, label: r.name ?? table.name, rows, estimate: rows.length });
    } else if (typeof r.path === 'string') {
      const refused = outsidePackage(r.path);
      if (refused) {
        pkg.errors.push({ field: r.path, message: refused });
        continue;
      }
      const file = path.resolve(dir, r.path);
      if (fs.existsSync(file) && !insideFolder(dir, file)) {
        pkg.errors.push({ field: r.path, message: 'The file leads outside the package folder (a link); only files in the package are read' });
        continue;
      }
      if (!fs.existsSync(file)) {
        pkg.errors.push({ field: r.path, message: 'The file is missing' });
        continue;
      }
      const size = fs.statSync(file).size;
      if (size > MAX_FILE_BYTES) {
        pkg.errors.push({ field: r.path, message: `The file is ${size} bytes; the limit is ${MAX_FILE_BYTES}` });
        continue;
      }
      pkg.tables.push({ table, label: r.path, rows: readCsv(file, r.path, pkg.errors), estimate: await lineCount(file), file });
    } else {
      pkg.errors.push({ field: r.name ?? '?', message: 'A resource needs a "path" or inline "data"' });
    }
  }
  return pkg;
}

/**
 * A package names its files relative to its own folder. Anything else could make the server
 * read any file it can reach, so it is refused: why, or undefined when the path is fine.
 */
export function outsidePackage(p: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) && !/^[a-z]:[\\/]/i.test(p)) return 'A URL; a package is read from its own folder only, so give the file\'s path inside the package';
  if (path.isAbsolute(p) || path.win32.isAbsolute(p)) return 'An absolute path; give the file\'s path inside the package folder';
  if (p.split(/[\\/]/).includes('..')) return 'A path with ".." leaves the package folder; give the file\'s path inside the package';
  if (p.includes('\u0000')) return 'Not a file name';
  return undefined;
}

/** After following links, is the file still inside the folder? */
function insideFolder(dir: string, file: string): boolean {
  const root = fs.realpathSync(dir);
  const real = fs.realpathSync(file);
  return real === root || real.startsWith(root + path.sep);
}

/** HSDS JSON objects (a service, an organization, an array of them, an HSDA page): their nested records as tables. */
function hsdsObjectsPackage(json: unknown, file: string): RawPackage {
  const pkg: RawPackage = { format: 'json', tables: [], ignored: [], errors: [] };
  const { tables, errors } = flattenHsds(json);
  for (const e of errors) pkg.errors.push({ field: file, message: e });
  const specs = tableSpecs();
  for (const [name, rows] of tables) {
    const table = specs.get(name);
    if (table) pkg.tables.push({ table, label: `${file} ${name}`, rows, estimate: rows.length });
  }
  if (pkg.tables.length === 0 && pkg.errors.length === 0) pkg.errors.push({ field: file, message: 'No HSDS records found' });
  return pkg;
}

/** Inline data: an array of objects, or of arrays with the field names first (Frictionless). */
function inlineRows(data: unknown[], label: string, errors: FieldError[]): Record<string, unknown>[] {
  if (data.length > 0 && Array.isArray(data[0])) {
    const header = (data[0] as unknown[]).map(String);
    return data.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, (r as unknown[])[i] ?? null])));
  }
  const rows: Record<string, unknown>[] = [];
  data.forEach((r, i) => {
    if (r && typeof r === 'object' && !Array.isArray(r)) rows.push(r as Record<string, unknown>);
    else {
      errors.push(fieldError(label, i + 1, '*', 'A row must be an object'));
      rows.push({});
    }
  });
  return rows;
}

/** The lines of a file after its header (an estimate of its CSV records: a quoted field may hold a line break). */
async function lineCount(file: string): Promise<number> {
  let n = 0;
  let last = 10;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
    if (chunk.length) last = chunk[chunk.length - 1];
  }
  return Math.max(0, n + (last === 10 ? 0 : 1) - 1);
}

/**
 * Streams a CSV file. An empty unquoted cell is null; a quoted empty cell ("") is the empty
 * string, so exports keep the difference. A record over the size limit stops this file
 * with one error naming the field, without holding the whole field in memory.
 */
async function* readCsv(file: string, label: string, errors: FieldError[]): AsyncGenerator<Record<string, unknown>> {
  let count = 0;
  let header: string[] = [];
  // csv-parse's per-field `cast` callback costs four times the parse itself, so the record is
  // parsed plainly with its raw text: an empty cell is null unless the raw text has a quoted
  // empty ("") somewhere, and only such rare records are parsed again field by field.
  const parser = fs.createReadStream(file).pipe(
    parse({
      columns: (h: string[]) => (header = h.map((x) => x.trim())),
      bom: true,
      max_record_size: 4 * MAX_FIELD_BYTES,
      relax_column_count: false,
      skip_empty_lines: true,
      raw: true,
    }),
  );
  try {
    for await (const { record, raw } of parser as AsyncIterable<{ record: Record<string, unknown>; raw: string }>) {
      count++;
      if (raw.includes('""')) {
        yield parseSync(raw, { columns: header, cast: (value, ctx) => (value === '' && !ctx.quoting ? null : value) })[0] as Record<string, unknown>;
        continue;
      }
      for (const k in record) if (record[k] === '') record[k] = null;
      yield record;
    }
  } catch (err) {
    const e = err as Error & { code?: string; column?: string | number | null; records?: number; lines?: number };
    const row = (e.records ?? count) + 1;
    if (e.code === 'CSV_MAX_RECORD_SIZE') {
      errors.push(fieldError(label, row, String(e.column ?? '*'), `A field is over the ${MAX_FIELD_BYTES / 1024} KB limit`));
    } else {
      errors.push(fieldError(label, row, String(e.column ?? '*'), `Not valid CSV: ${e.message}`));
    }
  } finally {
    parser.destroy();
  }
}

/** The header of a CSV file (names trimmed, a byte order mark dropped); empty when the file has none. */
export async function readCsvHeader(file: string): Promise<string[]> {
  const parser = fs.createReadStream(file, { highWaterMark: 64 * 1024 }).pipe(parse({ bom: true, to_line: 1, relax_column_count: true, max_record_size: 4 * MAX_FIELD_BYTES }));
  try {
    for await (const record of parser as AsyncIterable<string[]>) return record.map((h) => h.trim());
  } finally {
    parser.destroy();
  }
  return [];
}

/**
 * The bytes of a CSV file as COPY (FORMAT csv) takes them, without its empty lines (outside
 * quotes), which csv-parse skips and COPY would refuse. `lines` is told how many line breaks
 * each chunk held, for the progress bar.
 */
export async function* csvWithoutEmptyLines(file: string, lines: (n: number) => void): AsyncGenerator<Buffer> {
  let quoted = false;
  let lineStart = true; // nothing but a carriage return since the last line break (outside quotes)
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    let out: Buffer[] | null = null;
    let from = 0;
    let n = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (b === 34) {
        quoted = !quoted;
        lineStart = false;
      } else if (b === 10) {
        n++;
        if (!quoted) {
          if (lineStart) {
            // An empty line: leave out this line break (and the carriage return before it).
            out ??= [];
            let end = i;
            if (end > from && chunk[end - 1] === 13) end--;
            out.push(chunk.subarray(from, end));
            from = i + 1;
          }
          lineStart = true;
        }
      } else if (b !== 13) lineStart = false;
    }
    lines(n);
    if (!out) yield chunk;
    else {
      out.push(chunk.subarray(from));
      yield Buffer.concat(out);
    }
  }
}
