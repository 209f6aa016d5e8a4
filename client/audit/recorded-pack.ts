// The pack a history says decided, looked up in this code: missing, or changed since (its hash
// no longer matches the recorded one), is a problem every re-derivation reports the same way.
import { getPack, packHash } from '../../policies/registry';
import type { PolicyPack, PolicyRef, SelectionNote } from '../../policies/types';
import type { ResolvedPolicy } from '../../activities/resolve-policy';
import { localActivityResult, type HistoryJson } from './history';

export type PackLookup = (ref: { id: string; version: string }) => PolicyPack;

export function recordedPack(
  policy: PolicyRef,
  lookup: PackLookup = getPack,
): { ref: string; pack: PolicyPack | null; problems: string[] } {
  const ref = `${policy.id}@${policy.version}`;
  let pack: PolicyPack;
  try {
    pack = lookup(policy);
  } catch {
    return { ref, pack: null, problems: [`policy pack ${ref} is no longer in this code`] };
  }
  const hash = packHash(pack);
  const problems =
    hash === policy.hash
      ? []
      : [
          `policy pack ${ref} changed since it decided: hash ${hash.slice(0, 12)}… ≠ recorded ${policy.hash.slice(0, 12)}…`,
        ];
  return { ref, pack, problems };
}

/** The pack resolution a run relied on: a continued run carries its first run's; a first run recorded it. */
export function resolutionOf(
  history: HistoryJson,
  resumed: { policy: PolicyRef; selection: SelectionNote[] } | undefined,
  activity: string,
): ResolvedPolicy | undefined {
  return resumed
    ? { policy: resumed.policy, notes: resumed.selection }
    : localActivityResult<ResolvedPolicy>(history, activity);
}
