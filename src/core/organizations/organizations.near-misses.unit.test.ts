import { describe, expect, it } from 'vitest';
import { nameWordsOf, rankNearMisses } from './organizations.near-misses';
import type { CloseWord, NameWordsSnapshot } from './organizations.repository';

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
const org = (n: number, name: string, extra: { partner_category?: string; sector?: string } = {}) => ({
  id: id(n), name, partner_category: extra.partner_category ?? null, sector: extra.sector ?? null,
});

// Positions are the organizations' places in id order, as the snapshot reads them.
const snapshot: NameWordsSnapshot = {
  version: '7',
  organizations: [
    org(1, 'immigrant services of ajax'),
    org(2, 'women of durham'),
    org(3, 'immigrant women network', { sector: 'settlement' }),
    org(4, 'vintrell immigrant circle', { partner_category: 'funder' }),
    org(5, 'abbey immigrant hub'),
  ],
  holders: [
    { word: 'immigrant', holders: [0, 2, 3, 4] },
    { word: 'immigrants', holders: [3] },
    { word: 'women', holders: [1, 2] },
    { word: 'ajax', holders: [0] },
  ],
};
const words = nameWordsOf(snapshot);
const close = (rows: [string, number, string | null, number | null][]): CloseWord[] => rows.map(([w, weight, word, closeness]) => ({ w, weight, word, closeness }));

describe('near misses ranked in memory', () => {
  it('averages the closest word for each typed word, weighted by length, and keeps 0.6 or more', () => {
    // "immigrant women": immigrant weighs 10, women 6; a name with immigrant alone scores 10/16.
    const ranked = rankNearMisses(words, close([['immigrant', 10, 'immigrant', 1], ['immigrant', 10, 'immigrants', 0.9], ['women', 6, 'women', 1]]), [], {});
    // Both words first (1), then immigrant alone (0.625) by name; women alone (0.375) is left out.
    expect(ranked).toEqual([id(3), id(5), id(1), id(4)]);
  });

  it('counts a typed word no name word is close to in the average', () => {
    // "immigrant zzqx": 10 of 15 is still a near miss; "ajax zzqxwvvuts" (5 of 16) is not.
    expect(rankNearMisses(words, close([['immigrant', 10, 'immigrant', 1], ['zzqx', 5, null, null]]), [], {})).toHaveLength(4);
    expect(rankNearMisses(words, close([['ajax', 5, 'ajax', 1], ['zzqxwvvuts', 11, null, null]]), [], {})).toEqual([]);
  });

  it('puts the substring matches first (score 1, those beginning with the text before), never twice', () => {
    const substring = [{ id: id(5), prefix: false, name: 'abbey immigrant hub' }, { id: id(3), prefix: true, name: 'immigrant women network' }];
    const ranked = rankNearMisses(words, close([['immigrant', 10, 'immigrant', 1]]), substring, {});
    expect(ranked).toEqual([id(3), id(5), id(1), id(4)]);
  });

  it('applies the filters to the near misses', () => {
    const c = close([['immigrant', 10, 'immigrant', 1]]);
    expect(rankNearMisses(words, c, [], { sector: 'settlement' })).toEqual([id(3)]);
    expect(rankNearMisses(words, c, [], { partnerCategory: 'funder' })).toEqual([id(4)]);
  });

  it('orders equal scores by name code point by code point, then id', () => {
    const accents = nameWordsOf({
      version: '1',
      organizations: [org(1, 'zeta'), org(2, 'éte'), org(3, 'eta'), org(4, 'eta')],
      holders: [{ word: 'eta', holders: [0, 1, 2, 3] }],
    });
    expect(rankNearMisses(accents, close([['eta', 4, 'eta', 1]]), [], {})).toEqual([id(3), id(4), id(1), id(2)]);
  });
});
