// The orientation thesaurus as SKOS (issue 16), in Turtle and in JSON-LD: one skos:ConceptScheme, each published
// concept with its preferred and alternative labels per language, its related concepts, and the public services it
// leads to (dcterms:relation, the services' IRIs of the CPSV-AP export). Checked against the SKOS reference
// (W3C, 2009): at most one prefLabel per language (S14), an alternative label equal to the preferred one of its
// language is left out (S13: prefLabel and altLabel are disjoint), skos:related only to concepts of the export. The
// thesaurus has no hierarchy (no skos:broader), so every concept is a top concept of the scheme (skos:topConceptOf,
// skos:hasTopConcept).
import { LANGUAGES, type Language } from '../../platform/i18n/languages.ts';
import type { Concept } from './repository.ts';

const SKOS = 'http://www.w3.org/2004/02/skos/core#';
const DCTERMS = 'http://purl.org/dc/terms/';
const SCHEME_TITLE: Record<Language, string> = {
  fr: 'Thésaurus d’orientation de la Région de Bruxelles-Capitale',
  nl: 'Oriëntatiethesaurus van het Brussels Hoofdstedelijk Gewest',
  en: 'Orientation thesaurus of the Brussels-Capital Region',
};

/** A Turtle string literal (the escapes of the Turtle grammar's STRING_LITERAL_QUOTE). */
export function turtleString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

interface SkosConcept {
  iri: string;
  code: string;
  pref: Partial<Record<Language, string>>;
  alt: Partial<Record<Language, string[]>>;
  related: string[];
  services: string[];
}

/** The export's shape of the concepts: IRIs, labels cleaned as SKOS wants them, links to exported concepts only. */
function skosConcepts(concepts: readonly Concept[], publicUrl: string) {
  const base = publicUrl.replace(/\/$/, '');
  const scheme = `${base}/api/v1/catalogue/thesaurus`;
  const iri = (code: string) => `${scheme}#${code}`;
  const known = new Set(concepts.map((concept) => concept.code));
  const out: SkosConcept[] = concepts.map((concept) => {
    const pref: SkosConcept['pref'] = {};
    const alt: SkosConcept['alt'] = {};
    for (const lang of LANGUAGES) {
      const labels = concept.labels[lang];
      if (!labels) continue;
      const preferred = labels.pref.trim();
      if (preferred) pref[lang] = preferred;
      const alternatives = [...new Set(labels.alt.map((label) => label.trim()))].filter((label) => label && label !== preferred);
      if (alternatives.length > 0) alt[lang] = alternatives;
    }
    return {
      iri: iri(concept.code),
      code: concept.code,
      pref,
      alt,
      related: concept.related.filter((code) => known.has(code) && code !== concept.code).map(iri),
      services: concept.services.filter((code) => /^[a-z0-9-]+$/.test(code)).map((code) => `${base}/fr/services/${code}`),
    };
  });
  return { scheme, concepts: out };
}

export function thesaurusTurtle(concepts: readonly Concept[], publicUrl: string): string {
  const { scheme, concepts: exported } = skosConcepts(concepts, publicUrl);
  const out = [
    '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .',
    '@prefix dcterms: <http://purl.org/dc/terms/> .',
    '',
    `<${scheme}> a skos:ConceptScheme ;`,
    `  dcterms:title ${LANGUAGES.map((lang) => `${turtleString(SCHEME_TITLE[lang])}@${lang}`).join(', ')}${exported.length > 0 ? ' ;' : ' .'}`,
  ];
  if (exported.length > 0) out.push(`  skos:hasTopConcept ${exported.map((concept) => `<${concept.iri}>`).join(',\n    ')} .`);
  for (const concept of exported) {
    const lines = [`a skos:Concept`, `skos:inScheme <${scheme}>`, `skos:topConceptOf <${scheme}>`, `skos:notation ${turtleString(concept.code)}`];
    for (const lang of LANGUAGES) {
      const pref = concept.pref[lang];
      if (pref) lines.push(`skos:prefLabel ${turtleString(pref)}@${lang}`);
      for (const alt of concept.alt[lang] ?? []) lines.push(`skos:altLabel ${turtleString(alt)}@${lang}`);
    }
    for (const related of concept.related) lines.push(`skos:related <${related}>`);
    for (const service of concept.services) lines.push(`dcterms:relation <${service}>`);
    out.push('', `<${concept.iri}>\n  ${lines.join(' ;\n  ')} .`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * The same graph as JSON-LD 1.1 (compacted: labels as language maps, links as IRIs), for tools that read JSON
 * rather than Turtle. Expanded, it gives exactly the triples of the Turtle export.
 */
export function thesaurusJsonLd(concepts: readonly Concept[], publicUrl: string): object {
  const { scheme, concepts: exported } = skosConcepts(concepts, publicUrl);
  const languageMap = (id: string) => ({ '@id': id, '@container': '@language' });
  const link = (id: string) => ({ '@id': id, '@type': '@id' });
  return {
    '@context': {
      skos: SKOS,
      dcterms: DCTERMS,
      title: languageMap('dcterms:title'),
      prefLabel: languageMap('skos:prefLabel'),
      altLabel: languageMap('skos:altLabel'),
      notation: 'skos:notation',
      inScheme: link('skos:inScheme'),
      topConceptOf: link('skos:topConceptOf'),
      hasTopConcept: link('skos:hasTopConcept'),
      related: link('skos:related'),
      relation: link('dcterms:relation'),
    },
    '@graph': [
      { '@id': scheme, '@type': 'skos:ConceptScheme', title: SCHEME_TITLE, hasTopConcept: exported.map((concept) => concept.iri) },
      ...exported.map((concept) => ({
        '@id': concept.iri,
        '@type': 'skos:Concept',
        inScheme: scheme,
        topConceptOf: scheme,
        notation: concept.code,
        prefLabel: concept.pref,
        ...(Object.keys(concept.alt).length > 0 ? { altLabel: concept.alt } : {}),
        ...(concept.related.length > 0 ? { related: concept.related } : {}),
        ...(concept.services.length > 0 ? { relation: concept.services } : {}),
      })),
    ],
  };
}
