import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Pathway, Step } from '../api';

export const pick = (lang: string, en: string, fr: string | undefined | null) => (lang === 'fr' && fr ? fr : en);

/** Title and section tabs of one pathway's pages. */
export function PathwayFrame({ pathway, children }: { pathway: Pathway; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p className="pathways-crumb"><NavLink to="/pathways">{t('pathways.title')}</NavLink></p>
      <h1>{pick(i18n.language, pathway.name, pathway.nameFr)}</h1>
      <p className="lead">{pick(i18n.language, pathway.scenario, pathway.scenarioFr)}</p>
      <nav className="tabs" aria-label={t('pathways.sections')}>
        <NavLink to={`/pathways/${pathway.id}`} end>{t('pathways.tabIdeal')}</NavLink>
        {pathway.actions['pathways.flow.read'] ? <NavLink to={`/pathways/${pathway.id}/flow`}>{t('pathways.tabObserved')}</NavLink> : null}
        <NavLink to={`/pathways/${pathway.id}/workshop`}>{t('pathways.tabWorkshop')}</NavLink>
      </nav>
      {children}
    </>
  );
}

type Names = Pathway['names'];

/** Who delivers a step: its services (with their organizations) and organizations, by name. */
export function deliverers(step: Step, names: Names): string[] {
  const org = (id: string) => names.organizations[names.serviceOrganizations[id] ?? ''];
  return [...step.serviceIds.map((id) => (org(id) ? `${names.services[id] ?? id} (${org(id)})` : names.services[id] ?? id)), ...step.organizationIds.map((id) => names.organizations[id] ?? id)];
}

/**
 * The swimlane view: one lane per organization (or role), steps in order from left to right.
 * Each step is a button; the arrow keys move between steps, Enter or Space selects one.
 */
export function Swimlane({ steps, names, laneBy, selected, onSelect }: { steps: Step[]; names: Names; laneBy: 'organization' | 'role'; selected?: string | null; onSelect?: (key: string) => void }) {
  const { t, i18n } = useTranslation();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const laneOf = (s: Step) => {
    if (laneBy === 'role') return s.responsibleRole || t('pathways.noRole');
    const orgId = s.organizationIds[0] ?? (s.serviceIds[0] ? names.serviceOrganizations[s.serviceIds[0]] : undefined);
    const first = orgId ? names.organizations[orgId] : undefined;
    return first ?? t('pathways.noOrganization');
  };
  const lanes = [...new Set(steps.map(laneOf))];
  const title = new Map(steps.map((s) => [s.key, pick(i18n.language, s.title, s.titleFr)]));
  const onKey = (e: KeyboardEvent, i: number) => {
    const move = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (!move) return;
    e.preventDefault();
    refs.current[Math.max(0, Math.min(steps.length - 1, i + move))]?.focus();
  };
  return (
    <div className="pathways-swimlane" role="region" aria-label={t('pathways.swimlane')} tabIndex={0}>
      <div className="pathways-lanes" style={{ gridTemplateColumns: `minmax(7rem, 10rem) repeat(${Math.max(1, steps.length)}, minmax(9rem, 1fr))` }}>
        {lanes.map((lane, li) => (
          <div key={lane} className="pathways-lane" style={{ gridRow: li + 1 }}>
            <span className="pathways-lane-name" style={{ gridColumn: 1 }}>{lane}</span>
            {steps.map((s, i) => (laneOf(s) === lane ? (
              <button
                key={s.key}
                type="button"
                ref={(el) => { refs.current[i] = el; }}
                className={`pathways-step pathways-kind-${s.kind}${selected === s.key ? ' is-selected' : ''}`}
                style={{ gridColumn: i + 2 }}
                aria-pressed={onSelect ? selected === s.key : undefined}
                onClick={() => onSelect?.(s.key)}
                onKeyDown={(e) => onKey(e, i)}
              >
                <span className="pathways-step-kind">{`${i + 1}. ${t(`pathways.kind.${s.kind}`)}`}</span>
                <strong>{title.get(s.key)}</strong>
                {s.targetDays !== null ? <span>{t('pathways.targetDaysShort', { count: s.targetDays })}</span> : null}
                {s.next.length ? <span className="pathways-next">{`→ ${s.next.map((n) => title.get(n.to) + (n.condition ? ` (${n.condition})` : '')).join(', ')}`}</span> : null}
              </button>
            ) : null))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** The text alternative of the swimlane: the steps in order, with everything they carry. */
export function StepList({ steps, names, headingLevel = 3 }: { steps: Step[]; names: Names; headingLevel?: 2 | 3 }) {
  const { t, i18n } = useTranslation();
  const title = new Map(steps.map((s) => [s.key, pick(i18n.language, s.title, s.titleFr)]));
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol className="pathways-steplist">
      {steps.map((s) => (
        <li key={s.key} id={`step-${s.key}`}>
          <H>{`${title.get(s.key)} `}<span className="pathways-badge">{t(`pathways.kind.${s.kind}`)}</span></H>
          {s.description ? <p>{pick(i18n.language, s.description, s.descriptionFr)}</p> : null}
          <dl className="pathways-facts">
            {deliverers(s, names).length ? <><dt>{t('pathways.deliveredBy')}</dt><dd>{deliverers(s, names).join('; ')}</dd></> : null}
            {s.conditions.length ? <><dt>{t('pathways.conditions')}</dt><dd>{s.conditions.map((c) => `${t(`pathways.conditionKind.${c.kind}`)}${t('common.colon')}${pick(i18n.language, c.text, c.textFr)}`).join('; ')}</dd></> : null}
            {s.toBring ? <><dt>{t('pathways.toBring')}</dt><dd>{pick(i18n.language, s.toBring, s.toBringFr)}</dd></> : null}
            {s.targetDays !== null ? <><dt>{t('pathways.targetDays')}</dt><dd>{t('pathways.days', { count: s.targetDays })}</dd></> : null}
            {s.responsibleRole ? <><dt>{t('pathways.responsibleRole')}</dt><dd>{s.responsibleRole}</dd></> : null}
            {s.next.length ? <><dt>{t('pathways.next')}</dt><dd>{s.next.map((n) => `${title.get(n.to) ?? n.to}${n.condition ? ` (${t('pathways.when')} ${n.condition})` : ''}`).join('; ')}</dd></> : null}
          </dl>
        </li>
      ))}
    </ol>
  );
}

/** Lanes by organization or by role. */
export function useLaneToggle() {
  const { t } = useTranslation();
  const [laneBy, setLaneBy] = useState<'organization' | 'role'>('organization');
  const toggle = (
    <fieldset className="pathways-toggle">
      <legend>{t('pathways.lanesBy')}</legend>
      <label><input type="radio" name="lanes" checked={laneBy === 'organization'} onChange={() => setLaneBy('organization')} />{t('pathways.lanesOrganization')}</label>
      <label><input type="radio" name="lanes" checked={laneBy === 'role'} onChange={() => setLaneBy('role')} />{t('pathways.lanesRole')}</label>
    </fieldset>
  );
  return { laneBy, toggle };
}
