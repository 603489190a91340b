import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

vi.stubGlobal('document', { documentElement: { lang: 'en' } });
vi.stubGlobal('navigator', { language: 'en-CA' });

let f: typeof import('./formMessages');
let i18n: typeof import('./i18n').default;
beforeAll(async () => {
  f = await import('./formMessages');
  i18n = (await import('./i18n')).default;
});

const schema = z.object({
  name: z.string().trim().min(1),
  code: z.string().min(3).max(5),
  count: z.number().min(0).max(10),
  email: z.email(),
  website: z.url(),
  owner: z.uuid(),
  kind: z.enum(['a', 'b']),
  tags: z.array(z.string()).min(1),
  picked: z.string().min(1, 'errors.choose'),
});

function messages(input: unknown): Record<string, string> {
  const r = schema.safeParse(input, { error: f.zodIssueMessage });
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), f.formText(i.message) ?? '']));
}

describe('validation messages in the browser', () => {
  it('say what is missing, keyed by zod issue code, in English', async () => {
    await i18n.changeLanguage('en');
    expect(messages({ name: ' ', code: 'ab', count: -1, email: 'x', website: 'nope', owner: '', kind: '', tags: [], picked: '' })).toEqual({
      name: 'Enter a value',
      code: 'Enter at least 3 characters.',
      count: 'Enter a number of at least 0.',
      email: 'Enter an email address like name@example.org',
      website: 'Start the website with http:// or https://',
      owner: 'Enter a value',
      kind: 'Choose an option from the list.',
      tags: 'Choose at least 1.',
      picked: 'Choose an option from the list.',
    });
    expect(messages({ name: 'x', code: 'abcdef', count: 11, email: 'a@b.ca', website: 'https://x.ca', owner: 'nope', kind: 'c', tags: ['x'], picked: 'x' })).toEqual({
      code: 'Enter 5 characters or fewer.',
      count: 'Enter a number no greater than 10.',
      owner: 'Choose an option from the list.',
      kind: 'Check this value.',
    });
    expect(messages({})).toMatchObject({ name: 'Enter a value', count: 'Enter a value' });
  });
  it('and in French, never with library wording', async () => {
    await i18n.changeLanguage('fr');
    const all = Object.values(messages({ name: '', code: 'ab', count: 'x', email: 'x', website: 'x', owner: 'x', kind: 'x', tags: [], picked: '' }));
    for (const m of all) {
      expect(m).not.toMatch(/expected|Invalid|Too (small|big)/);
      expect(i18n.t('errors.required', { lng: 'en' })).not.toBe(m);
    }
    await i18n.changeLanguage('en');
  });
});
