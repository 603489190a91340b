import en from '../i18n/en.json';
import fr from '../i18n/fr.json';
import { build, type Tree } from './translationTree';

export { conflicts, type Tree } from './translationTree';

/** Both languages at once, for the translations test; the app loads one language at a time (i18n.ts). */
const moduleFiles = import.meta.glob<Tree>('../modules/*/i18n/*.json', { eager: true, import: 'default' });

export const translations = { en: build('en', en as Tree, moduleFiles), fr: build('fr', fr as Tree, moduleFiles) };
/** Module translation files found, for the test to check each has both languages. */
export const moduleTranslationFiles = Object.keys(moduleFiles);
