import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdcdClient, intakeWorld, narrowToNlc, type IntakeWorld } from './intake-setup';

// Finding 3: anyone who could see a client could withdraw any consent, even the home intake consent.
let w: IntakeWorld;
beforeAll(async () => { w = await intakeWorld(); }, 120_000);
afterAll(async () => w?.t.close());

async function intakeConsent(clientId: string) {
  const [r] = await w.t.database.query<{ id: string }>(`SELECT id FROM intake_consents WHERE client_id = $1 AND purpose = 'intake'`, [clientId]);
  return r.id;
}

describe('only the home organization withdraws; a recipient may relinquish what was given to it', () => {
  it('a receiving organization cannot withdraw the home organization\'s intake consent', async () => {
    const c = await cdcdClient(w, [narrowToNlc(w)]);
    const res = await w.partner.post(`/api/v1/intake/clients/${c.id}/consents/${await intakeConsent(c.id)}/withdraw`);
    expect(res.statusCode).toBe(403);
    expect((await w.staff.get(`/api/v1/intake/clients/${c.id}`)).json().phone).toBe(c.phone);
    const [{ withdrawn_at }] = await w.t.database.query<{ withdrawn_at: string | null }>(`SELECT withdrawn_at FROM intake_consents WHERE id = $1`, [await intakeConsent(c.id)]);
    expect(withdrawn_at).toBeNull();
  });

  it('a receiving organization cannot "withdraw" its own consent either (that is a directive); it relinquishes it', async () => {
    const c = await cdcdClient(w, [narrowToNlc(w)]);
    const [given] = c.consents;
    expect((await w.partner.post(`/api/v1/intake/clients/${c.id}/consents/${given}/withdraw`)).statusCode).toBe(403);
    const rel = await w.partner.post(`/api/v1/intake/clients/${c.id}/consents/${given}/relinquish`);
    expect(rel.statusCode, rel.body).toBe(200);
    expect((await w.partner.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(404);
    expect((await w.staff.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(200);
    const [ev] = await w.t.database.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'intake.consent.%' ORDER BY id DESC LIMIT 1`, [c.id]);
    expect(ev.action).toBe('intake.consent.relinquish');
  });

  it('relinquishing a consent that names several organizations takes out only the one that relinquishes', async () => {
    const c = await cdcdClient(w, [{ purpose: 'referral', dataCategories: ['identity', 'referral'], organizationIds: [w.nlc, w.region] }]);
    const viewerBefore = await w.viewer.get(`/api/v1/intake/clients/${c.id}`);
    const rel = await w.partner.post(`/api/v1/intake/clients/${c.id}/consents/${c.consents[0]}/relinquish`);
    expect(rel.statusCode, rel.body).toBe(200);
    expect((await w.partner.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(404);
    const [k] = await w.t.database.query<{ organization_ids: string[]; withdrawn_at: string | null }>(`SELECT organization_ids, withdrawn_at FROM intake_consents WHERE id = $1`, [c.consents[0]]);
    expect(k.withdrawn_at).toBeNull();
    expect(k.organization_ids).toEqual([w.region]);
    // The Region holds no worker role, so it never saw the client; the directive to it is intact.
    expect((await w.viewer.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(viewerBefore.statusCode);
  });

  it('a recipient cannot relinquish a consent that does not name it (the home intake consent)', async () => {
    const c = await cdcdClient(w, [narrowToNlc(w)]);
    expect((await w.partner.post(`/api/v1/intake/clients/${c.id}/consents/${await intakeConsent(c.id)}/relinquish`)).statusCode).toBe(403);
  });

  it('the home organization withdraws its directives; it cannot relinquish them', async () => {
    const c = await cdcdClient(w, [narrowToNlc(w)]);
    expect((await w.staff.post(`/api/v1/intake/clients/${c.id}/consents/${await intakeConsent(c.id)}/relinquish`)).statusCode).toBe(403);
    expect((await w.staff.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(200);
  });

  it('a collaborative member with no worker role can neither withdraw nor relinquish', async () => {
    const c = await cdcdClient(w, [{ purpose: 'care_coordination', dataCategories: ['identity'], collaborativeId: w.collaborative }]);
    expect((await w.member.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(200);
    expect((await w.member.post(`/api/v1/intake/clients/${c.id}/consents/${c.consents[0]}/withdraw`)).statusCode).toBe(403);
    expect((await w.member.post(`/api/v1/intake/clients/${c.id}/consents/${await intakeConsent(c.id)}/withdraw`)).statusCode).toBe(403);
    expect((await w.member.post(`/api/v1/intake/clients/${c.id}/consents/${c.consents[0]}/relinquish`)).statusCode).toBe(403);
    expect((await w.member.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(200);
  });

  it('the home organization withdraws, and the recipient loses access at once', async () => {
    const c = await cdcdClient(w, [narrowToNlc(w)]);
    expect((await w.staff.post(`/api/v1/intake/clients/${c.id}/consents/${c.consents[0]}/withdraw`)).statusCode).toBe(200);
    expect((await w.partner.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(404);
  });

  it('an organization that does not see the client gets 404', async () => {
    const c = await cdcdClient(w);
    expect((await w.partner.post(`/api/v1/intake/clients/${c.id}/consents/${await intakeConsent(c.id)}/withdraw`)).statusCode).toBe(404);
    expect((await w.partner.post(`/api/v1/intake/clients/${c.id}/consents/${await intakeConsent(c.id)}/relinquish`)).statusCode).toBe(404);
  });
});
