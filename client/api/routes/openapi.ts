// Serves the OpenAPI document (client/api/openapi.ts), built once. No key needed. The document
// lists the operations it describes, not itself.
import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../openapi';

export function openApiRoutes(app: FastifyInstance): void {
  const doc = openApiDocument();
  app.get('/v1/openapi.json', async () => doc);
}
