import type { Tree } from './translationTree';

/**
 * A pseudo language generated from the English strings: letters accented, each string wrapped
 * in ⟦ ⟧, interpolations and markup kept. The pseudo-locale browser test switches to it and
 * fails on visible text outside the brackets: text that did not go through i18n.
 */
const ACCENTS: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ď', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ľ', m: 'ḿ', n: 'ñ', o: 'ó', p: 'ṕ', q: 'ɋ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', v: 'ṽ', w: 'ŵ', x: 'ẋ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ď', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ľ', M: 'Ḿ', N: 'Ñ', O: 'Ó', P: 'Ṕ', Q: 'Ɋ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', V: 'Ṽ', W: 'Ŵ', X: 'Ẋ', Y: 'Ý', Z: 'Ž',
};

export function pseudoString(s: string): string {
  const parts = s.split(/(\{\{[^}]+\}\}|<[^>]+>|\$t\([^)]*\))/);
  return `⟦${parts.map((p, i) => (i % 2 ? p : p.replace(/[A-Za-z]/g, (c) => ACCENTS[c] ?? c))).join('')}⟧`;
}

export function pseudoTree(tree: Tree): Tree {
  const out: Tree = {};
  for (const [k, v] of Object.entries(tree)) out[k] = typeof v === 'string' ? pseudoString(v) : Array.isArray(v) ? v.map(pseudoString) : pseudoTree(v);
  return out;
}
