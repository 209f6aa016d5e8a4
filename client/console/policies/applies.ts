// Which pack applies to a place and a date, and why each other pack does not: the evaluators' own
// selection (policies/select.ts) run on a request that carries only the place, so the reasons are
// the `selection` notes a decision would record. Packs not in force on the date are listed with
// their dates. An M&A loan pack also depends on the deal (a pilot pack wants a technology
// enterprise, a pilot bank…): the page assumes the example request's deal and says so.
import { NoPolicyInForceError, PolicyTieError, packsInForce, type Selection } from '../../../policies/select';
import { packKey, packsFor } from '../../../policies/registry';
import type { Mechanism, SelectionNote } from '../../../policies/types';
import { selectMaLoanPack } from '../../../policies/ma-loan/decide';
import { EXAMPLE_LOAN_REQUEST } from '../../../policies/ma-loan/example-request';
import { selectRightsGrantPack } from '../../../policies/rights-grant/decide';
import { selectDeferredLicencePack } from '../../../policies/deferred-licence/decide';
import { selectDiligenceExemptionPack } from '../../../policies/diligence-exemption/decide';
import { selectRewardPack } from '../../../policies/reward/decide';
import type { RightsGrantInput } from '../../../policies/rights-grant/input-schema';
import type { DeferredLicenceInput } from '../../../policies/deferred-licence/input-schema';
import { cityKey, provinceOfCity } from '../../../policies/gazetteer';
import { InvalidInputError } from '../../issues';

export interface Place {
  city?: string;
  province?: string;
}

export interface Applicability {
  mechanism: Mechanism;
  date: string;
  /** id@version of the pack that applies; null when none does. */
  applied: string | null;
  /** Why not: no pack in force, or two tie. */
  error: string | null;
  /** Every pack of the mechanism: the selection's notes for those in force, the dates for the others. */
  notes: SelectionNote[];
}

function select(mechanism: Mechanism, place: Place, date: string): Selection {
  switch (mechanism) {
    case 'ma-loan':
      return selectMaLoanPack(
        { ...EXAMPLE_LOAN_REQUEST, acquirer: { ...EXAMPLE_LOAN_REQUEST.acquirer, city: place.city ?? '' } },
        date,
      );
    case 'rights-grant':
      return selectRightsGrantPack({ jurisdiction: place } as RightsGrantInput, date);
    case 'deferred-licence':
      return selectDeferredLicencePack({} as DeferredLicenceInput, date);
    case 'diligence-exemption':
      return selectDiligenceExemptionPack({ jurisdiction: place }, date);
    case 'reward':
      return selectRewardPack({ jurisdiction: { ...place, province: rewardProvince(place) } }, date);
  }
}

/** Reward packs are chosen by province (the request requires one): given, or the city's. */
function rewardProvince(place: Place): string {
  const province = place.province ?? (place.city ? provinceOfCity(cityKey(place.city)) : undefined);
  if (!province)
    throw new InvalidInputError([
      { path: 'province', message: 'reward packs are chosen by province: give the province, or a city of it' },
    ]);
  return province;
}

export function whichPackApplies(mechanism: Mechanism, place: Place, date: string): Applicability {
  const inForce = new Set(packsInForce(mechanism, date).map(packKey));
  const notOnDate: SelectionNote[] = packsFor(mechanism)
    .filter((p) => !inForce.has(packKey(p)))
    .map((p) => ({
      policy: packKey(p),
      applied: false,
      reasons: [
        `not in force on ${date}: in force from ${p.effectiveFrom}${p.effectiveTo ? ` until ${p.effectiveTo} (exclusive)` : ''}`,
      ],
    }));
  try {
    const { pack, notes } = select(mechanism, place, date);
    return { mechanism, date, applied: packKey(pack), error: null, notes: [...notes, ...notOnDate] };
  } catch (error) {
    if (!(error instanceof NoPolicyInForceError) && !(error instanceof PolicyTieError)) throw error;
    return { mechanism, date, applied: null, error: error.message, notes: notOnDate };
  }
}
