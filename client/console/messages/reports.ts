// The portfolio reports' pages (client/console/reports/).
import type { Messages } from './message';

export const REPORT_MESSAGES = {} satisfies Messages;
