import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSearchParamChanges } from '../../../core/searchParams';
import { LoadError, Loading, useTitle } from '../../../core/ui';
import { usePractices } from '../hooks';
import { inLang } from '../components/parts';
import { communityTypes, needDomains, welcomingCharacteristics } from '../../../../../src/modules/exchange/exchange.schema';
import '../exchange.css';

const FACETS = [
  { key: 'communityType', values: communityTypes, label: 'exchange.communityType', value: 'exchange.type' },
  { key: 'needDomain', values: needDomains, label: 'exchange.needDomain', value: 'exchange.domain' },
  { key: 'welcomingCharacteristic', values: welcomingCharacteristics, label: 'exchange.welcoming', value: 'exchange.welcome' },
] as const;

/** The practice library: search in English or French, narrow by facets. */
export function PracticesPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('exchange.practicesTitle'));
  const [params, change] = useSearchParamChanges();
  const f = { q: params.get('q') ?? undefined, communityType: params.get('communityType') ?? undefined, needDomain: params.get('needDomain') ?? undefined, welcomingCharacteristic: params.get('welcomingCharacteristic') ?? undefined };
  const [text, setText] = useState(f.q ?? '');
  const q = usePractices(f);
  const set = (k: string, v: string) => change({ [k]: v });
  const search = (e: FormEvent) => { e.preventDefault(); set('q', text.trim()); };
  const lang = i18n.language;
  return (
    <>
      <nav className="breadcrumbs" aria-label={t('exchange.breadcrumb')}>
        <ol><li><Link to="/exchange">{t('exchange.title')}</Link></li><li><span aria-current="page">{t('exchange.practicesTitle')}</span></li></ol>
      </nav>
      <h1>{t('exchange.practicesTitle')}</h1>
      <p className="lead">{t('exchange.practicesLead')}</p>
      {q.data?.actions['exchange.practice.create'] ? (
        <p><Link className="button" to="/exchange/practices/new">{t('exchange.form.writePractice')}</Link></p>
      ) : null}
      <form role="search" className="exchange-controls" onSubmit={search}>
        <div className="field">
          <label htmlFor="ex-q">{t('exchange.searchLabel')}</label>
          <input id="ex-q" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <button type="submit">{t('exchange.search')}</button>
      </form>
      <div className="exchange-controls">
        {FACETS.map((facet) => (
          <div className="field" key={facet.key}>
            <label htmlFor={`ex-${facet.key}`}>{t(facet.label)}</label>
            <select id={`ex-${facet.key}`} value={f[facet.key] ?? ''} onChange={(e) => set(facet.key, e.target.value)}>
              <option value="">{t('exchange.any')}</option>
              {facet.values.map((v) => {
                const n = q.data?.facets[facet.key][v] ?? 0;
                return n || f[facet.key] === v ? <option key={v} value={v}>{`${t(`${facet.value}.${v}`)} (${n})`}</option> : null;
              })}
            </select>
          </div>
        ))}
      </div>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} /> : (
        <>
          <p role="status">{t('exchange.practiceCount', { count: q.data.items.length })}</p>
          <ul className="exchange-practices">
            {q.data.items.map((p) => (
              <li key={p.id}>
                <h2 className="h3"><Link to={`/exchange/practices/${p.id}`}>{inLang(p.title, lang)}</Link></h2>
                <p>{inLang(p.problem, lang)}</p>
                <ul className="exchange-tags">
                  <li>{t(`exchange.type.${p.communityType}`)}</li>
                  <li>{t(`exchange.domain.${p.needDomain}`)}</li>
                  {p.welcomingCharacteristic ? <li>{t(`exchange.welcome.${p.welcomingCharacteristic}`)}</li> : null}
                  {p.place ? <li>{p.place}</li> : null}
                  {p.authorName ? <li>{t('exchange.by', { name: p.authorName })}</li> : null}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
