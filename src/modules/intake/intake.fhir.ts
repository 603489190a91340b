/**
 * FHIR R4 shapes and the status mapping shared by the referral export/import and the /fhir
 * endpoint. The installed @types/fhir is the STU3 edition (no ServiceRequest), so these follow
 * R4 (hl7.org/fhir/R4) for the fields we read and write. The exchange itself lives in ./fhir/.
 */
export interface Reference { reference?: string; display?: string; identifier?: Identifier }
export interface Coding { system?: string; code?: string; display?: string }
export interface CodeableConcept { coding?: Coding[]; text?: string }
export interface Identifier { system?: string; value?: string }
export type TaskStatus = 'draft' | 'requested' | 'received' | 'accepted' | 'rejected' | 'ready' | 'cancelled' | 'in-progress' | 'on-hold' | 'failed' | 'completed' | 'entered-in-error';
export interface Task {
  resourceType: 'Task';
  id?: string;
  meta?: { profile?: string[]; lastUpdated?: string };
  identifier?: Identifier[];
  status: TaskStatus;
  statusReason?: CodeableConcept;
  businessStatus?: CodeableConcept;
  intent: string;
  priority?: string;
  code?: CodeableConcept;
  focus?: Reference;
  for?: Reference;
  partOf?: Reference[];
  authoredOn?: string;
  lastModified?: string;
  requester?: Reference;
  owner?: Reference;
  restriction?: { period?: { start?: string; end?: string } };
  extension?: { url: string; valueDate?: string }[];
  output?: { type: CodeableConcept; valueCodeableConcept?: CodeableConcept; valueReference?: Reference }[];
}

/** Namespace of Roundtable's identifiers and its few local codes (a name, not a server to call). */
export const FHIR_NS = 'https://roundtable.example/fhir';
export const REFERRAL_SID = `${FHIR_NS}/sid/referral`;
export const CLIENT_SID = `${FHIR_NS}/sid/client`;
export const TASK_SID = `${FHIR_NS}/sid/referral-task`;
export const BUSINESS_STATUS_SYSTEM = `${FHIR_NS}/CodeSystem/referral-business-status`;
export const SDOH_TEMP = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';
export const TASK_CODE_SYSTEM = 'http://hl7.org/fhir/CodeSystem/task-code';
export const SNOMED = 'http://snomed.info/sct';
export const LOINC = 'http://loinc.org';

export const PROFILES = {
  ServiceRequest: 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-ServiceRequest',
  Task: 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-TaskForReferralManagement',
  Procedure: 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-Procedure',
  Consent: 'http://hl7.org/fhir/us/sdoh-clinicalcare/StructureDefinition/SDOHCC-Consent',
  Patient: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient',
  Organization: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-organization',
} as const;

const REFERRAL_STATUSES = ['requested', 'received', 'accepted', 'rejected', 'on-hold', 'in-progress', 'completed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Task.businessStatus of a waitlisted or received referral, so a reader knows where it stands. */
export const WAITLISTED: CodeableConcept = { coding: [{ system: BUSINESS_STATUS_SYSTEM, code: 'waitlisted', display: 'Waitlisted' }], text: 'Waitlisted' };
export const RECEIVED: CodeableConcept = { coding: [{ system: BUSINESS_STATUS_SYSTEM, code: 'received', display: 'Received' }], text: 'Received' };
/** When the performer expects a place for a waitlisted referral. */
export const EXPECTED_DATE_URL = `${FHIR_NS}/StructureDefinition/waitlist-expected-date`;

/**
 * Roundtable's status → the SDOHCC referral Task status value set (TaskStatus less `ready` and
 * `received`): `received` goes out as `requested` with business status "received".
 */
export function toTaskStatus(status: string): { status: TaskStatus; businessStatus?: CodeableConcept } {
  if (!(REFERRAL_STATUSES as readonly string[]).includes(status)) throw new Error(`Unknown referral status ${status}`);
  if (status === 'received') return { status: 'requested', businessStatus: RECEIVED };
  if (status === 'on-hold') return { status: 'on-hold', businessStatus: WAITLISTED };
  return { status: status as TaskStatus };
}

const hasBusiness = (t: Task, code: string) =>
  !!t.businessStatus?.coding?.some((c) => c.code === code) || t.businessStatus?.text?.trim().toLowerCase() === code;

/**
 * A Task's status (and business status) → the referral status it means. Statuses outside the
 * lifecycle map to the nearest: draft/ready → requested, received → received, failed and
 * entered-in-error → cancelled (with that as the reason).
 */
export function referralStatusOf(task: Pick<Task, 'status' | 'businessStatus'>): ReferralStatus | null {
  switch (task.status) {
    case 'draft':
    case 'ready':
      return 'requested';
    case 'requested':
      return hasBusiness(task as Task, 'received') ? 'received' : 'requested';
    case 'failed':
    case 'entered-in-error':
      return 'cancelled';
    default:
      return (REFERRAL_STATUSES as readonly string[]).includes(task.status) ? (task.status as ReferralStatus) : null;
  }
}

/** Reads a Task's status back: the referral status, its reason, and for on-hold the expected date. Null for statuses we do not use (draft, ready, failed…). */
export function fromTask(task: Task): { status: ReferralStatus; reason: string | null; expectedDate: string | null; waitlisted: boolean } | null {
  if (!(REFERRAL_STATUSES as readonly string[]).includes(task.status)) return null;
  const status = task.status as ReferralStatus;
  return {
    status,
    reason: task.statusReason?.text ?? null,
    expectedDate: status === 'on-hold' ? (task.extension?.find((e) => e.url === EXPECTED_DATE_URL)?.valueDate ?? null) : null,
    waitlisted: status === 'on-hold' && hasBusiness(task, 'waitlisted'),
  };
}

/** Drops undefined, null, empty strings, empty arrays and empty objects, so no element is empty (FHIR invariant ele-1). */
export function prune<T>(v: T): T {
  if (Array.isArray(v)) return v.map(prune).filter((x) => !isEmpty(x)) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = prune(x);
      if (!isEmpty(p)) out[k] = p;
    }
    return out as T;
  }
  return v;
}
function isEmpty(x: unknown): boolean {
  return x === undefined || x === null || (typeof x === 'string' && x.trim() === '') || (Array.isArray(x) && x.length === 0) || (typeof x === 'object' && !Array.isArray(x) && Object.keys(x as object).length === 0);
}
