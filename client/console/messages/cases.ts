// Case pages, inbox and forms (owned by the case pages: client/console/pages/).
import type { Messages } from './message';

export const CASE_MESSAGES = {} satisfies Messages;
