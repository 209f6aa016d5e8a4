// Evidence documents for exemption reviews: upload the bytes (the answer is the SHA-256 a finding
// cites), download them by hash. The store is content-addressed, so uploading twice is harmless.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { text } from '../../../policies/input-primitives';
import { SHA256 } from '../../evidence-store';
import { parseInput } from '../../issues';
import { requireRole, type ApiContext } from '../context';
import { HttpError } from '../http-error';
import { ERROR, type Operation } from '../operation';

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

export const evidenceUploadQuery = z
  .object({ name: text().trim().min(1).max(200).describe('The document’s name, as findings will cite it') })
  .strict();

export const EVIDENCE_OPERATIONS = {
  upload: {
    method: 'post',
    path: '/v1/evidence',
    tags: ['evidence'],
    roles: ['tto', 'admin', 'reviewer', 'committee'],
    action: 'upload evidence',
    summary: 'Upload a document to the evidence store; answers its SHA-256, which findings cite',
    query: evidenceUploadQuery,
    body: { binary: true },
    responses: {
      '201': { description: '{ name, sha256, size }' },
      '415': { description: 'No document in the body', json: ERROR },
    },
  },
  download: {
    method: 'get',
    path: '/v1/evidence/{sha256}',
    tags: ['evidence'],
    roles: ['tto', 'admin', 'reviewer', 'committee', 'auditor'],
    action: 'read evidence',
    summary: 'Download a document by its SHA-256',
    pathParams: ['sha256'],
    responses: {
      '200': { description: 'The document', binary: true },
      '404': { description: 'No such document', json: ERROR },
    },
  },
} satisfies Record<string, Operation>;

export function evidenceRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.addContentTypeParser(
    ['application/octet-stream', 'application/pdf', 'image/png', 'image/jpeg', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: MAX_EVIDENCE_BYTES },
    (_req, body, done) => done(null, body),
  );

  app.post('/v1/evidence', { bodyLimit: MAX_EVIDENCE_BYTES }, async (request, reply) => {
    requireRole(ctx, request, EVIDENCE_OPERATIONS.upload);
    const { name } = parseInput(evidenceUploadQuery, request.query);
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw new HttpError(
        415,
        'unsupported-media-type',
        'send the document itself as the body (Content-Type: application/octet-stream, application/pdf, image/png, image/jpeg or text/plain)',
      );
    }
    const stored = await ctx.evidence!.put(request.body);
    return reply
      .code(201)
      .header('location', `/v1/evidence/${stored.sha256}`)
      .send({ name, ...stored });
  });

  app.get<{ Params: { sha256: string } }>('/v1/evidence/:sha256', async (request, reply) => {
    requireRole(ctx, request, EVIDENCE_OPERATIONS.download);
    const sha256 = request.params.sha256;
    if (!SHA256.test(sha256)) throw new HttpError(404, 'not-found', `no document ${sha256}`);
    const content = await ctx.evidence!.get(sha256);
    if (!content) throw new HttpError(404, 'not-found', `no document ${sha256}`);
    return reply.type('application/octet-stream').header('x-content-sha256', sha256).send(content);
  });
}
