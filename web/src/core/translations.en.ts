import base from '../i18n/en.json';
import { build, type Tree } from './translationTree';

/** The English interface text, a chunk of its own. */
const moduleFiles = import.meta.glob<Tree>(['../modules/*/i18n/en.json', '../modules/*/i18n/*.en.json'], { eager: true, import: 'default' });

export default build('en', base as Tree, moduleFiles);
