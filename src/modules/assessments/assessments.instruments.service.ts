/** Scales and instruments: read by everyone signed in; authored (as new versions) by coordinators and platform admins. */
import type { Database, Db } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { can } from './assessments.policy';
import * as repo from './assessments.repository';
import { presentInstrument, presentScale } from './assessments.presenter';
import type { Instrument, InstrumentInput, Scale } from './assessments.schema';

export async function scaleById(db: Db, id: string | null): Promise<Scale | null> {
  if (!id) return null;
  const s = await repo.findScale(db, id);
  return s ? presentScale(s, await repo.listCrosswalks(db)) : null;
}

export async function loadInstrument(db: Db, id: string): Promise<Instrument | undefined> {
  const row = await repo.findInstrument(db, id);
  return row ? presentInstrument(row, await scaleById(db, row.scaleId)) : undefined;
}

export async function listScales(database: Database, actor: Actor) {
  authorizeAction(can, actor, 'assessments.instrument.read', {});
  const [rows, crosswalks] = await Promise.all([repo.listScales(database.db), repo.listCrosswalks(database.db)]);
  return { items: rows.map((s) => presentScale(s, crosswalks)) };
}

export async function listInstruments(database: Database, actor: Actor) {
  authorizeAction(can, actor, 'assessments.instrument.read', {});
  const [rows, scales, crosswalks] = await Promise.all([repo.listInstruments(database.db), repo.listScales(database.db), repo.listCrosswalks(database.db)]);
  const byId = new Map(scales.map((s) => [s.id, presentScale(s, crosswalks)]));
  return {
    items: rows.map((i) => presentInstrument(i, i.scaleId ? (byId.get(i.scaleId) ?? null) : null)),
    actions: { 'assessments.instrument.author': can(actor, 'assessments.instrument.author', {}) },
  };
}

/** Checks that the definition fits the kind, naming the field at fault. */
export function checkDefinition(input: InstrumentInput): void {
  const d = input.definition;
  const errors: { field: string; message: string }[] = [];
  if (input.kind !== 'checklist' && !input.scaleId) errors.push({ field: 'scaleId', message: 'Pair ratings and Likert items need a scale' });
  if (input.kind === 'likert') {
    const factors = new Set((d.factors ?? []).map((f) => f.key));
    if (!factors.size) errors.push({ field: 'definition.factors', message: 'Add at least one factor' });
    if (!d.items?.length) errors.push({ field: 'definition.items', message: 'Add at least one item' });
    d.items?.forEach((it, i) => { if (!it.factor || !factors.has(it.factor)) errors.push({ field: `definition.items.${i}.factor`, message: 'Name one of the factors' }); });
  }
  if (input.kind === 'checklist' && !d.items?.length) errors.push({ field: 'definition.items', message: 'Add at least one item' });
  const keys = (d.items ?? []).map((i) => i.key);
  if (new Set(keys).size !== keys.length) errors.push({ field: 'definition.items', message: 'Item keys must be unique' });
  if (errors.length) throw Errors.validation(errors);
}

/** A new instrument, or a new version of one (same key): rounds keep the version they were opened with. */
export async function createInstrument(database: Database, actor: Actor, meta: RequestMeta, input: InstrumentInput) {
  authorizeAction(can, actor, 'assessments.instrument.author', {});
  checkDefinition(input);
  return runCommand({ database, actor, meta }, async (tx) => {
    if (input.scaleId && !(await repo.findScale(tx, input.scaleId))) throw Errors.validation([{ field: 'scaleId', message: 'No such scale' }]);
    const latest = await repo.instrumentIdByKey(tx, input.key);
    const previous = latest ? await repo.findInstrument(tx, latest) : undefined;
    if (previous && previous.kind !== input.kind) throw Errors.validation([{ field: 'kind', message: `A new version keeps the kind of the instrument (${previous.kind.replace('_', ' ')}); use a new key for another kind` }]);
    const version = await repo.nextInstrumentVersion(tx, input.key);
    const id = await repo.insertInstrument(tx, { ...input, scaleId: input.scaleId ?? null, version }, actorUserId(actor));
    return { result: (await loadInstrument(tx, id))!, audit: { action: 'assessments.instrument.create', entityType: 'assessments_instrument', entityId: id, details: { key: input.key, version, kind: input.kind } } };
  });
}
