// The organisations an actor may create contact points for (the form's choice): their own, or all for
// platform administrators. Goes through the organisations service, no SQL here.
import type { Services } from '../services.ts';
import type { Actor } from '../identity/actor.ts';
import type { Organisation } from '../organisations/service.ts';
import { contactPointEditingScope } from './authorisation.ts';

export async function listOrganisationsForPicker(services: Services, actor: Actor): Promise<Organisation[]> {
  const all = await services.organisations.listOrganisations();
  const scope = contactPointEditingScope(actor);
  return scope === null ? all : all.filter((org) => scope.includes(org.id));
}
