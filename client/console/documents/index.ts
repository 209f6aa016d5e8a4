// Documents people print or file, registered inside the console's scope through serve() with their
// rows of DOCUMENT_ROUTES: each as a PDF (Chinese by default, ?lang=en for English) and as the
// JSON record whose SHA-256 the PDF carries (record.ts says what the hash covers); and the ledgers
// as spreadsheets (ledger-exports.ts).
import type { FastifyInstance } from 'fastify';
import type { ConsoleContext } from '../context';
import { loanOpinionRoutes } from './loan-opinion';
import { publicityRoutes } from './publicity';
import { determinationRoutes } from './determination';
import { licenceStatementRoutes } from './licence-statement';
import { dueListRoutes } from './due-list';
import { ledgerExportRoutes } from './ledger-exports';

export function registerDocuments(scope: FastifyInstance, ctx: ConsoleContext): void {
  loanOpinionRoutes(scope, ctx);
  publicityRoutes(scope, ctx);
  determinationRoutes(scope, ctx);
  licenceStatementRoutes(scope, ctx);
  dueListRoutes(scope, ctx);
  ledgerExportRoutes(scope, ctx);
}
