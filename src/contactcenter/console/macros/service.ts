// The macros an organisation's managers keep (issue 17 item 3, decision 0063): a named set of actions — the
// reply text, a status, an assignment, a tag — in French, Dutch and English, for the organisation or one unit,
// in their order, disabled without being lost. Every change is audited. The console offers the enabled ones
// of the agent's organisation and units with the built-in ones (console/service.ts templatesFor), and their
// actions follow the reply (console/macros.ts).
//
//   macrosService(db, { audit })
//     manage(actor)                       → every macro of the manager's organisation and its units
//     find(actor, id)                     → one of them (the edit form)
//     create(actor, input)                → a new macro, last in the order
//     update(actor, id, version, input)   → changed at the version read (409 when someone changed it meanwhile)
//     setEnabled(actor, id, version, on)  → offered again, or no longer
//     move(actor, id, 'up' | 'down')      → one place earlier or later
//     offered(actor, language)            → the console's macros for a request in that language
import type { Database } from '../../../platform/db/database.ts';
import type { Actor } from '../../../identity/actor.ts';
import type { AuditService } from '../../../audit/service.ts';
import { AppError, type FieldError } from '../../../platform/http/errors.ts';
import { isUuid } from '../../../platform/http/schemas.ts';
import { LANGUAGES, pickText, type Language } from '../../../platform/i18n/languages.ts';
import { authorise } from '../../../identity/guards.ts';
import { canManageMacros } from '../authorisation.ts';
import { TAG_PATTERN } from '../bulk/service.ts';
import type { ReplyTemplate } from '../templates.ts';
import * as repo from './repository.ts';

export const MACRO_STATUSES = ['open', 'waiting_user', 'waiting_second_line'] as const;
export const MACRO_ASSIGNMENTS = ['keep', 'me', 'unit'] as const;
export const TITLE_MAX = 120;
export const BODY_MAX = 10_000;

/** The form as posted: a title and a text per language, the actions, and for whom. */
export interface MacroInput {
  title: Partial<Record<Language, string>>;
  body: Partial<Record<Language, string>>;
  /** '' = leave the status as it is. */
  status: string;
  assignment: string;
  /** The unit the request goes to, for the assignment 'unit'. */
  assignUnitId: string;
  /** '' = no tag. */
  tag: string;
  /** '' = the whole organisation; else one of its units. */
  unitId: string;
}

/** Where a macro's fields show their errors (the form's field names). */
export const fieldOf = { title: (lang: Language) => `title_${lang}`, body: (lang: Language) => `body_${lang}` };

/** Someone changed the macro since the form was read: said on the whole form, in the page's words. */
const stale = () => new AppError(409, 'console.stale', { fields: [{ field: 'form', code: 'console.macros.stale' }] });

export function macrosService(db: Database, { audit }: { audit: Pick<AuditService, 'record'> }) {
  const subject = (actor: Actor, id: string) => ({ type: 'cc_macro', id, organisationId: actor.organisationId });

  /** The macro's fields from the form, or every field error at once (400). */
  async function validFields(actor: Actor, input: MacroInput): Promise<repo.MacroFields> {
    const errors: FieldError[] = [];
    const title: Partial<Record<Language, string>> = {};
    const body: Partial<Record<Language, string>> = {};
    for (const lang of LANGUAGES) {
      const t = (input.title[lang] ?? '').trim();
      const b = (input.body[lang] ?? '').trim();
      if (!t) errors.push({ field: fieldOf.title(lang), code: 'validation.required' });
      else if (t.length > TITLE_MAX) errors.push({ field: fieldOf.title(lang), code: 'validation.maxLength', values: { limit: TITLE_MAX } });
      if (!b) errors.push({ field: fieldOf.body(lang), code: 'validation.required' });
      else if (b.length > BODY_MAX) errors.push({ field: fieldOf.body(lang), code: 'validation.maxLength', values: { limit: BODY_MAX } });
      title[lang] = t;
      body[lang] = b;
    }
    const status = input.status === '' ? null : (MACRO_STATUSES as readonly string[]).includes(input.status) ? (input.status as repo.MacroStatus) : undefined;
    if (status === undefined) errors.push({ field: 'status', code: 'validation.invalid' });
    const assignment = (MACRO_ASSIGNMENTS as readonly string[]).includes(input.assignment) ? (input.assignment as repo.MacroAssignment) : undefined;
    if (!assignment) errors.push({ field: 'assignment', code: 'validation.invalid' });
    const units = await repo.unitsOf(db, actor.organisationId);
    const ofOrganisation = (id: string) => isUuid(id) && units.some((unit) => unit.id === id);
    const unitId = input.unitId === '' ? null : ofOrganisation(input.unitId) ? input.unitId : undefined;
    if (unitId === undefined) errors.push({ field: 'unitId', code: 'validation.invalid' });
    let assignUnitId: string | null = null;
    if (assignment === 'unit') {
      if (!input.assignUnitId) errors.push({ field: 'assignUnitId', code: 'console.macros.unitRequired' });
      else if (!ofOrganisation(input.assignUnitId)) errors.push({ field: 'assignUnitId', code: 'validation.invalid' });
      else assignUnitId = input.assignUnitId;
    }
    const tag = input.tag.trim().toLowerCase();
    if (tag && !TAG_PATTERN.test(tag)) errors.push({ field: 'tag', code: 'console.bulk.tagInvalid' });
    if (errors.length) throw new AppError(400, 'validation.failed', { fields: errors });
    return { unitId: unitId!, title, body, setStatus: status!, assignment: assignment!, assignUnitId, addTag: tag || null };
  }

  async function managed(actor: Actor, id: string): Promise<repo.MacroRow> {
    authorise(canManageMacros(actor, actor.organisationId));
    const row = isUuid(id) ? await repo.findMacro(db, actor.organisationId, id) : undefined;
    if (!row) throw new AppError(404, 'not_found');
    return row;
  }

  return {
    async manage(actor: Actor) {
      authorise(canManageMacros(actor, actor.organisationId));
      const [macros, units] = await Promise.all([repo.listMacros(db, actor.organisationId), repo.unitsOf(db, actor.organisationId)]);
      return { macros, units };
    },

    find: managed,

    async create(actor: Actor, input: MacroInput, requestId?: string): Promise<string> {
      authorise(canManageMacros(actor, actor.organisationId));
      const fields = await validFields(actor, input);
      const id = await db.transaction((tx) => repo.insertMacro(tx, actor.organisationId, fields));
      await audit.record(actor, 'create', subject(actor, id), requestId, { unit: fields.unitId !== null });
      return id;
    },

    async update(actor: Actor, id: string, version: number, input: MacroInput, requestId?: string): Promise<void> {
      const row = await managed(actor, id);
      const fields = await validFields(actor, input);
      if (!(await db.transaction((tx) => repo.updateMacro(tx, actor.organisationId, row.id, version, fields)))) throw stale();
      await audit.record(actor, 'update', subject(actor, row.id), requestId, { change: 'edit' });
    },

    async setEnabled(actor: Actor, id: string, version: number, enabled: boolean, requestId?: string): Promise<void> {
      const row = await managed(actor, id);
      if (!(await db.transaction((tx) => repo.setEnabled(tx, actor.organisationId, row.id, version, enabled)))) throw stale();
      await audit.record(actor, 'update', subject(actor, row.id), requestId, { change: enabled ? 'enable' : 'disable' });
    },

    async move(actor: Actor, id: string, direction: 'up' | 'down', requestId?: string): Promise<void> {
      const row = await managed(actor, id);
      if (await db.transaction((tx) => repo.moveMacro(tx, actor.organisationId, row.id, direction))) {
        await audit.record(actor, 'update', subject(actor, row.id), requestId, { change: `move-${direction}` });
      }
    },

    /** The console's macros for a request in `language`: ids "macro:<uuid>", actions as console/macros.ts applies them. */
    async offered(actor: Actor, language: Language): Promise<ReplyTemplate[]> {
      const rows = await repo.listOffered(db, actor.organisationId, actor.unitIds, language);
      return rows.map((row) => ({
        id: `macro:${row.id}`,
        title: row.title[language]!,
        body: row.body[language]!,
        actions: {
          status: row.setStatus ?? undefined,
          assignToMe: row.assignment === 'me',
          ...(row.assignment === 'unit' && row.assignUnitId
            ? { toUnit: { id: row.assignUnitId, name: pickText(row.assignUnitName, actor.preferredLanguage).text } }
            : {}),
          tag: row.addTag ?? undefined,
        },
      }));
    },
  };
}

export type MacrosService = ReturnType<typeof macrosService>;
