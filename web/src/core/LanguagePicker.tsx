import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageCodeOf, languageName, languageOptions } from './labels';

interface Props {
  id: string;
  /** ISO 639 code, or '' for none. */
  value: string;
  onChange: (code: string) => void;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  required?: boolean;
}

/**
 * Choose a language by typing its name (in English or French) and picking from the list; the
 * code stays underneath. Nobody has to know that Tigrinya is "ti".
 */
export function LanguagePicker({ id, value, onChange, ...aria }: Props) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(value ? languageName(value, i18n.language) : '');
  useEffect(() => {
    if (languageCodeOf(text, i18n.language) !== (value || null)) setText(value ? languageName(value, i18n.language) : '');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, i18n.language]);
  const unknown = text.trim() !== '' && !languageCodeOf(text, i18n.language);
  return (
    <>
      <input
        id={id}
        {...aria}
        list={`${id}-list`}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(languageCodeOf(e.target.value, i18n.language) ?? '');
        }}
      />
      <datalist id={`${id}-list`}>
        {languageOptions(i18n.language).map((o) => (
          <option key={o.code} value={o.name} />
        ))}
      </datalist>
      {unknown ? (
        <p className="hint" role="status">
          {t('form.languageUnknown')}
        </p>
      ) : null}
    </>
  );
}
