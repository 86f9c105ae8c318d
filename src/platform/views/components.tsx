// Small building blocks on top of the NL Design System (Utrecht) CSS components. Every visible string is a
// parameter or comes from the catalogue; every field has a label tied to it and shows its own error.
import type { ComponentChildren } from 'preact';
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
  description?: string;
  children?: ComponentChildren;
}

/**
 * Label, description, error message and the ids that tie them to the control: every form field of IrisDesk
 * is drawn through this. `control` receives the attributes its input needs (id, aria-describedby,
 * aria-invalid). `idSuffix` tells apart several forms with the same field on one page.
 */
export function FieldShell({ name, label, errors, description, idSuffix, control }: FieldProps & { idSuffix?: string | undefined; control: (aria: Record<string, string | boolean>) => ComponentChildren }) {
  const { t } = usePage();
  const id = `${fieldId(name)}${idSuffix ? `-${idSuffix}` : ''}`;
  const error = errors?.find((e) => e.field === name);
  const describedBy = [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria: Record<string, string | boolean> = { id };
  if (describedBy) aria['aria-describedby'] = describedBy;
  if (error) aria['aria-invalid'] = 'true';
  return (
    <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
      </div>
      {description && (
        <div class="utrecht-form-field__description utrecht-form-field-description" id={`${id}-description`}>
          {description}
        </div>
      )}
      {error && (
        <div class="utrecht-form-field__error-message utrecht-form-field-error-message" id={`${id}-error`}>
          {t(error.code, { ...error.values, field: label })}
        </div>
      )}
      <div class="utrecht-form-field__input">{control(aria)}</div>
    </div>
  );
}

/** A date field (YYYY-MM-DD, the browser's date picker) with its label, description and error. */
export function DateField(props: FieldProps & { value?: string | null | undefined }) {
  return (
    <FieldShell
      name={props.name}
      label={props.label}
      errors={props.errors}
      description={props.description}
      control={(aria) => <input {...aria} class="utrecht-textbox utrecht-textbox--html-input" type="date" name={props.name} value={props.value ?? ''} />}
    />
  );
}

export function TextField(
  props: FieldProps & {
    value?: string | undefined;
    type?: 'text' | 'email' | 'password' | 'tel' | 'search' | 'number';
    autocomplete?: string;
    required?: boolean;
    maxLength?: number;
  },
) {
  const error = props.errors?.some((e) => e.field === props.name);
  return (
    <FieldShell
      {...props}
      control={(aria) => (
        <input
          {...aria}
          class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.type === 'password' ? undefined : props.value}
          autocomplete={props.autocomplete}
          required={props.required}
          maxLength={props.maxLength}
        />
      )}
    />
  );
}

export function TextArea(props: FieldProps & { value?: string | undefined; required?: boolean; maxLength?: number; rows?: number }) {
  return (
    <FieldShell
      {...props}
      control={(aria) => (
        <textarea
          {...aria}
          class="utrecht-textarea utrecht-textarea--html-textarea"
          name={props.name}
          required={props.required}
          maxLength={props.maxLength}
          rows={props.rows ?? 5}
        >
          {props.value ?? ''}
        </textarea>
      )}
    />
  );
}

export function SelectField(
  props: FieldProps & { value?: string | undefined; options: Array<{ value: string; label: string; lang?: string }>; required?: boolean },
) {
  return (
    <FieldShell
      {...props}
      control={(aria) => (
        <select {...aria} class="utrecht-select utrecht-select--html-select" name={props.name} required={props.required}>
          {props.options.map((option) => (
            <option value={option.value} selected={option.value === props.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

export interface ChoiceOption {
  value: string;
  label: ComponentChildren;
  /** The language of the label when it is not the page's (a stored text shown in another language). */
  lang?: string | undefined;
}

/**
 * Radios or checkboxes in a fieldset whose legend is the question, as govuk-frontend's radios: the group owns
 * its ids (field-<name> on the fieldset, field-<name>-<value> on each option) and ties its hint and error
 * message to the fieldset through aria-describedby, so a screen reader reads them with the question.
 */
export function ChoiceGroup(props: {
  type: 'radio' | 'checkbox';
  name: string;
  legend: ComponentChildren;
  options: readonly ChoiceOption[];
  /** The chosen value(s): one for radios, any number for checkboxes. */
  checked: string | readonly string[] | undefined;
  hint?: string | undefined;
  errors?: FieldError[] | undefined;
  /** The field name in error messages; by default the legend when it is a text. */
  label?: string;
  required?: boolean;
  /** Extra classes of the fieldset and of each option's wrapper (a module's own layout). */
  class?: string;
  optionClass?: string;
}) {
  const { t } = usePage();
  const id = fieldId(props.name);
  const error = props.errors?.find((e) => e.field === props.name);
  const describedBy = [props.hint ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const chosen = (value: string) => (typeof props.checked === 'string' ? props.checked === value : (props.checked ?? []).includes(value));
  const fieldName = props.label ?? (typeof props.legend === 'string' ? props.legend : props.name);
  const control = props.type === 'radio' ? 'radio-button' : 'checkbox';
  return (
    <fieldset
      class={['utrecht-form-fieldset', props.class, error ? 'utrecht-form-fieldset--invalid' : ''].filter(Boolean).join(' ')}
      id={id}
      aria-describedby={describedBy || undefined}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{props.legend}</legend>
      {props.hint && (
        <div class="utrecht-form-field-description" id={`${id}-description`}>
          {props.hint}
        </div>
      )}
      {error && (
        <div class="utrecht-form-field-error-message" id={`${id}-error`}>
          {t(error.code, { ...error.values, field: fieldName })}
        </div>
      )}
      {props.options.map((option) => {
        const optionId = `${id}-${option.value}`;
        return (
          <div class={['utrecht-form-field utrecht-form-field--checkbox', props.optionClass].filter(Boolean).join(' ')}>
            <input
              class={`utrecht-${control} utrecht-${control}--html-input`}
              type={props.type}
              id={optionId}
              name={props.name}
              value={option.value}
              checked={chosen(option.value)}
              required={props.required}
            />
            <label class={`utrecht-form-label utrecht-form-label--${props.type}`} for={optionId} lang={option.lang}>
              {option.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** A group of checkboxes in a fieldset whose legend is the label. */
export function CheckboxGroup(props: { name: string; legend: string; options: ChoiceOption[]; checked: readonly string[]; errors?: FieldError[] | undefined }) {
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
export function Form({ action, children, class: className }: { action: string; children: ComponentChildren; class?: string }) {
  return (
    <form method="post" action={action} class={`utrecht-form ${className ?? ''}`.trim()} noValidate>
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

/** A table with a caption (required for accessibility) and header cells with scope. */
export function Table({ caption, head, rows }: { caption: string; head: string[]; rows: Array<Array<ComponentChildren>> }) {
  return (
    <div class="utrecht-table-container">
      <table class="utrecht-table utrecht-table--html-table">
        <caption class="utrecht-table__caption">{caption}</caption>
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
