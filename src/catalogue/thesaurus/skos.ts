// The orientation thesaurus as SKOS in Turtle (issue 16): one skos:ConceptScheme, each published concept with its
// preferred and alternative labels per language, its related concepts, and the public services it leads to
// (dcterms:relation, the services' IRIs of the CPSV-AP export).
import { LANGUAGES } from '../../platform/i18n/languages.ts';
import type { Concept } from './repository.ts';

/** A Turtle string literal (the escapes of the Turtle grammar's STRING_LITERAL_QUOTE). */
export function turtleString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

export function thesaurusTurtle(concepts: readonly Concept[], publicUrl: string): string {
  const base = publicUrl.replace(/\/$/, '');
  const scheme = `<${base}/api/v1/catalogue/thesaurus>`;
  const iri = (code: string) => `<${base}/api/v1/catalogue/thesaurus#${code}>`;
  const known = new Set(concepts.map((concept) => concept.code));
  const out = [
    '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .',
    '@prefix dcterms: <http://purl.org/dc/terms/> .',
    '',
    `${scheme} a skos:ConceptScheme ;`,
    `  dcterms:title ${turtleString('Thésaurus d’orientation de la Région de Bruxelles-Capitale')}@fr, ${turtleString('Oriëntatiethesaurus van het Brussels Hoofdstedelijk Gewest')}@nl, ${turtleString('Orientation thesaurus of the Brussels-Capital Region')}@en .`,
  ];
  for (const concept of concepts) {
    const lines = [`a skos:Concept`, `skos:inScheme ${scheme}`, `skos:notation ${turtleString(concept.code)}`];
    for (const lang of LANGUAGES) {
      const labels = concept.labels[lang];
      if (!labels) continue;
      if (labels.pref.trim()) lines.push(`skos:prefLabel ${turtleString(labels.pref)}@${lang}`);
      for (const alt of labels.alt) if (alt.trim()) lines.push(`skos:altLabel ${turtleString(alt)}@${lang}`);
    }
    for (const related of concept.related) if (known.has(related)) lines.push(`skos:related ${iri(related)}`);
    for (const service of concept.services.filter((code) => /^[a-z0-9-]+$/.test(code))) lines.push(`dcterms:relation <${base}/fr/services/${service}>`);
    out.push('', `${iri(concept.code)}\n  ${lines.join(' ;\n  ')} .`);
  }
  return `${out.join('\n')}\n`;
}
