// Which failures mean "the database cannot be reached or does not answer now" (a restart, a failover, a hung
// server, a network cut) rather than "this statement is wrong". Those are answered 503 with Retry-After
// (src/platform/http/error-handler.tsx) and retried by the background work; see decision 0023.

/** Socket errors of Node.js on the way to the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is going away or cannot take the work now: admin_shutdown, crash_shutdown,
 * cannot_connect_now (starting up, shutting down, in recovery), query_canceled (statement_timeout),
 * too_many_connections, idle_in_transaction_session_timeout; and the whole class 08 (connection exception).
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '57014', '53300', '25P03']);

/** node-postgres and its pool say these without a code. */
const DRIVER_MESSAGES = [
  /^Connection terminated/, // unexpectedly, or due to connection timeout
  /^Query read timeout$/, // the client-side query timeout
  /^timeout exceeded when trying to connect$/, // the pool's connection timeout
  /is not queryable$/, // a client whose connection already failed
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (DRIVER_MESSAGES.some((pattern) => pattern.test(error.message))) return true;
  // A connection to "localhost" tries each address: Node reports their failures together.
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}
