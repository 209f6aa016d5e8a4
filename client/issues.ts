// The one error shape for invalid input, shared by the API (HTTP 400) and the CLI (exit 2):
// { "error": "invalid-input", "issues": [{ "path": "deal.transactionPriceCny", "message": "…" }] }
import type { z } from 'zod';

export interface InputIssue {
  path: string;
  message: string;
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
    if (i.code === 'unrecognized_keys') return { path, message: `unknown field(s): ${i.keys.join(', ')}` };
    if (i.code === 'invalid_type' && i.message.endsWith('received undefined'))
      return { path, message: `required (${i.expected})` };
    return { path, message: i.message };
  });
}

/** Parses or throws InvalidInputError with every issue and its field path. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidInputError(zodIssues(result.error));
  return result.data;
}
