import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.stubGlobal('document', { documentElement: { lang: 'en' } });
vi.stubGlobal('navigator', { language: 'en-CA' });

let problemLine: typeof import('./importProblems').problemLine;
let i18n: typeof import('../../core/i18n').default;
beforeAll(async () => {
  problemLine = (await import('./importProblems')).problemLine;
  i18n = (await import('../../core/i18n')).default;
});

describe('strict import problems for people', () => {
  it('says what is wrong in the reader’s language, keeping the file, row and HSDS column to find the cell', async () => {
    await i18n.changeLanguage('en');
    const t = i18n.t.bind(i18n) as never;
    expect(problemLine(t, { field: 'services.csv:12:minimum_age', message: 'Not a number: "twelve"' })).toBe('Service: Enter a number. (services.csv, row 12, column minimum_age)');
    expect(problemLine(t, { field: 'services.csv:3:organization_id', message: 'No organization with id 5 in the package or the directory' })).toBe(
      'Service: No record has this id in the files or the directory. (services.csv, row 3, column organization_id)',
    );
    expect(problemLine(t, { field: 'locations.csv:*:*', message: 'Not valid CSV: Unclosed quote' })).toBe('Not valid CSV: Unclosed quote (locations.csv)');
    await i18n.changeLanguage('fr');
    expect(problemLine(t, { field: 'organizations.csv:4:name', message: 'Required' })).toMatch(/^Organisme : .+ \(organizations\.csv, ligne 4, colonne name\)$/);
    expect(problemLine(t, { field: 'phones.csv:2:number', message: 'At most 50 characters' })).toMatch(/^Numéro de téléphone : .*50.* \(phones\.csv, ligne 2, colonne number\)$/);
    await i18n.changeLanguage('en');
  });
});
