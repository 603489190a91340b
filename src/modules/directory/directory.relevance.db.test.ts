import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app';

/**
 * Curated relevance set: what a newcomer or a worker types, in English or French, and the
 * services that must come first. A ranking change that pushes these down fails the build.
 * `top` lists acceptable first results; `within` names a service that must be in the top 3.
 */
const cases: { q: string; lang?: 'en' | 'fr'; top?: string[]; within?: string }[] = [
  { q: 'food bank', top: ['Emergency food bank'] },
  { q: 'food', top: ['Emergency food bank'] },
  { q: 'banque alimentaire', lang: 'fr', top: ['Emergency food bank'] },
  { q: 'épicerie', lang: 'fr', top: ['Emergency food bank'] },
  { q: 'foood bnak', top: ['Emergency food bank'] },
  { q: 'LINC', within: 'LINC classes' },
  { q: 'language classes', within: 'LINC classes' },
  { q: 'langage clases', within: 'ESL classes for adults' },
  { q: 'english classes', within: 'ESL classes for adults' },
  { q: 'cours d’anglais', lang: 'fr', within: 'ESL classes for adults' },
  { q: 'cours de langue', lang: 'fr', within: 'LINC classes' },
  { q: 'language assessment', top: ['LINC language assessment'] },
  { q: 'évaluation linguistique', lang: 'fr', top: ['LINC language assessment'] },
  { q: 'job search', top: ['Job search workshops', 'Job search workshops for newcomer youth'] },
  // "aide à l’emploi" is literally in Ontario Works' French name.
  { q: 'aide à l’emploi', lang: 'fr', within: 'Ontario Works financial and employment assistance' },
  { q: 'recherche d’emploi', lang: 'fr', top: ['Job search workshops', 'Job search workshops for newcomer youth'] },
  { q: 'jobs for youth', top: ['Job search workshops for newcomer youth'] },
  { q: 'emploi jeunes', lang: 'fr', top: ['Job search workshops for newcomer youth'] },
  { q: 'resume help', within: 'Job search workshops' },
  { q: 'citizenship test', top: ['Citizenship preparation course'] },
  { q: 'citoyenneté', lang: 'fr', top: ['Citizenship preparation course'] },
  { q: 'housing', top: ['Housing help and subsidised housing applications', 'Housing and community justice support'] },
  { q: 'logement', lang: 'fr', top: ['Housing help and subsidised housing applications', 'Housing and community justice support'] },
  { q: 'eviction', top: ['Housing help and subsidised housing applications'] },
  { q: 'child care', top: ['Child care fee subsidy'] },
  { q: 'garde d’enfants', lang: 'fr', top: ['Child care fee subsidy'] },
  { q: 'counselling', top: ['Counselling and referrals', 'Counselling and crisis intervention for women'] },
  { q: 'counseling', top: ['Counselling and referrals', 'Counselling and crisis intervention for women'] },
  { q: 'crisis', top: ['Counselling and crisis intervention for women'] },
  { q: 'social assistance', top: ['Ontario Works financial and employment assistance'] },
  { q: 'Ontario Works', top: ['Ontario Works financial and employment assistance'] },
  { q: 'aide sociale', lang: 'fr', top: ['Ontario Works financial and employment assistance'] },
  { q: 'mentor', within: 'HOST program: volunteer matching' },
  { q: 'bénévoles', lang: 'fr', top: ['HOST program: volunteer matching'] },
  { q: 'school enrolment', top: ['Settlement Workers in Schools'] },
  { q: 'settlement worker', within: 'Newcomer settlement services' },
  { q: 'immigrant women', top: ['Skills development for immigrant women', 'Counselling and crisis intervention for women'] },
  { q: 'heritage language children', top: ['International Languages for children'] },
  { q: 'professionals english', top: ['Enhanced Language Training (ELT)'] },
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('finder relevance', () => {
  it('has at least 30 curated queries in both languages', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(cases.filter((c) => c.lang === 'fr').length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('"$q" ranks its expected services first', async ({ q, lang, top, within }) => {
    // The finder answers in the reader's language; compare on the English names through the HSDS record.
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/finder/services?perPage=5&lang=${lang ?? 'en'}&q=${encodeURIComponent(q)}` });
    expect(res.statusCode).toBe(200);
    const names = (res.json().items as { id: string }[]).map((i) => i.id);
    const english = await t.database.query<{ id: string; name: string }>('SELECT id, name FROM directory_services');
    const byId = new Map(english.map((r) => [r.id, r.name]));
    const ranked = names.map((id) => byId.get(id)!);
    if (top) expect(top, `${q} → ${ranked.join(' | ')}`).toContain(ranked[0]);
    if (within) expect(ranked.slice(0, 3), `${q} → ${ranked.join(' | ')}`).toContain(within);
  });
});

describe('when no service has every word', () => {
  const find = async (q: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/finder/services?perPage=50&q=${encodeURIComponent(q)}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { id: string; name: string }[]; total: number };
    return { names: body.items.map((i) => i.name), total: body.total };
  };

  it('finds the services missing only one of three or more words before any word', async () => {
    // "qqzxv" is no directory word and nothing like one: it stays as typed, and nothing has it.
    const allButOne = await find('newcomer youth qqzxv');
    const both = await find('newcomer youth');
    expect(both.total).toBeGreaterThan(0);
    expect(allButOne.names[0]).toBe('Job search workshops for newcomer youth');
    expect(new Set(allButOne.names)).toEqual(new Set(both.names));
    // Any word would have brought every service for newcomers as well.
    expect((await find('newcomer')).total).toBeGreaterThan(allButOne.total);
  });

  it('falls back to any word when two words or fewer than all but one match', async () => {
    const two = await find('food qqzxv');
    expect(two.total).toBe((await find('food')).total);
    const three = await find('food qqzxv wwkyj');
    expect(three.total).toBe((await find('food')).total);
  });
});
