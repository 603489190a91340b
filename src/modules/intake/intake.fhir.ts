/**
 * The few FHIR R4 shapes the referral export/import uses. The installed @types/fhir is the
 * STU3 edition (no ServiceRequest), so these follow R4 (hl7.org/fhir/R4/servicerequest.html,
 * task.html) for the fields we write; Task statuses match FHIR's TaskStatus codes.
 */
export interface Reference { reference?: string; display?: string }
export interface Coding { system?: string; code?: string; display?: string }
export interface CodeableConcept { coding?: Coding[]; text?: string }
export interface ServiceRequest {
  resourceType: 'ServiceRequest';
  id?: string;
  status: 'draft' | 'active' | 'on-hold' | 'revoked' | 'completed' | 'entered-in-error' | 'unknown';
  intent: 'proposal' | 'plan' | 'directive' | 'order' | 'original-order' | 'reflex-order' | 'filler-order' | 'instance-order' | 'option';
  priority?: 'routine' | 'urgent' | 'asap' | 'stat';
  code?: CodeableConcept;
  subject: Reference;
  authoredOn?: string;
  requester?: Reference;
  performer?: Reference[];
  note?: { text: string }[];
}
export type TaskStatus = 'draft' | 'requested' | 'received' | 'accepted' | 'rejected' | 'ready' | 'cancelled' | 'in-progress' | 'on-hold' | 'failed' | 'completed' | 'entered-in-error';
export interface Task {
  resourceType: 'Task';
  id?: string;
  status: TaskStatus;
  statusReason?: CodeableConcept;
  businessStatus?: CodeableConcept;
  intent: 'unknown' | 'proposal' | 'plan' | 'order' | 'original-order' | 'reflex-order' | 'filler-order' | 'instance-order' | 'option';
  focus?: Reference;
  for?: Reference;
  authoredOn?: string;
  lastModified?: string;
  requester?: Reference;
  owner?: Reference;
  restriction?: { period?: { start?: string; end?: string } };
  extension?: { url: string; valueDate?: string }[];
  output?: { type: CodeableConcept; valueCodeableConcept?: CodeableConcept }[];
}
export interface BundleEntry { resource: ServiceRequest | Task }

const REFERRAL_STATUSES = ['requested', 'received', 'accepted', 'rejected', 'on-hold', 'in-progress', 'completed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Our referral statuses are FHIR TaskStatus codes; "waitlisted" is on-hold. */
export function toTaskStatus(status: string): TaskStatus {
  if (!(REFERRAL_STATUSES as readonly string[]).includes(status)) throw new Error(`Unknown referral status ${status}`);
  return status as TaskStatus;
}

/** Task.businessStatus of a waitlisted referral, so a reader knows why the task is on hold. */
export const WAITLISTED: CodeableConcept = { coding: [{ system: 'urn:roundtable:referral-business-status', code: 'waitlisted', display: 'Waitlisted' }], text: 'Waitlisted' };
/** When the performer expects a place for a waitlisted referral. */
export const EXPECTED_DATE_URL = 'urn:roundtable:waitlist-expected-date';

/** Reads a Task's status back: the referral status, its reason, and for on-hold the expected date. Null for statuses we do not use (draft, ready, failed…). */
export function fromTask(task: Task): { status: ReferralStatus; reason: string | null; expectedDate: string | null; waitlisted: boolean } | null {
  if (!(REFERRAL_STATUSES as readonly string[]).includes(task.status)) return null;
  const status = task.status as ReferralStatus;
  return {
    status,
    reason: task.statusReason?.text ?? null,
    expectedDate: status === 'on-hold' ? (task.extension?.find((e) => e.url === EXPECTED_DATE_URL)?.valueDate ?? null) : null,
    waitlisted: status === 'on-hold' && !!task.businessStatus?.coding?.some((c) => c.code === 'waitlisted'),
  };
}
