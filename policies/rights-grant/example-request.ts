import type { RightsGrantInput } from './input-schema';

/** A rights grant every surface shows as its example: a Hefei university grants its team 70 %. */
export const EXAMPLE_RIGHTS_GRANT: RightsGrantInput = {
  asOf: '2026-03-02',
  jurisdiction: { province: '安徽', city: '合肥' },
  unit: { name: 'Hefei University of Technology', type: 'university', stateFunded: true },
  result: { title: 'Solid-state battery electrolyte (ZL2023xxxxxxx.x)', kind: 'patent', valid: true },
  inventors: [
    { id: 'r-001', name: 'Wang Lei', share: 0.6, consented: true },
    { id: 'r-002', name: 'Chen Jing', share: 0.4, consented: true },
  ],
  grant: { form: 'ownership', teamShare: 0.7 },
  plan: { licenseeIdentified: true, commercialisationPlan: true },
};
