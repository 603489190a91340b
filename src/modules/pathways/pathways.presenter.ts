import type { Actor } from '../../core/accounts/actor';
import { allowedActions } from '../../core/policy';
import { collaborativeAccess } from '../collaboratives/collaboratives.api';
import { can, PATHWAY_ACTIONS } from './pathways.policy';
import type { PathwayRow, VersionRow } from './pathways.repository';
import type { Pathway, StepChange } from './pathways.schema';
import { StepSchema } from './pathways.schema';

export function presentSummary(row: PathwayRow, collaborativeName: string, baseChanged: boolean) {
  return {
    id: row.id, collaborativeId: row.collaborativeId, collaborativeName, name: row.name, nameFr: row.nameFr, scenario: row.scenario,
    status: row.publishedVersion ? ('published' as const) : ('draft' as const), publishedVersion: row.publishedVersion, reviewDate: row.reviewDate,
    steps: row.steps.length, basedOnId: row.basedOnId, baseChanged,
  };
}

export interface PathwayExtras {
  collaborativeName: string;
  versions: VersionRow[];
  copies: { id: string; name: string; collaborativeName: string }[];
  services: Record<string, string>;
  organizations: Record<string, string>;
  serviceOrganizations: Record<string, string>;
  basedOn: { id: string; name: string; collaborativeName: string; copiedVersion: number | null; latestVersion: number | null; changed: boolean; diff: StepChange[] } | null;
}

export function presentPathway(row: PathwayRow, actor: Actor, x: PathwayExtras): Pathway {
  return {
    id: row.id, collaborativeId: row.collaborativeId, collaborativeName: x.collaborativeName,
    name: row.name, nameFr: row.nameFr, scenario: row.scenario, scenarioFr: row.scenarioFr, population: row.population,
    geographyId: row.geographyId, reviewDate: row.reviewDate,
    status: row.publishedVersion ? 'published' : 'draft',
    // Stored steps are read through the contract so that older rows get today's defaults.
    steps: row.steps.map((s) => StepSchema.parse(s)),
    names: { services: x.services, organizations: x.organizations, serviceOrganizations: x.serviceOrganizations },
    versions: x.versions.map((v) => ({ number: v.number, publishedAt: new Date(v.publishedAt).toISOString(), note: v.note, reviewDate: v.reviewDate, steps: v.steps.length })),
    basedOn: x.basedOn,
    copies: x.copies,
    version: row.version,
    actions: allowedActions(can, actor, PATHWAY_ACTIONS, { access: collaborativeAccess(actor, row.collaborativeId) }),
  };
}
