import type { Actor } from '../../core/accounts/actor';
import { allowedActions } from '../../core/policy';
import { can } from './mapping.policy';
import type { CandidateRow, SnapshotRow, TableRow } from './mapping.repository';
import type { Candidate, CandidateLabel, InventoryTable } from './mapping.schema';
import type { CollaborativeInventoryEntry } from '../collaboratives/collaboratives.api';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function presentTable(row: TableRow, actor: Actor): InventoryTable {
  return {
    id: row.id,
    source: row.source,
    name: row.name,
    kind: row.kind,
    mandate: row.mandate,
    domains: row.domains,
    populations: row.populations,
    geographyIds: row.geographyIds,
    leadOrganizationId: row.leadOrganizationId,
    funder: row.funder,
    memberOrganizationIds: row.memberOrganizationIds,
    version: row.version,
    actions: allowedActions(can, actor, ['mapping.table.update'], {}),
  };
}

/** A Roundtable collaborative, with its mapping profile (domains, populations…) when it has one. */
export function presentCollaborative(c: CollaborativeInventoryEntry, profile: TableRow | undefined, actor: Actor): InventoryTable {
  return {
    id: c.id,
    source: 'roundtable',
    name: c.name,
    kind: c.type,
    mandate: profile?.mandate || c.focus || '',
    domains: profile?.domains ?? [],
    populations: profile?.populations ?? [],
    geographyIds: c.catchmentGeographyId ? [c.catchmentGeographyId] : [],
    leadOrganizationId: c.leadOrganizationId,
    funder: profile?.funder ?? null,
    memberOrganizationIds: [...new Set([...c.memberOrganizationIds, ...(profile?.memberOrganizationIds ?? [])])].sort(),
    version: profile?.version ?? null,
    actions: allowedActions(can, actor, ['mapping.table.update'], {}),
  };
}

export function presentCandidate(row: CandidateRow, names: Map<string, string>, actor: Actor): Candidate {
  return {
    id: row.id,
    kind: row.kind,
    regionId: row.regionId,
    domain: row.domain,
    geographyId: row.geographyId,
    placeName: row.placeName,
    serviceIds: row.serviceIds,
    organizationIds: row.organizationIds,
    organizationNames: row.organizationIds.map((id) => names.get(id) ?? ''),
    evidence: row.evidence,
    status: row.status,
    label: row.label as CandidateLabel | null,
    rationale: row.rationale,
    labelledAt: iso(row.labelledAt),
    followUps: row.followUps,
    version: row.version,
    actions: allowedActions(can, actor, ['mapping.candidate.label', 'mapping.candidate.followUp'], {}),
  };
}

export function presentSnapshotSummary(row: Pick<SnapshotRow, 'id' | 'title' | 'regionId' | 'publishedAt' | 'isPublic'>, actor: Actor | null) {
  return {
    id: row.id,
    title: row.title,
    regionId: row.regionId,
    publishedAt: iso(row.publishedAt)!,
    isPublic: row.isPublic,
    actions: actor ? allowedActions(can, actor, ['mapping.snapshot.share'], { isPublic: row.isPublic }) : { 'mapping.snapshot.share': false },
  };
}

export function presentSnapshot(row: SnapshotRow, actor: Actor | null) {
  return {
    ...presentSnapshotSummary(row, actor),
    method: row.method,
    sources: row.sources,
    figures: row.figures as never,
    findings: row.findings as never,
  };
}
