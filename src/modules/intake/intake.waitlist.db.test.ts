import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from 'date-fns';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';
import { DEMO_PARTNER } from './intake.seeds';
import { fromTask, type Task } from './intake.fhir';
import { listen } from '../../core/db/database';

let t: TestApp;
let staff: Agent;
let partner: Agent;
let viewer: Agent;
let nlc: string;
let ddsb: string;
let nlcService: string;
let lincService: string;

type Ref = { id: string; status: string; statusReason: string | null; actions: string[]; waitlistedAt: string | null; waitlistExpectedOn: string | null; events: { toStatus: string }[] };
const inDays = (n: number) => addDays(new Date(), n).toISOString().slice(0, 10);

async function orgId(name: string) {
  const [r] = await t.database.query<{ id: string }>('SELECT id FROM organizations WHERE legal_name = $1', [name]);
  return r.id;
}

beforeAll(async () => {
  t = await createTestApp();
  staff = await t.login(demo.staff);
  partner = await t.login(DEMO_PARTNER);
  viewer = await t.login(demo.viewer);
  nlc = await orgId('Northern Lights Canada – Employment Services');
  ddsb = await orgId('Durham District School Board – Durham Continuing Education');
  [{ id: nlcService }] = await t.database.query<{ id: string }>(`SELECT id FROM directory_services WHERE organization_id = $1 ORDER BY name LIMIT 1`, [nlc]);
  [{ id: lincService }] = await t.database.query<{ id: string }>(`SELECT id FROM directory_services WHERE organization_id = $1 AND name ILIKE '%LINC%' LIMIT 1`, [ddsb]);
}, 120_000);
afterAll(async () => t?.close());

async function newClient(municipality?: string) {
  const [oshawa] = await t.database.query<{ id: string }>(`SELECT id FROM geographies WHERE code = '3518013'`);
  const res = await staff.post('/api/v1/intake/clients', {
    name: 'Wanda Fictional-Waitlist', birthDate: '1987-03-04', confirmNotDuplicate: true, municipalityId: municipality ?? oshawa.id,
    consent: { method: 'signed_on_screen', organizationIds: [nlc, ddsb] },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function referral(serviceId = nlcService, needCode = 'employment') {
  const c = await newClient();
  const res = await staff.post('/api/v1/intake/referrals', { clientId: c.id, serviceId, needCode, reason: 'Wants work', urgency: 'routine' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Ref;
}

const move = (who: Agent, id: string, body: Record<string, unknown>) => who.post(`/api/v1/intake/referrals/${id}/transitions`, body);

async function accepted() {
  const r = await referral();
  for (const to of ['received', 'accepted']) expect((await move(partner, r.id, { to })).statusCode).toBe(200);
  return r;
}

describe('waitlisted referrals (FHIR Task on-hold)', () => {
  it('accepted → on-hold (with reason and expected date) → in-progress → completed; the sender sees it on the worklist', async () => {
    const r = await accepted();
    const held = await move(partner, r.id, { to: 'on-hold', reason: 'Next intake is full', expectedDate: inDays(30) });
    expect(held.statusCode, held.body).toBe(200);
    const h = held.json() as Ref;
    expect(h.status).toBe('on-hold');
    expect(h.statusReason).toBe('Next intake is full');
    expect(h.waitlistExpectedOn).toBe(inDays(30));
    expect(h.waitlistedAt).not.toBeNull();
    expect(h.actions).toEqual(['in-progress']); // the receiver: a place opened; it cannot reject after accepting
    expect((await staff.get(`/api/v1/intake/referrals/${r.id}`)).json().actions).toEqual(['cancelled']);
    const wl = (await staff.get('/api/v1/intake/worklist')).json();
    expect(wl.waitlisted.map((x: Ref) => x.id)).toContain(r.id);
    expect(wl.waitlisted.find((x: Ref) => x.id === r.id).status).toBe('on-hold');
    const going = await move(partner, r.id, { to: 'in-progress' });
    expect(going.statusCode).toBe(200);
    expect(going.json().statusReason).toBeNull();
    const done = await move(partner, r.id, { to: 'completed', outcome: 'service_received' });
    expect(done.json().events.map((e: { toStatus: string }) => e.toStatus)).toEqual(['requested', 'received', 'accepted', 'on-hold', 'in-progress', 'completed']);
    expect((await staff.get('/api/v1/intake/worklist')).json().waitlisted.map((x: Ref) => x.id)).not.toContain(r.id);
  });

  it('refuses skips and late holds: requested → on-hold, received → on-hold, on-hold → rejected, on-hold after in-progress or completed', async () => {
    const r = await referral();
    const skip = await move(partner, r.id, { to: 'on-hold' });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().errors[0].field).toBe('to');
    await move(partner, r.id, { to: 'received' });
    expect((await move(partner, r.id, { to: 'on-hold' })).statusCode).toBe(400);
    await move(partner, r.id, { to: 'accepted' });
    expect((await move(staff, r.id, { to: 'on-hold' })).statusCode).toBe(403); // only the receiver waitlists
    expect((await move(partner, r.id, { to: 'on-hold' })).statusCode).toBe(200);
    const reject = await move(partner, r.id, { to: 'rejected', reason: 'No place after all' });
    expect(reject.statusCode).toBe(400);
    expect(reject.json().errors[0].field).toBe('to');
    await move(partner, r.id, { to: 'in-progress' });
    // Each state is entered once: back on the waitlist after starting is "already done" (409).
    expect((await move(partner, r.id, { to: 'on-hold' })).statusCode).toBe(409);
    const started = await accepted();
    await move(partner, started.id, { to: 'in-progress' });
    const late = await move(partner, started.id, { to: 'on-hold' });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors[0].field).toBe('to');
    await move(partner, r.id, { to: 'completed', outcome: 'service_received' });
    expect((await move(partner, r.id, { to: 'on-hold' })).statusCode).toBe(409);
  });

  it('checks the expected date and lets only the sender cancel a waitlisted referral', async () => {
    const r = await accepted();
    const past = await move(partner, r.id, { to: 'on-hold', expectedDate: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].field).toBe('expectedDate');
    const badForm = await move(partner, r.id, { to: 'on-hold', expectedDate: 'next month' });
    expect(badForm.statusCode).toBe(400);
    expect(badForm.json().errors[0].field).toBe('expectedDate');
    const wrongStep = await move(partner, r.id, { to: 'in-progress', expectedDate: inDays(3) });
    expect(wrongStep.json().errors[0].field).toBe('expectedDate');
    expect((await move(partner, r.id, { to: 'on-hold' })).statusCode).toBe(200);
    expect((await move(partner, r.id, { to: 'cancelled', reason: 'x' })).statusCode).toBe(403);
    expect((await move(staff, r.id, { to: 'cancelled' })).json().errors[0].field).toBe('reason');
    const cancelled = await move(staff, r.id, { to: 'cancelled', reason: 'Client found another program' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const audit = await t.database.query(`SELECT details FROM audit_events WHERE action = 'intake.referral.on-hold' AND details->>'referralId' = $1`, [r.id]);
    expect(audit.length).toBe(1);
  });

  it('the database trigger refuses skipping into or out of on-hold, whoever asks', async () => {
    const r = await referral();
    await expect(t.database.query(`UPDATE intake_referrals SET status = 'on-hold' WHERE id = $1`, [r.id])).rejects.toThrow(/cannot go/);
    const a = await accepted();
    await t.database.query(`UPDATE intake_referrals SET status = 'on-hold' WHERE id = $1`, [a.id]);
    await expect(t.database.query(`UPDATE intake_referrals SET status = 'rejected' WHERE id = $1`, [a.id])).rejects.toThrow(/cannot go/);
    await expect(t.database.query(`UPDATE intake_referrals SET status = 'accepted' WHERE id = $1`, [a.id])).rejects.toThrow(/cannot go/);
    await expect(t.database.query(`UPDATE intake_referrals SET status = 'waitlisted' WHERE id = $1`, [a.id])).rejects.toThrow(/cannot go|check/);
    await t.database.query(`UPDATE intake_referrals SET status = 'in-progress' WHERE id = $1`, [a.id]);
    await expect(t.database.query(`UPDATE intake_referrals SET status = 'on-hold' WHERE id = $1`, [a.id])).rejects.toThrow(/cannot go/);
  });

  it('FHIR: exports Task.status on-hold with its reason, "waitlisted" and the expected date, and reads them back', async () => {
    const r = await accepted();
    await move(partner, r.id, { to: 'on-hold', reason: 'Waiting for the spring cohort', expectedDate: inDays(40) });
    const bundle = (await staff.get(`/api/v1/intake/referrals/${r.id}/fhir`)).json();
    const task = bundle.entry[1].resource as Task;
    expect(task.status).toBe('on-hold');
    expect(task.businessStatus?.coding?.[0].code).toBe('waitlisted');
    expect(bundle.entry[0].resource.status).toBe('active'); // the request itself is still active
    expect(fromTask(task)).toEqual({ status: 'on-hold', reason: 'Waiting for the spring cohort', expectedDate: inDays(40), waitlisted: true });
    expect(fromTask({ ...task, status: 'failed' })).toBeNull();
    // Importing the same referral again changes nothing (docs/intake.md, FHIR exchange).
    const imported = await staff.post('/api/v1/intake/referrals/fhir', bundle);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: false, changed: false, status: 'on-hold' });
  });

  it('an outside partner can answer "waitlist" from the secure link, then report the outcome when a place opens', async () => {
    const c = await newClient();
    await staff.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'referral', dataCategories: ['identity', 'referral'], externalPartner: 'Fictional Food Bank', method: 'verbal_witnessed', witnessName: 'Demo witness' });
    const r = await staff.post('/api/v1/intake/referrals', { clientId: c.id, externalPartner: 'Fictional Food Bank', toContactName: 'Sam Fictional', reason: 'Food support', sharedCategories: ['identity'] });
    expect(r.statusCode, r.body).toBe(201);
    const link = (await staff.post(`/api/v1/intake/referrals/${r.json().id}/link`)).json();
    const bad = await t.anonymous.post(`/api/v1/intake/partner-links/${link.token}/response`, { decision: 'accept', expectedDate: inDays(5) });
    expect(bad.json().errors[0].field).toBe('expectedDate');
    const res = await t.anonymous.post(`/api/v1/intake/partner-links/${link.token}/response`, { decision: 'waitlist', reason: 'Full until next month', expectedDate: inDays(20) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('on-hold');
    expect(res.json().canReportOutcome).toBe(true);
    const seen = (await staff.get(`/api/v1/intake/referrals/${r.json().id}`)).json() as Ref;
    expect(seen.status).toBe('on-hold');
    expect(seen.waitlistExpectedOn).toBe(inDays(20));
    const out = await t.anonymous.post(`/api/v1/intake/partner-links/${link.token}/outcome`, { outcome: 'service_received' });
    expect(out.statusCode, out.body).toBe(200);
    const final = (await staff.get(`/api/v1/intake/referrals/${r.json().id}`)).json() as Ref;
    expect(final.events.map((e) => e.toStatus)).toEqual(['requested', 'received', 'accepted', 'on-hold', 'in-progress', 'completed']);
  });
});

describe('feed and dashboard', () => {
  it('counts waitlisted referrals as unmet needs, never publishes 1–4, and leaves no group with a single hidden cell', async () => {
    // Six waitlisted "housing" referrals in one month and place: a published unmet-needs count.
    for (let i = 0; i < 6; i++) {
      const r = await referral(nlcService, 'housing');
      for (const to of ['received', 'accepted', 'on-hold']) expect((await move(partner, r.id, { to })).statusCode).toBe(200);
    }
    const feed = (await viewer.get('/api/v1/intake/feed')).json() as { rows: { measure: string; month: string; municipalityCode: string | null; municipality: string | null; category: string; outcome: string | null; value: number | null; display: string; suppressed: boolean; reason: string | null }[] };
    const month = new Date().toISOString().slice(0, 7);
    const waitlisted = feed.rows.find((r) => r.measure === 'unmet_needs' && r.outcome === 'waitlisted' && r.category === 'housing' && r.month === month && r.municipalityCode === '3518013');
    const [{ n }] = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM intake_referrals r JOIN geographies g ON g.id = r.municipality_id
      WHERE r.status = 'on-hold' AND r.need_code = 'housing' AND g.code = '3518013' AND to_char(r.sent_at, 'YYYY-MM') = $1`, [month]);
    expect(n).toBeGreaterThanOrEqual(6);
    expect(waitlisted, 'a waitlisted unmet-needs row').toBeTruthy();
    // Published as its true count, unless it is the complement that protects a small cell.
    if (waitlisted!.reason === 'complementary') expect(waitlisted!.value).toBeNull();
    else expect(waitlisted!.value).toBe(n);
    for (const row of feed.rows) {
      if (row.value !== null) expect(row.value === 0 || row.value >= 5, JSON.stringify(row)).toBe(true);
      else expect(row).toMatchObject({ suppressed: true, display: row.reason === 'primary' ? '<5' : 'x' });
    }
    const groups = new Map<string, typeof feed.rows>();
    for (const row of feed.rows) {
      for (const key of [[row.measure, row.month, row.municipalityCode ?? row.municipality], [row.measure, row.month, row.category, row.outcome]].map((k) => JSON.stringify(k))) {
        groups.set(key, [...(groups.get(key) ?? []), row]);
      }
    }
    let guarded = 0;
    for (const rows of groups.values()) {
      const hidden = rows.filter((r) => r.suppressed).length;
      const shown = rows.filter((r) => !r.suppressed && (r.value ?? 0) > 0).length;
      // One hidden cell among published ones would be total − the rest.
      if (shown > 0) expect(hidden, JSON.stringify(rows)).not.toBe(1);
      if (hidden > 1) guarded++;
    }
    expect(guarded).toBeGreaterThan(0);
    expect(feed.rows.some((r) => r.reason === 'complementary')).toBe(true);
    expect(JSON.stringify(feed)).not.toMatch(/Fictional|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('the receiving organization dashboard counts waitlisted referrals by status', async () => {
    const dash = (await partner.get('/api/v1/intake/dashboard')).json();
    const onHold = dash.byStatus.find((s: { status: string }) => s.status === 'on-hold');
    expect(onHold?.count).toBeGreaterThanOrEqual(6);
    const [{ n }] = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM intake_referrals WHERE to_organization_id = $1 AND status = 'on-hold'`, [nlc]);
    expect(onHold.count).toBe(n);
  });
});

describe('live status (server-sent events)', () => {
  it('refuses anonymous users and users with no organization to work for', async () => {
    expect((await t.anonymous.get('/api/v1/intake/referrals/events')).statusCode).toBe(401);
    expect((await viewer.get('/api/v1/intake/referrals/events')).statusCode).toBe(403);
  });

  it("a transition made by the receiver reaches the sender's stream; an organization with no part in a referral gets nothing", async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    // node:http rather than fetch: fetch's connection pool leaves idle sockets that hold the server open.
    const open = (agent: Agent) => new Promise<{ events: { referralId: string; status: string }[]; close: () => void }>((resolve, reject) => {
      const events: { referralId: string; status: string }[] = [];
      const req = http.get(`${address}/api/v1/intake/referrals/events`, { headers: { cookie: agent.cookie, accept: 'text/event-stream' }, agent: false }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        res.setEncoding('utf8');
        let buffer = '';
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
          }
        });
        res.on('error', () => undefined);
        resolve({ events, close: () => req.destroy() });
      });
      req.on('error', reject);
    });
    const until = async (check: () => boolean, ms = 5000) => {
      const end = Date.now() + ms;
      while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
      return check();
    };
    const staffStream = await open(staff);
    const partnerStream = await open(partner);
    try {
      const r = await referral();
      expect(await until(() => partnerStream.events.some((e) => e.referralId === r.id && e.status === 'requested'))).toBe(true);
      expect((await move(partner, r.id, { to: 'received' })).statusCode).toBe(200);
      expect(await until(() => staffStream.events.some((e) => e.referralId === r.id && e.status === 'received'))).toBe(true);
      // A referral to the school board: CDCD staff hear about it, Northern Lights does not.
      const other = await referral(lincService, 'language');
      expect(await until(() => staffStream.events.some((e) => e.referralId === other.id))).toBe(true);
      await new Promise((res) => setTimeout(res, 300));
      expect(partnerStream.events.some((e) => e.referralId === other.id)).toBe(false);
      // Only ids and statuses travel on the stream.
      for (const e of [...staffStream.events, ...partnerStream.events]) expect(Object.keys(e).sort()).toEqual(['referralId', 'status']);
    } finally {
      staffStream.close();
      partnerStream.close();
    }
  });

  it('notifies each status change made through the service once, after it commits, with ids only; refused changes and bulk loads send nothing', async () => {
    const got: Record<string, unknown>[] = [];
    const stop = await listen(t.database, 'intake_referral', (p) => got.push(JSON.parse(p)));
    const c = await newClient();
    try {
      const r = await referral();
      const [cdcd] = await t.database.query<{ id: string }>(`SELECT from_organization_id AS id FROM intake_referrals WHERE id = $1`, [r.id]);
      expect((await move(partner, r.id, { to: 'received' })).statusCode).toBe(200);
      // Refused: a skipped state (400) and a step someone already made (409).
      expect((await move(partner, r.id, { to: 'completed', outcome: 'service_received' })).statusCode).toBe(400);
      expect((await move(partner, r.id, { to: 'received' })).statusCode).toBe(409);
      // Bulk loads and edits straight in the database (imports, the bench's generation) announce nothing.
      const bulk = await t.database.query<{ id: string }>(`INSERT INTO intake_referrals (client_id, from_organization_id, to_organization_id, urgency, follow_up_due_at)
        SELECT $1::uuid, $2::uuid, $3::uuid, 'routine', now() + interval '7 days' FROM generate_series(1, 1001) RETURNING id`, [c.id, cdcd.id, nlc]);
      await t.database.query(`UPDATE intake_referrals SET status = 'received' WHERE id = ANY ($1::uuid[])`, [bulk.slice(0, 2).map((x) => x.id)]);
      const end = Date.now() + 3000;
      while (got.length < 2 && Date.now() < end) await new Promise((res) => setTimeout(res, 25));
      await new Promise((res) => setTimeout(res, 300));
      expect(got).toEqual([
        { id: r.id, status: 'requested', from_org: cdcd.id, to_org: nlc },
        { id: r.id, status: 'received', from_org: cdcd.id, to_org: nlc },
      ]);
      const [{ n }] = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgrelid = 'intake_referrals'::regclass AND tgname LIKE 'intake_referrals_notify%'`);
      expect(n).toBe(0);
    } finally {
      await stop();
      await t.database.query(`DELETE FROM intake_referrals WHERE client_id = $1`, [c.id]);
    }
  });

  it('changes made at the same moment are each heard once, whether or not they share a notification statement', async () => {
    const rs = [];
    for (let i = 0; i < 6; i++) rs.push(await referral());
    const got: { id: string; status: string }[] = [];
    const stop = await listen(t.database, 'intake_referral', (p) => got.push(JSON.parse(p)));
    try {
      const answers = await Promise.all(rs.map((r) => move(partner, r.id, { to: 'received' })));
      expect(answers.map((a) => a.statusCode)).toEqual(rs.map(() => 200));
      const end = Date.now() + 3000;
      while (got.length < rs.length && Date.now() < end) await new Promise((res) => setTimeout(res, 25));
      await new Promise((res) => setTimeout(res, 300));
      expect(got.map((g) => `${g.id} ${g.status}`).sort()).toEqual(rs.map((r) => `${r.id} received`).sort());
    } finally {
      await stop();
    }
  });
});
