// The console's search results: one box (in every console screen's links) for a reference, an e-mail
// address, a phone number, a name or words of the conversation; the results are the requests of the agent's
// organisation, most recently changed first. Works without JavaScript (a GET form).
import { usePage } from '../../../platform/views/context.ts';
import { Heading1, Paragraph } from '../../../platform/views/components.tsx';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import { ConsoleLayout, ConsoleLinks } from '../pages/layout.tsx';
import type { SearchRow } from './repository.ts';

export function SearchPage({ q, results }: { q: string; results: SearchRow[] | null }) {
  const { t, lang } = usePage();
  const title = q ? t('console.search.resultsFor', { q }) : t('console.search.title');
  return (
    <ConsoleLayout title={title}>
      <Heading1>{title}</Heading1>
      <ConsoleLinks q={q} />
      {results === null ? (
        <Paragraph>{t('console.search.hint')}</Paragraph>
      ) : results.length === 0 ? (
        <Paragraph>{t('console.search.none')}</Paragraph>
      ) : (
        <div class="utrecht-table-container">
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption">{t('console.search.count', { count: results.length })}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {['reference', 'subject', 'party', 'status', 'updated'].map((h) => (
                  <th class="utrecht-table__header-cell" scope="col">
                    {t(`console.col.${h}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {results.map((row) => (
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="row">
                    <a class="utrecht-link" href={`/${lang}/console/requests/${row.id}`}>
                      {row.reference}
                    </a>
                  </th>
                  <td class="utrecht-table__cell">{row.subject}</td>
                  <td class="utrecht-table__cell">{row.partyName}</td>
                  <td class="utrecht-table__cell">
                    {t(`console.status.${row.status}`)}
                    {row.mergedIntoReference && <> — {t('console.merge.mergedInto', { reference: row.mergedIntoReference })}</>}
                  </td>
                  <td class="utrecht-table__cell">{formatDateTime(new Date(row.updatedAt), lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ConsoleLayout>
  );
}
