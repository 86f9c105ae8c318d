// Route guards: a signed-in actor is required. Pages answer 401 by sending the user to the login page
// (see the error handler); the API answers 401 with the error envelope.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/http/errors.ts';
import type { Actor } from './actor.ts';

export const AUTH_REQUIRED = 'auth.required';

export function requireActorPage(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError(401, AUTH_REQUIRED);
  return request.actor;
}

export const requireActorApi = requireActorPage;

/** Refuses with 403 unless the predicate allows the actor. */
export function authorise(allowed: boolean): void {
  if (!allowed) throw new AppError(403, 'forbidden');
}
