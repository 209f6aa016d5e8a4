// The one error shape for invalid input, shared by the API (HTTP 400) and the CLI (exit 2):
// { "error": "invalid-input", "issues": [{ "path": "deal.transactionPriceCny", "message": "…" }] }
import type { z } from 'zod';

export interface InputIssue {
  path: string;
  message: string;
}

/**
 * What zod said about an issue (its code and parameters: minimum, expected, keys…), kept on the
 * issue for the console to say it in the person's language (client/console/issue-text.ts). It is a
 * non-enumerable property, not a field: JSON.stringify, the API's 400 body, the CLI's stderr and
 * every `toEqual` see only { path, message }, so the contract (CONTRACT.md) stays byte-for-byte
 * English, while the console, which gets the very same issue objects in process (refusalOf →
 * problemFor), still reads the code. Translating at display time from code + params (rather than
 * storing a Chinese text at parse time) keeps every Chinese text in the console's catalogs.
 */
export type ZodIssueDetail = z.core.$ZodIssue;

const DETAIL = 'zodIssue';

function withDetail(issue: InputIssue, detail: z.core.$ZodIssue): InputIssue {
  return Object.defineProperty(issue, DETAIL, { value: detail, enumerable: false });
}

/** The zod issue behind an input issue, if zod raised it (absent for issues our code wrote). */
export function zodDetailOf(issue: InputIssue): ZodIssueDetail | undefined {
  return (issue as unknown as Record<string, ZodIssueDetail | undefined>)[DETAIL];
}

export class InvalidInputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super(issues.map((i) => `${i.path || '(body)'}: ${i.message}`).join('; '));
    this.name = 'InvalidInputError';
  }

  toJSON() {
    return { error: 'invalid-input', issues: this.issues };
  }
}

export function zodIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys')
      return withDetail({ path, message: `unknown field(s): ${i.keys.join(', ')}` }, i);
    if (i.code === 'invalid_type' && i.message.endsWith('received undefined'))
      return withDetail({ path, message: `required (${i.expected})` }, i);
    return withDetail({ path, message: i.message }, i);
  });
}

/** Parses or throws InvalidInputError with every issue and its field path. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidInputError(zodIssues(result.error));
  return result.data;
}
