// Who may do what with the knowledge base. Named predicates, used by the service.
//
// Decision (mirrors the catalogue, src/catalogue/authorisation.ts): an article belongs to the organisation that
// owns its subject; the content editors of that organisation write and publish it, platform administrators may
// edit any. Every signed-in staff member of every organisation reads internal articles (the knowledge base is
// shared by the whole regional contact center) and may flag one as outdated or unclear. The public reads only
// published public articles.
import { hasRole, type Actor } from '../identity/actor.ts';

/** Staff (any organisation) read internal articles too; anyone else only public ones. */
export function canReadInternal(actor: Actor | null): boolean {
  return !!actor;
}

/** May open the editors' screens (create an article, the list of one's own articles, flags). */
export function canWriteArticles(actor: Actor | null): boolean {
  return hasRole(actor, 'content_editor', 'platform_admin');
}

/** Content editors of the owning organisation, and platform administrators, edit and publish an article. */
export function canEditArticle(actor: Actor | null, article: { owner: { id: string } }): boolean {
  if (!actor) return false;
  if (hasRole(actor, 'platform_admin')) return true;
  return hasRole(actor, 'content_editor') && article.owner.id === actor.organisationId;
}

/** May create an article owned by this organisation. */
export function canCreateFor(actor: Actor | null, organisationId: string): boolean {
  return canEditArticle(actor, { owner: { id: organisationId } });
}

/** Any signed-in staff member flags a published article. */
export function canFlag(actor: Actor | null): boolean {
  return !!actor;
}

/** The organisation whose articles and flags an editor manages: undefined = all (administrators). */
export function editScope(actor: Actor): string | undefined {
  return hasRole(actor, 'platform_admin') ? undefined : actor.organisationId;
}
