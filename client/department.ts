// Which department (院系) a case belongs to: the rights-grant launch body's `department`. A person
// whose department role names a department sees and acts on that department's cases only; this
// one rule decides it for the console's pages and inbox and for the API's case routes alike
// (client/api/context.ts requireCaseAccess). Only rights grants have a department step.
import type { Prisma } from '../prisma/generated/client';

/** The department a case's row names in its `input` (the launch request); null if it names none. */
export function caseDepartment(kind: string, input: Prisma.JsonValue): string | null {
  if (kind !== 'rights-grant') return null;
  const department = (input as { department?: unknown } | null)?.department;
  return typeof department === 'string' ? department : null;
}

/** Case rows of this department, for listings and the inbox. */
export function departmentCases(department: string): Prisma.CaseWhereInput {
  return { kind: 'rights-grant', input: { path: ['department'], equals: department } };
}
