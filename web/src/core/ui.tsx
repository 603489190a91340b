import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode, type TableHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import './messages';
import i18n from './i18n';

export type FieldErrors = Record<string, string>;

/** Field errors from a problem document, keyed by dotted field path, messages translated. */
export function fieldErrorsOf(err: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (err instanceof ApiError) for (const e of err.errors) out[e.field] ??= e.message;
  return out;
}

/** The DOM id a field with this dotted path gets, so error summaries can link to it. */
export const fieldId = (path: string) => `field-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

interface FieldProps {
  path: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true; required?: boolean }) => ReactNode;
}

/** A labelled control with hint and error message wired up through aria-describedby. */
export function Field({ path, label, hint, error, required, children }: FieldProps) {
  const { t } = useTranslation();
  const id = fieldId(path);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field-error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> ({t('form.required')})</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">{t('form.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required })}
    </div>
  );
}

/** "There is a problem" box linking to each field at fault; takes focus when it appears. */
export function ErrorSummary({ errors, labels, message }: { errors: FieldErrors; labels: Record<string, string>; message?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const shown = entries.length > 0 || !!message;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, errors, message]);
  if (!shown) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('form.problem')}</h2>
      {message ? <p>{message}</p> : null}
      {entries.length ? (
        <ul>
          {entries.map(([path, msg]) => (
            <li key={path}>
              <a
                href={`#${fieldId(path)}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(fieldId(path))?.focus();
                }}
              >
                {labelFor(path, labels)}{t('common.colon')}{msg}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** "addresses.0.city" → "Address 1: City" using the labels the form gave. */
function labelFor(path: string, labels: Record<string, string>): string {
  if (labels[path]) return labels[path];
  const generic = path.replace(/\.\d+\./g, '.*.');
  const m = path.match(/^(\w+)\.(\d+)\.(\w+)$/);
  if (m && labels[generic]) {
    const item = labels[`${m[1]}.#`]?.replace('#', String(Number(m[2]) + 1)) ?? `${labels[m[1]] ?? m[1]} ${Number(m[2]) + 1}`;
    return `${item}${i18n.t('common.colon')}${labels[generic]}`;
  }
  return labels[path.split('.')[0]] ?? path;
}

export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** Error shown in place of content that could not load. */
export function LoadError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const text =
    error instanceof ApiError
      ? error.status === 403
        ? t('errors.forbidden')
        : error.status === 404
          ? t('errors.notFound')
          : t('errors.generic')
      : t('errors.network');
  return (
    <div className="notice notice-error" role="alert">
      <p>{text}</p>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

export function Pagination({ page, perPage, total, onPage }: { page: number; perPage: number; total: number; onPage: (p: number) => void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <button type="button" className="button-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pagination.previous')}
      </button>
      <span>{t('pagination.pageOf', { page, pages })}</span>
      <button type="button" className="button-secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pagination.next')}
      </button>
    </nav>
  );
}

/** Sets document.title to "<page> – Roundtable". */
export function useTitle(title: string) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
}

export function useUniqueId(prefix: string) {
  return `${prefix}-${useId().replace(/:/g, '')}`;
}

/**
 * The one table of the app. On a wide screen it is an ordinary table; on a narrow one
 * (styles.css, `table.stack`) each row becomes a card whose cells carry their column heading,
 * copied here from the last header row, so no page scrolls sideways. Tables that must keep
 * their grid (`stack={false}`) scroll inside their own box instead.
 */
export function Table({ stack = true, className, children, ...rest }: TableHTMLAttributes<HTMLTableElement> & { stack?: boolean }) {
  const ref = useRef<HTMLTableElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // A box that scrolls must be reachable by keyboard; one that does not, must not be a tab stop.
  useEffect(() => {
    const fit = () => {
      const b = box.current;
      if (!b) return;
      if (b.scrollWidth > b.clientWidth + 1) b.setAttribute('tabindex', '0');
      else b.removeAttribute('tabindex');
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  });
  useLayoutEffect(() => {
    const table = ref.current;
    if (!table || !stack) return;
    const rows = table.querySelectorAll(':scope > thead > tr');
    const heads = rows.length ? [...rows[rows.length - 1].children].map((c) => c.textContent?.trim() ?? '') : [];
    for (const tr of table.querySelectorAll(':scope > tbody > tr, :scope > tfoot > tr')) {
      let col = 0;
      for (const cell of tr.children) {
        const label = heads[col];
        if (label && cell.textContent?.trim() !== label) cell.setAttribute('data-label', label);
        else cell.removeAttribute('data-label');
        col += Number(cell.getAttribute('colspan') ?? 1);
      }
    }
  });
  return (
    <div className="table-box" ref={box}>
      <table ref={ref} className={[stack ? 'stack' : '', className ?? ''].join(' ').trim() || undefined} {...rest}>
        {children}
      </table>
    </div>
  );
}
