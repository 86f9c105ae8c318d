// The macros page of an organisation's managers (/{lang}/console/macros): the list in the agents' order, with
// moving, disabling and enabling, and the form of one macro (its texts in the three languages, what it also
// does, for whom). Server-rendered forms that work without JavaScript.
import { usePage } from '../../../platform/views/context.ts';
import {
  Alert,
  ChoiceGroup,
  CsrfField,
  ErrorSummary,
  Form,
  Heading1,
  Link,
  Paragraph,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../../platform/views/components.tsx';
import type { FieldError } from '../../../platform/http/errors.ts';
import { LANGUAGES, pickText, type Language, type LocalizedText } from '../../../platform/i18n/languages.ts';
import type { Translate } from '../../../platform/i18n/messages.ts';
import { ConsoleLayout } from '../pages/layout.tsx';
import type { MacroRow } from './repository.ts';
import { BODY_MAX, MACRO_STATUSES, TITLE_MAX } from './service.ts';

export const MACRO_NOTICES = new Set(['created', 'saved', 'enabled', 'disabled', 'moved']);

type Unit = { id: string; name: LocalizedText };

/** What a macro does besides inserting its text, in words ("assigns … , adds the tag “x”"). */
export function macroActions(macro: Pick<MacroRow, 'setStatus' | 'assignment' | 'assignUnitName' | 'addTag'>, t: Translate, lang: Language): string {
  const parts: string[] = [];
  if (macro.assignment === 'me') parts.push(t('console.macros.action.me'));
  if (macro.assignment === 'unit') parts.push(t('console.macros.action.unit', { unit: pickText(macro.assignUnitName, lang).text }));
  if (macro.setStatus) parts.push(t('console.macros.action.status', { status: t(`console.status.${macro.setStatus}`) }));
  if (macro.addTag) parts.push(t('console.macros.action.tag', { tag: macro.addTag }));
  return parts.length ? parts.join(', ') : t('console.macros.action.none');
}

/** The languages a macro has no text in yet (a macro copied from a one-language template): not offered there. */
function missingLanguages(macro: MacroRow): Language[] {
  return LANGUAGES.filter((l) => !macro.title[l]?.trim() || !macro.body[l]?.trim());
}

export function MacrosPage({
  macros,
  units,
  notice,
  errors,
}: {
  macros: MacroRow[];
  units: Unit[];
  notice?: string | undefined;
  errors?: FieldError[] | undefined;
}) {
  const { t, lang } = usePage();
  const base = `/${lang}/console/macros`;
  const scopeOf = (m: MacroRow) =>
    m.unitId ? pickText(units.find((u) => u.id === m.unitId)?.name ?? m.unitName, lang).text : t('console.macros.scope.organisation');
  return (
    <ConsoleLayout title={t('console.macros.title')}>
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/console`}>{t('console.backToInbox')}</Link>
      </p>
      <Heading1>{t('console.macros.title')}</Heading1>
      <Paragraph lead>{t('console.macros.intro')}</Paragraph>
      {notice && <Alert type="ok">{t(`console.macros.notice.${notice}`)}</Alert>}
      <ErrorSummary errors={errors} labelOf={() => t('console.macros.title')} />
      <p class="utrecht-paragraph">
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${base}/new`}>
          {t('console.macros.new')}
        </a>
      </p>
      {macros.length === 0 ? (
        <Paragraph>{t('console.macros.none')}</Paragraph>
      ) : (
        <ol class="cc-macros">
          {macros.map((m, i) => {
            const title = pickText(m.title, lang);
            const missing = missingLanguages(m);
            return (
              <li class={`cc-macro-item${m.enabled ? '' : ' cc-macro-item--off'}`}>
                <h2 class="utrecht-heading-3" lang={title.lang === lang ? undefined : title.lang}>
                  {title.text}
                </h2>
                <dl class="cc-dl">
                  <dt>{t('console.macros.col.scope')}</dt>
                  <dd>{scopeOf(m)}</dd>
                  <dt>{t('console.macros.col.actions')}</dt>
                  <dd>{macroActions(m, t, lang)}</dd>
                  <dt>{t('console.macros.col.state')}</dt>
                  <dd>{m.enabled ? t('console.macros.state.on') : t('console.macros.state.off')}</dd>
                </dl>
                {missing.length > 0 && (
                  <p class="utrecht-paragraph cc-macro-missing">
                    {t('console.macros.missing', { languages: missing.map((l) => t(`console.macros.language.${l}`)).join(', ') })}
                  </p>
                )}
                <div class="cc-macro-actions">
                  <Link href={`${base}/${m.id}`}>{t('console.macros.edit', { title: title.text })}</Link>
                  {i > 0 && <MoveButton id={m.id} direction="up" title={title.text} />}
                  {i < macros.length - 1 && <MoveButton id={m.id} direction="down" title={title.text} />}
                  <form method="post" action={`${base}/${m.id}/enabled`} class="irisdesk-inline-form">
                    <CsrfField />
                    <input type="hidden" name="version" value={String(m.version)} />
                    <input type="hidden" name="enabled" value={m.enabled ? 'false' : 'true'} />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      {t(m.enabled ? 'console.macros.disable' : 'console.macros.enable', { title: title.text })}
                    </button>
                  </form>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </ConsoleLayout>
  );
}

function MoveButton({ id, direction, title }: { id: string; direction: 'up' | 'down'; title: string }) {
  const { t, lang } = usePage();
  return (
    <form method="post" action={`/${lang}/console/macros/${id}/move`} class="irisdesk-inline-form">
      <CsrfField />
      <input type="hidden" name="direction" value={direction} />
      <button type="submit" class="utrecht-button utrecht-button--subtle">
        {t(`console.macros.move.${direction}`, { title })}
      </button>
    </form>
  );
}

/** The form's values: a macro's, or what was posted (re-shown with its errors). */
export type MacroFormValues = Record<string, string | string[] | undefined>;

export function valuesOf(m: MacroRow): MacroFormValues {
  const values: MacroFormValues = {
    version: String(m.version),
    status: m.setStatus ?? '',
    assignment: m.assignment,
    assignUnitId: m.assignUnitId ?? '',
    tag: m.addTag ?? '',
    unitId: m.unitId ?? '',
  };
  for (const l of LANGUAGES) {
    values[`title_${l}`] = m.title[l] ?? '';
    values[`body_${l}`] = m.body[l] ?? '';
  }
  return values;
}

export function MacroFormPage({
  id,
  units,
  values,
  errors,
}: {
  /** The macro edited; none for a new one. */
  id?: string | undefined;
  units: Unit[];
  values: MacroFormValues;
  errors?: FieldError[] | undefined;
}) {
  const { t, lang } = usePage();
  const v = (key: string) => {
    const value = values[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const heading = id ? t('console.macros.editTitle', { title: v(`title_${lang}`) || t('console.macros.unnamed') }) : t('console.macros.new');
  const unitOptions = units.map((u) => {
    const name = pickText(u.name, lang);
    return { value: u.id, label: name.text, lang: name.lang === lang ? undefined : name.lang };
  });
  const labelOf = (field: string) => {
    const [kind, l] = field.split('_') as [string, Language | undefined];
    return l && LANGUAGES.includes(l) ? `${t(`console.macros.field.${kind}`)} (${t(`console.macros.language.${l}`)})` : t(`console.macros.field.${field}`);
  };
  return (
    <ConsoleLayout title={heading}>
      <p class="utrecht-paragraph">
        <Link href={`/${lang}/console/macros`}>{t('console.macros.back')}</Link>
      </p>
      <Heading1>{heading}</Heading1>
      <Paragraph>{t('console.macros.formIntro')}</Paragraph>
      <ErrorSummary errors={errors} labelOf={labelOf} />
      <Form action={id ? `/${lang}/console/macros/${id}` : `/${lang}/console/macros`}>
        {id && <input type="hidden" name="version" value={v('version') ?? ''} />}
        {LANGUAGES.map((l) => (
          <fieldset class="utrecht-form-fieldset cc-macro-language">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t('console.macros.inLanguage', { language: t(`console.macros.language.${l}`) })}
            </legend>
            <TextField name={`title_${l}`} label={labelOf(`title_${l}`)} value={v(`title_${l}`)} maxLength={TITLE_MAX} required errors={errors} />
            <TextArea
              name={`body_${l}`}
              label={labelOf(`body_${l}`)}
              value={v(`body_${l}`)}
              maxLength={BODY_MAX}
              rows={6}
              required
              description={t('console.macros.bodyHint', { name: '{name}', reference: '{reference}' })}
              errors={errors}
            />
          </fieldset>
        ))}
        <SelectField
          name="status"
          label={t('console.macros.field.status')}
          value={v('status') ?? ''}
          errors={errors}
          options={[{ value: '', label: t('console.macros.statusKeep') }, ...MACRO_STATUSES.map((s) => ({ value: s, label: t(`console.status.${s}`) }))]}
        />
        <ChoiceGroup
          type="radio"
          name="assignment"
          legend={t('console.macros.field.assignment')}
          checked={v('assignment') || 'keep'}
          errors={errors}
          options={[
            { value: 'keep', label: t('console.macros.assignment.keep') },
            { value: 'me', label: t('console.macros.assignment.me') },
            {
              value: 'unit',
              label: t('console.macros.assignment.unit'),
              conditional: (
                <SelectField
                  name="assignUnitId"
                  label={t('console.macros.field.assignUnitId')}
                  value={v('assignUnitId') ?? ''}
                  errors={errors}
                  options={[{ value: '', label: t('console.macros.chooseUnit') }, ...unitOptions]}
                />
              ),
            },
          ]}
        />
        <TextField name="tag" label={t('console.macros.field.tag')} value={v('tag')} maxLength={40} description={t('console.macros.tagHint')} errors={errors} />
        <SelectField
          name="unitId"
          label={t('console.macros.field.unitId')}
          value={v('unitId') ?? ''}
          description={t('console.macros.scopeHint')}
          errors={errors}
          options={[{ value: '', label: t('console.macros.scope.organisation') }, ...unitOptions]}
        />
        <SubmitButton>{t('console.macros.save')}</SubmitButton>
      </Form>
    </ConsoleLayout>
  );
}
