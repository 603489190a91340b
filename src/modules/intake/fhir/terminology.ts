import type { Database, Db } from '../../../core/db/database';
import type { Actor, RequestMeta } from '../../../core/accounts/actor';
import { actorUserId } from '../../../core/accounts/actor';
import { Errors } from '../../../core/http/errors';
import type { Coding } from '../intake.fhir';
import { LOINC, SDOH_TEMP, SNOMED } from '../intake.fhir';
import { runCommand } from '../../../core/command';
import { authorizeAction } from '../../../core/policy';
import { can } from '../intake.policy';
import * as repo from '../repository/fhir';

export interface TermEntry { system: string; code: string; display: string; needCode: string; shipped: boolean; id?: string }

const sdoh = (code: string, display: string, needCode: string): TermEntry => ({ system: SDOH_TEMP, code, display, needCode, shipped: true });

/**
 * The map shipped with the app: SDOH categories of the Gravity guide, and a few LOINC / SNOMED CT
 * codes other systems put in ServiceRequest.code or Condition.code, to Roundtable's need codes.
 * The first entry of a need is what the export sends for it. Categories with no Roundtable need
 * (veteran status, digital access…) are not mapped: they come in and go out verbatim.
 */
export const SHIPPED_TERMS: TermEntry[] = [
  sdoh('food-insecurity', 'Food Insecurity', 'food'),
  sdoh('housing-instability', 'Housing Instability', 'housing'),
  sdoh('homelessness', 'Homelessness', 'housing'),
  sdoh('inadequate-housing', 'Inadequate Housing', 'housing'),
  sdoh('transportation-insecurity', 'Transportation Insecurity', 'transportation'),
  sdoh('financial-insecurity', 'Financial Insecurity', 'income'),
  sdoh('material-hardship', 'Material Hardship', 'income'),
  sdoh('utility-insecurity', 'Utility Insecurity', 'income'),
  sdoh('medical-cost-burden', 'Medical Cost Burden', 'income'),
  sdoh('employment-status', 'Employment Status', 'employment'),
  sdoh('language-access', 'Language Access', 'language'),
  sdoh('social-connection', 'Social Connection', 'social-connection'),
  sdoh('stress', 'Stress', 'mental-health'),
  sdoh('health-insurance-coverage-status', 'Health Insurance Coverage Status', 'health'),
  sdoh('personal-health-literacy', 'Personal Health Literacy', 'health'),
  sdoh('incarceration-status', 'Incarceration Status', 'legal'),
  { system: SNOMED, code: '733423003', display: 'Food insecurity (finding)', needCode: 'food', shipped: true },
  { system: SNOMED, code: '32911000', display: 'Homeless (finding)', needCode: 'housing', shipped: true },
  { system: SNOMED, code: '73438004', display: 'Unemployed (finding)', needCode: 'employment', shipped: true },
  { system: LOINC, code: '88124-3', display: 'Food insecurity risk [HVS]', needCode: 'food', shipped: true },
  { system: LOINC, code: '71802-3', display: 'Housing status', needCode: 'housing', shipped: true },
  { system: LOINC, code: '93030-5', display: 'Has lack of transportation kept you from medical appointments, meetings, work, or from getting things needed for daily living', needCode: 'transportation', shipped: true },
];

/** What a referral for any need asks for, in ServiceRequest.code (required from US Core procedure codes). */
export const REFERRAL_TO_SERVICE: Coding = { system: SNOMED, code: '306206005', display: 'Referral to service (procedure)' };

export async function terminology(tx: Db): Promise<TermEntry[]> {
  const rows = await repo.terminologyRows(tx);
  return [...rows.map((r) => ({ id: r.id, system: r.system, code: r.code, display: r.display ?? r.code, needCode: r.need_code, shipped: false })), ...SHIPPED_TERMS];
}

/** The need code of the first coding the map knows (an admin's entries first), or null. */
export function needFor(terms: TermEntry[], codings: Coding[]): { needCode: string; coding: Coding } | null {
  for (const c of codings) {
    const hit = terms.find((t) => t.system === c.system && t.code === c.code);
    if (hit) return { needCode: hit.needCode, coding: c };
  }
  return null;
}

/** The SDOH category the export sends for a need (the first shipped or added category of it). */
export function categoryFor(terms: TermEntry[], needCode: string | null): Coding | null {
  const t = needCode ? terms.find((x) => x.system === SDOH_TEMP && x.needCode === needCode) : undefined;
  return t ? { system: t.system, code: t.code, display: t.display } : null;
}

export async function listTerminology(database: Database, actor: Actor) {
  authorizeAction(can, actor, 'intake.fhir.terminology', {});
  const items = await terminology(database.db);
  return { items: items.map((t) => ({ id: t.id ?? null, system: t.system, code: t.code, display: t.display, needCode: t.needCode, shipped: t.shipped })), actions: { 'intake.fhir.terminology.add': can(actor, 'intake.fhir.terminology.add', {}) } };
}

/** An admin adds a code → need mapping (platform admin, or any organization admin: the map is shared). */
export async function addTerm(database: Database, actor: Actor, meta: RequestMeta, input: { system: string; code: string; display?: string; needCode: string }) {
  authorizeAction(can, actor, 'intake.fhir.terminology.add', {});
  if (SHIPPED_TERMS.some((t) => t.system === input.system && t.code === input.code)) throw Errors.conflict('This code is already in the map shipped with the app', 'code');
  return runCommand({ database, actor, meta }, async (tx) => {
    const id = await repo.insertTerm(tx, { system: input.system, code: input.code, display: input.display ?? null, needCode: input.needCode, userId: actorUserId(actor) });
    if (!id) throw Errors.conflict('This code is already mapped', 'code');
    return { result: { id, system: input.system, code: input.code, display: input.display ?? input.code, needCode: input.needCode, shipped: false }, audit: { action: 'intake.fhir.terminology.add', entityType: 'intake_fhir_terminology', entityId: id, details: input } };
  });
}

export async function removeTerm(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  authorizeAction(can, actor, 'intake.fhir.terminology.remove', {});
  await runCommand({ database, actor, meta }, async (tx) => {
    const row = await repo.deleteTerm(tx, id);
    if (!row) throw Errors.notFound('Mapping');
    return { result: undefined, audit: { action: 'intake.fhir.terminology.remove', entityType: 'intake_fhir_terminology', entityId: id, details: row } };
  });
}
