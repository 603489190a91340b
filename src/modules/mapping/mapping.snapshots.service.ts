/** Published maps: dated, immutable snapshots, compared side by side, optionally public. */
import type { Database } from '../../core/db/database';
import type { Actor, RequestMeta } from '../../core/accounts/actor';
import { actorUserId } from '../../core/accounts/actor';
import { authorizeAction } from '../../core/policy';
import { runCommand } from '../../core/command';
import { Errors } from '../../core/http/errors';
import { loadCoverage } from './mapping.coverage.service';
import { can, canReadPublic } from './mapping.policy';
import * as repo from './mapping.repository';
import { presentSnapshot, presentSnapshotSummary } from './mapping.presenter';
import type { Coverage, CoverageCell, Snapshot } from './mapping.schema';

export const METHOD = {
  version: 1,
  en: 'Supply: active services of the directory filed under each need domain (or one of its sub-terms) whose location or service area is the municipality or a region containing it. Demand: the latest census population in the community data repository, and needs and unmet needs (no matching service, refused or waitlisted referrals) from the No Wrong Door de-identified feed, summed over the months shown. Rates are per 10,000 residents. Counts about people from 1 to 4 are shown as "<5", and other cells hidden as "x" where the hidden count could otherwise be worked out from a row or column total. Gaps and overlaps appear only once people have labelled them, with their rationale.',
  fr: 'Offre : services actifs du répertoire classés sous chaque domaine de besoins (ou un de ses sous-termes) dont un lieu ou la zone de service est la municipalité ou une région qui la contient. Demande : la population du dernier recensement dans le dépôt de données communautaires, et les besoins et besoins non comblés (aucun service correspondant, aiguillages refusés ou en liste d’attente) du flux dépersonnalisé de Sans mauvaise porte, cumulés sur les mois indiqués. Les taux sont pour 10 000 habitants. Les comptes de personnes de 1 à 4 sont affichés « <5 », et d’autres cellules masquées « x » lorsque le compte masqué pourrait être déduit d’un total de ligne ou de colonne. Les lacunes et chevauchements n’apparaissent qu’une fois étiquetés par des personnes, avec leur justification.',
};

export async function publishSnapshot(database: Database, actor: Actor, meta: RequestMeta, input: { title: string; regionId: string; months: number; denominatorId?: string }) {
  authorizeAction(can, actor, 'mapping.snapshot.publish', {});
  const coverage = await loadCoverage(database, actor, { regionId: input.regionId, months: input.months, denominatorId: input.denominatorId });
  const labelled = await repo.listCandidates(database.db, { regionId: input.regionId, status: 'labelled' });
  const names = await repo.organizationNames(database.db, [...new Set(labelled.flatMap((c) => c.organizationIds))]);
  // Only what a person answered is published, with the answer and its rationale.
  const findings = labelled.map((c) => ({
    kind: c.kind, domain: c.domain, placeName: c.placeName ?? ((c.evidence.places as string[] | undefined)?.join(', ') ?? null),
    label: c.label!, rationale: c.rationale ?? '', organizationNames: c.organizationIds.map((id) => names.get(id) ?? ''),
  }));
  const { sources, ...figures } = coverage;
  return runCommand({ database, actor, meta }, async (tx) => {
    const id = await repo.insertSnapshot(tx, {
      title: input.title, regionId: input.regionId, publishedBy: actorUserId(actor),
      method: { ...METHOD, months: input.months, suppressionThreshold: coverage.suppressionThreshold }, sources, figures, findings,
    });
    const row = (await repo.findSnapshot(tx, id))!;
    return { result: presentSnapshot(row, actor), audit: { action: 'mapping.snapshot.publish', entityType: 'mapping_snapshot', entityId: id, details: { title: input.title, regionId: input.regionId, findings: findings.length } } };
  });
}

export async function listSnapshots(database: Database, actor: Actor, f: { regionId?: string }) {
  authorizeAction(can, actor, 'mapping.read', {});
  const rows = await repo.listSnapshots(database.db, f);
  return { items: rows.map((r) => presentSnapshotSummary(r, actor)), actions: { 'mapping.snapshot.publish': can(actor, 'mapping.snapshot.publish', {}) } };
}

/** One snapshot: signed-in users read any; anyone reads a public one; otherwise 404. */
export async function getSnapshot(database: Database, actor: Actor | null, id: string): Promise<Snapshot> {
  const row = await repo.findSnapshot(database.db, id);
  if (!row || !canReadPublic(actor, { isPublic: row.isPublic })) throw Errors.notFound('Snapshot');
  return presentSnapshot(row, actor) as Snapshot;
}

export async function shareSnapshot(database: Database, actor: Actor, meta: RequestMeta, id: string, isPublic: boolean) {
  return runCommand({ database, actor, meta }, async (tx) => {
    const row = await repo.findSnapshot(tx, id);
    if (!row) throw Errors.notFound('Snapshot');
    authorizeAction(can, actor, 'mapping.snapshot.share', { isPublic: row.isPublic });
    await repo.setSnapshotPublic(tx, id, isPublic);
    return { result: presentSnapshot((await repo.findSnapshot(tx, id))!, actor), audit: { action: isPublic ? 'mapping.snapshot.make_public' : 'mapping.snapshot.make_private', entityType: 'mapping_snapshot', entityId: id } };
  });
}

type Figures = Omit<Coverage, 'sources'>;

/** What changed between two snapshots, cell by cell, and which answers were added or dropped. */
export function diffSnapshots(a: Pick<Snapshot, 'figures' | 'findings'>, b: Pick<Snapshot, 'figures' | 'findings'>) {
  const fa = a.figures as Figures, fb = b.figures as Figures;
  const key = (c: CoverageCell) => `${c.domain}|${c.geographyId}`;
  const before = new Map(fa.cells.map((c) => [key(c), c]));
  const changes = [];
  for (const c of fb.cells) {
    const old = before.get(key(c));
    if (!old) { changes.push({ domain: c.domain, geographyId: c.geographyId, services: [null, c.services], unmet: [null, c.display.unmet], needs: [null, c.display.needs] }); continue; }
    if (old.services !== c.services || old.display.unmet !== c.display.unmet || old.display.needs !== c.display.needs) {
      changes.push({ domain: c.domain, geographyId: c.geographyId, services: [old.services, c.services], unmet: [old.display.unmet, c.display.unmet], needs: [old.display.needs, c.display.needs] });
    }
  }
  const f = (x: { kind: string; domain: string; placeName: string | null; label: string }) => `${x.kind}|${x.domain}|${x.placeName}|${x.label}`;
  const fa2 = new Set(a.findings.map(f)), fb2 = new Set(b.findings.map(f));
  return {
    cells: changes,
    findingsAdded: b.findings.filter((x) => !fa2.has(f(x))),
    findingsRemoved: a.findings.filter((x) => !fb2.has(f(x))),
  };
}

export async function compareSnapshots(database: Database, actor: Actor, q: { a: string; b: string }) {
  authorizeAction(can, actor, 'mapping.read', {});
  const a = await getSnapshot(database, actor, q.a);
  const b = await getSnapshot(database, actor, q.b);
  return { a, b, changes: diffSnapshots(a, b) };
}
