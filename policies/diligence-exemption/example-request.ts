import type { DiligenceExemptionInput } from './input-schema';

/** A leader whose negotiated price was publicised in the unit and on an exchange. */
export const EXAMPLE_EXEMPTION: DiligenceExemptionInput = {
  asOf: '2026-05-20',
  jurisdiction: { province: '江苏', city: 'Nanjing' },
  person: { name: 'Li Ming', role: 'leader' },
  transfer: {
    pricing: 'negotiated',
    publicisedInUnit: true,
    publicisedOnExchange: true,
    collectiveDecision: true,
    internalRulesExist: true,
  },
  conduct: {
    illegalGain: false,
    collusion: false,
    relatedPartyUndisclosed: false,
    falsified: false,
    actedAfterBan: false,
    secrecyBreach: false,
  },
};
