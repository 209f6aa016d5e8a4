import { selectPack, type Selection } from '../select';
import type { RewardInput } from './input-schema';
import { rewardScope } from './scope';
import { evaluateReward, type RewardDecision } from './evaluate';

export function selectRewardPack(input: Pick<RewardInput, 'jurisdiction'>, asOf: string): Selection {
  return selectPack('reward', asOf, input, rewardScope);
}

export function decideReward(input: RewardInput, asOf: string): RewardDecision {
  const { pack, notes } = selectRewardPack(input, asOf);
  return evaluateReward(input, pack, asOf, notes);
}
