// The pack a case resolved, as this code has it. Its content must still match the hash recorded
// when the case resolved it: a pack changed under a released id@version is refused, not used.
import { ApplicationFailure } from '@temporalio/workflow';
import { getPack, packHash, packKey } from '../policies/registry';
import type { PolicyPack, PolicyRef, SelectionNote } from '../policies/types';

/** A pack chosen when the case was submitted, for the date it then decided on: it travels in the start input. */
export interface PackAtSubmission {
  asOf: string;
  policy: PolicyRef;
  notes: SelectionNote[];
}

export function packAsRecorded(ref: PolicyRef): PolicyPack {
  const pack = getPack(ref);
  if (packHash(pack) !== ref.hash) {
    throw ApplicationFailure.nonRetryable(
      `policy pack ${packKey(pack)} no longer matches its recorded hash`,
      'PolicyPackChanged',
    );
  }
  return pack;
}

/**
 * The pack a case runs on, chosen once: in its first run by a local activity (recorded in history,
 * so a pack added later never changes a replay); a continued run keeps what its first run recorded.
 */
export async function casePack<P>(
  recorded: { policy: PolicyRef; selection: SelectionNote[] } | undefined,
  resolve: () => Promise<{ policy: PolicyRef; notes: SelectionNote[] }>,
): Promise<{ pack: PolicyPack; params: P; policy: string; ref: PolicyRef; notes: SelectionNote[] }> {
  const resolved = recorded ? { policy: recorded.policy, notes: recorded.selection } : await resolve();
  const pack = packAsRecorded(resolved.policy);
  return { pack, params: pack.parameters as P, policy: packKey(pack), ref: resolved.policy, notes: resolved.notes };
}
