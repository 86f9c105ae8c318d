// The typed Fastify instance every module registers its routes on: TypeBox schemas validate requests,
// type the handlers and feed the OpenAPI document (one schema per endpoint).
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Language } from '../i18n/languages.ts';
import type { Actor } from '../../identity/actor.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  RawReplyDefaultExpression<RawServerDefault>,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of the response: the URL prefix, else ?lang= (API), else Accept-Language. */
    lang: Language;
    /** The signed-in staff member, or null. */
    actor: Actor | null;
    /** The raw session cookie value, when a valid session was found. */
    sessionToken: string | null;
  }
  interface FastifyInstance {
    /** PUBLIC_URL without its trailing slash (absolute links in pages). */
    publicUrl: string;
  }
}
