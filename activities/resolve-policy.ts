// Pack selection as every case kind's first local activity: recorded in history once, so a pack
// added later (even back-dated) never changes a replayed case. No pack in force is final: retrying
// would select the same nothing.
import { ApplicationFailure } from '@temporalio/activity';
import { packRef } from '../policies/registry';
import type { PolicyPack, PolicyRef, SelectionNote } from '../policies/types';

export interface ResolvedPolicy {
  policy: PolicyRef;
  notes: SelectionNote[];
}

export function resolvePolicy(select: () => { pack: PolicyPack; notes: SelectionNote[] }): ResolvedPolicy {
  try {
    const { pack, notes } = select();
    return { policy: packRef(pack), notes };
  } catch (error) {
    throw ApplicationFailure.nonRetryable((error as Error).message, (error as Error).name);
  }
}
