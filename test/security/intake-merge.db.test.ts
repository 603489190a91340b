import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdcdClient, intakeWorld, narrowToNlc, type IntakeWorld } from './intake-setup';

// Finding 2: a merge carried a partner's all-category consent onto the home organization's record.
let w: IntakeWorld;
beforeAll(async () => { w = await intakeWorld(); }, 120_000);
afterAll(async () => w?.t.close());

describe('merges join only records of one home organization', () => {
  it('refuses a partner merging its own record (with a full consent) into the home organization\'s record', async () => {
    const home = await cdcdClient(w, [narrowToNlc(w)]);
    const own = await w.partner.post('/api/v1/intake/clients', { name: home.name, birthDate: home.birthDate, confirmNotDuplicate: true, consent: { method: 'signed_on_screen', organizationIds: [] } });
    expect(own.statusCode, own.body).toBe(201);
    const res = await w.partner.post(`/api/v1/intake/clients/${own.json().id}/merge`, { intoId: home.id, reason: 'Same person' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('intoId');
    const seen = await w.partner.get(`/api/v1/intake/clients/${home.id}`);
    expect(seen.json()).toMatchObject({ phone: null, household: null });
    const [{ n }] = await w.t.database.query<{ n: string }>(`SELECT count(*) AS n FROM intake_consents WHERE client_id = $1`, [home.id]);
    expect(Number(n)).toBe(2);
    const [{ status }] = await w.t.database.query<{ status: string }>(`SELECT status FROM intake_clients WHERE id = $1`, [own.json().id]);
    expect(status).toBe('active');
  });

  it('refuses the home organization merging its record into a partner\'s record it can see', async () => {
    const partnerRec = await w.partner.post('/api/v1/intake/clients', { name: 'Partner Fictional-Holder', birthDate: '1981-03-03', confirmNotDuplicate: true, consent: { method: 'signed_on_screen', organizationIds: [w.cdcd] } });
    expect(partnerRec.statusCode).toBe(201);
    const home = await cdcdClient(w);
    const res = await w.staff.post(`/api/v1/intake/clients/${home.id}/merge`, { intoId: partnerRec.json().id, reason: 'Same person' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('intoId');
  });

  it('still merges two records of the same home organization, and undoes it', async () => {
    const a = await cdcdClient(w);
    const b = await cdcdClient(w);
    const m = await w.staff.post(`/api/v1/intake/clients/${a.id}/merge`, { intoId: b.id, reason: 'Same person' });
    expect(m.statusCode, m.body).toBe(200);
    expect((await w.staff.post(`/api/v1/intake/merges/${m.json().id}/undo`)).statusCode).toBe(200);
  });
});
