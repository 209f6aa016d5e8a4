// The evidence upload behind a review's drop zone: the page's script sends the file's bytes (with
// the session's CSRF token in a header) and shows the SHA-256 the store answers, which the finding
// then cites. Its own scope: the raw-bytes parser and the 20 MiB limit exist for this route alone.
import type { FastifyInstance } from 'fastify';
import { evidenceUploadQuery, MAX_EVIDENCE_BYTES } from '../../api/routes/evidence';
import { HttpError } from '../../api/http-error';
import { parseInput } from '../../issues';
import type { ConsoleContext } from '../context';
import { CASE_PAGE_ROUTES } from '../routes';

export function evidenceRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  void scope.register(async (upload) => {
    upload.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_EVIDENCE_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    const row = CASE_PAGE_ROUTES.evidence;
    upload.route({
      method: row.method,
      url: row.path,
      bodyLimit: MAX_EVIDENCE_BYTES,
      config: { consoleRoute: row },
      handler: async (request, reply) => {
        const { name } = parseInput(evidenceUploadQuery, request.query);
        if (!Buffer.isBuffer(request.body) || request.body.length === 0)
          throw new HttpError(415, 'unsupported-media-type', 'send the document itself as the body');
        const stored = await ctx.evidence!.put(request.body);
        return reply.code(201).send({ name, ...stored });
      },
    });
  });
}
