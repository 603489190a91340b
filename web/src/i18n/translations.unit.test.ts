import { describe, expect, it } from 'vitest';
import { conflicts, moduleTranslationFiles, translations, type Tree } from '../core/translations';

const { en, fr } = translations;

/** Every leaf as "dotted.path" → value; arrays count as one leaf each element. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else if (Array.isArray(v)) v.forEach((s, i) => out.set(`${path}.${i}`, s));
    else for (const [p, s] of leaves(v, path)) out.set(p, s);
  }
  return out;
}

const enLeaves = leaves(en as Tree);
const frLeaves = leaves(fr as Tree);
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has modules define only their own strings, never one another\'s or the shell\'s', () => {
    expect(conflicts).toEqual([]);
  });
  it('has both languages for every module translation file', () => {
    const pairs = new Set(moduleTranslationFiles.map((f) => f.replace(/(en|fr)\.json$/, '')));
    for (const p of pairs) {
      expect(moduleTranslationFiles, p).toContain(`${p}en.json`);
      expect(moduleTranslationFiles, p).toContain(`${p}fr.json`);
    }
  });
  it('has every English key in French', () => {
    expect([...enLeaves.keys()].filter((k) => !frLeaves.has(k))).toEqual([]);
  });
  it('has every French key in English', () => {
    expect([...frLeaves.keys()].filter((k) => !enLeaves.has(k))).toEqual([]);
  });
  it('has no empty values', () => {
    const empty = [...enLeaves, ...frLeaves].filter(([, v]) => !v.trim()).map(([k]) => k);
    expect(empty).toEqual([]);
  });
  it('uses the same interpolation variables in both languages', () => {
    const mismatched = [...enLeaves].filter(([k, v]) => frLeaves.has(k) && placeholders(v).join() !== placeholders(frLeaves.get(k)!).join()).map(([k]) => k);
    expect(mismatched).toEqual([]);
  });
  it('labels every partner category, sector and role', async () => {
    const { partnerCategories, sectors, roleNames } = await import('../../../src/shared/contracts');
    for (const tree of [enLeaves, frLeaves]) {
      for (const c of partnerCategories) expect(tree.has(`enums.partnerCategory.${c}`), c).toBe(true);
      for (const s of sectors) expect(tree.has(`enums.sector.${s}`), s).toBe(true);
      for (const r of roleNames) expect(tree.has(`enums.role.${r}`), r).toBe(true);
    }
  });
});
