// A human step as every case pack declares it: who decides, within how many days, and who may act
// once it is overdue (docs/domain.md §0). One schema, so every kind's packs are checked alike.
import { z } from 'zod';

export const stepRuleSchema = z
  .object({
    roles: z.array(z.string().min(1)).min(1),
    deadlineDays: z.number().int().positive(),
    escalateTo: z.array(z.string().min(1)),
  })
  .strict();
