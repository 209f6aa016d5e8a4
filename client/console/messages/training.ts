// Training mode's banner and its skip control (client/console/training-banner.ts).
import type { Messages } from './message';

export const TRAINING_MESSAGES = {
  'training.label': { zh: '培训模式', en: 'Training mode' },
  'training.notice': {
    zh: '此处数据仅供练习，不是真实案件；时间可以快进。',
    en: 'Practice data only, not real cases; time can be skipped ahead.',
  },
  'training.clock': { zh: '培训时钟', en: 'Training clock' },
  'training.skipDays': { zh: '快进天数', en: 'Days to skip' },
  'training.skip': { zh: '快进', en: 'Skip ahead' },
} satisfies Messages;
