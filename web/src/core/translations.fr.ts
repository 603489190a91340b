import base from '../i18n/fr.json';
import { build, type Tree } from './translationTree';

/** The French interface text, a chunk of its own. */
const moduleFiles = import.meta.glob<Tree>(['../modules/*/i18n/fr.json', '../modules/*/i18n/*.fr.json'], { eager: true, import: 'default' });

export default build('fr', base as Tree, moduleFiles);
