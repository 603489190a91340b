import { expect } from 'vitest';
import { createTestApp, demo, type Agent, type TestApp } from '../helpers/test-app';
import { DEMO_PARTNER, DEMO_PRIVACY } from '../../src/modules/intake/intake.seeds';

/** The demo cast of the No Wrong Door security tests: CDCD does intake, Northern Lights receives. */
export interface IntakeWorld {
  t: TestApp;
  staff: Agent; // CDCD worker (home organization of the clients made here)
  orgAdmin: Agent; // CDCD organization admin
  privacy: Agent; // CDCD privacy officer
  partner: Agent; // Northern Lights worker
  member: Agent; // collaborative member, no worker role
  viewer: Agent; // Region of Durham, no consent
  cdcd: string;
  nlc: string;
  region: string;
  nlcService: string;
  collaborative: string;
  instrumentId: string;
}

export async function orgId(t: TestApp, name: string) {
  const [r] = await t.database.query<{ id: string }>('SELECT id FROM organizations WHERE legal_name = $1', [name]);
  return r.id;
}

export async function intakeWorld(): Promise<IntakeWorld> {
  const t = await createTestApp();
  const [staff, orgAdmin, privacy, partner, member, viewer] = await Promise.all([
    t.login(demo.staff), t.login(demo.orgAdmin), t.login(DEMO_PRIVACY), t.login(DEMO_PARTNER), t.login(demo.member), t.login(demo.viewer),
  ]);
  const [{ id: cdcd }] = await t.database.query<{ id: string }>(`SELECT organization_id AS id FROM users WHERE email = $1`, [demo.staff]);
  const [{ id: nlc }] = await t.database.query<{ id: string }>(`SELECT organization_id AS id FROM users WHERE email = $1`, [DEMO_PARTNER]);
  const [{ id: region }] = await t.database.query<{ id: string }>(`SELECT organization_id AS id FROM users WHERE email = $1`, [demo.viewer]);
  const [s] = await t.database.query<{ id: string }>(`SELECT id FROM directory_services WHERE organization_id = $1 ORDER BY name LIMIT 1`, [nlc]);
  const [{ id: collaborative }] = await t.database.query<{ id: string }>(`SELECT id FROM collaboratives ORDER BY created_at LIMIT 1`);
  const [i] = await t.database.query<{ id: string }>(`SELECT id FROM intake_instruments WHERE code = 'common-screening' AND status = 'published' ORDER BY version DESC LIMIT 1`);
  return { t, staff, orgAdmin, privacy, partner, member, viewer, cdcd, nlc, region, nlcService: s.id, collaborative, instrumentId: i.id };
}

let n = 0;
export interface TestClient { id: string; name: string; phone: string; birthDate: string; version: number }

/**
 * A client of CDCD whose intake consent names CDCD only (all categories); `extra` consents are
 * recorded by CDCD afterwards (e.g. a narrow referral consent to Northern Lights).
 */
export async function cdcdClient(w: IntakeWorld, extra: Record<string, unknown>[] = []): Promise<TestClient & { consents: string[] }> {
  n++;
  const name = `Qesta Fictional-Varnom${String.fromCharCode(97 + (n % 26))}${n}`;
  const phone = `555-01${String(n).padStart(2, '0')}-ZQ`;
  const birthDate = `19${50 + (n % 40)}-0${1 + (n % 9)}-1${n % 10}`;
  const res = await w.staff.post('/api/v1/intake/clients', {
    name, birthDate, phone, email: `fictional${n}@example.test`, household: [{ name: `Household Fictional-Member${n}` }], immigrationCategory: 'refugee_claimant',
    confirmNotDuplicate: true, consent: { method: 'verbal_witnessed', witnessName: `Witness Fictional-Person${n}`, documentReference: `cabinet-${n}`, organizationIds: [] },
  });
  expect(res.statusCode, res.body).toBe(201);
  const consents: string[] = [];
  for (const c of extra) {
    const r = await w.staff.post(`/api/v1/intake/clients/${res.json().id}/consents`, { method: 'signed_on_screen', ...c });
    expect(r.statusCode, r.body).toBe(201);
    consents.push(r.json().id);
  }
  return { id: res.json().id, name, phone, birthDate, version: res.json().version, consents };
}

/** A narrow referral consent of the client to Northern Lights: its name and the referral only. */
export const narrowToNlc = (w: IntakeWorld) => ({ purpose: 'referral', dataCategories: ['identity', 'referral'], organizationIds: [w.nlc] });

export async function referTo(w: IntakeWorld, clientId: string, reason = 'Fictional-Reason wants work') {
  const res = await w.staff.post('/api/v1/intake/referrals', { clientId, toOrganizationId: w.nlc, reason, urgency: 'routine', sharedCategories: ['identity'] });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string };
}

/** Access-log rows about a client: per-client audit events and list rows. */
export async function accessRows(t: TestApp, clientId: string): Promise<number> {
  const [a] = await t.database.query<{ n: string }>(`SELECT count(*) AS n FROM audit_events WHERE entity_type = 'intake_client' AND entity_id = $1`, [clientId]);
  const [b] = await t.database.query<{ n: string }>(`SELECT count(*) AS n FROM intake_access_log WHERE client_id = $1::uuid`, [clientId]);
  return Number(a.n) + Number(b.n);
}
