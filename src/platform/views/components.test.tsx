// The shared form components, rendered to HTML as govuk-frontend tests its templates: each control's id, the
// label or legend tied to it, and the hint and error message wired through aria-describedby.
import { describe, expect, it } from 'vitest';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { translator } from '../i18n/messages.ts';
import { PageContext } from './context.ts';
import { ChoiceGroup, CsrfField, ErrorSummary, TextField } from './components.tsx';

function render(node: VNode): string {
  const context = { lang: 'en' as const, t: translator('en'), actor: null, pathWithoutLang: '/', localized: true, csrfToken: () => 'token-1', assets: { css: '', js: '', icon: '' }, publicUrl: 'https://irisdesk.example' };
  return renderToString(<PageContext.Provider value={context}>{node}</PageContext.Provider>);
}

/** The attributes of the first element with this id. */
function element(html: string, id: string): Record<string, string> {
  const tag = new RegExp(`<\\w+[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0];
  if (!tag) throw new Error(`no element #${id} in ${html}`);
  return Object.fromEntries([...tag.matchAll(/([\w-]+)(?:="([^"]*)")?/g)].slice(1).map(([, name, value]) => [name!, value ?? '']));
}

const required = [{ field: 'severity', code: 'validation.required' }];

describe('TextField (FieldShell)', () => {
  it('ties label, hint and error to the input, and marks it invalid only with an error', () => {
    const valid = render(<TextField name="contact.email" label="E-mail" description="We answer here." />);
    expect(valid).toContain('<label class="utrecht-form-label" for="field-contact-email">E-mail</label>');
    expect(element(valid, 'field-contact-email')['aria-describedby']).toBe('field-contact-email-description');
    expect(element(valid, 'field-contact-email')['aria-invalid']).toBeUndefined();
    const invalid = render(<TextField name="contact.email" label="E-mail" description="We answer here." errors={[{ field: 'contact.email', code: 'validation.required' }]} />);
    expect(element(invalid, 'field-contact-email')['aria-describedby']).toBe('field-contact-email-description field-contact-email-error');
    expect(element(invalid, 'field-contact-email')['aria-invalid']).toBe('true');
    expect(element(invalid, 'field-contact-email-error')).toBeDefined();
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
    const html = render(<ChoiceGroup type="radio" name="severity" legend="How serious?" hint="Choose one." options={options} checked={undefined} errors={required} />);
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

  it('is what the error summary links to', () => {
    const html = render(<ErrorSummary errors={required} labelOf={() => 'How serious?'} />);
    expect(html).toContain('href="#field-severity"');
  });
});

describe('CsrfField', () => {
  it('carries the response’s token', () => {
    expect(render(<CsrfField />)).toBe('<input type="hidden" name="_csrf" value="token-1"/>');
  });
});
