// The eligibility preview of a launch form, before anything is started: the same pure evaluators
// the API's POST /v1/evaluate/{mechanism} runs (client/evaluate.ts), on the launch body without
// what only the case needs (its number, payment terms, guarantee). An exemption review has no
// preview: it is decided per applicant, after the reviewers' findings.
import { evaluate } from '../evaluate';

export const PREVIEWS = {
  'rights-grant': { mechanism: 'rights-grant', caseOnly: ['caseId', 'department'] },
  'deferred-licence': { mechanism: 'deferred-licence', caseOnly: ['caseId', 'payment', 'guarantee'] },
  'loan-check': { mechanism: 'ma-loan', caseOnly: [] },
  reward: { mechanism: 'reward', caseOnly: ['caseId', 'rightsGrantCaseId', 'licenceCaseId', 'equity'] },
} as const;
export type PreviewKind = keyof typeof PREVIEWS;

export function hasPreview(kind: string): kind is PreviewKind {
  return Object.hasOwn(PREVIEWS, kind);
}

/** The decision the evaluator would make on this launch body; throws InvalidInputError naming fields otherwise. */
export function previewLaunch(kind: PreviewKind, body: Record<string, unknown>, today?: string): unknown {
  const { mechanism, caseOnly } = PREVIEWS[kind];
  const request = Object.fromEntries(
    Object.entries(body).filter(([k]) => !(caseOnly as readonly string[]).includes(k)),
  );
  return evaluate(mechanism, request, today);
}
