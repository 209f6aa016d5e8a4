// A review's document uploaded without script: the evidence section's plain multipart form. The
// session is authenticated and the role checked before the handler runs (the guard); the form's
// first part must be the session's CSRF token, checked before the file part is read; the case
// must be in the person's scope. Only then are the bytes read (at most 20 MiB) and stored, and the
// page comes back with the SHA-256 shown and the finding's first evidence row filled in.
import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { MAX_EVIDENCE_BYTES } from '../../api/routes/evidence';
import { requireCaseAccess, type ApiContext } from '../../api/context';
import { HttpError } from '../../api/http-error';
import { caseIdOf } from '../../api/case-kinds';
import type { ConsoleContext } from '../context';
import { EVIDENCE_FORM_ROUTES } from '../routes';
import { redirectLocal, serve } from '../serve';
import { requireCsrfToken, requirePerson } from '../session';

const NAME = /^[^\u0000-\u001f]{1,200}$/;

export function evidenceFormRoutes(scope: FastifyInstance, ctx: ConsoleContext): void {
  void scope.register(async (form) => {
    // The parser only marks the request as multipart: nothing of the body is read until the handler asks.
    await form.register(multipart, { limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 1, parts: 2 } });
    serve(form, EVIDENCE_FORM_ROUTES.evidenceForm, async (request, reply) => {
      const view = requirePerson(request);
      if (!request.isMultipart()) {
        requireCsrfToken(request, (request.body as { _csrf?: unknown } | null)?._csrf);
        throw new HttpError(415, 'unsupported-media-type', 'send the document as a multipart form');
      }
      const parts = request.parts();
      const first = (await parts.next()).value;
      requireCsrfToken(request, first && first.type === 'field' && first.fieldname === '_csrf' ? first.value : null);
      const caseId = caseIdOf((request.params as { id: string }).id);
      await requireCaseAccess(ctx as ApiContext, view.caller, caseId);
      const file = (await parts.next()).value;
      if (!file || file.type !== 'file' || file.fieldname !== 'file')
        throw new HttpError(415, 'unsupported-media-type', 'the form sends one file, as its second part');
      const bytes = await file.toBuffer();
      if (bytes.length === 0) throw new HttpError(415, 'unsupported-media-type', 'the file is empty');
      const name = NAME.test(file.filename) ? file.filename : 'document';
      const stored = await ctx.evidence!.put(bytes);
      const query = new URLSearchParams({ stored: stored.sha256, name });
      redirectLocal(reply, `/cases/${encodeURIComponent(caseId)}?${query}`);
    });
  });
}
