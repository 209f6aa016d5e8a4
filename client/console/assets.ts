// The console's stylesheet and script, read once from client/console/assets/ and served under
// /assets/ with their digest as ETag. Only the files in that folder exist; nothing is fetched
// from elsewhere. (@fastify/static depends on an ES-module-only package jest cannot load.)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { FOUNDATION_ROUTES } from './routes';

export const ASSETS_DIR = path.join(__dirname, 'assets');

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Registered in a scope of its own: assets need no session, so their requests never touch the database. */
export function assetRoutes(scope: FastifyInstance): void {
  const files = new Map<string, { body: Buffer; type: string; etag: string }>();
  for (const name of readdirSync(ASSETS_DIR)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const body = readFileSync(path.join(ASSETS_DIR, name));
    files.set(name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` });
  }
  const row = FOUNDATION_ROUTES.assets;
  scope.route({
    method: row.method,
    url: row.path,
    config: { consoleRoute: row },
    handler: async (request, reply) => {
      const file = files.get((request.params as { file: string }).file);
      if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('no such asset');
      void reply
        .header('etag', file.etag)
        .header('cache-control', 'public, max-age=3600')
        .header('x-content-type-options', 'nosniff');
      if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
      return reply.type(file.type).send(file.body);
    },
  });
}
