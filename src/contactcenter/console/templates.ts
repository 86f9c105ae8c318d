// Reply templates: a few built-in ones per language and the organisation's own (cc_reply_templates), with
// the placeholders {name} and {reference} filled in when the agent picks one. A template with actions is a
// macro (issue 17 item 3): sending the reply also sets its status, assigns the request (to the agent, or to a
// unit), adds its tag. The built-in macros are here; the organisation's own are kept by managers (macros/).
import { LANGUAGES, type Language } from '../../platform/i18n/languages.ts';
import { translator } from '../../platform/i18n/messages.ts';

export interface MacroActions {
  status?: 'open' | 'waiting_user' | 'waiting_second_line' | undefined;
  assignToMe?: boolean | undefined;
  /** Passes the request to this unit's inbox, unassigned (a managed macro, macros/service.ts). */
  toUnit?: { id: string; name: string } | undefined;
  tag?: string | undefined;
}

export interface ReplyTemplate {
  /** "builtin:<key>" or the uuid of an organisation template. */
  id: string;
  title: string;
  body: string;
  /** What sending the reply also does (a macro); none for a plain template. */
  actions?: MacroActions | undefined;
}

/** True when the template does more than insert text. */
export function isMacro(template: Pick<ReplyTemplate, 'actions'>): boolean {
  const a = template.actions;
  return !!a && (!!a.status || !!a.assignToMe || !!a.toUnit || !!a.tag);
}

// The built-in templates by id, with their catalogue keys console.replyTemplate.<key>.title and .body.
const BUILTIN = { acknowledge: 'acknowledge', 'more-information': 'moreInformation', answer: 'answer' } as const;
// The built-in macros: acknowledging takes the request; asking for information also waits for the user (SLA paused).
const BUILTIN_ACTIONS: Partial<Record<keyof typeof BUILTIN, MacroActions>> = {
  acknowledge: { assignToMe: true },
  'more-information': { assignToMe: true, status: 'waiting_user' },
};

export function builtinTemplates(language: Language): ReplyTemplate[] {
  const t = translator(language);
  // The placeholders stay in the body, filled by fillTemplate when the agent picks the template.
  const placeholders = { name: '{name}', reference: '{reference}' };
  return Object.entries(BUILTIN).map(([id, key]) => ({
    id: `builtin:${id}`,
    title: t(`console.replyTemplate.${key}.title`),
    body: t(`console.replyTemplate.${key}.body`, placeholders),
    actions: BUILTIN_ACTIONS[id as keyof typeof BUILTIN],
  }));
}

/** Fills {name} and {reference}; other braces are left as written. */
export function fillTemplate(body: string, values: { name: string; reference: string }): string {
  return body.replaceAll('{name}', values.name).replaceAll('{reference}', values.reference);
}

interface MailTexts {
  replySubject: (reference: string, subject: string) => string;
  closedSubject: (reference: string) => string;
  closedBody: (name: string, reference: string) => string;
  feedback: (url: string) => string;
  passedSubject: (reference: string) => string;
  passedBody: (name: string, reference: string, to: string) => string;
  callbackBody: (name: string, reference: string, to: string) => string;
}

function mailTexts(language: Language): MailTexts {
  const t = translator(language);
  return {
    replySubject: (reference, subject) => t('console.mail.replySubject', { reference, subject }),
    closedSubject: (reference) => t('console.mail.closedSubject', { reference }),
    closedBody: (name, reference) => t('console.mail.closedBody', { name, reference }),
    feedback: (url) => `\n\n${t('console.mail.feedback')}\n${url}\n`,
    passedSubject: (reference) => t('console.mail.passedSubject', { reference }),
    passedBody: (name, reference, to) => `${t('console.mail.passedBody', { name, reference, to })}\n`,
    callbackBody: (name, reference, to) => `${t('console.mail.callbackBody', { name, reference, to })}\n`,
  };
}

/** Subjects and fixed texts of the mails the console sends, in the requester's language (console.mail.* in the catalogues). */
export const MAIL_TEXTS = Object.fromEntries(LANGUAGES.map((language) => [language, mailTexts(language)])) as Record<Language, MailTexts>;

/**
 * Inserts a template's text at the cursor of the text typed so far, on lines of its own: nothing typed is lost.
 * Answers the new text and where the cursor goes (after the inserted text). live.js does the same in the browser.
 */
export function insertTemplate(typed: string, cursor: number, body: string): { text: string; cursor: number } {
  const at = Math.max(0, Math.min(cursor, typed.length));
  const before = typed.slice(0, at);
  const after = typed.slice(at);
  const lead = before.trim() === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after.trim() === '' ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  const head = (before.trim() === '' ? '' : before) + lead + body;
  return { text: head + trail + (after.trim() === '' ? '' : after), cursor: head.length };
}
