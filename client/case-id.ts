// What every kind of case shares at launch: the office's own case id (the workflow's business
// key) and what a launch answers.
import { z } from 'zod';

export const caseIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" or "-", at most 64');

export interface LaunchedCase {
  caseId: string;
  workflowId: string;
  requestHash: string;
  /** True for the launch that claimed the case id; false for the same launch again. */
  fresh: boolean;
}
