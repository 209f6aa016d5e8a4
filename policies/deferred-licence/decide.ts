import { selectPack, type Selection } from '../select';
import type { PolicyPack } from '../types';
import { placeScope } from '../place-scope';
import type { DeferredLicenceInput } from './input-schema';
import { evaluateDeferredLicence, type DeferredLicenceDecision } from './evaluate';

// Only a national pack exists; regional packs would need a jurisdiction on the input.
const scope = (pack: PolicyPack) => placeScope(pack, {});

export function selectDeferredLicencePack(input: DeferredLicenceInput, asOf: string): Selection {
  return selectPack('deferred-licence', asOf, input, scope);
}

export function decideDeferredLicence(input: DeferredLicenceInput, asOf: string): DeferredLicenceDecision {
  const { pack, notes } = selectDeferredLicencePack(input, asOf);
  return evaluateDeferredLicence(input, pack, asOf, notes);
}
