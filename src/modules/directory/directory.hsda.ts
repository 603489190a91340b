import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The HSDA OpenAPI description of /hsds, from Open Referral's published document (hsda/,
 * CC-BY-SA 4.0): its `servers` is this server, and its response schemas, which point at
 * GitHub in the original, point at the same HSDS schemas served here, so a client can
 * validate every answer offline from this server alone.
 */
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hsda');
const SPEC = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';

let cachedDoc: string | undefined;
export function hsdaDocument(base: string): unknown {
  cachedDoc ??= fs.readFileSync(path.join(dir, 'openapi.json'), 'utf8');
  const doc = JSON.parse(
    cachedDoc
      // The fully compiled service and organization schemas are megabytes: the object schemas say the same with references.
      .replaceAll(`${SPEC}compiled/service.json`, `${base}/schemas/service.json`)
      .replaceAll(`${SPEC}compiled/organization.json`, `${base}/schemas/organization.json`)
      .replaceAll(`${SPEC}compiled/`, `${base}/schemas/`)
      .replaceAll(SPEC, `${base}/schemas/`),
  ) as Record<string, unknown>;
  doc.servers = [{ url: base, description: 'This Roundtable server' }];
  return doc;
}

const names = new Set(fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'openapi.json'));
const cachedSchemas = new Map<string, unknown>();
/** An HSDS schema by file name, or undefined. */
export function hsdaSchema(name: string, base: string): unknown {
  if (!names.has(name)) return undefined;
  if (!cachedSchemas.has(name)) cachedSchemas.set(name, JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
  return { $id: `${base}/schemas/${name}`, ...(cachedSchemas.get(name) as object) };
}
