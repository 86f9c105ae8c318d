// @mentions in internal notes (issue 17 item 3): "@amira", "@amira.agent" or "@AmiraAgent" name a colleague
// of the organisation by the part of their e-mail address before the @, by their whole name without spaces,
// or by their first name when only one colleague has it. Accents and case do not matter.

const MENTION = /(^|[^\p{L}\p{N}@._-])@([\p{L}\p{N}][\p{L}\p{N}._-]{0,63})/gu;

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The words written after an @ in a text (without trailing dots), folded (no accents, lower case). */
export function mentionTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const match of text.matchAll(MENTION)) tokens.add(fold(match[2]!.replace(/[._-]+$/, '')));
  return [...tokens];
}

/** The colleagues a text mentions, each once, in the order of the list. */
export function mentionedColleagues<C extends { id: string; displayName: string; email?: string | null }>(text: string, colleagues: readonly C[]): C[] {
  const tokens = new Set(mentionTokens(text));
  if (tokens.size === 0) return [];
  const firstNames = new Map<string, number>();
  for (const c of colleagues) {
    const first = fold(c.displayName.split(/\s+/)[0] ?? '');
    firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
  }
  return colleagues.filter((c) => {
    const local = c.email ? fold(c.email.split('@')[0]!) : null;
    const whole = fold(c.displayName.replace(/\s+/g, ''));
    const first = fold(c.displayName.split(/\s+/)[0] ?? '');
    return (local !== null && tokens.has(local)) || tokens.has(whole) || (tokens.has(first) && firstNames.get(first) === 1);
  });
}
