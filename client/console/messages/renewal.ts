// A licence's renewal at its term's end (owned by the renewal form: client/console/pages/case-actions.ts).
import type { Messages } from './message';

export const RENEWAL_MESSAGES = {
  'renewal.title': { zh: '续期：新的付款条件', en: 'Renew: the new payment terms' },
  'renewal.fee': {
    zh: '续期沿用分期付款方式：填写新的许可费、分期数和分期间隔。新的付款计划接在最后一期之后。',
    en: 'A renewal keeps the deferred fee: give the new fee, instalments and interval. The new schedule follows the last instalment.',
  },
  'renewal.royalty': {
    zh: '续期沿用提成方式：填写新的提成比例、结算周期和期数。新的结算期接在最后一期之后。',
    en: 'A renewal keeps the royalty: give the new rate, months per period and periods. The new periods follow the last one.',
  },
} satisfies Messages;
