import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdcdClient, intakeWorld, narrowToNlc, type IntakeWorld } from './intake-setup';

// Finding 1: a receiving organization could grant itself (or a third organization) consent.
let w: IntakeWorld;
beforeAll(async () => { w = await intakeWorld(); }, 120_000);
afterAll(async () => w?.t.close());

const all = ['identity', 'contact', 'demographics', 'assessment', 'referral', 'plan'];

describe('only the home organization records consent directives', () => {
  it('refuses a receiving organization that names itself for every category, and it still sees only its narrow consent', async () => {
    const c = await cdcdClient(w, [narrowToNlc(w)]);
    const self = await w.partner.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'care_coordination', dataCategories: all, organizationIds: [w.nlc], method: 'signed_on_screen' });
    expect(self.statusCode, self.body).toBe(403);
    expect(self.headers['content-type']).toContain('application/problem+json');
    const seen = await w.partner.get(`/api/v1/intake/clients/${c.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ name: c.name, phone: null, email: null, household: null, immigrationCategory: null });
    expect(seen.json().visibleCategories.sort()).toEqual(['identity', 'referral']);
    expect((await w.partner.get(`/api/v1/intake/clients/${c.id}/plan`)).statusCode).toBe(403);
    const [{ n }] = await w.t.database.query<{ n: string }>(`SELECT count(*) AS n FROM intake_consents WHERE client_id = $1`, [c.id]);
    expect(Number(n)).toBe(2);
  });

  it('refuses a receiving organization that names a third organization, a collaborative or an outside partner', async () => {
    const c = await cdcdClient(w, [narrowToNlc(w)]);
    for (const body of [{ organizationIds: [w.region] }, { organizationIds: [], collaborativeId: w.collaborative }, { organizationIds: [], externalPartner: 'Fictional Outside Agency' }]) {
      const res = await w.partner.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'referral', dataCategories: ['identity'], method: 'signed_on_screen', ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
    }
    expect((await w.viewer.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(404);
  });

  it('refuses a collaborative member (no worker role) who can see the client', async () => {
    const c = await cdcdClient(w, [{ purpose: 'care_coordination', dataCategories: ['identity'], collaborativeId: w.collaborative }]);
    expect((await w.member.get(`/api/v1/intake/clients/${c.id}`)).statusCode).toBe(200);
    const res = await w.member.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'care_coordination', dataCategories: all, collaborativeId: w.collaborative, method: 'signed_on_screen' });
    expect(res.statusCode).toBe(403);
  });

  it('an organization that does not see the client gets 404, not 403', async () => {
    const c = await cdcdClient(w);
    const res = await w.partner.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'referral', dataCategories: ['identity'], organizationIds: [w.nlc], method: 'signed_on_screen' });
    expect(res.statusCode).toBe(404);
  });

  it('the home organization still records consents for other organizations', async () => {
    const c = await cdcdClient(w);
    const res = await w.staff.post(`/api/v1/intake/clients/${c.id}/consents`, { ...narrowToNlc(w), method: 'signed_on_screen' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await w.partner.get(`/api/v1/intake/clients/${c.id}`)).json().name).toBe(c.name);
  });
});
