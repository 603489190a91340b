import crypto from 'node:crypto';
import type { Database, Db } from '../../../core/db/database';
import { fhirSourceRow } from '../repository/fhir';
import type { Actor, RequestMeta } from '../../../core/accounts/actor';
import { loadVisibleClient, type ClientView } from '../intake.clients';
import { getReferral, type ReferralView } from '../intake.referrals';
import type { Coding, Reference } from '../intake.fhir';
import { CLIENT_SID, EXPECTED_DATE_URL, PROFILES, REFERRAL_SID, SDOH_TEMP, TASK_CODE_SYSTEM, TASK_SID, prune, toTaskStatus } from '../intake.fhir';
import { categoryFor, REFERRAL_TO_SERVICE, terminology, type TermEntry } from './terminology';

/** What an import kept of the other system's resources, so the export sends them back unchanged. */
export interface FhirSource {
  requester?: Reference;
  owner?: Reference;
  serviceRequest?: { id?: string; identifier?: { system?: string; value?: string }[]; category?: { coding?: Coding[]; text?: string }[]; code?: { coding?: Coding[]; text?: string }; priority?: string; status?: string };
  task?: { id?: string; identifier?: { system?: string; value?: string }[]; partOf?: Reference[] };
  unmapped?: Coding[];
}

/** A stable UUID derived from another (the Task and Procedure of a referral have ids of their own). */
export function derivedId(id: string, kind: string): string {
  const h = crypto.createHash('sha256').update(`${kind}:${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const urn = (id: string) => `urn:uuid:${id}`;
const OUTCOME_TEXT: Record<string, string> = { service_received: 'Service received', not_eligible: 'Not eligible', could_not_reach: 'Could not reach the client', declined: 'The client declined' };

/**
 * The referral as a FHIR R4 collection Bundle to the SDOH Clinical Care profiles: ServiceRequest,
 * Task (code fulfill), the Patient with only what the referral shares and the reader may see, the
 * requester and performer Organizations, and for a completed referral its resulting Procedure.
 * Every reference resolves inside the Bundle (urn:uuid full URLs).
 */
export function referralBundle(r: ReferralView, client: ClientView | null, source: FhirSource | null, terms: TermEntry[]) {
  const patientId = r.clientId;
  const taskId = derivedId(r.id, 'task');
  const requesterOrg = r.fromOrganizationId;
  // An imported referral goes back out with the requester the other system named.
  const requester: Reference = source?.requester?.display
    ? { reference: urn(derivedId(r.id, 'requester')), display: source.requester.display }
    : { reference: urn(requesterOrg), display: r.fromOrganizationName ?? undefined };
  const ownerId = r.toOrganizationId ?? derivedId(r.id, 'performer');
  const ownerName = r.toOrganizationName ?? r.externalPartner ?? r.toContactName ?? undefined;
  const owner: Reference = { reference: urn(ownerId), display: ownerName };
  const shared = new Set<string>(r.sharedCategories);
  const sees = new Set(client?.visibleCategories ?? []);
  const may = (c: string) => shared.has(c) && sees.has(c);

  const mapped = categoryFor(terms, r.needCode);
  const keptCategories = source?.serviceRequest?.category ?? [];
  const category = keptCategories.length ? keptCategories : mapped ? [{ coding: [mapped] }] : [{ coding: [{ system: SDOH_TEMP, code: 'sdoh-category-unspecified', display: 'SDOH Category Unspecified' }] }];
  const unmappedNeed = r.needCode && !mapped && !keptCategories.length ? r.needCode : undefined;
  const code = source?.serviceRequest?.code?.coding?.length ? source.serviceRequest.code : { coding: [REFERRAL_TO_SERVICE], text: r.serviceName ?? unmappedNeed ?? undefined };
  const { status, businessStatus } = toTaskStatus(r.status);
  const lastModified = r.events.at(-1)?.at ?? r.sentAt;

  const serviceRequest = {
    resourceType: 'ServiceRequest', id: r.id, meta: { profile: [PROFILES.ServiceRequest] },
    identifier: [{ system: REFERRAL_SID, value: r.id }, ...(source?.serviceRequest?.identifier ?? [])],
    status: r.status === 'completed' ? 'completed' : r.status === 'cancelled' || r.status === 'rejected' ? 'revoked' : 'active',
    intent: 'order', category, code,
    priority: r.urgency === 'urgent' ? 'urgent' : r.urgency === 'soon' ? 'asap' : 'routine',
    subject: { reference: urn(patientId) },
    authoredOn: r.sentAt,
    requester,
    performer: [owner],
    // The reason always goes with a referral; it is null here when the reader may not see it.
    ...(r.reason ? { note: [{ text: r.reason }] } : {}),
  };
  const procedureId = derivedId(r.id, 'procedure');
  const completed = r.status === 'completed';
  const task = {
    // Task and ServiceRequest share the referral's id (ids are per resource type), so GET /fhir/Task/:id finds it.
    resourceType: 'Task', id: r.id, meta: { profile: [PROFILES.Task], lastUpdated: lastModified },
    identifier: [{ system: TASK_SID, value: r.id }, ...(source?.task?.identifier ?? [])],
    ...(source?.task?.partOf ? { partOf: source.task.partOf } : {}),
    status, businessStatus,
    ...(r.statusReason ? { statusReason: { text: r.statusReason } } : {}),
    intent: 'order', priority: r.urgency === 'urgent' ? 'urgent' : 'routine',
    code: { coding: [{ system: TASK_CODE_SYSTEM, code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: { reference: urn(r.id) }, for: { reference: urn(patientId) },
    authoredOn: r.sentAt, lastModified,
    requester, owner,
    restriction: { period: { end: r.followUpDueAt } },
    ...(r.status === 'on-hold' && r.waitlistExpectedOn ? { extension: [{ url: EXPECTED_DATE_URL, valueDate: r.waitlistExpectedOn }] } : {}),
    ...(completed
      ? { output: [{ type: { coding: [{ system: SDOH_TEMP, code: 'resulting-activity', display: 'Resulting Activity' }] }, valueReference: { reference: urn(procedureId), display: OUTCOME_TEXT[r.outcome ?? ''] ?? r.outcome ?? undefined } }] }
      : {}),
  };
  const name = may('identity') && client?.name ? client.name.trim().split(/\s+/) : null;
  const patient = {
    resourceType: 'Patient', id: patientId, meta: { profile: [PROFILES.Patient] },
    identifier: [{ system: CLIENT_SID, value: patientId }],
    // US Core needs a name and a gender; what is not shared is marked absent, not left empty.
    name: name ? [{ family: name.length > 1 ? name.at(-1) : undefined, given: name.length > 1 ? name.slice(0, -1) : name, text: client!.name }]
      : [{ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'masked' }] }],
    gender: 'unknown',
    ...(may('identity') && client?.birthDate ? { birthDate: client.birthDate } : {}),
    ...(may('contact') && (client?.phone || client?.email)
      ? { telecom: [...(client.phone ? [{ system: 'phone', value: client.phone }] : []), ...(client.email ? [{ system: 'email', value: client.email }] : [])] }
      : {}),
    ...(may('identity') && client?.preferredLanguage ? { communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: client.preferredLanguage }] } }] } : {}),
  };
  const org = (id: string, display?: string) => ({ fullUrl: urn(id), resource: { resourceType: 'Organization', id, meta: { profile: [PROFILES.Organization] }, active: true, name: display ?? 'Unnamed organization' } });
  const entry = [
    { fullUrl: urn(r.id), resource: serviceRequest },
    { fullUrl: urn(taskId), resource: task },
    { fullUrl: urn(patientId), resource: patient },
    org(requester.reference!.slice(9), requester.display),
    ...(ownerId !== requester.reference!.slice(9) ? [org(ownerId, ownerName)] : []),
    ...(completed
      ? [{ fullUrl: urn(procedureId), resource: {
          resourceType: 'Procedure', id: procedureId, meta: { profile: [PROFILES.Procedure] }, status: 'completed',
          basedOn: [{ reference: urn(r.id) }], category: { coding: category[0]?.coding ?? [] },
          code: { text: OUTCOME_TEXT[r.outcome ?? ''] ?? r.outcome ?? 'Service provided' }, subject: { reference: urn(patientId) },
          performedDateTime: r.events.find((e) => e.toStatus === 'completed')?.at ?? lastModified,
          performer: [{ actor: owner }],
        } }]
      : []),
  ];
  return prune({ resourceType: 'Bundle', id: derivedId(r.id, `bundle:${lastModified}`), meta: { lastUpdated: lastModified }, type: 'collection', timestamp: new Date().toISOString(), entry });
}

export async function fhirSource(tx: Db, referralId: string): Promise<FhirSource | null> {
  return fhirSourceRow<FhirSource>(tx, referralId);
}

/** GET /intake/referrals/:id/fhir: the referral as the reader may see it, audited. */
export async function exportReferralBundle(database: Database, actor: Actor, meta: RequestMeta, id: string) {
  return database.db.transaction(async (tx) => {
    const inner = { ...database, db: tx } as Database;
    // getReferral writes the one access-log row of this response (a referral the reader cannot
    // see as a client's is 404 there).
    const r = await getReferral(inner, actor, meta, id, 'intake.referral.fhir_export');
    const client = await loadVisibleClient(tx, actor, r.clientId).catch(() => null);
    return referralBundle(r, client, await fhirSource(tx, id), await terminology(tx));
  });
}
