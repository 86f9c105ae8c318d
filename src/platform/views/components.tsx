// Small building blocks on top of the NL Design System (Utrecht) CSS components. Every visible string is a
// parameter or comes from the catalogue; every field has a label tied to it and shows its own error.
import { createElement, type ComponentChildren, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'preact';
import { useId } from 'preact/hooks';
import { pickText, type LocalizedText } from '../i18n/languages.ts';
import type { FieldError } from '../http/errors.ts';
import { usePage } from './context.ts';

/** A stored multilingual text, shown in the page language or visibly in another one (with its own lang). */
export function Text({ value }: { value: LocalizedText | null | undefined }) {
  const { lang } = usePage();
  const picked = pickText(value, lang);
  return picked.lang === lang ? <>{picked.text}</> : <span lang={picked.lang}>{picked.text}</span>;
}

export function CsrfField() {
  const { csrfToken } = usePage();
  return <input type="hidden" name="_csrf" value={csrfToken()} />;
}

/** Where the errors of a form are summarised, focused by the script and linked to each field. */
export function ErrorSummary({
  errors,
  labelOf,
}: {
  errors: FieldError[] | undefined;
  /** The label of a field as the user sees it; by default the catalogue's field.<name>. */
  labelOf?: (field: string) => string;
}) {
  const { t } = usePage();
  const label = labelOf ?? ((field: string) => t(`field.${field}`));
  if (!errors || errors.length === 0) return null;
  return (
    <div class="utrecht-alert utrecht-alert--error irisdesk-error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title" data-error-summary>
      <h2 class="utrecht-heading-2" id="error-summary-title">
        {t('form.errorSummaryTitle', { count: errors.length })}
      </h2>
      <ul class="utrecht-unordered-list">
        {errors.map((error) => (
          <li class="utrecht-unordered-list__item" key={error.field}>
            {error.field === 'form' ? (
              // A refusal of the whole form (e.g. a stale edit) has no field to link to.
              t(error.code, { ...error.values, field: t('field.form') })
            ) : (
              <a class="utrecht-link" href={`#${fieldId(error.field)}`}>
                {t(error.code, { ...error.values, field: label(error.field) })}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function fieldId(name: string): string {
  return `field-${name.replaceAll('.', '-')}`;
}

interface FieldProps {
  name: string;
  label: string;
  errors?: FieldError[] | undefined;
  description?: string | undefined;
  /** Tells apart several forms with the same field on one page (the id becomes field-<name>-<idSuffix>). */
  idSuffix?: string | undefined;
}

/** The ids of a field: its control's, and those of its hint and error message when it has them. */
function fieldIds(name: string, idSuffix: string | undefined, hasHint: boolean, error: FieldError | undefined) {
  return fieldIdsOf(`${fieldId(name)}${idSuffix ? `-${idSuffix}` : ''}`, hasHint, error);
}

function fieldIdsOf(id: string, hasHint: boolean, error: FieldError | undefined) {
  const hint = hasHint ? `${id}-description` : undefined;
  const message = error ? `${id}-error` : undefined;
  return { id, hint, message, describedBy: [hint, message].filter(Boolean).join(' ') || undefined };
}

/** The message of a field's error in the page language, naming the field as the user sees it. */
function ErrorMessage({
  id,
  error,
  field,
  class: className,
}: {
  id: string | undefined;
  error: FieldError | undefined;
  field: ComponentChildren;
  class: string;
}) {
  const { t } = usePage();
  if (!error || !id) return null;
  return (
    <div class={className} id={id}>
      {t(error.code, { ...error.values, field: typeof field === 'string' ? field : error.field })}
    </div>
  );
}

type InputType = 'text' | 'email' | 'password' | 'tel' | 'search' | 'number' | 'url' | 'date' | 'time' | 'datetime-local' | 'month' | 'file';

/**
 * The attributes a field's control may be given. The shell owns the rest: the id and aria-describedby that tie
 * the control to its label, hint and error, aria-invalid, the name (the same as the one errors are looked up
 * by) and the design-system class; so no field can be drawn without them, or with ids that point nowhere.
 */
type Owned = 'id' | 'name' | 'class' | 'className' | 'aria-describedby' | 'aria-invalid' | 'type' | 'children';
export interface ControlAttributes {
  input: Omit<InputHTMLAttributes<HTMLInputElement>, Owned> & { type?: InputType };
  textarea: Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, Owned>;
  select: Omit<SelectHTMLAttributes<HTMLSelectElement>, Owned>;
  /** A single yes/no checkbox, drawn before its label. */
  checkbox: Omit<InputHTMLAttributes<HTMLInputElement>, Owned>;
}
export type ControlKind = keyof ControlAttributes;

const CONTROL_CLASS: Record<ControlKind, string> = {
  input: 'utrecht-textbox utrecht-textbox--html-input',
  textarea: 'utrecht-textarea utrecht-textarea--html-textarea',
  select: 'utrecht-select utrecht-select--html-select',
  checkbox: 'utrecht-checkbox utrecht-checkbox--html-input',
};
const INVALID_CLASS: Record<ControlKind, string> = {
  input: 'utrecht-textbox--invalid',
  textarea: 'utrecht-textarea--invalid',
  select: 'utrecht-select--invalid',
  checkbox: 'utrecht-checkbox--invalid',
};

export type FieldShellProps<K extends ControlKind> = FieldProps & {
  control: K;
  attributes?: ControlAttributes[K];
  /** The options of a select, the text of a textarea. */
  children?: ComponentChildren;
};

/**
 * Label, description, error message and the control they belong to: every single-control field of IrisDesk
 * is drawn through this (groups of radios or checkboxes through ChoiceGroup). The shell draws the control
 * itself, so its id, name and aria-describedby always match the label, hint and error next to it.
 */
export function FieldShell<K extends ControlKind>(props: FieldShellProps<K>) {
  const error = props.errors?.find((e) => e.field === props.name);
  const ids = fieldIds(props.name, props.idSuffix, Boolean(props.description), error);
  const checkbox = props.control === 'checkbox';
  const owned = {
    id: ids.id,
    'aria-describedby': ids.describedBy,
    'aria-invalid': error ? 'true' : undefined,
    class: `${CONTROL_CLASS[props.control]}${error ? ` ${INVALID_CLASS[props.control]}` : ''}`,
    name: props.name,
    ...(checkbox ? { type: 'checkbox' } : {}),
  };
  // The shell's own attributes first (their place in the markup) and again last, so that an untyped caller
  // cannot replace them either; a checkbox posts "true" unless told otherwise.
  const control = createElement(
    checkbox ? 'input' : props.control,
    { ...owned, ...(checkbox ? { value: 'true' } : {}), ...props.attributes, ...owned },
    props.children,
  );
  const label = (
    <div class="utrecht-form-field__label">
      <label class={`utrecht-form-label${checkbox ? ' utrecht-form-label--checkbox' : ''}`} for={ids.id}>
        {props.label}
      </label>
    </div>
  );
  return (
    <div class={`utrecht-form-field utrecht-form-field--${checkbox ? 'checkbox' : 'text'}${error ? ' utrecht-form-field--invalid' : ''}`}>
      {checkbox ? <div class="utrecht-form-field__input">{control}</div> : label}
      {checkbox && label}
      {props.description && (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={ids.hint}>
          {props.description}
        </div>
      )}
      <ErrorMessage id={ids.message} error={error} field={props.label} class="utrecht-form-field__error-message utrecht-form-field-error-message" />
      {!checkbox && <div class="utrecht-form-field__input">{control}</div>}
    </div>
  );
}

/** A date field (YYYY-MM-DD, the browser's date picker) with its label, description and error. */
export function DateField(props: FieldProps & { value?: string | null | undefined; required?: boolean }) {
  const { value, required, ...field } = props;
  return <FieldShell {...field} control="input" attributes={{ type: 'date', value: value ?? '', required }} />;
}

export function TextField(
  props: FieldProps & {
    value?: string | undefined;
    type?: Exclude<InputType, 'date' | 'file'>;
    autocomplete?: string;
    required?: boolean;
    maxLength?: number;
  },
) {
  const { value, type = 'text', autocomplete, required, maxLength, ...field } = props;
  // A password is never sent back to the browser.
  return <FieldShell {...field} control="input" attributes={{ type, value: type === 'password' ? undefined : value, autocomplete, required, maxLength }} />;
}

/** A file input (several files with `multiple`); its form must be a multipart one (`<Form multipart>`). */
export function FileField(props: FieldProps & { multiple?: boolean; accept?: string }) {
  const { multiple, accept, ...field } = props;
  return <FieldShell {...field} control="input" attributes={{ type: 'file', multiple, accept }} />;
}

export function TextArea(props: FieldProps & { value?: string | undefined; required?: boolean; maxLength?: number; rows?: number }) {
  const { value, required, maxLength, rows = 5, ...field } = props;
  return (
    <FieldShell {...field} control="textarea" attributes={{ required, maxLength, rows }}>
      {value ?? ''}
    </FieldShell>
  );
}

export function SelectField(
  props: FieldProps & {
    /** The chosen value; several for a select that allows several (`multiple`). */
    value?: string | readonly string[] | undefined;
    options: Array<{ value: string; label: string; lang?: string | undefined }>;
    required?: boolean;
    multiple?: boolean;
    size?: number;
  },
) {
  const { value, options, required, multiple, size, ...field } = props;
  const chosen = (option: string) => (typeof value === 'string' ? value === option : (value ?? []).includes(option));
  return (
    <FieldShell {...field} control="select" attributes={{ required, multiple, size }}>
      {options.map((option) => (
        <option value={option.value} selected={chosen(option.value)} lang={option.lang}>
          {option.label}
        </option>
      ))}
    </FieldShell>
  );
}

/** One yes/no checkbox (posts `value`, "true" by default, when ticked) with its label, hint and error. */
export function CheckboxField(props: FieldProps & { checked: boolean; value?: string }) {
  const { checked, value, ...field } = props;
  return <FieldShell {...field} control="checkbox" attributes={{ checked, value: value ?? 'true' }} />;
}

export interface ChoiceOption {
  value: string;
  label: ComponentChildren;
  /** The language of the label when it is not the page's (a stored text shown in another language). */
  lang?: string | undefined;
  /** A line under the option's label, read with the option (aria-describedby). */
  hint?: ComponentChildren;
  /** Fields shown under the option while it is chosen (GOV.UK's conditional reveal, by CSS: no script needed). */
  conditional?: ComponentChildren;
}

/** The id part of an option value: ids may not hold spaces, and "" (none of them) gets a word. */
export function optionIdPart(value: string): string {
  return value === '' ? 'none' : value.replace(/[^\w-]+/g, '-');
}

/**
 * Radios or checkboxes in a fieldset whose legend is the question, as govuk-frontend's radios: the group owns
 * its ids (field-<name> on the fieldset, field-<name>-<value> on each option) and ties its hint and error
 * message to the fieldset through aria-describedby, so a screen reader reads them with the question.
 */
export function ChoiceGroup(props: {
  type: 'radio' | 'checkbox';
  name: string;
  /** The fieldset's id when two groups on a page share a name (field-<name> by default); options' ids follow it. */
  id?: string;
  legend: ComponentChildren;
  options: readonly ChoiceOption[];
  /** The chosen value(s): one for radios, any number for checkboxes. */
  checked: string | readonly string[] | undefined;
  hint?: ComponentChildren;
  errors?: FieldError[] | undefined;
  /** The field name in error messages; by default the legend when it is a text. */
  label?: string;
  /** An answer is required (radios only: a required checkbox would have to be ticked, each of them). */
  required?: boolean;
  /** Extra classes of the fieldset and of each option's wrapper (a module's own layout). */
  class?: string;
  optionClass?: string;
  /** Content between the hint and the options (a note that no option was found, say). */
  children?: ComponentChildren;
}) {
  const error = props.errors?.find((e) => e.field === props.name);
  const ids = props.id ? fieldIdsOf(props.id, Boolean(props.hint), error) : fieldIds(props.name, undefined, Boolean(props.hint), error);
  const chosen = (value: string) => (typeof props.checked === 'string' ? props.checked === value : (props.checked ?? []).includes(value));
  const fieldName = props.label ?? (typeof props.legend === 'string' ? props.legend : props.name);
  // Written out (not built from the type): the stylesheet keeps the CSS of the classes the code names.
  const controlClass = props.type === 'radio' ? 'utrecht-radio-button utrecht-radio-button--html-input' : 'utrecht-checkbox utrecht-checkbox--html-input';
  return (
    <fieldset
      class={['utrecht-form-fieldset', props.class, error ? 'utrecht-form-fieldset--invalid' : ''].filter(Boolean).join(' ')}
      id={ids.id}
      aria-describedby={ids.describedBy}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{props.legend}</legend>
      {props.hint && (
        <div class="utrecht-form-field-description" id={ids.hint}>
          {props.hint}
        </div>
      )}
      <ErrorMessage id={ids.message} error={error} field={fieldName} class="utrecht-form-field-error-message" />
      {props.children}
      {props.options.map((option) => {
        const optionId = `${ids.id}-${optionIdPart(option.value)}`;
        return (
          <div class={['utrecht-form-field', `utrecht-form-field--${props.type}`, props.optionClass].filter(Boolean).join(' ')}>
            <input
              class={controlClass}
              type={props.type}
              id={optionId}
              name={props.name}
              value={option.value}
              checked={chosen(option.value)}
              required={props.required && props.type === 'radio' ? true : undefined}
              aria-describedby={option.hint ? `${optionId}-description` : undefined}
            />
            <label class={`utrecht-form-label utrecht-form-label--${props.type}`} for={optionId} lang={option.lang}>
              {option.label}
            </label>
            {option.hint && (
              <div class="utrecht-form-field-description" id={`${optionId}-description`}>
                {option.hint}
              </div>
            )}
            {option.conditional && (
              <div class="irisdesk-choice-conditional" id={`${optionId}-conditional`}>
                {option.conditional}
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

/** A group of checkboxes in a fieldset whose legend is the label. */
export function CheckboxGroup(props: {
  name: string;
  legend: string;
  options: ChoiceOption[];
  checked: readonly string[];
  errors?: FieldError[] | undefined;
  hint?: string;
}) {
  return <ChoiceGroup type="checkbox" {...props} />;
}

export function SubmitButton({ children, variant = 'primary' }: { children: ComponentChildren; variant?: 'primary' | 'secondary' }) {
  return (
    <button type="submit" class={`utrecht-button utrecht-button--${variant}-action`}>
      {children}
    </button>
  );
}

/** A POST form with its CSRF token; works without JavaScript. */
export function Form({
  action,
  children,
  class: className,
  multipart,
}: {
  action: string;
  children: ComponentChildren;
  class?: string;
  /** Posts multipart/form-data: a form with a FileField (its route registered through platform/files/multipart.ts). */
  multipart?: boolean;
}) {
  return (
    <form method="post" action={action} class={`utrecht-form ${className ?? ''}`.trim()} noValidate {...(multipart ? { enctype: 'multipart/form-data' } : {})}>
      <CsrfField />
      {children}
    </form>
  );
}

export function Alert({ type = 'info', children }: { type?: 'info' | 'ok' | 'warning' | 'error'; children: ComponentChildren }) {
  return (
    <div class={`utrecht-alert utrecht-alert--${type}`} role={type === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Heading1({ children }: { children: ComponentChildren }) {
  return <h1 class="utrecht-heading-1">{children}</h1>;
}

export function Paragraph({ children, lead }: { children: ComponentChildren; lead?: boolean }) {
  return <p class={`utrecht-paragraph${lead ? ' utrecht-paragraph--lead' : ''}`}>{children}</p>;
}

export function Link({ href, children, lang, hrefLang }: { href: string; children: ComponentChildren; lang?: string; hrefLang?: string }) {
  return (
    <a class="utrecht-link" href={href} lang={lang} hrefLang={hrefLang}>
      {children}
    </a>
  );
}

/**
 * A table with a caption (required for accessibility) and header cells with scope, in a scroll container: a table
 * wider than the screen scrolls inside the page instead of widening it. The container is named by the caption and
 * can take the focus, so that keyboard users can scroll it too (WCAG 2.1.1; Adrian Roselli's pattern). It is a group,
 * not a region: a region is a landmark, and a table in a section named by the same heading made two landmarks of
 * one name (axe's landmark-unique).
 */
export function Table({ caption, head, rows }: { caption: string; head: string[]; rows: Array<Array<ComponentChildren>> }) {
  const captionId = `table-${useId()}`;
  return (
    <div class="utrecht-table-container irisdesk-table-scroll" role="group" aria-labelledby={captionId} tabIndex={0}>
      <table class="utrecht-table utrecht-table--html-table">
        <caption class="utrecht-table__caption" id={captionId}>
          {caption}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {head.map((cell) => (
              <th class="utrecht-table__header-cell" scope="col">
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((row) => (
            <tr class="utrecht-table__row">
              {row.map((cell, index) =>
                index === 0 ? (
                  <th class="utrecht-table__header-cell" scope="row">
                    {cell}
                  </th>
                ) : (
                  <td class="utrecht-table__cell">{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
