// Each kind of case's stages in process order, as its workflow's definitions list them (the one
// list: the stage types are made from it), and a comparison that sorts stages by it — so a report
// reads department review → office review → publicity…, not alphabetically by stage code.
import { RIGHTS_GRANT_STAGES } from '../workflows/rights-grant-definitions';
import { LICENCE_STAGES } from '../workflows/deferred-licence-definitions';
import { REVIEW_STAGES } from '../workflows/diligence-exemption-definitions';
import { REWARD_STAGES } from '../workflows/transformation-reward-definitions';

export const PROCESS_STAGES: Readonly<Record<string, readonly string[]>> = {
  'rights-grant': RIGHTS_GRANT_STAGES,
  'deferred-licence': LICENCE_STAGES,
  'diligence-exemption': REVIEW_STAGES,
  reward: REWARD_STAGES,
};

/**
 * Orders two stages of one kind by the process; a stage the kind does not list (a row written by
 * an older version) comes after the listed ones, by its code.
 */
export function compareStages(kind: string, a: string, b: string): number {
  const order = Object.hasOwn(PROCESS_STAGES, kind) ? PROCESS_STAGES[kind] : [];
  const rank = (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
