// Reply templates: a few built-in ones per language and the organisation's own (cc_reply_templates), with
// the placeholders {name} and {reference} filled in when the agent picks one.
import type { Language } from '../../platform/i18n/languages.ts';

export interface ReplyTemplate {
  /** "builtin:<key>" or the uuid of an organisation template. */
  id: string;
  title: string;
  body: string;
}

const BUILTIN: Record<Language, Array<{ key: string; title: string; body: string }>> = {
  fr: [
    {
      key: 'acknowledge',
      title: 'Accusé de réception',
      body: 'Bonjour {name},\n\nNous avons bien reçu votre demande {reference} et nous la traitons. Nous revenons vers vous dès que possible.\n\nCordialement,',
    },
    {
      key: 'more-information',
      title: "Demande d'informations complémentaires",
      body: 'Bonjour {name},\n\nPour traiter votre demande {reference}, nous avons besoin des informations suivantes :\n\n- \n\nVous pouvez répondre simplement à ce message.\n\nCordialement,',
    },
    {
      key: 'answer',
      title: 'Réponse',
      body: 'Bonjour {name},\n\nEn réponse à votre demande {reference} :\n\n\n\nN’hésitez pas à nous recontacter si nécessaire.\n\nCordialement,',
    },
  ],
  nl: [
    {
      key: 'acknowledge',
      title: 'Ontvangstbevestiging',
      body: 'Beste {name},\n\nWe hebben uw aanvraag {reference} goed ontvangen en behandelen ze. We nemen zo snel mogelijk contact met u op.\n\nMet vriendelijke groeten,',
    },
    {
      key: 'more-information',
      title: 'Bijkomende informatie nodig',
      body: 'Beste {name},\n\nOm uw aanvraag {reference} te behandelen, hebben we de volgende informatie nodig:\n\n- \n\nU kunt gewoon op dit bericht antwoorden.\n\nMet vriendelijke groeten,',
    },
    {
      key: 'answer',
      title: 'Antwoord',
      body: 'Beste {name},\n\nIn antwoord op uw aanvraag {reference}:\n\n\n\nAarzel niet om ons opnieuw te contacteren indien nodig.\n\nMet vriendelijke groeten,',
    },
  ],
  en: [
    {
      key: 'acknowledge',
      title: 'Acknowledgement',
      body: 'Dear {name},\n\nWe have received your request {reference} and are working on it. We will get back to you as soon as possible.\n\nKind regards,',
    },
    {
      key: 'more-information',
      title: 'More information needed',
      body: 'Dear {name},\n\nTo handle your request {reference}, we need the following information:\n\n- \n\nYou can simply reply to this message.\n\nKind regards,',
    },
    {
      key: 'answer',
      title: 'Answer',
      body: 'Dear {name},\n\nIn answer to your request {reference}:\n\n\n\nDo not hesitate to contact us again if needed.\n\nKind regards,',
    },
  ],
};

export function builtinTemplates(language: Language): ReplyTemplate[] {
  return BUILTIN[language].map((t) => ({ id: `builtin:${t.key}`, title: t.title, body: t.body }));
}

/** Fills {name} and {reference}; other braces are left as written. */
export function fillTemplate(body: string, values: { name: string; reference: string }): string {
  return body.replaceAll('{name}', values.name).replaceAll('{reference}', values.reference);
}

/** Subjects and fixed texts of the mails the console sends, in the user's language. */
export const MAIL_TEXTS: Record<Language, {
  replySubject: (reference: string, subject: string) => string;
  closedSubject: (reference: string) => string;
  closedBody: (name: string, reference: string) => string;
  feedback: (url: string) => string;
  passedSubject: (reference: string) => string;
  passedBody: (name: string, reference: string, to: string) => string;
  callbackBody: (name: string, reference: string, to: string) => string;
}> = {
  fr: {
    replySubject: (reference, subject) => `[${reference}] ${subject}`,
    closedSubject: (reference) => `[${reference}] Votre demande est clôturée`,
    closedBody: (name, reference) => `Bonjour ${name},\n\nVotre demande ${reference} est clôturée.`,
    feedback: (url) => `\n\nVotre avis nous aide à améliorer nos services. Répondez à quelques questions (2 minutes) :\n${url}\n`,
    passedSubject: (reference) => `[${reference}] Votre demande a été transmise`,
    passedBody: (name, reference, to) => `Bonjour ${name},\n\nVotre demande ${reference} a été transmise à ${to}, qui nous aide à y répondre. Nous revenons vers vous dès que possible.\n`,
    callbackBody: (name, reference, to) => `Bonjour ${name},\n\nVous avez demandé à être rappelé·e au sujet de votre demande ${reference}. ${to} vous rappellera aux moments que vous avez indiqués.\n`,
  },
  nl: {
    replySubject: (reference, subject) => `[${reference}] ${subject}`,
    closedSubject: (reference) => `[${reference}] Uw aanvraag is afgesloten`,
    closedBody: (name, reference) => `Beste ${name},\n\nUw aanvraag ${reference} is afgesloten.`,
    feedback: (url) => `\n\nUw mening helpt ons onze dienstverlening te verbeteren. Beantwoord enkele vragen (2 minuten):\n${url}\n`,
    passedSubject: (reference) => `[${reference}] Uw aanvraag werd doorgestuurd`,
    passedBody: (name, reference, to) => `Beste ${name},\n\nUw aanvraag ${reference} werd doorgestuurd naar ${to}, die ons helpt ze te beantwoorden. We nemen zo snel mogelijk contact met u op.\n`,
    callbackBody: (name, reference, to) => `Beste ${name},\n\nU vroeg om teruggebeld te worden over uw aanvraag ${reference}. ${to} belt u terug op de momenten die u opgaf.\n`,
  },
  en: {
    replySubject: (reference, subject) => `[${reference}] ${subject}`,
    closedSubject: (reference) => `[${reference}] Your request is closed`,
    closedBody: (name, reference) => `Dear ${name},\n\nYour request ${reference} is closed.`,
    feedback: (url) => `\n\nYour opinion helps us improve our services. Answer a few questions (2 minutes):\n${url}\n`,
    passedSubject: (reference) => `[${reference}] Your request was passed on`,
    passedBody: (name, reference, to) => `Dear ${name},\n\nYour request ${reference} was passed to ${to}, who helps us answer it. We will get back to you as soon as possible.\n`,
    callbackBody: (name, reference, to) => `Dear ${name},\n\nYou asked to be called back about your request ${reference}. ${to} will call you back at the times you gave.\n`,
  },
};
