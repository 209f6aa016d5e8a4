import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import type { RightsGrantInput } from '../../policies/rights-grant/input-schema';

/** An eligible national-pack case (Beijing) unless a test changes it. */
export function grantRequest(overrides: Partial<RightsGrantInput> = {}): RightsGrantInput {
  return {
    ...EXAMPLE_RIGHTS_GRANT,
    jurisdiction: { city: 'Beijing' },
    grant: { form: 'ownership', teamShare: 0.6 },
    ...overrides,
  };
}
