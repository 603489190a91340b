/**
 * Across instances: signed JSON files of templates, practices and shared values.
 *
 * Each instance has an Ed25519 key pair, generated on first use and kept in the data
 * directory beside the other keys (`exchange-signing.key`, mode 0600). Its public key is
 * published at /.well-known/roundtable-exchange-key. A file carries its payload, the signer's
 * public key and key id, and the signature of the canonical payload (keys sorted); an import
 * verifies the signature before anything is written, optionally against a key the importer
 * trusts, and keeps the source (instance key id) on every record it creates.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database, Db } from '../../core/db/database';
import { actorUserId, type Actor, type RequestMeta } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { AppError, Errors } from '../../core/http/errors';
import { loadConfig } from '../../config';
import { can } from './exchange.policy';
import * as repo from './exchange.repository';
import { comparisonForExport, networkFacts } from './exchange.networks.service';
import { practiceValues } from './exchange.practices.service';
import { PracticeBody, TemplateContent, type SignedFileT, type TemplateContentT } from './exchange.schema';

export const KEY_FILE = 'exchange-signing.key';
export const FORMAT = 'roundtable-exchange/1' as const;

let keyDirOverride: string | undefined;
/** Tests (and tools) point the key somewhere else. */
export function useKeyDirectory(dir: string | undefined): void {
  keyDirOverride = dir;
  cached = undefined;
}

interface InstanceKey {
  privateKey: crypto.KeyObject;
  publicKeyPem: string;
  keyId: string;
}
let cached: (InstanceKey & { file: string }) | undefined;

function keyFile(database: { dataDir?: string }): string {
  return path.join(keyDirOverride ?? database.dataDir ?? loadConfig().dataDir, KEY_FILE);
}

export function keyIdOf(publicKeyPem: string): string {
  const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** The instance's key pair: read from the data directory, generated there on first use. */
export function instanceKey(database: { dataDir?: string }): InstanceKey {
  const file = keyFile(database);
  if (cached?.file === file) return cached;
  if (!fs.existsSync(file)) {
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const privateKey = crypto.createPrivateKey(fs.readFileSync(file, 'utf8'));
  const publicKeyPem = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  cached = { file, privateKey, publicKeyPem, keyId: keyIdOf(publicKeyPem) };
  return cached;
}

/** JSON with object keys sorted at every level: the bytes that are signed. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function signPayload(key: InstanceKey, payload: Record<string, unknown>): SignedFileT {
  const value = crypto.sign(null, Buffer.from(canonical(payload)), key.privateKey).toString('base64');
  return { format: FORMAT, payload, signature: { alg: 'Ed25519', keyId: key.keyId, publicKey: key.publicKeyPem, value } };
}

const refused = (why: string, field = 'file.signature') => new AppError({ status: 422, code: 'exchange.signature_invalid', title: `The file was refused: ${why}`, errors: [{ field, message: why }] });

/** Checks a file's signature (and, when given, that it was signed by a key the importer trusts). Throws a 422 naming what is wrong. */
export function verifyFile(file: SignedFileT, trustedPublicKey?: string | null): { keyId: string; digest: string } {
  if (file.format !== FORMAT) throw refused(`unknown format ${String(file.format)}`, 'file.format');
  let pub: crypto.KeyObject;
  try {
    pub = crypto.createPublicKey(file.signature.publicKey);
  } catch {
    throw refused('the public key in the file cannot be read', 'file.signature.publicKey');
  }
  const keyId = keyIdOf(file.signature.publicKey);
  if (keyId !== file.signature.keyId) throw refused('the key id does not match the public key', 'file.signature.keyId');
  if (trustedPublicKey && keyIdOf(trustedPublicKey) !== keyId) throw refused(`it was signed by key ${keyId}, not by the key you trust (${keyIdOf(trustedPublicKey)})`, 'trustedPublicKey');
  const bytes = Buffer.from(canonical(file.payload));
  let ok: boolean;
  try {
    ok = crypto.verify(null, bytes, pub, Buffer.from(file.signature.value, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw refused('the signature does not match its content (the file was changed after it was signed, or signed by another key)');
  return { keyId, digest: crypto.createHash('sha256').update(bytes).digest('hex') };
}

// ---------- export ----------

async function exportPayload(db: Db, actor: Actor, networkId: string, instanceId: string) {
  const f = await networkFacts(db, actor, networkId);
  const templates = await repo.listTemplates(db, networkId);
  const versions = await repo.listVersions(db, templates.map((t) => t.id));
  const practices = await repo.allPractices(db);
  const values = await comparisonForExport(db, actor, networkId);
  return {
    format: FORMAT,
    instance: instanceId,
    network: { name: f.network.name, nameFr: f.network.nameFr },
    templates: templates.map((t) => ({
      name: t.name, nameFr: t.nameFr, source: t.sourceInstance ?? instanceId,
      versions: versions.filter((v) => v.templateId === t.id).map((v) => ({ number: v.number, changeNote: v.changeNote, content: v.content })),
    })),
    practices: practices.map((p) => ({
      source: p.sourceInstance ?? instanceId, sourceId: p.sourceId ?? p.id,
      titleEn: p.titleEn, titleFr: p.titleFr, problemEn: p.problemEn, problemFr: p.problemFr, doneEn: p.doneEn, doneFr: p.doneFr, byWhom: p.byWhom, forWhom: p.forWhom,
      place: p.place, resources: p.resources, resultsEn: p.resultsEn, resultsFr: p.resultsFr,
      // What the author chose; where a record opens (href) is this instance's own and is not exported.
      evidence: p.evidence.map((e) => ({ kind: e.kind, ref: e.ref, label: e.label })), communityType: p.communityType, needDomain: p.needDomain,
      welcomingCharacteristic: p.welcomingCharacteristic, populationTags: p.populationTags,
    })),
    // Values leave only as the grants let them through, already protected (suppressed cells stay markers).
    values: values.flatMap((i) => i.panels.flatMap((p) => p.points.map((pt) => ({ collaborativeName: p.collaborativeName, communityType: p.communityType, indicatorCode: i.code, indicatorName: i.name.en, period: pt.period, value: pt.value, display: pt.display })))),
  };
}

export async function exportNetwork(database: Database, actor: Actor, networkId: string): Promise<SignedFileT> {
  const f = await networkFacts(database.db, actor, networkId);
  authorizeAction(can, actor, 'exchange.file.export', f);
  const key = instanceKey(database);
  return signPayload(key, await exportPayload(database.db, actor, networkId, `roundtable:${key.keyId}`));
}

// ---------- import ----------

type ImportedTemplate = { name: string; nameFr: string | null; source: string; versions: { number: number; changeNote: string | null; content: TemplateContentT }[] };

export async function importFile(database: Database, actor: Actor, meta: RequestMeta, networkId: string, file: SignedFileT, trustedPublicKey?: string | null) {
  const { keyId, digest } = verifyFile(file, trustedPublicKey);
  const p = file.payload as Record<string, unknown>;
  const source = typeof p.instance === 'string' ? p.instance : `roundtable:${keyId}`;
  if (source !== `roundtable:${keyId}`) throw refused('the instance named in the file is not the one that signed it', 'file.payload.instance');
  return runCommand({ database, actor, meta }, async (tx) => {
    const f = await networkFacts(tx, actor, networkId);
    authorizeAction(can, actor, 'exchange.file.import', f);
    let templates = 0, practices = 0, values = 0;
    for (const [i, raw] of ((p.templates as unknown[]) ?? []).entries()) {
      const t = raw as ImportedTemplate;
      const name = String(t.name);
      const id = (await repo.findTemplateByName(tx, networkId, name)) ?? (await repo.insertTemplate(tx, { networkId, name, nameFr: t.nameFr, sourceInstance: t.source ?? source }));
      for (const v of t.versions ?? []) {
        const content = TemplateContent.safeParse(v.content);
        if (!content.success) throw Errors.validation([{ field: `file.payload.templates.${i}.versions`, message: 'A template version is not valid' }]);
        if (await repo.insertVersion(tx, { templateId: id!, number: v.number, content: content.data, changeNote: v.changeNote, by: actorUserId(actor) })) templates++;
      }
    }
    for (const [i, raw] of ((p.practices as Record<string, unknown>[]) ?? []).entries()) {
      const parsed = PracticeBody.safeParse({ ...raw, authorCollaborativeId: null });
      if (!parsed.success) throw Errors.validation([{ field: `file.payload.practices.${i}`, message: parsed.error.issues[0]?.message ?? 'Not valid' }]);
      const id = await repo.insertPractice(tx, { ...practiceValues(parsed.data, actorUserId(actor)), sourceInstance: String(raw.source ?? source), sourceId: String(raw.sourceId) });
      if (id) practices++;
    }
    for (const v of (p.values as { collaborativeName: string; communityType: string; indicatorCode: string; indicatorName: string; period: string; value: number | null; display: string }[]) ?? []) {
      await repo.upsertImportedValue(tx, { networkId, sourceInstance: source, keyId, ...v });
      values++;
    }
    const counts = { templates, practices, values };
    const importId = await repo.insertImport(tx, { sourceInstance: source, keyId, publicKey: file.signature.publicKey, digest, counts, by: actorUserId(actor) });
    return { result: { sourceInstance: source, keyId, ...counts }, audit: { action: 'exchange.file.import', entityType: 'exchange_import', entityId: importId, details: { networkId, source, keyId, digest, ...counts } } };
  });
}
