import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessRows, cdcdClient, intakeWorld, narrowToNlc, referTo, type IntakeWorld } from './intake-setup';

// Finding 4: derived views leaked categories the reader's organization has no consent for.
let w: IntakeWorld;
beforeAll(async () => { w = await intakeWorld(); }, 120_000);
afterAll(async () => w?.t.close());

async function assess(clientId: string) {
  const res = await w.staff.post(`/api/v1/intake/clients/${clientId}/assessments`, { instrumentId: w.instrumentId, answers: { housing: { acuity: 1, yes: [] }, employment: { acuity: 2, yes: ['wants_work'] } } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { needs: { needCode: string; urgency: string }[] };
}

describe('derived views show only the categories consented to the reader\'s organization', () => {
  it('matches show no needs or urgency without assessment consent (and do with it)', async () => {
    const c = await cdcdClient(w, [narrowToNlc(w)]);
    const a = await assess(c.id);
    expect(a.needs.length).toBeGreaterThan(0);
    const home = await w.staff.get(`/api/v1/intake/clients/${c.id}/matches`);
    expect(home.json().items.length).toBeGreaterThan(0);
    const m = await w.partner.get(`/api/v1/intake/clients/${c.id}/matches`);
    expect(m.statusCode).toBe(200);
    expect(m.json()).toEqual({ items: [], bundles: [] });
    for (const n of a.needs) expect(m.body).not.toContain(`"needCode":"${n.needCode}"`);
    const wider = await w.staff.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'referral', dataCategories: ['identity', 'assessment'], organizationIds: [w.nlc], method: 'signed_on_screen' });
    expect(wider.statusCode).toBe(201);
    expect((await w.partner.get(`/api/v1/intake/clients/${c.id}/matches`)).json().items.length).toBeGreaterThan(0);
  });

  it('a referral read under identity-only consent shows the name and is in the access log', async () => {
    const c = await cdcdClient(w, [narrowToNlc(w)]);
    const r = await referTo(w, c.id);
    expect((await w.staff.post(`/api/v1/intake/clients/${c.id}/consents/${c.consents[0]}/withdraw`)).statusCode).toBe(200);
    expect((await w.staff.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'referral', dataCategories: ['identity'], organizationIds: [w.nlc], method: 'signed_on_screen' })).statusCode).toBe(201);
    const before = await accessRows(w.t, c.id);
    const read = await w.partner.get(`/api/v1/intake/referrals/${r.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ clientName: c.name, reason: null });
    expect(await accessRows(w.t, c.id)).toBe(before + 1);
    const fhir = await w.partner.get(`/api/v1/intake/referrals/${r.id}/fhir`);
    expect(fhir.statusCode).toBe(200);
    expect(fhir.body).not.toContain('Fictional-Reason');
    expect(await accessRows(w.t, c.id)).toBe(before + 2);
  });

  it('witness names and consent documents are for the home organization; others see only the directives naming them', async () => {
    const c = await cdcdClient(w, [{ ...narrowToNlc(w), method: 'verbal_witnessed', witnessName: 'Fictional-Witness-Nlc', documentReference: 'drawer-7' },
      { purpose: 'referral', dataCategories: ['identity'], organizationIds: [w.region], method: 'signed_on_screen' }]);
    const theirs = await w.partner.get(`/api/v1/intake/clients/${c.id}/consents`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json().items.map((k: { id: string }) => k.id)).toEqual([c.consents[0]]);
    expect(theirs.json().items[0]).toMatchObject({ witnessName: null, documentReference: null, method: 'verbal_witnessed' });
    expect(theirs.body).not.toContain('Witness Fictional-Person');
    expect(theirs.body).not.toContain(w.region);
    const home = await w.staff.get(`/api/v1/intake/clients/${c.id}/consents`);
    expect(home.json().items).toHaveLength(3);
    expect(home.body).toContain('Fictional-Witness-Nlc');
    expect(home.body).toContain('Witness Fictional-Person');
    // The collaborative's member sees the collaborative's directive only.
    const k = await w.staff.post(`/api/v1/intake/clients/${c.id}/consents`, { purpose: 'care_coordination', dataCategories: ['identity'], collaborativeId: w.collaborative, method: 'verbal_witnessed', witnessName: 'Fictional-Witness-Collab' });
    const mem = await w.member.get(`/api/v1/intake/clients/${c.id}/consents`);
    expect(mem.json().items.map((x: { id: string }) => x.id)).toEqual([k.json().id]);
    expect(mem.body).not.toContain('Fictional-Witness');
  });

  it('the plan, assessments and contact fields stay closed under a narrow consent', async () => {
    const c = await cdcdClient(w, [narrowToNlc(w)]);
    await assess(c.id);
    expect((await w.partner.get(`/api/v1/intake/clients/${c.id}/plan`)).statusCode).toBe(403);
    expect((await w.partner.get(`/api/v1/intake/clients/${c.id}/assessments`)).json()).toEqual({ items: [] });
    const list = await w.partner.get(`/api/v1/intake/clients?q=${encodeURIComponent(c.name)}`);
    expect(list.body).not.toContain(c.phone);
    const worklist = await w.partner.get('/api/v1/intake/worklist');
    expect(worklist.body).not.toContain(c.phone);
  });
});
