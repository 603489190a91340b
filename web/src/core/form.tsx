import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Controller, FormProvider, get, useForm, useFormContext, type ControllerRenderProps, type FieldErrors as RhfErrors, type FieldValues, type Path, type RegisterOptions, type UseFormProps, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { ApiError } from './api';
import { formText, zodIssueMessage } from './formMessages';
import i18n from './i18n';
import { Field, fieldId } from './ui';

export { formText, zodIssueMessage };

/**
 * The one way the web app builds a form: react-hook-form validating with a zod schema, and a
 * handful of controls that wire up label, hint and error. What it gives every form:
 * - each zod issue becomes a sentence in the reader's language, chosen by issue code
 *   (`zodIssueMessage`), never zod's own wording;
 * - on a failed submit, focus moves to the first field at fault and a summary links to each;
 * - the server's field errors (problem+json) land on the same fields;
 * - the submit button says it is working and cannot be pressed twice;
 * - a confirmation appears beside the button when the submit succeeds.
 */

/** useForm with the zod resolver and the app's messages. */
export function useZodForm<I extends FieldValues, O extends FieldValues>(schema: z.ZodType<O, I>, props?: Omit<UseFormProps<I, unknown, O>, 'resolver'>): UseFormReturn<I, unknown, O> {
  return useForm<I, unknown, O>({
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: true,
    ...props,
    resolver: zodResolver(schema as never, { error: zodIssueMessage } as never) as never,
  });
}

/**
 * A prefix for the DOM ids of a form's fields, for a page that shows two forms with fields of
 * the same name (an "add" form and an "edit" form): ids stay unique, labels and links still match.
 */
const IdPrefixContext = createContext('');

/** The dotted path a field's DOM id is made from: the form's prefix, then the field's name. */
function useIdPath(name: string): string {
  const prefix = useContext(IdPrefixContext);
  return prefix ? `${prefix}.${name}` : name;
}

/** Labels the controls of a form registered, for the error summary. */
const LabelContext = createContext<Map<string, string> | null>(null);

function useLabel(name: string, label: string) {
  const labels = useContext(LabelContext);
  labels?.set(name, label);
}

/** Every error in react-hook-form's nested error tree, as dotted path and message. */
export function flattenErrors(errors: RhfErrors, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(errors)) {
    if (!v || typeof v !== 'object' || k === 'ref') continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (path === 'root' || path.startsWith('root.')) continue;
    const e = v as { message?: unknown; type?: unknown };
    if (typeof e.message === 'string' && e.type !== undefined) out.push([path, e.message]);
    else out.push(...flattenErrors(v as RhfErrors, path));
  }
  return out;
}

/** "items.0.title" → "Item 1: Title", from the labels the controls registered. */
function summaryLabel(path: string, labels: Map<string, string>, extra: Record<string, string>): string {
  if (extra[path]) return extra[path];
  // An item of a repeated group: "Item 2: Title" when the form named its items (`items.#`).
  const m = path.match(/^(\w+)\.(\d+)\.(.+)$/);
  if (m && extra[`${m[1]}.#`] && labels.has(path)) return `${extra[`${m[1]}.#`].replace('#', String(Number(m[2]) + 1))}${i18n.t('common.colon')}${labels.get(path)}`;
  if (labels.has(path)) return labels.get(path) as string;
  const generic = path.replace(/\.\d+(\.|$)/g, '.*$1');
  if (extra[generic]) return extra[generic];
  return extra[path.split('.')[0]] ?? labels.get(path.split('.')[0]) ?? path;
}

interface FormProps<I extends FieldValues, O extends FieldValues> {
  form: UseFormReturn<I, unknown, O>;
  /** Sends the values. A string returned is shown as the confirmation. */
  onSubmit: (values: O) => Promise<string | void>;
  /** Labels for paths that have no control of their own (e.g. `quorum`, `items`). */
  labels?: Record<string, string>;
  /** A message for the server's answer to show instead of its field errors (e.g. on a conflict). */
  onError?: (err: unknown) => string | undefined;
  submitLabel: string;
  /** What the submit button says while the form is sent (default "Saving…"). */
  busyLabel?: string;
  /** Buttons beside submit (add a row, cancel). */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
  heading?: ReactNode;
  /** Makes this form's field ids unique on a page with another form using the same names. */
  idPrefix?: string;
}

/** A form: summary of problems, the controls, a submit button that shows progress, a confirmation. */
export function Form<I extends FieldValues, O extends FieldValues>({ form, onSubmit, labels = {}, onError, submitLabel, busyLabel, actions, className, children, heading, idPrefix = '' }: FormProps<I, O>) {
  const registered = useRef(new Map<string, string>());
  const [done, setDone] = useState<string>();
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(
    async (values) => {
      setDone(undefined);
      try {
        const result = await onSubmit(values);
        if (typeof result === 'string') setDone(result);
      } catch (err) {
        const special = onError?.(err);
        if (special) {
          form.setError('root.server', { type: 'server', message: special });
          return;
        }
        applyServerErrors(form, err, idPrefix);
      }
    },
    () => setDone(undefined),
  );
  const fieldErrors = flattenErrors(errors);
  const rootMessage = (errors.root as Record<string, { message?: string }> | undefined)?.server?.message;
  return (
    <IdPrefixContext.Provider value={idPrefix}>
    <LabelContext.Provider value={registered.current}>
      <FormProvider {...form}>
        <form className={className ?? 'form'} onSubmit={submit} noValidate aria-busy={isSubmitting || undefined}>
          {heading}
          <ErrorList entries={fieldErrors.map(([path, msg]) => [path, summaryLabel(path, registered.current, labels), formText(msg) ?? ''])} message={rootMessage} />
          {children}
          <div className="form-actions">
            {actions}
            <SubmitButton busy={isSubmitting} busyLabel={busyLabel}>{submitLabel}</SubmitButton>
          </div>
          <div role="status" aria-live="polite">
            {done ? <p className="notice notice-success">{done}</p> : null}
          </div>
        </form>
      </FormProvider>
    </LabelContext.Provider>
    </IdPrefixContext.Provider>
  );
}

/** Puts a problem document's field errors on the form's fields and focuses the first present. */
export function applyServerErrors<I extends FieldValues>(form: UseFormReturn<I, unknown, FieldValues>, err: unknown, idPrefix = '') {
  if (!(err instanceof ApiError)) {
    form.setError('root.server', { type: 'server', message: i18n.t('errors.network') });
    return;
  }
  const seen = new Set<string>();
  let focused = false;
  for (const e of err.errors) {
    if (seen.has(e.field)) continue;
    seen.add(e.field);
    form.setError(e.field as Path<I>, { type: 'server', message: e.message });
    const el = document.getElementById(fieldId(idPrefix ? `${idPrefix}.${e.field}` : e.field));
    if (!focused && el) {
      el.focus();
      focused = true;
    }
  }
  if (!seen.size) form.setError('root.server', { type: 'server', message: err.message });
}

/** The summary box: a message for the whole form and a link to each field at fault. */
function ErrorList({ entries, message }: { entries: [string, string, string][]; message?: string }) {
  const { t } = useTranslation();
  const prefix = useContext(IdPrefixContext);
  const idOf = (path: string) => fieldId(prefix ? `${prefix}.${path}` : path);
  const ref = useRef<HTMLDivElement>(null);
  // Listed in the order the fields appear on the page (zod reports refinements last).
  const order = new Map([...document.querySelectorAll('[id^="field-"]')].map((el, i) => [el.id, i]));
  const listed = [...entries].sort((a, b) => (order.get(idOf(a[0])) ?? Infinity) - (order.get(idOf(b[0])) ?? Infinity));
  const shown = listed.length > 0 || !!message;
  // Focus goes to the first field at fault; a message with no field takes focus itself.
  useEffect(() => {
    if (message && !entries.length) ref.current?.focus();
  }, [message, entries.length]);
  if (!shown) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2>{t('form.problem')}</h2>
      {message ? <p>{message}</p> : null}
      {listed.length ? (
        <ul>
          {listed.map(([path, label, msg]) => (
            <li key={path}>
              <a
                href={`#${idOf(path)}`}
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(idOf(path))?.focus();
                }}
              >
                {label}: {msg}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A submit button that says it is working while the form is sent, and cannot be pressed twice. */
export function SubmitButton({ busy, busyLabel, children, className = 'button button-primary' }: { busy: boolean; busyLabel?: string; children: ReactNode; className?: string }) {
  const { t } = useTranslation();
  return (
    <button type="submit" className={className} disabled={busy} aria-disabled={busy || undefined}>
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" /> {busyLabel ?? t('common.saving')}
        </>
      ) : (
        children
      )}
    </button>
  );
}

function useFieldError(name: string): string | undefined {
  const { formState } = useFormContext();
  const e = get(formState.errors, name) as { message?: string } | undefined;
  return formText(e?.message);
}

interface ControlProps {
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  options?: RegisterOptions;
}

/** A text input (or `type` date, number, email…). */
/** `lang` marks a field written in another language than the page (a French name on an English page). */
export function TextField({ name, label, hint, required, options, type = 'text', autoComplete, inputMode, lang, className }: ControlProps & { type?: string; autoComplete?: string; inputMode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text'; lang?: string; className?: string }) {
  const { register } = useFormContext();
  useLabel(name, label);
  const idPath = useIdPath(name);
  return (
    <Field path={idPath} label={label} hint={hint} required={required} error={useFieldError(name)}>
      {(p) => <input {...p} type={type} autoComplete={autoComplete} inputMode={inputMode} lang={lang} className={className} {...register(name, type === 'number' ? { setValueAs: (v: string) => (v === '' || v == null ? undefined : Number(v)), ...options } : options)} />}
    </Field>
  );
}

export function TextArea({ name, label, hint, required, options, rows = 3, lang }: ControlProps & { rows?: number; lang?: string }) {
  const { register } = useFormContext();
  useLabel(name, label);
  const idPath = useIdPath(name);
  return (
    <Field path={idPath} label={label} hint={hint} required={required} error={useFieldError(name)}>
      {(p) => <textarea {...p} rows={rows} lang={lang} {...register(name, options)} />}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

/**
 * A list to choose from; `placeholder` adds an empty first choice ("Choose…"). `multiple` lets
 * several be chosen (the field's value is then the list chosen): for lists too long for
 * checkboxes.
 */
export function SelectField({ name, label, hint, required, options, choices, placeholder, multiple }: ControlProps & { choices: Option[]; placeholder?: string; multiple?: boolean }) {
  const { register } = useFormContext();
  useLabel(name, label);
  const idPath = useIdPath(name);
  return (
    <Field path={idPath} label={label} hint={hint} required={required} error={useFieldError(name)}>
      {(p) => (
        <select {...p} multiple={multiple} size={multiple ? 5 : undefined} {...register(name, options)}>
          {placeholder !== undefined && !multiple ? <option value="">{placeholder}</option> : null}
          {choices.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A checkbox beside its label. */
export function CheckboxField({ name, label, hint, options }: Omit<ControlProps, 'required'>) {
  const { register } = useFormContext();
  useLabel(name, label);
  const id = fieldId(useIdPath(name));
  const error = useFieldError(name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field checkbox field-error' : 'field checkbox'}>
      <input id={id} type="checkbox" aria-describedby={describedBy} aria-invalid={error ? true : undefined} {...register(name, options)} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? <FieldMessage id={`${id}-error`} text={error} /> : null}
    </div>
  );
}

/** Several choices, each checkbox beside its label, grouped under a legend; the value is the list chosen. */
export function CheckboxGroup({ name, label, hint, required, options, choices }: ControlProps & { choices: Option[] }) {
  return <ChoiceGroup type="checkbox" name={name} label={label} hint={hint} required={required} options={options} choices={choices} />;
}

/** One choice among a few, each radio beside its label, grouped under a legend. */
export function RadioGroup(props: ControlProps & { choices: Option[] }) {
  return <ChoiceGroup type="radio" {...props} />;
}

function ChoiceGroup({ type, name, label, hint, required, options, choices }: ControlProps & { choices: Option[]; type: 'radio' | 'checkbox' }) {
  const { register } = useFormContext();
  useLabel(name, label);
  const id = fieldId(useIdPath(name));
  const error = useFieldError(name);
  return (
    <GroupFieldset id={id} className="field radio-group" label={label} hint={hint} required={required} error={error}>
      {choices.map((o, i) => (
        <div className="checkbox" key={o.value}>
          <input type={type} id={i === 0 ? id : `${id}-${i}`} value={o.value} {...register(name, options)} />
          <label htmlFor={i === 0 ? id : `${id}-${i}`}>{o.label}</label>
        </div>
      ))}
    </GroupFieldset>
  );
}

/**
 * A group of controls under a legend that is its label, with its hint and error message linked
 * by `aria-describedby`: the one frame of choice groups, rating rows and grouped custom controls.
 */
function GroupFieldset({ id, className, label, hint, required, error, disabled, children }: { id: string; className: string; label: string; hint?: string; required?: boolean; error?: string; disabled?: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <fieldset className={error ? `${className} field-error` : className} disabled={disabled} aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}>
      <legend>
        {label}
        {required ? <span className="required"> ({t('form.required')})</span> : null}
      </legend>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? <FieldMessage id={`${id}-error`} text={error} /> : null}
      {children}
    </fieldset>
  );
}

function FieldMessage({ id, text }: { id: string; text: string }) {
  const { t } = useTranslation();
  return (
    <p className="error-message" id={id}>
      <span className="visually-hidden">{t('form.errorPrefix')} </span>
      {text}
    </p>
  );
}

/**
 * A row of a rating grid (Likert items, pair ratings, importance 1–5): one choice among a few
 * levels, each radio beside its label, the levels side by side (wrapping on a phone), grouped
 * under a legend that is the question. One per item; the value is the chosen level as a string.
 * `className` adds the page's own group style; `disabled` locks the row (answers submitted).
 */
export function RatingGroup({ name, label, hint, required, options, choices, className, disabled }: ControlProps & { choices: Option[]; className?: string; disabled?: boolean }) {
  const { register } = useFormContext();
  useLabel(name, label);
  const id = fieldId(useIdPath(name));
  const error = useFieldError(name);
  return (
    <GroupFieldset id={id} className={['field', 'rating-group', className].filter(Boolean).join(' ')} label={label} hint={hint} required={required} error={error} disabled={disabled}>
      <div className="rating-options">
        {choices.map((o, i) => (
          <div className="checkbox" key={o.value}>
            <input type="radio" id={i === 0 ? id : `${id}-${i}`} value={o.value} {...register(name, options)} />
            <label htmlFor={i === 0 ? id : `${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </GroupFieldset>
  );
}

/**
 * Lets a control the library does not provide (a directory service picker, a nested list)
 * put its label in the form's catalogue, so the error summary names it.
 */
export function useFormLabel(name: string, label: string) {
  useLabel(name, label);
}

/** The DOM id a field of this form has (`field-…`, with the form's id prefix): the error summary links to it. */
export function useFieldId(name: string): string {
  return fieldId(useIdPath(name));
}

/** What a `Controlled` control gets to wire up: the field's value and handlers, its id and ARIA links. */
export interface ControlledProps {
  field: ControllerRenderProps<FieldValues, string>;
  /** Put this id on the element that should take focus (the summary links to it). */
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  error?: string;
}

/**
 * A custom control registered with the form: react-hook-form's Controller, plus the form's label
 * catalogue, error summary and focus. `render` gets the field and the id to put on the element
 * that takes focus; `field.ref` should go on that element too, so focus moves there on an error.
 * With `legend`, the control sits in a fieldset under the label (a group of controls); otherwise
 * the label is a <label> for the element with `id`. `bare` leaves label and message to `render`.
 */
export function Controlled({ name, label, hint, required, legend, bare, render }: { name: string; label: string; hint?: string; required?: boolean; legend?: boolean; bare?: boolean; render: (p: ControlledProps) => ReactNode }) {
  const { control } = useFormContext();
  useLabel(name, label);
  const idPath = useIdPath(name);
  const id = fieldId(idPath);
  const error = useFieldError(name);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const draw = (field: ControllerRenderProps<FieldValues, string>) => render({ field, id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, error });
  if (bare) return <Controller control={control} name={name} render={({ field }) => <>{draw(field)}</>} />;
  if (!legend) return <Field path={idPath} label={label} hint={hint} required={required} error={error}>{() => <Controller control={control} name={name} render={({ field }) => <>{draw(field)}</>} />}</Field>;
  return (
    <GroupFieldset id={id} className="field" label={label} hint={hint} required={required} error={error}>
      <Controller control={control} name={name} render={({ field }) => <>{draw(field)}</>} />
    </GroupFieldset>
  );
}

/**
 * A file chooser registered with the form. The field's value is the File chosen (`read="file"`,
 * the default) or its text (`read="text"`), undefined when none; `onFile` hears of each choice
 * (to preview it). A schema checks it like any value (`z.instanceof(File)` or `z.string()`).
 */
export function FileField({ name, label, hint, required, accept, read = 'file', onFile }: Omit<ControlProps, 'options'> & { accept?: string; read?: 'file' | 'text'; onFile?: (file: File | undefined) => void }) {
  return (
    <Controlled
      name={name}
      label={label}
      hint={hint}
      required={required}
      render={({ field, id, ...aria }) => (
        <input
          id={id}
          ref={field.ref}
          name={field.name}
          type="file"
          accept={accept}
          aria-describedby={aria['aria-describedby']}
          aria-invalid={aria['aria-invalid']}
          required={required}
          style={{ maxWidth: '100%' }}
          onBlur={field.onBlur}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            field.onChange(file === undefined ? undefined : read === 'text' ? await file.text() : file);
            onFile?.(file);
          }}
        />
      )}
    />
  );
}
