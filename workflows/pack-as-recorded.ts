// The pack a case resolved, as this code has it. Its content must still match the hash recorded
// when the case resolved it: a pack changed under a released id@version is refused, not used.
import { ApplicationFailure } from '@temporalio/workflow';
import { getPack, packHash, packKey } from '../policies/registry';
import type { PolicyPack, PolicyRef } from '../policies/types';

export function packAsRecorded(ref: PolicyRef): PolicyPack {
  const pack = getPack(ref);
  if (packHash(pack) !== ref.hash) {
    throw ApplicationFailure.nonRetryable(`policy pack ${packKey(pack)} no longer matches its recorded hash`, 'PolicyPackChanged');
  }
  return pack;
}
