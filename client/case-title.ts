// What a case is called in lists (the API's task inbox, the console's inbox): taken from its launch
// request, since the case row keeps the request as launched.
import type { Prisma } from '../prisma/generated/client';

export function caseTitle(input: Prisma.JsonValue): string | null {
  const i = (input ?? {}) as {
    result?: { title?: string };
    licensee?: { name?: string };
    transfer?: { title?: string };
    income?: { kind?: string };
    unit?: { name?: string };
  };
  if (i.result?.title) return i.result.title;
  if (i.licensee?.name) return `licence to ${i.licensee.name}`;
  if (i.transfer?.title) return `exemption review: ${i.transfer.title}`;
  if (i.income?.kind && i.unit?.name) return `reward: ${i.income.kind} income of ${i.unit.name}`;
  return null;
}
