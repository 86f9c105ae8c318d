// Every module's service, built once from the shared dependencies. Route modules receive this object.
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import { identityService } from './identity/service.ts';
import { oidcService } from './identity/oidc/service.ts';
import { organisationService } from './organisations/service.ts';
import { auditService } from './audit/service.ts';
import { createJobRegistry } from './platform/jobs/registry.ts';
import { mailService } from './platform/mail/service.ts';
import { smsService } from './platform/sms/service.ts';
import { realtimeService } from './platform/realtime/service.ts';
import { contactPointService } from './contactpoints/service.ts';
import { catalogueService } from './catalogue/service.ts';
import { satisfactionService } from './satisfaction/service.ts';
import { operationsService } from './satisfaction/operations/service.ts';
import { feedbackWidgetService } from './satisfaction/widget/service.ts';
import { competenceService } from './competence/service.ts';
import { contactCenterService } from './contactcenter/intake/service.ts';
import { uploadChecker } from './platform/files/uploads.ts';
import { requestAttachmentsService } from './contactcenter/console/attachments/service.ts';
import { clamdScanner } from './platform/files/scanner.ts';
import { knowledgeService } from './knowledge/service.ts';
import { safetyService } from './safety/service.ts';
import { contactCenterSettingsService } from './contactcenter/settings/service.ts';
import { announcementsService } from './announcements/service.ts';
import { consoleService } from './contactcenter/console/service.ts';
import { notificationsService } from './notifications/service.ts';
import { consoleUnreadService } from './contactcenter/console/unread/service.ts';
import { consoleServiceFilter } from './contactcenter/console/service-filter/service.ts';
import { macrosService } from './contactcenter/console/macros/service.ts';
import { requestPresenceService } from './contactcenter/console/presence/service.ts';
import { consoleSearchService } from './contactcenter/console/search/service.ts';
import { requestMergeService } from './contactcenter/console/merge/service.ts';
import { bulkService } from './contactcenter/console/bulk/service.ts';
import { savedViewsService } from './contactcenter/console/views/service.ts';
import { appointmentService } from './appointments/service.ts';
import { queueService } from './queues/service.ts';
import { surveysService } from './surveys/service.ts';
import { integrationsService } from './integrations/service.ts';
import { chatService } from './chat/service.ts';
import { telephonyService } from './telephony/service.ts';
import { privacyService } from './privacy/service.ts';
import { chatPersonalData } from './chat/personal-data.ts';
import { queuePersonalData } from './queues/personal-data.ts';
import { inboundMailPersonalData } from './contactcenter/inbound-mail/personal-data.ts';
import { citizenPersonalData } from './citizens/personal-data.ts';
import { homeService } from './platform/home/service.ts';
import { citizenService } from './citizens/service.ts';
import { requestsApiService } from './contactcenter/staff-api/service.ts';
import { citizenProviderSettingsService } from './citizens/provider-settings.ts';
import { appointmentsApiService } from './appointments/staff-api/service.ts';
import { twoFactorResetService } from './identity/totp/reset.ts';

export function createServices({ config, db }: { config: Config; db: Database }) {
  // Platform services other modules build on: the job registry (handlers run by the worker in main.ts),
  // outgoing mail (queued as jobs) and realtime events (NOTIFY + Server-Sent Events).
  const audit = auditService(db);
  const jobs = createJobRegistry();
  const realtime = realtimeService(db);
  const mail = mailService({ db, config, jobs, audit });
  const sms = smsService({ db, config, jobs, audit });
  // Each service is built once, before the services that call it (decision 0029: a module reaches another
  // through its service, passed here): closing a contact invites to the questionnaire and a custom survey,
  // finishing a counter ticket records the checked-in appointment as seen, and so on.
  // Outgoing webhooks: the modules where events happen emit them through integrations.emit(tx, …).
  const integrations = integrationsService(db, { jobs, config });
  const identity = identityService(db, { secretsKey: config.secretsEncryptionKey });
  const organisations = organisationService(db);
  const consoleSearch = consoleSearchService(db);
  const contactPoints = contactPointService(db, { organisations });
  const catalogue = catalogueService(db, { contactPoints, audit });
  const satisfaction = satisfactionService(db, { publicUrl: config.publicUrl, events: integrations });
  const surveys = surveysService(db, { publicUrl: config.publicUrl });
  // Uploaded files are checked by content and scanned by clamd; without CLAMD_URL uploads are off (decision 0046).
  const uploads = uploadChecker(config.clamd ? clamdScanner(config.clamd) : undefined);
  const contactCenter = contactCenterService(db, { mail, jobs, audit, catalogue, config, events: integrations, uploads });
  const appointments = appointmentService({
    db,
    contactPoints,
    catalogue,
    mail,
    sms,
    jobs,
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    events: integrations,
  });
  // Notifications inside IrisDesk (mentions, tasks, assignments) and their e-mail digest (issue 17, decision 0051).
  const notifications = notificationsService(db, { mail, jobs, publicUrl: config.publicUrl });
  const queues = queueService(db, {
    contactPoints,
    organisations,
    satisfaction,
    contactCenter,
    surveys,
    appointments,
    publicUrl: config.publicUrl,
    events: integrations,
    sms,
    jobs,
    mail,
  });
  // Citizen sign-in and my space (issue 18 item 9): their records found through each module's service; its
  // e-mail link also proves the address of a subject request filed on the public page (decision 0060).
  const citizens = citizenService(db, { config, audit, mail, contactCenter, appointments, queues, satisfaction, surveys });
  // The macros that managers keep (decision 0063), offered in the console with the built-in ones.
  const consoleMacros = macrosService(db, { audit });
  const contactConsole = consoleService(db, {
    mail,
    realtime,
    surveys,
    satisfaction,
    notifications,
    macros: consoleMacros,
    publicUrl: config.publicUrl,
    events: integrations,
  });
  // Work instructions and news (decision 0052); their unread count is one of the console's counts (decision 0063).
  const announcements = announcementsService(db, { audit, realtime });
  return {
    config,
    jobs,
    uploads,
    requestAttachments: requestAttachmentsService(db),
    realtime,
    mail,
    sms,
    audit,
    identity,
    oidc: oidcService(db, { config, identity, audit }),
    // An administrator's reset of a colleague's two-step sign-in (decision 0059).
    twoFactorReset: twoFactorResetService(db, { organisations, mail, requiredRoles: config.twoFactorRequiredRoles, publicUrl: config.publicUrl }),
    organisations,
    contactPoints,
    catalogue,
    satisfaction,
    feedbackWidget: feedbackWidgetService(db, { publicUrl: config.publicUrl, limit: config.feedbackWidgetLimit, throttle: contactCenter }),
    operationsIndicators: operationsService(db, { jobs }),
    competence: competenceService(db),
    contactCenter,
    knowledge: knowledgeService(db, { organisations }),
    safety: safetyService(db, {
      mail,
      presentChannels: realtime.presentChannels,
      contactPoints,
      publicUrl: config.publicUrl,
      retentionYears: config.safetyRetentionYears,
    }),
    contactConsole,
    notifications,
    consoleUnread: consoleUnreadService(db, { announcements }),
    consoleServiceFilter: consoleServiceFilter(db),
    consoleMacros,
    requestPresence: requestPresenceService(db),
    consoleBulk: bulkService(db, { console: contactConsole }),
    savedViews: savedViewsService(db),
    consoleSearch,
    telephony: telephonyService(db, { realtime, audit, consoleSearch, appointments }),
    requestMerge: requestMergeService(db, { realtime, events: integrations }),
    contactCenterSettings: contactCenterSettingsService(db, { organisations, mail, publicUrl: config.publicUrl }),
    announcements,
    appointments,
    // The staff API for back-office systems (API tokens, decision 0059): the console's and the agenda's rules.
    requestsApi: requestsApiService(db, { console: contactConsole }),
    appointmentsApi: appointmentsApiService(db, { contactPoints }),
    queues,
    surveys,
    integrations,
    chat: chatService(db, { contactCenter, sms, mail, satisfaction, realtime, publicUrl: config.publicUrl }),
    // Data protection (issue 18): subject requests and retention reach each module's personal data through its service.
    privacy: privacyService(db, {
      config,
      jobs,
      audit,
      contactCenter,
      appointments,
      mail,
      sms,
      organisations,
      satisfaction,
      surveys,
      identity,
      chat: { personalData: chatPersonalData },
      queues: { personalData: queuePersonalData },
      inboundMail: { personalData: inboundMailPersonalData },
      citizens: { personalData: citizenPersonalData },
      addressProof: citizens,
    }),
    home: homeService(db, { contactPoints }),
    citizens,
    // The region's citizen provider set on a page, the CITIZEN_OIDC_* settings as the default (decision 0060).
    citizenProvider: citizenProviderSettingsService(db, { config, citizens }),
  };
}

export type Services = ReturnType<typeof createServices>;
