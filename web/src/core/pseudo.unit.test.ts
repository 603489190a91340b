import { describe, expect, it } from 'vitest';
import { pseudoString, pseudoTree } from './pseudo';

describe('the pseudo language', () => {
  it('accents and brackets every string, keeping interpolations and markup', () => {
    expect(pseudoString('Due {{date}}')).toBe('⟦Ďúé {{date}}⟧');
    expect(pseudoString('Read <strong>this</strong>')).toBe('⟦Ŕéáď <strong>ţĥíš</strong>⟧');
    expect(pseudoTree({ a: { b: 'Yes', c: ['No'] } })).toEqual({ a: { b: '⟦Ýéš⟧', c: ['⟦Ñó⟧'] } });
  });
});
