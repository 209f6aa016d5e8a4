import type { DeferredLicenceInput } from './input-schema';

/** A 200-person software firm licenses a patent, paying from the first anniversary. */
export const EXAMPLE_LICENCE: DeferredLicenceInput = {
  asOf: '2026-03-01',
  licensee: { name: 'Liangjiang Sensors Ltd.', industry: 'software-it', employees: 200, annualRevenueCny: 80000000 },
  result: { valid: true, separatelyManaged: true, openLicence: false },
  terms: { effectiveOn: '2026-03-31', model: 'deferred-fee', trigger: 'anniversary', freeMonths: 12, exclusive: false },
};
