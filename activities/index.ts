// All activities, built from their dependencies so tests can pass a real database of their own.
import type { PrismaClient } from '../prisma/generated/client';
import { createMaLoanActivities } from './ma-loan-activities';

export function createActivities(deps: { prisma: PrismaClient }) {
  return { ...createMaLoanActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
