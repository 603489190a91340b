import type { Database, Db } from '../../../core/db/database';
import type { Actor, RequestMeta } from '../../../core/accounts/actor';
import { actorLabel, systemActor } from '../../../core/accounts/actor';
import { AppError, Errors, type FieldError } from '../../../core/http/errors';
import { organizationExists } from '../../../core/organizations/organizations.service';
import { actingOrganization, auditClient } from '../intake.access';
import { createClient, findDuplicates, insertConsent, loadVisibleClient } from '../intake.clients';
import { dobIndex } from '../intake.crypto';
import { createReferral, getReferral, NEXT, transitionReferral, type ReferralView } from '../intake.referrals';
import type { Coding, Reference, Task } from '../intake.fhir';
import { CLIENT_SID, EXPECTED_DATE_URL, REFERRAL_SID, TASK_SID, referralStatusOf, type ReferralStatus } from '../intake.fhir';
import type { FhirSource } from './export';
import { needFor, terminology } from './terminology';
import { authorizeAction } from '../../../core/policy';
import { can } from '../intake.policy';
import * as repo from '../repository/fhir';

// A partner's FHIR resource as received: any JSON, read field by field with checks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Res = Record<string, any> & { resourceType: string; id?: string };
interface Entry { path: string; fullUrl?: string; resource: Res }

const BUNDLE_TYPES = ['collection', 'transaction', 'batch', 'searchset'];
const TASK_STATUSES = ['draft', 'requested', 'received', 'accepted', 'rejected', 'ready', 'cancelled', 'in-progress', 'on-hold', 'failed', 'completed', 'entered-in-error'];
const SR_STATUSES = ['draft', 'active', 'on-hold', 'revoked', 'completed', 'entered-in-error', 'unknown'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The entries of what was posted: a Bundle of a type we read, or one bare Task or ServiceRequest. */
export function entriesOf(body: unknown): Entry[] {
  const b = body as Res;
  if (!b || typeof b !== 'object' || typeof b.resourceType !== 'string') throw Errors.validation([{ field: 'resourceType', message: 'Send a FHIR Bundle, Task or ServiceRequest' }]);
  if (b.resourceType === 'Task' || b.resourceType === 'ServiceRequest') return [{ path: '', resource: b }];
  if (b.resourceType !== 'Bundle') throw Errors.validation([{ field: 'resourceType', message: `A ${b.resourceType} cannot be imported: send a Bundle, Task or ServiceRequest` }]);
  if (!BUNDLE_TYPES.includes(b.type)) throw Errors.validation([{ field: 'type', message: `Bundle type must be one of ${BUNDLE_TYPES.join(', ')}` }]);
  if (!Array.isArray(b.entry) || b.entry.length === 0) throw Errors.validation([{ field: 'entry', message: 'The Bundle has no entries' }]);
  const errors: FieldError[] = [];
  const out: Entry[] = [];
  b.entry.forEach((e: Res, i: number) => {
    const at = `entry[${i}]`;
    if (!e?.resource || typeof e.resource.resourceType !== 'string') return errors.push({ field: `${at}.resource`, message: 'Each entry needs a resource with its resourceType' });
    const method = e.request?.method;
    if ((b.type === 'transaction' || b.type === 'batch') && method && !['POST', 'PUT'].includes(method)) errors.push({ field: `${at}.request.method`, message: 'Only POST and PUT entries can be imported' });
    // A searchset may carry OperationOutcomes and included resources: read only matches and includes.
    if (e.resource.resourceType === 'OperationOutcome') return;
    out.push({ path: `${at}.resource`, fullUrl: e.fullUrl, resource: e.resource });
  });
  if (errors.length) throw Errors.validation(errors);
  return out;
}

/** Resolves references inside the posted resources: by full URL, or by Type/id. */
function resolver(entries: Entry[]) {
  return (ref: Reference | undefined, type?: string): Entry | undefined => {
    const r = ref?.reference;
    if (!r) return undefined;
    const same = (e: Entry) => (e.fullUrl && (e.fullUrl === r || e.fullUrl.endsWith(`/${r}`))) || (e.resource.id && `${e.resource.resourceType}/${e.resource.id}` === r.replace(/^.*\/([A-Za-z]+\/[^/]+)$/, '$1'));
    return entries.find((e) => (!type || e.resource.resourceType === type) && same(e));
  };
}

const idKey = (e: Entry) => (e.resource.id ? `id:${e.resource.resourceType}/${e.resource.id}` : e.fullUrl ? `url:${e.fullUrl}` : null);
const identifierKeys = (r: Res) => ((r.identifier ?? []) as { system?: string; value?: string }[]).filter((i) => i?.value).map((i) => `identifier:${i.system ?? ''}|${i.value}`);
const keysOf = (e: Entry) => [...identifierKeys(e.resource), ...[idKey(e)].filter((x): x is string => !!x)];
const ownId = (r: Res, system: string) => ((r.identifier ?? []) as { system?: string; value?: string }[]).find((i) => i.system === system && UUID.test(i.value ?? ''))?.value;
const codingsOf = (cc: unknown): Coding[] => (Array.isArray(cc) ? cc : cc ? [cc] : []).flatMap((c: { coding?: unknown }) => (Array.isArray(c?.coding) ? c.coding : [])).filter((c: Coding) => c?.code);

/** What the import found or did; a preview is the same, rolled back. */
export interface ImportResult {
  created: boolean;
  changed: boolean;
  preview: boolean;
  client: { id: string; name: string | null; match: 'identifier' | 'name_and_birth_date' | 'new' | 'existing_referral' };
  need: { code: string | null; mapped: boolean; codings: Coding[] };
  status: string;
  referral: ReferralView;
  consentRecorded: boolean;
}

class Rollback extends Error { constructor(readonly result: ImportResult) { super('preview'); } }

/** Where the referral's lifecycle has to go to reach `to`, one step at a time; null if it cannot get there. */
export function pathTo(from: ReferralStatus, to: ReferralStatus): ReferralStatus[] | null {
  const seen = new Map<ReferralStatus, ReferralStatus[]>([[from, []]]);
  const queue: ReferralStatus[] = [from];
  while (queue.length) {
    const s = queue.shift()!;
    if (s === to) return seen.get(s)!;
    for (const n of NEXT[s] as ReferralStatus[]) if (!seen.has(n)) { seen.set(n, [...seen.get(s)!, n]); queue.push(n); }
  }
  return null;
}

/**
 * POST /intake/referrals/fhir: reads the posted resources as the SDOHCC profiles define them, and
 * in one transaction matches or creates the client, records the consent sent with it, creates
 * the referral or finds the one already imported, and moves it to the Task's state. Any error
 * names the resource and element (`entry[2].resource.subject`) and nothing is stored.
 */
export async function importReferral(database: Database, actor: Actor, meta: RequestMeta, body: unknown, opts: { preview?: boolean } = {}): Promise<ImportResult> {
  const org = actingOrganization(actor);
  authorizeAction(can, actor, 'intake.referral.fhir_import', {});
  const entries = entriesOf(body);
  const resolve = resolver(entries);
  const errors: FieldError[] = [];
  const tasks = entries.filter((e) => e.resource.resourceType === 'Task');
  const requests = entries.filter((e) => e.resource.resourceType === 'ServiceRequest');
  if (!tasks.length && !requests.length) throw Errors.validation([{ field: 'entry', message: 'Nothing to import: no ServiceRequest and no Task' }]);
  // The referral Task: the one not part of another in what was sent (a subtask alone drives its own referral).
  const task = tasks.find((t) => !(t.resource.partOf ?? []).some((p: Reference) => resolve(p, 'Task'))) ?? tasks[0];
  for (const t of tasks) {
    const r = t.resource;
    if (!TASK_STATUSES.includes(r.status)) errors.push({ field: `${t.path ? t.path + '.' : ''}status`, message: `Task.status must be one of ${TASK_STATUSES.join(', ')}` });
    if (!r.focus?.reference) errors.push({ field: `${t.path ? t.path + '.' : ''}focus`, message: 'A referral Task names the ServiceRequest it fulfils in focus' });
  }
  let sr = task ? resolve(task.resource.focus, 'ServiceRequest') : undefined;
  sr ??= requests[0];
  const p = (e: Entry | undefined, el: string) => (e?.path ? `${e.path}.${el}` : el);
  if (sr) {
    const r = sr.resource;
    if (!SR_STATUSES.includes(r.status)) errors.push({ field: p(sr, 'status'), message: `ServiceRequest.status must be one of ${SR_STATUSES.join(', ')}` });
    if (!r.intent) errors.push({ field: p(sr, 'intent'), message: 'ServiceRequest.intent is required' });
    if (!r.subject?.reference && !r.subject?.identifier) errors.push({ field: p(sr, 'subject'), message: 'The ServiceRequest needs its subject: the Patient' });
  }
  if (errors.length) throw Errors.validation(errors);

  try {
    return await database.db.transaction(async (tx) => {
      const inner = { ...database, db: tx } as Database;
      const result = await apply(tx, inner, actor, meta, org!, entries, resolve, task, sr, p);
      if (opts.preview) throw new Rollback({ ...result, preview: true });
      return result;
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    // The preview showed an existing client: that is a read, audited like any other.
    if (e.result.client.match !== 'new') {
      await database.db.transaction((tx) => auditClient(tx, actor, meta, 'intake.referral.fhir_preview', e.result.client.id, org, 'referral', { referralId: e.result.created ? null : e.result.referral.id, match: e.result.client.match }));
    }
    return e.result;
  }
}

async function findKey(tx: Db, org: string, kind: string, keys: string[]) {
  if (!keys.length) return null;
  return repo.findFhirKey(tx, org, kind, keys);
}
async function saveKeys(tx: Db, org: string, kind: string, keys: string[], ids: { referralId?: string; clientId?: string }) {
  for (const key of keys) {
    await repo.insertFhirKey(tx, org, kind, key, { referralId: ids.referralId ?? null, clientId: ids.clientId ?? null });
  }
}
const patientKeys = (r: Res) => identifierKeys(r).map((k) => `hash:${dobIndex(`fhir-patient:${k}`)}`);

/** A Roundtable organization named by a reference: Organization/<id> of ours, or an Organization resource with our id. */
async function roundtableOrg(tx: Db, ref: Reference | undefined, resolve: ReturnType<typeof resolver>): Promise<string | null> {
  const m = /(?:^|\/|urn:uuid:)([0-9a-f-]{36})$/i.exec(ref?.reference ?? '');
  const candidates = [m?.[1], resolve(ref, 'Organization')?.resource.id].filter((x): x is string => !!x && UUID.test(x));
  for (const id of candidates) if (await organizationExists(tx, id)) return id;
  return null;
}
const displayOf = (ref: Reference | undefined, resolve: ReturnType<typeof resolver>) => ref?.display ?? resolve(ref)?.resource.name ?? resolve(ref)?.resource.organization?.display ?? undefined;

async function apply(tx: Db, inner: Database, actor: Actor, meta: RequestMeta, org: string, entries: Entry[], resolve: ReturnType<typeof resolver>,
  task: Entry | undefined, sr: Entry | undefined, p: (e: Entry | undefined, el: string) => string): Promise<ImportResult> {
  const sync = systemActor(`fhir-import:${actorLabel(actor)}`);
  const terms = await terminology(tx);
  // 1. Is this a referral we already have? Our own identifiers, then what this organization imported before.
  let referralId: string | null = null;
  const own = (sr && ownId(sr.resource, REFERRAL_SID)) ?? (task && ownId(task.resource, TASK_SID)) ?? null;
  if (own) referralId = own;
  referralId ??= sr ? ((await findKey(tx, org, 'ServiceRequest', keysOf(sr)))?.referral_id ?? null) : null;
  referralId ??= task ? ((await findKey(tx, org, 'Task', keysOf(task)))?.referral_id ?? null) : null;
  if (!referralId && task && !sr) {
    // A bare Task about a ServiceRequest imported before (by reference or identifier).
    const f = task.resource.focus as Reference;
    const keys = [f?.reference ? `id:${f.reference.replace(/^.*\/(ServiceRequest\/[^/]+)$/, '$1')}` : '', f?.reference ? `url:${f.reference}` : '', ...(f?.identifier?.value ? [`identifier:${f.identifier.system ?? ''}|${f.identifier.value}`] : [])].filter(Boolean);
    referralId = (await findKey(tx, org, 'ServiceRequest', keys))?.referral_id ?? null;
    const m = /([0-9a-f-]{36})$/i.exec(f?.reference ?? '');
    if (!referralId && m) referralId = m[1];
    if (!referralId) throw Errors.validation([{ field: p(task, 'focus'), message: 'The ServiceRequest this Task fulfils is not known here: send it with the Task in a Bundle' }]);
  }
  const srCodings = sr ? [...codingsOf(sr.resource.category), ...codingsOf(sr.resource.code)] : [];
  const conditionCodings = sr ? ((sr.resource.reasonReference ?? []) as Reference[]).flatMap((ref) => codingsOf(resolve(ref, 'Condition')?.resource.code)) : [];
  const allCodings = [...srCodings, ...conditionCodings];
  const hit = needFor(terms, allCodings);

  let created = false;
  let consentRecorded = false;
  let match: ImportResult['client']['match'] = 'existing_referral';
  if (referralId) {
    const existing = await getReferral(inner, actor, meta, referralId).catch(() => null);
    if (!existing) throw Errors.validation([{ field: p(sr ?? task, sr ? 'identifier' : 'focus'), message: 'This referral is not one your organization sent or received' }]);
  } else {
    // 2. The client: our own id, an identifier imported before, then name and birth date; otherwise a new client.
    const subjectRef = sr!.resource.subject as Reference;
    const patient = resolve(subjectRef, 'Patient');
    const subjectPath = p(sr, 'subject');
    let clientId: string | null = null;
    const pr = patient?.resource;
    const ownClient = (pr && ownId(pr, CLIENT_SID)) ?? (/^Patient\/([0-9a-f-]{36})$/i.exec(subjectRef.reference ?? '')?.[1] && !patient ? /^Patient\/([0-9a-f-]{36})$/i.exec(subjectRef.reference!)![1] : null);
    if (ownClient) {
      clientId = (await loadVisibleClient(tx, actor, ownClient).catch(() => null))?.id ?? null;
      if (!clientId && !pr) throw Errors.validation([{ field: subjectPath, message: 'No client of your organization has this id' }]);
      if (clientId) match = 'identifier';
    }
    if (!clientId && !pr) throw Errors.validation([{ field: subjectPath, message: `${subjectRef.reference ?? 'The subject'} is not in the bundle: send the Patient with the ServiceRequest` }]);
    if (!clientId && pr) {
      const known = await findKey(tx, org, 'Patient', patientKeys(pr));
      if (known?.client_id && (await loadVisibleClient(tx, actor, known.client_id).catch(() => null))) { clientId = known.client_id; match = 'identifier'; }
    }
    const name = pr ? patientName(pr) : null;
    const birthDate = typeof pr?.birthDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(pr.birthDate) ? pr.birthDate : undefined;
    if (!clientId && pr) {
      const dups = name ? await findDuplicates(tx, actor, name, birthDate) : [];
      const same = dups.find((d) => d.score === 1);
      if (same) { clientId = same.id; match = 'name_and_birth_date'; }
    }
    const toOrg = (await roundtableOrg(tx, task?.resource.owner, resolve)) ?? (await roundtableOrg(tx, (sr!.resource.performer ?? [])[0], resolve));
    const receiver = toOrg ?? org;
    const consent = entries.find((e) => e.resource.resourceType === 'Consent' && e.resource.status === 'active' && (!e.resource.patient || resolve(e.resource.patient, 'Patient') === patient));
    const requesterDisplay = displayOf(sr!.resource.requester, resolve) ?? 'another system';
    const source = consent ? `FHIR Consent${consent.resource.id ? '/' + consent.resource.id : ''} from ${requesterDisplay}`.slice(0, 300) : null;
    const consentOrgs = [...new Set([org, receiver])];
    if (!clientId) {
      if (!name) throw Errors.validation([{ field: p(patient, 'name'), message: 'A new client needs a name' }]);
      const telecom = (pr!.telecom ?? []) as { system?: string; value?: string }[];
      const lang = pr!.communication?.[0]?.language?.coding?.[0]?.code as string | undefined;
      try {
        const c = await createClient(inner, actor, meta, {
          name, birthDate, confirmNotDuplicate: true,
          // Without a consent in the bundle the record keeps only what the referral needs.
          ...(consent ? { phone: telecom.find((t) => t.system === 'phone')?.value?.slice(0, 50), email: telecom.find((t) => t.system === 'email')?.value?.slice(0, 200), preferredLanguage: lang && /^[a-z]{2,3}$/.test(lang) ? lang : undefined } : {}),
          consent: consent
            ? { method: 'paper_scanned', documentReference: source!, organizationIds: consentOrgs, dataCategories: ['identity', 'contact', 'demographics', 'referral'] }
            : { method: 'paper_scanned', documentReference: `Referral by FHIR from ${requesterDisplay}`.slice(0, 300), organizationIds: consentOrgs, dataCategories: ['identity', 'referral'] },
        } as never);
        clientId = c.id;
        consentRecorded = !!consent;
      } catch (e) {
        throw renamed(e, p(patient, ''));
      }
      match = 'new';
    } else if (consent) {
      await insertConsent(tx, actor, clientId, { purpose: 'referral', method: 'paper_scanned', documentReference: source!, organizationIds: consentOrgs, dataCategories: ['identity', 'contact', 'referral'] } as never);
      consentRecorded = true;
    }
    if (pr) await saveKeys(tx, org, 'Patient', patientKeys(pr), { clientId });
    // 3. The referral, received by this organization (or sent on to the Roundtable organization the Task names).
    const s = sr!.resource;
    const reason = (s.note?.[0]?.text ?? s.code?.text ?? s.reasonCode?.[0]?.text ?? allCodings[0]?.display ?? `Referral by FHIR from ${requesterDisplay}`).toString().slice(0, 2000);
    const urgency = ['urgent', 'stat'].includes(s.priority ?? task?.resource.priority) ? 'urgent' : s.priority === 'asap' ? 'soon' : 'routine';
    const unmapped = allCodings.filter((c) => c !== hit?.coding && !terms.some((t) => t.system === c.system && t.code === c.code));
    try {
      const r = await createReferral(inner, actor, meta, {
        clientId, toOrganizationId: receiver, needCode: hit?.needCode ?? (unmapped[0] ? `${unmapped[0].code}` : undefined),
        reason, urgency, sharedCategories: consent ? ['identity', 'contact'] : ['identity'],
      } as never);
      referralId = r.id;
    } catch (e) {
      throw renamed(e, p(sr, ''));
    }
    created = true;
    const kept: FhirSource = {
      requester: sr!.resource.requester ? { reference: sr!.resource.requester.reference, display: requesterDisplay } : undefined,
      owner: task?.resource.owner ? { reference: task.resource.owner.reference, display: displayOf(task.resource.owner, resolve) } : undefined,
      serviceRequest: { id: s.id, identifier: s.identifier, category: s.category, code: s.code, priority: s.priority, status: s.status },
      task: task ? { id: task.resource.id, identifier: task.resource.identifier, partOf: task.resource.partOf } : undefined,
      unmapped,
    };
    await repo.insertFhirSource(tx, referralId!, org, kept);
  }
  if (sr) await saveKeys(tx, org, 'ServiceRequest', keysOf(sr), { referralId: referralId! });
  for (const t of entries.filter((e) => e.resource.resourceType === 'Task')) await saveKeys(tx, org, 'Task', keysOf(t), { referralId: referralId! });

  // 4. The state: the Task's status, else a revoked or completed ServiceRequest.
  let changed = created;
  const before = await getReferral(inner, sync, meta, referralId!);
  const target: ReferralStatus | null = task ? referralStatusOf(task.resource as Task) : sr?.resource.status === 'revoked' ? 'cancelled' : sr?.resource.status === 'completed' ? 'completed' : null;
  if (target && target !== before.status) {
    const steps = pathTo(before.status as ReferralStatus, target);
    if (!steps) {
      // Already past that state (a stale Task) is not a change; the other way round cannot be reconciled.
      if (!pathTo(target, before.status as ReferralStatus)) {
        throw Errors.conflict(`This referral is ${before.status} here; the Task says ${task?.resource.status ?? sr?.resource.status}`, p(task ?? sr, 'status'));
      }
    } else {
      const t = task?.resource as Task | undefined;
      const why = t?.statusReason?.text ?? (t?.status === 'failed' ? 'The other system reports the task failed' : t?.status === 'entered-in-error' ? 'Entered in error in the other system' : undefined);
      const expected = t?.extension?.find((x) => x.url === EXPECTED_DATE_URL)?.valueDate;
      for (const to of steps) {
        const input: Record<string, unknown> = { to };
        if (to === 'rejected' || to === 'cancelled') input.reason = why ?? `${to === 'rejected' ? 'Declined' : 'Cancelled'} in the other system`;
        if (to === 'on-hold') { if (why) input.reason = why; if (expected && expected >= new Date().toISOString().slice(0, 10)) input.expectedDate = expected; }
        if (to === 'completed') input.outcome = outcomeOf(t, resolve);
        try {
          await transitionReferral(inner, sync, meta, referralId!, input as never, `fhir-import:${actorLabel(actor)}`);
        } catch (e) {
          throw renamed(e, p(task ?? sr, 'status'));
        }
      }
      changed = true;
    }
  }
  const referral = await getReferral(inner, actor, meta, referralId!);
  const client = await loadVisibleClient(tx, actor, referral.clientId).catch(() => null);
  await auditClient(tx, actor, meta, 'intake.referral.fhir_import', referral.clientId, org, 'referral', { referralId, created, changed, match, status: referral.status });
  if (changed && !created) await repo.touchFhirSource(tx, referralId!);
  const unmappedCodes = created ? [] : allCodings;
  return {
    created, changed, preview: false, consentRecorded,
    client: { id: referral.clientId, name: client?.name ?? null, match },
    need: { code: referral.needCode, mapped: !!hit, codings: created ? allCodings : unmappedCodes },
    status: referral.status, referral,
  };
}

function patientName(r: Res): string | null {
  const n = (r.name ?? [])[0];
  if (!n) return null;
  const s = (n.text as string | undefined)?.trim() || [...(n.given ?? []), n.family].filter(Boolean).join(' ').trim();
  return s ? s.slice(0, 200) : null;
}

function outcomeOf(t: Task | undefined, resolve: ReturnType<typeof resolver>): string {
  const outs = t?.output ?? [];
  const texts = outs.flatMap((o) => [o.valueCodeableConcept?.text, ...(o.valueCodeableConcept?.coding ?? []).map((c) => c.code), o.valueReference?.display]).filter(Boolean).map((x) => x!.toLowerCase());
  for (const [k, words] of Object.entries({ not_eligible: ['not eligible', 'not_eligible'], could_not_reach: ['could not reach', 'could_not_reach'], declined: ['declined'] })) {
    if (texts.some((x) => words.some((w) => x.includes(w)))) return k;
  }
  void resolve;
  return 'service_received';
}

/** An error from the referral or client rules, with its fields named inside the posted resource. */
function renamed(e: unknown, prefix: string): unknown {
  if (e instanceof AppError && e.errors) {
    const names: Record<string, string> = { clientId: 'subject', toOrganizationId: 'performer', externalPartner: 'performer', reason: 'note', needCode: 'code', to: 'status' };
    const at = (f: string) => { const g = names[f] ?? f; return prefix ? `${prefix.replace(/\.$/, '')}${g ? '.' + g : ''}` : g; };
    return new AppError({ status: e.status, code: e.code, title: e.message, detail: e.detail, errors: e.errors.map((x) => ({ field: at(x.field), message: x.message })), extra: e.extra });
  }
  return e;
}
