// The retention schedule (decision 0048): every category of personal data IrisDesk holds, its default period,
// the bounds within which an organisation may change it, what happens when it runs out, and where the default
// comes from. The register of processing activities (GDPR art. 30) and the privacy notice are drawn from it;
// the `privacy.retention` job applies the categories marked `appliedBy: 'privacy'`.

export type RetentionCategory =
  | 'contact_requests'
  | 'chat_transcripts'
  | 'appointments'
  | 'feedback_comments'
  | 'survey_free_texts'
  | 'mail_records'
  | 'audit_log'
  | 'safety_reports'
  | 'subject_request_exports';

export interface RetentionRule {
  category: RetentionCategory;
  /** Default period in days, counted from `from`. */
  defaultDays: number;
  minDays: number;
  maxDays: number;
  /** Counted from: closure, the appointment, the answer, the message, the entry. */
  from: 'closed' | 'appointment' | 'answered' | 'created';
  /** What happens at the end: personal data blanked with the counts kept, or the row deleted. */
  outcome: 'anonymised' | 'deleted';
  /** Who applies it: this module's job, or the module's own housekeeping with its own setting. */
  appliedBy: 'privacy' | 'own-setting';
  /** The legal basis of the processing (GDPR art. 6), a message key. */
  basis: 'public_task' | 'legal_obligation' | 'legitimate_interest';
}

const YEAR = 365;

export const RETENTION_SCHEDULE: readonly RetentionRule[] = [
  // Civil Code art. 2262bis: a claim about how a request was handled lapses after 5 years (extra-contractual).
  // Two years covers the follow-up of most requests and complaints to the ombudsman; the bound is the 5 years.
  {
    category: 'contact_requests',
    defaultDays: 2 * YEAR,
    minDays: 180,
    maxDays: 5 * YEAR,
    from: 'closed',
    outcome: 'anonymised',
    appliedBy: 'privacy',
    basis: 'public_task',
  },
  // Live chats (decision 0062): a transcript is read again for a complaint about the answer given, which comes
  // within months; what a converted chat said lives on in its request (contact_requests above). An organisation
  // may keep them as long as its requests' default.
  {
    category: 'chat_transcripts',
    defaultDays: 180,
    minDays: 30,
    maxDays: 2 * YEAR,
    from: 'closed',
    outcome: 'anonymised',
    appliedBy: 'privacy',
    basis: 'public_task',
  },
  // No-show rates and the per-person limit look back 12 months.
  {
    category: 'appointments',
    defaultDays: YEAR,
    minDays: 90,
    maxDays: 2 * YEAR,
    from: 'appointment',
    outcome: 'anonymised',
    appliedBy: 'privacy',
    basis: 'public_task',
  },
  {
    category: 'feedback_comments',
    defaultDays: YEAR,
    minDays: 90,
    maxDays: 3 * YEAR,
    from: 'answered',
    outcome: 'anonymised',
    appliedBy: 'privacy',
    basis: 'public_task',
  },
  {
    category: 'survey_free_texts',
    defaultDays: YEAR,
    minDays: 90,
    maxDays: 3 * YEAR,
    from: 'answered',
    outcome: 'anonymised',
    appliedBy: 'privacy',
    basis: 'public_task',
  },
  // The mail module's own setting (MAIL_RETENTION_DAYS): listed here for the register.
  {
    category: 'mail_records',
    defaultDays: 90,
    minDays: 30,
    maxDays: YEAR,
    from: 'created',
    outcome: 'deleted',
    appliedBy: 'own-setting',
    basis: 'legitimate_interest',
  },
  // GDPR art. 5(2) accountability: the log must outlive the data it accounts for (the longest period above).
  {
    category: 'audit_log',
    defaultDays: 5 * YEAR,
    minDays: 2 * YEAR,
    maxDays: 10 * YEAR,
    from: 'created',
    outcome: 'deleted',
    appliedBy: 'privacy',
    basis: 'legal_obligation',
  },
  // SAFETY_RETENTION_YEARS of the safety module (decision 0013): listed here for the register.
  {
    category: 'safety_reports',
    defaultDays: 5 * YEAR,
    minDays: YEAR,
    maxDays: 10 * YEAR,
    from: 'closed',
    outcome: 'anonymised',
    appliedBy: 'own-setting',
    basis: 'legal_obligation',
  },
  // An access export is personal data: a month to hand it over.
  {
    category: 'subject_request_exports',
    defaultDays: 30,
    minDays: 7,
    maxDays: 90,
    from: 'created',
    outcome: 'deleted',
    appliedBy: 'privacy',
    basis: 'legal_obligation',
  },
];

export function retentionRule(category: string): RetentionRule | undefined {
  return RETENTION_SCHEDULE.find((rule) => rule.category === category);
}

/** The organisation's periods: its choices within bounds, else the defaults. */
export function effectivePeriods(chosen: ReadonlyMap<string, number>): Array<RetentionRule & { days: number; chosen: boolean }> {
  return RETENTION_SCHEDULE.map((rule) => {
    const days = chosen.get(rule.category);
    const usable = days !== undefined && days >= rule.minDays && days <= rule.maxDays;
    return { ...rule, days: usable ? days : rule.defaultDays, chosen: usable };
  });
}
