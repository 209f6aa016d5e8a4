// The working-day calendar at the edge (CLI): the request checked by zod, answered by the pure
// calendar (policies/calendar.ts). CONTRACT.md: prints {"from","days","date","assumed"}.
import { z } from 'zod';
import { addWorkingDays } from '../policies/calendar';
import { isoDateSchema } from '../policies/input-primitives';
import { parseInput } from './issues';

/** Ten years of working days: more is a typing error, not a period any rule names. */
export const MAX_WORKING_DAYS = 2_500;

export const addWorkingDaysSchema = z.strictObject({
  from: isoDateSchema,
  days: z
    .number({ error: 'must be a whole number of working days' })
    .int('must be a whole number of working days')
    .min(0, 'must not be negative')
    .max(MAX_WORKING_DAYS, `must be at most ${MAX_WORKING_DAYS}`),
});

export interface AddWorkingDaysAnswer {
  from: string;
  days: number;
  date: string;
  assumed: boolean;
}

export function answerAddWorkingDays(body: unknown): AddWorkingDaysAnswer {
  const { from, days } = parseInput(addWorkingDaysSchema, body);
  const { date, assumed } = addWorkingDays(from, days);
  return { from, days, date, assumed };
}
