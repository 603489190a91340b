import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, demo, type Agent, type TestApp } from '../../../test/helpers/test-app';

let t: TestApp;
let viewer: Agent;
beforeAll(async () => {
  t = await createTestApp();
  viewer = await t.login(demo.viewer);
});
afterAll(() => t.close());

type Page = { total: number; items: { legalName: string }[] };
const search = async (q: string, extra = ''): Promise<Page> => {
  const res = await viewer.get(`/api/v1/organizations?perPage=100&q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode).toBe(200);
  return res.json() as Page;
};
const names = (p: Page) => p.items.map((o) => o.legalName);

/** Rows of the words tables that differ from the words of the names as they are now (none when kept right). */
async function wordsOutOfStep(): Promise<{ extra: number; missing: number; strayWords: number; missingWords: number }> {
  const q = async (text: string) => Number((await t.database.query<{ n: number | string }>(text))[0].n);
  const now = `SELECT w AS word, o.id AS organization_id, lower(o.legal_name) AS name FROM organizations o, organization_words_of(o.search_text) AS w`;
  return {
    extra: await q(`SELECT count(*) AS n FROM (SELECT word, organization_id, name FROM organization_name_words EXCEPT ${now}) x`),
    missing: await q(`SELECT count(*) AS n FROM (${now} EXCEPT SELECT word, organization_id, name FROM organization_name_words) x`),
    strayWords: await q(`SELECT count(*) AS n FROM organization_words w WHERE NOT EXISTS (SELECT 1 FROM organization_name_words n WHERE n.word = w.word)`),
    missingWords: await q(`SELECT count(*) AS n FROM (SELECT DISTINCT word FROM organization_name_words EXCEPT SELECT word FROM organization_words) x`),
  };
}
const inStep = { extra: 0, missing: 0, strayWords: 0, missingWords: 0 };

describe('organization search: near misses word by word', () => {
  it('holds the words of every name from the start (the migration fills them)', async () => {
    expect(await wordsOutOfStep()).toEqual(inStep);
    const [{ n }] = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM organization_words WHERE word IN ('durham', 'unemployed')`);
    expect(n).toBe(2);
  });

  it('finds names with the words typed apart, in another order and mistyped, and not names sharing only letters', async () => {
    await t.database.query(`INSERT INTO organizations (legal_name) VALUES
      ('Neighbourhood Services of Quorlby'), ('Quorlby Faith Hub'), ('Quorlby Neighbourhood Centre'), ('Neighbourhood Pantry of Elsewhere')`);
    const page = await search('quorlbey neighborhood');
    // Both typed words are close to words of these two names; the other two hold one of them only.
    expect(names(page)).toEqual(['Neighbourhood Services of Quorlby', 'Quorlby Neighbourhood Centre']);
    expect(page.total).toBe(2);
    // A typed word that begins a name word counts, and the name that begins with the text comes first.
    expect(names(await search('quorlby neigh'))).toEqual(['Quorlby Neighbourhood Centre', 'Neighbourhood Services of Quorlby']);
  });

  it('ranks the closer words first, then by name', async () => {
    await t.database.query(`INSERT INTO organizations (legal_name) VALUES ('Vintrel Seniors Network'), ('Vintrell Seniors Circle'), ('Abbey Vintrel Seniors')`);
    // The name that begins with the text first; then the other substring match (score 1); then
    // "vintrell", which "vintrel" only begins (0.9).
    const page = await search('vintrel senior');
    expect(names(page)).toEqual(['Vintrel Seniors Network', 'Abbey Vintrel Seniors', 'Vintrell Seniors Circle']);
  });

  it('keeps the words in step with every kind of write, one row or many at once', async () => {
    const inserted = await t.database.query<{ id: string }>(`INSERT INTO organizations (legal_name, alternate_names) VALUES
      ('Gorsewick Refugee Clinic', ARRAY['GRC', 'Clinique Gorsewickoise']), ('Gorsewick Tenants Union', '{}') RETURNING id`);
    expect(await wordsOutOfStep()).toEqual(inStep);
    expect(names(await search('gorsewik clinik'))).toEqual(['Gorsewick Refugee Clinic']);

    // A rename: the old words go (the ones no other name holds), the new ones come.
    await t.database.query(`UPDATE organizations SET legal_name = 'Gorsewick Newcomer Clinic', alternate_names = '{}' WHERE id = '${inserted[0].id}'`);
    expect(await wordsOutOfStep()).toEqual(inStep);
    const [{ n: gone }] = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM organization_words WHERE word IN ('gorsewickoise', 'newcomer')`);
    expect(gone).toBe(1);
    expect(names(await search('gorsewik newcomr'))).toEqual(['Gorsewick Newcomer Clinic']);
    // The name near misses are ordered by is kept with the words: an accent changes it and not the folded words.
    await t.database.query(`UPDATE organizations SET legal_name = 'Gorsewick Newcomer Clinïc' WHERE id = '${inserted[0].id}'`);
    expect(await wordsOutOfStep()).toEqual(inStep);

    // An update that leaves the names alone changes nothing; one statement over many rows, as the import writes.
    await t.database.query(`UPDATE organizations SET description = 'x' WHERE legal_name LIKE 'Gorsewick%'`);
    await t.database.query(`INSERT INTO organizations (id, legal_name) VALUES ('${inserted[1].id}', 'Gorsewick Housing Union'), (gen_random_uuid(), 'Gorsewick Food Bank')
      ON CONFLICT (id) DO UPDATE SET legal_name = EXCLUDED.legal_name`);
    expect(await wordsOutOfStep()).toEqual(inStep);
    expect(names(await search('gorsewick tennants'))).toEqual([]);
    expect(names(await search('gorsewik housin'))).toEqual(['Gorsewick Housing Union']);

    await t.database.query(`DELETE FROM organizations WHERE legal_name LIKE 'Gorsewick%'`);
    expect(await wordsOutOfStep()).toEqual(inStep);
    const [{ n: left }] = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM organization_words WHERE word = 'gorsewick'`);
    expect(left).toBe(0);
  });

  it('applies the filters to near misses, and counts them past the last page', async () => {
    await t.database.query(`INSERT INTO organizations (legal_name, partner_category) VALUES
      ('Tamberlin Youth Media', 'media'), ('Tamberlin Youth Council', 'voluntary_nonprofit')`);
    expect(names(await search('tamberlyn youth', '&partnerCategory=media'))).toEqual(['Tamberlin Youth Media']);
    const past = await viewer.get(`/api/v1/organizations?perPage=10&page=3&q=${encodeURIComponent('tamberlyn youth')}`);
    expect(past.json()).toMatchObject({ items: [], total: 2 });
  });
});
