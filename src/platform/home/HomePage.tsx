// The public home page (GOV.UK's "top tasks"): search first, then every public task as a card that is a link,
// browse by life event and by theme, and the contact points with their status now (each page shows today's
// waiting time). No dead end: every block leads somewhere.
import { usePage } from '../views/context.ts';
import { Layout } from '../views/Layout.tsx';
import { Heading1, Link, Paragraph, Text } from '../views/components.tsx';
import { SearchBox } from '../../catalogue/pages/shared.tsx';
import { OpeningStatusText } from '../../contactpoints/pages.tsx';
import type { ContactPointSummary } from '../../contactpoints/service.ts';
import { pickText, type LocalizedText } from '../i18n/languages.ts';

interface Named {
  code: string;
  name: LocalizedText;
}

/** The public tasks, each a card: where it leads and its key in the catalogue (home.task.<key>.title/text). */
const TASKS = [
  { key: 'orientation', path: '/orientation' },
  { key: 'contact', path: '/contact' },
  { key: 'appointments', path: '/appointments' },
  { key: 'status', path: '/contact/status' },
  { key: 'chat', path: '/chat' },
  { key: 'help', path: '/help' },
  { key: 'waiting', path: '#waiting-times' },
  { key: 'barometer', path: '/barometer' },
] as const;

export function HomePage({
  themes,
  lifeEvents,
  contactPoints,
}: {
  themes: readonly Named[];
  lifeEvents: readonly Named[];
  contactPoints: readonly ContactPointSummary[];
}) {
  const { t, lang } = usePage();
  const byName = [...contactPoints].sort((a, b) => pickText(a.name, lang).text.localeCompare(pickText(b.name, lang).text, lang));
  return (
    <Layout title={t('home.title')}>
      <Heading1>{t('home.heading')}</Heading1>
      <Paragraph lead>{t('home.lead')}</Paragraph>
      <SearchBox headingLevel={2} />
      <section aria-labelledby="home-tasks">
        <h2 class="utrecht-heading-2" id="home-tasks">
          {t('home.tasksHeading')}
        </h2>
        <ul class="irisdesk-card-grid">
          {TASKS.map((task) => (
            <li class="irisdesk-card irisdesk-card--link">
              <h3 class="utrecht-heading-3">
                <a class="utrecht-link irisdesk-card__link" href={task.path.startsWith('#') ? task.path : `/${lang}${task.path}`}>
                  {t(`home.task.${task.key}.title`)}
                </a>
              </h3>
              <p class="utrecht-paragraph">{t(`home.task.${task.key}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <div class="irisdesk-columns">
        {lifeEvents.length > 0 && (
          <nav aria-labelledby="home-life-events">
            <h2 class="utrecht-heading-2" id="home-life-events">
              {t('home.lifeEventsHeading')}
            </h2>
            <ul class="irisdesk-link-columns">
              {lifeEvents.map((event) => (
                <li>
                  <Link href={`/${lang}/orientation?topic=event:${event.code}`}>
                    <Text value={event.name} />
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {themes.length > 0 && (
          <nav aria-labelledby="home-themes">
            <h2 class="utrecht-heading-2" id="home-themes">
              {t('home.themesHeading')}
            </h2>
            <ul class="irisdesk-link-columns">
              {themes.map((theme) => (
                <li>
                  <Link href={`/${lang}/orientation?topic=theme:${theme.code}`}>
                    <Text value={theme.name} />
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
      <section aria-labelledby="waiting-times" id="waiting-times-section">
        <h2 class="utrecht-heading-2" id="waiting-times" tabIndex={-1}>
          {t('home.waitingHeading')}
        </h2>
        <Paragraph>{t('home.waitingText')}</Paragraph>
        {byName.length === 0 ? (
          <Paragraph>{t('home.noContactPoints')}</Paragraph>
        ) : (
          <ul class="irisdesk-card-grid">
            {byName.map((point) => (
              <li class="irisdesk-card irisdesk-card--link">
                <h3 class="utrecht-heading-3">
                  <a class="utrecht-link irisdesk-card__link" href={`/${lang}/contact-points/${point.id}`}>
                    <Text value={point.name} />
                  </a>
                </h3>
                <p class="utrecht-paragraph irisdesk-muted">
                  <Text value={point.organisation.name} />
                </p>
                <p class="utrecht-paragraph">
                  <OpeningStatusText status={point.status} />
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
