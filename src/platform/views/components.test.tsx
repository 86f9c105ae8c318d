// The shared form components, rendered to HTML as govuk-frontend tests its templates: each control's id, the
// label or legend tied to it, and the hint and error message wired through aria-describedby.
import { describe, expect, it } from 'vitest';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { translator } from '../i18n/messages.ts';
import { PageContext } from './context.ts';
import { CheckboxField, ChoiceGroup, CsrfField, DateField, ErrorSummary, FieldShell, Form, SelectField, TextArea, TextField } from './components.tsx';

function render(node: VNode): string {
  const context = {
    lang: 'en' as const,
    t: translator('en'),
    actor: null,
    pathWithoutLang: '/',
    localized: true,
    csrfToken: () => 'token-1',
    assets: { css: '', js: '', icon: '' },
    publicUrl: 'https://irisdesk.example',
  };
  return renderToString(<PageContext.Provider value={context}>{node}</PageContext.Provider>);
}

/** The attributes of the first element with this id. */
function element(html: string, id: string): Record<string, string> {
  const tag = new RegExp(`<\\w+[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0];
  if (!tag) throw new Error(`no element #${id} in ${html}`);
  return Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].slice(1).map(([, name, value]) => [name!, value ?? '']));
}

const required = [{ field: 'severity', code: 'validation.required' }];

describe('FieldShell and the fields drawn through it', () => {
  it('ties label, hint and error to the input, and marks it invalid only with an error', () => {
    const valid = render(<TextField name="contact.email" label="E-mail" description="We answer here." />);
    expect(valid).toContain('<label class="utrecht-form-label" for="field-contact-email">E-mail</label>');
    expect(element(valid, 'field-contact-email')['aria-describedby']).toBe('field-contact-email-description');
    expect(element(valid, 'field-contact-email')['aria-invalid']).toBeUndefined();
    expect(element(valid, 'field-contact-email-description')).toBeDefined();
    expect(valid).not.toContain('-error');
    const invalid = render(
      <TextField name="contact.email" label="E-mail" description="We answer here." errors={[{ field: 'contact.email', code: 'validation.required' }]} />,
    );
    expect(element(invalid, 'field-contact-email')['aria-describedby']).toBe('field-contact-email-description field-contact-email-error');
    expect(element(invalid, 'field-contact-email')['aria-invalid']).toBe('true');
    expect(element(invalid, 'field-contact-email').class).toBe('utrecht-textbox utrecht-textbox--html-input utrecht-textbox--invalid');
    expect(invalid).toMatch(/id="field-contact-email-error">[^<]*E-mail/);
  });

  it('shows only the error of its own field, and no aria-describedby without hint or error', () => {
    const html = render(<TextField name="phone" label="Phone" errors={[{ field: 'email', code: 'validation.required' }]} />);
    expect(element(html, 'field-phone')['aria-describedby']).toBeUndefined();
    expect(element(html, 'field-phone')['aria-invalid']).toBeUndefined();
    expect(html).not.toContain('field-phone-error');
  });

  it('gives the same field of two forms on one page its own ids', () => {
    const html = render(
      <>
        <TextField name="note" label="Note" description="Why" idSuffix="a" />
        <TextField name="note" label="Note" description="Why" idSuffix="b" />
      </>,
    );
    expect(element(html, 'field-note-a')['aria-describedby']).toBe('field-note-a-description');
    expect(element(html, 'field-note-b')['aria-describedby']).toBe('field-note-b-description');
    expect(html).toContain('for="field-note-b"');
  });

  it('draws the control itself: the name posted is the name errors are looked up by', () => {
    const html = render(
      <FieldShell
        control="input"
        name="code"
        label="Code"
        attributes={{ type: 'text', value: 'x1', maxLength: 8 }}
        errors={[{ field: 'code', code: 'validation.required' }]}
      />,
    );
    expect(element(html, 'field-code')).toMatchObject({ name: 'code', type: 'text', value: 'x1', maxlength: '8', 'aria-describedby': 'field-code-error' });
  });

  it('keeps the ids it owns: a caller can neither set them (a type error) nor override them', () => {
    const html = render(
      // @ts-expect-error -- the shell owns the control's id, name and aria-describedby
      <FieldShell control="input" name="code" label="Code" description="Letters" attributes={{ id: 'mine', name: 'other', 'aria-describedby': 'nowhere' }} />,
    );
    expect(element(html, 'field-code')).toMatchObject({ name: 'code', 'aria-describedby': 'field-code-description' });
    expect(html).not.toContain('mine');
  });

  it('never sends a password back', () => {
    expect(element(render(<TextField name="password" type="password" label="Password" value="secret" />), 'field-password').value).toBeUndefined();
  });

  it('draws a date field with the browser’s date picker', () => {
    const html = render(<DateField name="reviewOn" label="Review on" value="2027-01-31" errors={[{ field: 'reviewOn', code: 'validation.required' }]} />);
    expect(element(html, 'field-reviewOn')).toMatchObject({
      type: 'date',
      name: 'reviewOn',
      value: '2027-01-31',
      'aria-invalid': 'true',
      'aria-describedby': 'field-reviewOn-error',
    });
  });

  it('draws a text area with its text and a select with its chosen options', () => {
    const area = render(<TextArea name="body" label="Body" value="Hello &" description="Plain text" />);
    expect(area).toMatch(
      /<textarea id="field-body" aria-describedby="field-body-description" class="utrecht-textarea utrecht-textarea--html-textarea" name="body"[^>]*>Hello &amp;<\/textarea>/,
    );
    const options = [
      { value: 'a', label: 'A' },
      { value: 'b', label: 'B', lang: 'nl' },
      { value: 'c', label: 'C' },
    ];
    const one = render(<SelectField name="kind" label="Kind" value="b" options={options} />);
    expect(one).toContain('<option value="b" selected lang="nl">B</option>');
    expect(one).not.toContain('multiple');
    const several = render(
      <SelectField
        name="services"
        label="Services"
        multiple
        value={['a', 'c']}
        options={options}
        errors={[{ field: 'services', code: 'validation.required' }]}
      />,
    );
    expect(element(several, 'field-services')).toMatchObject({
      multiple: '',
      'aria-invalid': 'true',
      class: 'utrecht-select utrecht-select--html-select utrecht-select--invalid',
    });
    expect(several.match(/selected/g)).toHaveLength(2);
  });

  it('draws a single checkbox before its label, with its hint and error tied to it', () => {
    const html = render(
      <CheckboxField name="active" label="Active" description="Shown to the public" checked errors={[{ field: 'active', code: 'validation.required' }]} />,
    );
    expect(element(html, 'field-active')).toMatchObject({
      type: 'checkbox',
      name: 'active',
      value: 'true',
      checked: '',
      'aria-describedby': 'field-active-description field-active-error',
    });
    expect(html.indexOf('id="field-active"')).toBeLessThan(html.indexOf('<label'));
    expect(html).toContain('<label class="utrecht-form-label utrecht-form-label--checkbox" for="field-active">Active</label>');
    expect(element(render(<CheckboxField name="active" label="Active" checked={false} />), 'field-active').checked).toBeUndefined();
  });
});

describe('ChoiceGroup', () => {
  const options = [
    { value: 'low', label: 'Low' },
    { value: 'high', label: 'High' },
  ];

  it('draws radios in a fieldset whose legend is the question, each option with its own label', () => {
    const html = render(<ChoiceGroup type="radio" name="severity" legend="How serious?" options={options} checked="high" />);
    expect(html).toMatch(/^<fieldset class="utrecht-form-fieldset" id="field-severity"><legend[^>]*>How serious\?<\/legend>/);
    expect(element(html, 'field-severity')['aria-describedby']).toBeUndefined();
    expect(element(html, 'field-severity-low')).toMatchObject({ type: 'radio', name: 'severity', value: 'low' });
    expect(element(html, 'field-severity-low').checked).toBeUndefined();
    expect(element(html, 'field-severity-high').checked).toBe('');
    expect(html).toContain('<label class="utrecht-form-label utrecht-form-label--radio" for="field-severity-high">High</label>');
  });

  it('ties the hint and the error message to the fieldset, and names the legend in the error', () => {
    const html = render(
      <ChoiceGroup type="radio" name="severity" legend="How serious?" hint="Choose one." options={options} checked={undefined} errors={required} />,
    );
    expect(element(html, 'field-severity')['aria-describedby']).toBe('field-severity-description field-severity-error');
    expect(element(html, 'field-severity').class).toContain('utrecht-form-fieldset--invalid');
    expect(html).toMatch(/id="field-severity-description">Choose one\.</);
    expect(html).toMatch(/id="field-severity-error">[^<]*How serious\?/);
  });

  it('draws checkboxes with any number checked', () => {
    const html = render(<ChoiceGroup type="checkbox" name="channels" legend="Channels" options={options} checked={['low', 'high']} />);
    expect(element(html, 'field-channels-low')).toMatchObject({ type: 'checkbox', class: 'utrecht-checkbox utrecht-checkbox--html-input', checked: '' });
    expect(element(html, 'field-channels-high').checked).toBe('');
  });

  it('marks radios required, never checkboxes (each of them would then have to be ticked)', () => {
    expect(
      element(render(<ChoiceGroup type="radio" name="severity" legend="How serious?" options={options} checked={undefined} required />), 'field-severity-low')
        .required,
    ).toBe('');
    expect(
      element(render(<ChoiceGroup type="checkbox" name="severity" legend="How serious?" options={options} checked={[]} required />), 'field-severity-low')
        .required,
    ).toBeUndefined();
  });

  it('ties an option’s own hint to its input, and gives "" (none) and values with spaces usable ids', () => {
    const html = render(
      <ChoiceGroup
        type="radio"
        name="template"
        legend="Start from"
        checked=""
        options={[
          { value: '', label: 'Blank', hint: 'No questions yet' },
          { value: '2026-12-08T09:00:00+01:00', label: '09:00' },
        ]}
      />,
    );
    expect(element(html, 'field-template-none')).toMatchObject({ value: '', checked: '', 'aria-describedby': 'field-template-none-description' });
    expect(element(html, 'field-template-none-description')).toBeDefined();
    expect(element(html, 'field-template-2026-12-08T09-00-00-01-00')['aria-describedby']).toBeUndefined();
  });

  it('takes its own id when two groups share a name, and names the question in the error by its label', () => {
    const html = render(
      <ChoiceGroup
        type="radio"
        id="field-start-2026-12-08"
        name="start"
        legend={<em>Monday</em>}
        label="Time"
        options={options}
        checked="low"
        errors={[{ field: 'start', code: 'validation.required' }]}
      />,
    );
    expect(element(html, 'field-start-2026-12-08')['aria-describedby']).toBe('field-start-2026-12-08-error');
    expect(element(html, 'field-start-2026-12-08-low')).toMatchObject({ name: 'start', checked: '' });
    expect(html).toMatch(/id="field-start-2026-12-08-error">[^<]*Time/);
  });

  it('is what the error summary links to', () => {
    const html = render(<ErrorSummary errors={required} labelOf={() => 'How serious?'} />);
    expect(html).toContain('href="#field-severity"');
  });
});

describe('CsrfField and Form', () => {
  it('carries the response’s token', () => {
    expect(render(<CsrfField />)).toBe('<input type="hidden" name="_csrf" value="token-1"/>');
  });

  it('posts every form with its token first, validated by the server rather than the browser', () => {
    expect(render(<Form action="/en/x">fields</Form>)).toBe(
      '<form method="post" action="/en/x" class="utrecht-form" novalidate><input type="hidden" name="_csrf" value="token-1"/>fields</form>',
    );
  });
});
