import { useTranslation } from 'react-i18next';
import { chooseLanguage } from './i18n';

/** One button that switches to the other official language, labelled in that language. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const other = i18n.language === 'fr' ? 'en' : 'fr';
  return (
    <button type="button" className="language-switch" lang={other} onClick={() => void chooseLanguage(other)}>
      {other === 'fr' ? 'Français' : 'English'}
    </button>
  );
}
