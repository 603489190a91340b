/**
 * The interface text: the shell's files in web/src/i18n, plus each module's own
 * web/src/modules/<module>/i18n/{en,fr}.json (and `<concern>.{en,fr}.json` beside them), merged into one tree per language so modules
 * can be worked on without touching each other's strings. Each language is its own chunk
 * (translations.en.ts, translations.fr.ts): the app loads only the language it shows.
 */
export type Tree = { [k: string]: string | string[] | Tree };

/** Leaves that two files both define; the translations test requires there be none. */
export const conflicts: string[] = [];

function merge(target: Tree, source: Tree, file: string, prefix = ''): Tree {
  for (const [k, v] of Object.entries(source)) {
    const path = prefix ? `${prefix}.${k}` : k;
    const existing = target[k];
    if (existing && typeof existing === 'object' && !Array.isArray(existing) && typeof v === 'object' && !Array.isArray(v)) {
      merge(existing, v, file, path);
    } else {
      if (existing !== undefined) conflicts.push(`${path} (${file})`);
      target[k] = v;
    }
  }
  return target;
}

/** The shell's tree for one language with every module file of that language merged in. */
export function build(language: 'en' | 'fr', base: Tree, moduleFiles: Record<string, Tree>): Tree {
  const tree = structuredClone(base);
  for (const [file, content] of Object.entries(moduleFiles)) {
    if (file.endsWith(`/${language}.json`) || file.endsWith(`.${language}.json`)) merge(tree, content, file);
  }
  return tree;
}
