// Which organisation a licence is for: the launch body's `licensee.id`, or its name when the body
// gives no id (licences launched before ids existed, and bodies such as the README's). Licensee
// keys name the same id (`licenseeId`), so this one rule decides what a licensee key sees.
import type { Prisma } from '../prisma/generated/client';

interface LicenseeRef {
  id?: string;
  name: string;
}

/** The organisation id a launch records: the given id, else the licensee's name. */
export function organisationId(licensee: LicenseeRef): string {
  return licensee.id ?? licensee.name;
}

/** The organisation of a licence from its case row's `input` (the launch request); null if it names none. */
export function licenceOrganisation(input: Prisma.JsonValue): string | null {
  const licensee = (input as { licensee?: Partial<LicenseeRef> } | null)?.licensee;
  if (!licensee) return null;
  const id = licensee.id ?? licensee.name;
  return typeof id === 'string' ? id : null;
}

/** Case rows of this organisation's licences, for listings (the id is always recorded since launch fills it in). */
export function organisationLicences(licenseeId: string): Prisma.CaseWhereInput {
  return { kind: 'deferred-licence', input: { path: ['licensee', 'id'], equals: licenseeId } };
}
