import { selectPack } from '../select';
import type { PolicyPack } from '../types';
import { placeScope } from '../place-scope';
import type { DeferredLicenceInput } from './input-schema';
import { evaluateDeferredLicence, type DeferredLicenceDecision } from './evaluate';

// Only a national pack exists; regional packs would need a jurisdiction on the input.
const scope = (pack: PolicyPack) => placeScope(pack, {});

export function decideDeferredLicence(input: DeferredLicenceInput, asOf: string): DeferredLicenceDecision {
  const { pack, notes } = selectPack('deferred-licence', asOf, input, scope);
  return evaluateDeferredLicence(input, pack, asOf, notes);
}
