// How the API logs: fastify's pino, one JSON object a line on stderr (stdout belongs to command
// output), each line carrying the request id (`reqId`) that error answers repeat. Secrets never
// reach a line: the key headers are censored, and credentials inside URLs (a DATABASE_URL in a
// connection error) are cut out of every error's message and stack before it is written.
import type { FastifyServerOptions } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { LogLevel } from '../config';

const CENSORED = '[redacted]';

/** Paths pino censors wherever they appear in a logged object. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.password',
  '*.apiKey',
  '*.key',
  '*.keys',
  '*.databaseUrl',
  '*.connectionString',
];

/** user:password@ in any URL, and bearer tokens, wherever they occur in free text. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*(?::[^\s/@]*)?@/gi, `$1${CENSORED}@`)
    .replace(/(bearer\s+)[^\s"']+/gi, `$1${CENSORED}`);
}

function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubSecrets(String(error)) };
  const e = error as Error & { code?: unknown; details?: unknown; cause?: unknown };
  return {
    type: e.name,
    message: scrubSecrets(e.message),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(typeof e.details === 'string' ? { details: scrubSecrets(e.details) } : {}),
    stack: e.stack ? scrubSecrets(e.stack) : undefined,
    // The cause is what an operator needs for a 5xx: the Temporal or database error underneath.
    ...(e.cause !== undefined ? { cause: serializeError(e.cause) } : {}),
  };
}

/** A request id from the caller's X-Request-Id when it is a plain token, else a fresh one. */
export function requestId(header: unknown): string {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(header) ? header : randomUUID();
}

export type ApiLogger = boolean | { level?: LogLevel; stream?: NodeJS.WritableStream };

/** Fastify's logger option for `logger` (false: silent, as in tests unless they listen). */
export function loggerOptions(logger: ApiLogger): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const { level = 'INFO', stream = process.stderr } = logger === true ? {} : logger;
  return {
    level: level.toLowerCase(),
    stream,
    redact: { paths: REDACT_PATHS, censor: CENSORED },
    serializers: {
      err: serializeError,
      req: (req: { method: string; url: string; headers: Record<string, unknown> }) => ({
        method: req.method,
        url: scrubSecrets(req.url),
        // Only what helps trace a request; never the key headers.
        userAgent: req.headers?.['user-agent'],
      }),
    },
  } as unknown as FastifyServerOptions['logger'];
}
