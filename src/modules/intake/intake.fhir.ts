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
  output?: { type: CodeableConcept; valueCodeableConcept?: CodeableConcept }[];
}
export interface BundleEntry { resource: ServiceRequest | Task }
