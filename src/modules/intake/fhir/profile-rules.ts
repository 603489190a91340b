import { SDOH_TEMP, TASK_CODE_SYSTEM } from '../intake.fhir';

/**
 * The rules of the SDOH Clinical Care profiles this app's exports claim (from the guide's FSH:
 * SDOHCC-TaskForReferralManagement, SDOHCC-ServiceRequest over US Core ServiceRequest,
 * SDOHCC-Procedure, US Core Patient and Organization, invariants SDOH-Task-1…7 and ele-1), as
 * checks over a Bundle. Returns one message per broken rule, naming where.
 */
export const SDOH_CATEGORIES = ['sdoh-category-unspecified', 'food-insecurity', 'housing-instability', 'homelessness', 'inadequate-housing', 'transportation-insecurity', 'financial-insecurity', 'material-hardship', 'educational-attainment', 'employment-status', 'veteran-status', 'stress', 'social-connection', 'intimate-partner-violence', 'elder-abuse', 'personal-health-literacy', 'health-insurance-coverage-status', 'medical-cost-burden', 'digital-literacy', 'digital-access', 'utility-insecurity', 'incarceration-status', 'language-access', 'protective-factor'];
/** SDOHCCValueSetReferralTaskStatus: TaskStatus without ready and received. */
export const REFERRAL_TASK_STATUSES = ['draft', 'requested', 'accepted', 'rejected', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed', 'entered-in-error'];
const EVENT_STATUSES = ['preparation', 'in-progress', 'not-done', 'on-hold', 'stopped', 'completed', 'entered-in-error', 'unknown'];
const SDC_TEMP = 'http://hl7.org/fhir/uv/sdc/CodeSystem/temp';

// FHIR JSON as received, checked field by field against the profiles.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type R = Record<string, any>;
const has = (cc: R | undefined, system: string, code: string) => !!cc?.coding?.some((c: R) => c.system === system && c.code === code);
const anyHas = (list: R[] | undefined, system: string, code: string) => (list ?? []).some((x) => has(x.type, system, code));

export function checkProfiles(bundle: R): string[] {
  const out: string[] = [];
  const entries = (bundle.entry ?? []) as { fullUrl?: string; resource: R }[];
  const byRef = new Map<string, R>();
  for (const e of entries) {
    if (e.fullUrl) byRef.set(e.fullUrl, e.resource);
    if (e.resource.id) byRef.set(`${e.resource.resourceType}/${e.resource.id}`, e.resource);
  }
  const resolve = (ref: R | undefined) => (ref?.reference ? byRef.get(ref.reference) : undefined);
  // ele-1 and references that resolve inside the Bundle.
  const walk = (v: unknown, path: string) => {
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0) || (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0)) out.push(`${path}: empty element (ele-1)`);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'reference' && typeof x === 'string' && !byRef.has(x)) out.push(`${path}.reference: ${x} does not resolve inside the Bundle`);
        walk(x, `${path}.${k}`);
      }
    }
  };
  walk(bundle, 'Bundle');
  entries.forEach((e, i) => {
    const r = e.resource;
    const at = `entry[${i}].resource`;
    if (!r.meta?.profile?.length) out.push(`${at}.meta.profile: missing`);
    if (r.resourceType === 'Task') {
      if (!REFERRAL_TASK_STATUSES.includes(r.status)) out.push(`${at}.status: ${r.status} is outside SDOHCCValueSetReferralTaskStatus`);
      if (r.intent !== 'order') out.push(`${at}.intent: must be order`);
      if (!has(r.code, TASK_CODE_SYSTEM, 'fulfill')) out.push(`${at}.code: must be task-code#fulfill`);
      for (const k of ['focus', 'for', 'authoredOn', 'requester']) if (!r[k]) out.push(`${at}.${k}: required (1..)`);
      if (r.focus && resolve(r.focus)?.resourceType !== 'ServiceRequest') out.push(`${at}.focus: must be an SDOHCC ServiceRequest`);
      if (r.for && !['Patient', 'Group', 'RelatedPerson'].includes(resolve(r.for)?.resourceType)) out.push(`${at}.for: must be a Patient, Group or RelatedPerson`);
      if (r.requester && !['Organization', 'PractitionerRole'].includes(resolve(r.requester)?.resourceType)) out.push(`${at}.requester: must be an Organization or PractitionerRole`);
      if (r.statusReason && !r.statusReason.text) out.push(`${at}.statusReason.text: required when statusReason is present`);
      if (['rejected', 'cancelled', 'on-hold', 'failed'].includes(r.status) && !r.statusReason?.text) out.push(`${at}.statusReason.text: should be given for ${r.status}`);
      if (r.priority && !['routine', 'urgent'].includes(r.priority)) out.push(`${at}.priority: outside SDOHCCValueSetTaskPriority`);
      for (const [j, o] of (r.output ?? []).entries()) {
        if (has(o.type, SDOH_TEMP, 'resulting-activity') && o.valueReference && resolve(o.valueReference)?.resourceType !== 'Procedure') out.push(`${at}.output[${j}]: a resulting-activity reference must be an SDOHCC Procedure`);
      }
      // SDOH-Task-1 … 7
      if (has(r.code, SDC_TEMP, 'complete-questionnaire')) {
        const n = [anyHas(r.input, SDC_TEMP, 'questionnaire'), anyHas(r.input, SDOH_TEMP, 'questionnaire-pdf'), anyHas(r.input, SDOH_TEMP, 'questionnaire-url')].filter(Boolean).length;
        if (n !== 1 || !anyHas(r.input, SDOH_TEMP, 'questionnaire-category')) out.push(`${at}: SDOH-Task-1`);
      }
      if (has(r.code, SDOH_TEMP, 'general-information') && (!r.description || (r.output ?? []).some((o: R) => !has(o.type, SDOH_TEMP, 'general-information-response')))) out.push(`${at}: SDOH-Task-2`);
      if (has(r.code, SDOH_TEMP, 'review-material') && resolve(r.focus)?.resourceType !== 'DocumentReference') out.push(`${at}: SDOH-Task-3`);
      if (has(r.code, SDOH_TEMP, 'make-contact') && !anyHas(r.input, SDOH_TEMP, 'contact-entity')) out.push(`${at}: SDOH-Task-4`);
      if (anyHas(r.input, SDC_TEMP, 'questionnaire') && r.output?.length && !anyHas(r.output, SDC_TEMP, 'questionnaire-response')) out.push(`${at}: SDOH-Task-5`);
      if (anyHas(r.input, SDC_TEMP, 'questionnaire-pdf') && r.output?.length && !anyHas(r.output, SDC_TEMP, 'questionnaire-pdf-completed')) out.push(`${at}: SDOH-Task-6`);
      if (has(r.code, SDOH_TEMP, 'make-contact') && (!r.description || (r.output ?? []).some((o: R) => !has(o.type, SDOH_TEMP, 'chosen-contact')))) out.push(`${at}: SDOH-Task-7`);
    }
    if (r.resourceType === 'ServiceRequest') {
      for (const k of ['status', 'intent', 'subject', 'code']) if (!r[k]) out.push(`${at}.${k}: required`);
      if (r.subject && resolve(r.subject)?.resourceType !== 'Patient') out.push(`${at}.subject: must be a US Core Patient`);
      if (!r.code?.coding?.length) out.push(`${at}.code: needs a code (required binding to US Core procedure codes)`);
      for (const [j, c] of (r.category ?? []).entries()) for (const cd of c.coding ?? []) if (cd.system === SDOH_TEMP && !SDOH_CATEGORIES.includes(cd.code)) out.push(`${at}.category[${j}]: ${cd.code} is not in SDOHCCValueSetSDOHCategory`);
      if (r.specimen || r.bodySite) out.push(`${at}: specimen and bodySite are not allowed (..0)`);
    }
    if (r.resourceType === 'Procedure') {
      if (!EVENT_STATUSES.includes(r.status)) out.push(`${at}.status: outside EventStatus`);
      if (!r.code || !r.subject) out.push(`${at}: code and subject are required`);
      if (r.status === 'completed' && !r.performedDateTime && !r.performedPeriod) out.push(`${at}.performed[x]: required when completed (us-core-7)`);
    }
    if (r.resourceType === 'Patient') {
      if (!r.identifier?.length || !r.name?.length || !r.gender) out.push(`${at}: US Core Patient needs identifier, name and gender`);
      for (const n of r.name ?? []) if (!n.family && !n.given && !n.extension?.some((x: R) => x.url?.endsWith('data-absent-reason'))) out.push(`${at}.name: family, given or a data-absent-reason (us-core-6)`);
    }
    if (r.resourceType === 'Organization' && (!r.name || r.active === undefined)) out.push(`${at}: US Core Organization needs name and active`);
  });
  if (JSON.stringify(bundle).includes('urn:roundtable:')) out.push('Bundle: private urn:roundtable: codes');
  return out;
}
