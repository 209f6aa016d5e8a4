// Every documented operation of the API, from the route modules that serve them: the OpenAPI
// document and the authorization test read this one list.
import type { Operation } from './operation';
import { HEALTH_OPERATIONS } from './routes/health';
import { OBSERVABILITY_OPERATIONS } from './routes/observability';
import { POLICY_OPERATIONS } from './routes/policies';
import { AUDIT_OPERATIONS } from './routes/audit';
import { EVALUATE_OPERATIONS } from './routes/evaluate';
import { LOAN_CHECK_OPERATIONS } from './routes/loan-checks';
import { CASE_LIST_OPERATIONS } from './routes/case-list';
import { CASE_OPERATIONS, LAUNCH_OPERATIONS } from './routes/case-operations';
import { LICENCE_OPERATIONS } from './routes/licences';
import { EVIDENCE_OPERATIONS } from './routes/evidence';

export const OPERATIONS: readonly Operation[] = [
  ...Object.values(HEALTH_OPERATIONS),
  ...Object.values(OBSERVABILITY_OPERATIONS),
  ...Object.values(POLICY_OPERATIONS),
  ...Object.values(AUDIT_OPERATIONS),
  ...EVALUATE_OPERATIONS,
  ...Object.values(LOAN_CHECK_OPERATIONS),
  ...Object.values(CASE_LIST_OPERATIONS),
  ...Object.values(LAUNCH_OPERATIONS),
  ...Object.values(CASE_OPERATIONS),
  ...Object.values(LICENCE_OPERATIONS),
  ...Object.values(EVIDENCE_OPERATIONS),
];
