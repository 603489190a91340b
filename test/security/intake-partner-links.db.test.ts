import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRows, cdcdClient, intakeWorld, type IntakeWorld } from './intake-setup';

// Finding 12: a plain GET moved the referral to "received"; a closed referral's link still showed the name and reason.
let w: IntakeWorld;
beforeAll(async () => { w = await intakeWorld(); }, 120_000);
afterAll(async () => w?.t.close());

async function linkedReferral() {
  const c = await cdcdClient(w, [{ purpose: 'referral', dataCategories: ['identity', 'referral'], externalPartner: 'Fictional Food Bank' }]);
  const r = await w.staff.post('/api/v1/intake/referrals', { clientId: c.id, externalPartner: 'Fictional Food Bank', toContactName: 'Pat Fictional', reason: 'Fictional-Secret-Reason food', sharedCategories: ['identity'] });
  expect(r.statusCode, r.body).toBe(201);
  const link = (await w.staff.post(`/api/v1/intake/referrals/${r.json().id}/link`)).json() as { token: string };
  return { c, referralId: r.json().id as string, token: link.token };
}
const status = async (id: string) => (await w.t.database.query<{ status: string }>(`SELECT status FROM intake_referrals WHERE id = $1`, [id]))[0].status;

describe('partner links', () => {
  it('a GET (a mail scanner, a preview, a prefetch) never changes the referral', async () => {
    const { c, referralId, token } = await linkedReferral();
    for (let i = 0; i < 3; i++) {
      const v = await w.t.anonymous.get(`/api/v1/intake/partner-links/${token}`);
      expect(v.statusCode).toBe(200);
      expect(v.json()).toMatchObject({ status: 'requested', canRespond: true, closed: false });
      expect(v.json().client.name).toBe(c.name);
    }
    expect(await status(referralId)).toBe('requested');
    const [{ n }] = await w.t.database.query<{ n: string }>(`SELECT count(*) AS n FROM intake_referral_events WHERE referral_id = $1`, [referralId]);
    expect(Number(n)).toBe(1);
    const head = await w.t.anonymous.request({ method: 'HEAD', url: `/api/v1/intake/partner-links/${token}` });
    expect(head.statusCode).toBeLessThan(500);
    expect(await status(referralId)).toBe('requested');
  });

  it('an explicit POST acknowledges receipt, once', async () => {
    const { referralId, token } = await linkedReferral();
    const ack = await w.t.anonymous.post(`/api/v1/intake/partner-links/${token}/receipt`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().status).toBe('received');
    expect(await status(referralId)).toBe('received');
    expect((await w.t.anonymous.post(`/api/v1/intake/partner-links/${token}/receipt`)).statusCode).toBe(409);
  });

  it('answering straight from "requested" still records the receipt first', async () => {
    const { referralId, token } = await linkedReferral();
    expect((await w.t.anonymous.post(`/api/v1/intake/partner-links/${token}/response`, { decision: 'accept' })).statusCode).toBe(200);
    const events = await w.t.database.query<{ to_status: string }>(`SELECT to_status FROM intake_referral_events WHERE referral_id = $1 ORDER BY id`, [referralId]);
    expect(events.map((e) => e.to_status)).toEqual(['requested', 'received', 'accepted']);
  });

  it('once the referral is closed the link shows only that it is closed: no name, no reason, not audited as a read', async () => {
    for (const close of ['completed', 'rejected', 'cancelled'] as const) {
      const { c, referralId, token } = await linkedReferral();
      if (close === 'cancelled') {
        expect((await w.staff.post(`/api/v1/intake/referrals/${referralId}/transitions`, { to: 'cancelled', reason: 'No longer needed' })).statusCode).toBe(200);
      } else if (close === 'rejected') {
        expect((await w.t.anonymous.post(`/api/v1/intake/partner-links/${token}/response`, { decision: 'decline', reason: 'Fictional-Decline-Reason' })).statusCode).toBe(200);
      } else {
        await w.t.anonymous.post(`/api/v1/intake/partner-links/${token}/response`, { decision: 'accept' });
        const out = await w.t.anonymous.post(`/api/v1/intake/partner-links/${token}/outcome`, { outcome: 'service_received' });
        expect(out.statusCode).toBe(200);
        expect(JSON.stringify(out.json())).not.toContain(c.name);
      }
      const before = await accessRows(w.t, c.id);
      const v = await w.t.anonymous.get(`/api/v1/intake/partner-links/${token}`);
      expect(v.statusCode, close).toBe(200);
      expect(v.json()).toMatchObject({ closed: true, status: close, client: {}, reason: null, canRespond: false, canReportOutcome: false });
      const body = JSON.stringify(v.json());
      expect(body).not.toContain(c.name);
      expect(body).not.toContain('Fictional-Secret-Reason');
      expect(body).not.toContain('Fictional-Decline-Reason');
      expect(await accessRows(w.t, c.id)).toBe(before);
    }
  });
});
