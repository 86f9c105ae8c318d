// What a form posted, as its fields show it again when the form is re-rendered with errors. The schema has
// typed the body (Ajv coerced numbers and booleans); the fields want the text back, lists kept as lists.
export type FormValues = Record<string, string | string[] | undefined>;

export function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (typeof body !== 'object' || body === null) return values;
  for (const [field, value] of Object.entries(body) as Array<[string, unknown]>) {
    if (Array.isArray(value)) values[field] = value.map(text).filter((item): item is string => item !== undefined);
    else values[field] = text(value);
  }
  return values;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
