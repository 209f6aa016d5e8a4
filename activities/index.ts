// All activities, built from their dependencies so tests can pass a real database of their own.
import type { PrismaClient } from '../prisma/generated/client';
import { createMaLoanActivities } from './ma-loan-activities';
import { createRightsGrantActivities } from './rights-grant-activities';
import { createDeferredLicenceActivities } from './deferred-licence-activities';
import { createDiligenceExemptionActivities } from './diligence-exemption-activities';
import { createRewardActivities } from './reward-activities';
import { createWebhookActivities } from './webhook-activities';

export function createActivities(deps: {
  prisma: PrismaClient;
  webhookAllowLoopback?: boolean;
  webhookSecretKey?: string;
}) {
  return {
    ...createMaLoanActivities(deps),
    ...createRightsGrantActivities(deps),
    ...createDeferredLicenceActivities(deps),
    ...createDiligenceExemptionActivities(deps),
    ...createRewardActivities(deps),
    ...createWebhookActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
