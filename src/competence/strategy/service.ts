// The versioned regional strategy and its progress.
import type { Database } from '../../platform/db/database.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { type Language, type LocalizedText } from '../../platform/i18n/languages.ts';
import type { Actor } from '../../identity/actor.ts';
import { canEditStrategy } from '../authorisation.ts';
import { resolveText, type TextInput } from '../texts.ts';
import { mean, type Dimension, type Scores } from '../scoring.ts';
import { INDICATOR_KEYS, indicatorDefinition, measuredIndicators, regionalValue } from '../indicators.ts';
import * as repo from './repository.ts';
import * as campaignsRepo from '../campaigns/repository.ts';
import type { CompetenceLookups } from '../lookups.ts';
import { authorise } from '../../identity/guards.ts';

export function strategyService(db: Database, { campaignScores }: CompetenceLookups) {
  return {
    // ---- Regional strategy
    strategyVersions: () => repo.listStrategyVersions(db),

    async newStrategyVersion(
      actor: Actor,
      input: {
        basedOn: number;
        note: string;
        objectives: Array<{
          title: TextInput;
          previousTitle?: LocalizedText | null;
          indicator: string;
          baseline: number | null;
          targetValue: number;
          targetOn: string | null;
        }>;
      },
      lang: Language,
    ) {
      authorise(canEditStrategy(actor));
      const fields: FieldError[] = [];
      const titles = input.objectives.map((objective, index) => {
        if (!INDICATOR_KEYS.includes(objective.indicator))
          fields.push({ field: `objectives.${index}.indicator`, code: 'competence.validation.unknownIndicator' });
        const resolved = resolveText(objective.previousTitle, lang, objective.title, `objectives.${index}.title`);
        fields.push(...resolved.errors);
        return resolved.text;
      });
      if (input.objectives.length === 0) fields.push({ field: 'objectives', code: 'competence.validation.noObjective' });
      if (fields.length) throw new AppError(400, 'validation.failed', { fields });
      const number = await db.transaction((tx) =>
        repo.insertStrategyVersion(tx, {
          expectedNumber: input.basedOn + 1,
          note: input.note.trim(),
          createdBy: actor.accountId,
          objectives: input.objectives.map((o, index) => ({
            title: titles[index]!,
            indicator: o.indicator,
            baseline: o.baseline,
            targetValue: o.targetValue,
            targetOn: o.targetOn,
          })),
        }),
      );
      if (!number) throw new AppError(409, 'competence.strategy_stale');
      return number;
    },

    /**
     * Progress of the current strategy: each objective's indicator now (maturity from the latest campaign
     * with results; measured indicators from the satisfaction module, or "no data yet"), its target, and
     * whether it is reached.
     */
    async strategyProgress() {
      const versions = await repo.listStrategyVersions(db);
      const current = versions[0] ?? null;
      const campaign = await campaignsRepo.latestCampaignWithResults(db);
      const all = campaign ? await campaignScores(campaign.id) : new Map<string, Scores>();
      const organisationIds = [...all.keys()];
      const measured = await measuredIndicators(db, organisationIds.length ? organisationIds : []);
      const valueOf = (indicator: string): number | null => {
        if (indicator === 'maturity.overall') return mean([...all.values()].map((s) => s.overall));
        if (indicator.startsWith('maturity.')) return mean([...all.values()].map((s) => s.dimensions[indicator.slice(9) as Dimension]));
        if (!measured.available) return null;
        return regionalValue([...measured.byOrganisation.values()].map((values) => values[indicator]).filter((v) => v !== undefined));
      };
      const objectives = (current?.objectives ?? []).map((objective) => {
        const value = valueOf(objective.indicator);
        const definition = indicatorDefinition(objective.indicator);
        const reached = value === null ? null : definition?.higherIsBetter === false ? value <= objective.targetValue : value >= objective.targetValue;
        const progress =
          value === null || objective.baseline === null || objective.targetValue === objective.baseline
            ? null
            : Math.max(0, Math.min(100, Math.round(((value - objective.baseline) / (objective.targetValue - objective.baseline)) * 100)));
        return { objective, value, reached, progress, source: definition?.source ?? 'competence', measuredAvailable: measured.available };
      });
      return { current, versions, campaign: campaign ?? null, organisations: all.size, objectives };
    },
  };
}
