// The parameters of a diligence-exemption pack.
export type ExemptionRole = 'leader' | 'manager' | 'researcher';
export type RoleCheck = 'pricing-route' | 'collective-decision' | 'internal-rules';

export interface DiligenceExemptionParameters {
  pricingRoutes: Array<'listing' | 'auction' | 'negotiated'>;
  negotiatedNeedsUnitPublicity: boolean;
  negotiatedNeedsExchangePublicity: boolean;
  /** Conduct flags that bar an exemption, by input flag name. */
  negativeList: string[];
  /** Which conditions each role answers for; the negative list applies to everyone. */
  roleChecks: Record<ExemptionRole, RoleCheck[]>;
  /** Days after the triggering finding to apply; null where no deadline is published. */
  applicationDeadlineDays: number | null;
  process: ExemptionProcess;
}

export type ExemptionStep = 'acceptance' | 'evidence-review' | 'determination' | 'result';

/** Who acts at each step of a review and how long they have (assumed, see the pack). */
export interface ExemptionProcess {
  steps: Record<ExemptionStep, { roles: string[]; deadlineDays: number; escalateTo: string[] }>;
  correctiveActionRoles: string[];
  launchRoles: string[];
}
