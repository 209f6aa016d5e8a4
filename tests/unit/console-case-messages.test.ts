// The case pages' catalog covers what they can show: every field of every console form (and each
// choice offered), every stage of every kind, every action a case records; each in both languages.
import { CASE_MESSAGES } from '../../client/console/messages/cases';
import { REWARD_MESSAGES } from '../../client/console/messages/rewards';
import { MESSAGES } from '../../client/console/messages';
import { CONSOLE_FORMS } from '../../client/console/forms/catalog';
import { fieldsOf, labelKey, type Field } from '../../client/console/forms/schema-fields';
import { LICENCE_ACTIONS } from '../../workflows/deferred-licence-definitions';
import { UNIT_ITEMS } from '../../workflows/diligence-exemption-definitions';
import { caseActionSchema } from '../../client/rights-grants';
import { reviewActionSchema } from '../../client/reviews';
import { REWARD_ACTIONS } from '../../workflows/transformation-reward-definitions';
import { PROCESS_STAGES } from '../../client/case-stages';

// A form's label may come from any catalog (the launch form's `department` shares the admin page's label).
const keys = new Set(Object.keys(MESSAGES));

function keysOf(fields: Field[]): string[] {
  return fields.flatMap((f) => {
    if (f.type === 'group') return [f.label, ...keysOf(f.fields)];
    if (f.type === 'list') return [f.label, ...keysOf(f.item)];
    if (f.type === 'variant')
      return [
        f.label,
        labelKey(`${f.path}.${f.discriminator}`),
        ...f.variants.flatMap((v) => [`value.${v.value}`, ...keysOf(v.fields)]),
      ];
    return [f.label, ...(f.options ?? []).map((o) => `value.${o}`)];
  });
}

test('every field and choice of every console form has its label', () => {
  const missing = Object.values(CONSOLE_FORMS)
    .flatMap((form) => keysOf(fieldsOf(form.schema, form.options)))
    .filter((k) => !keys.has(k));
  expect([...new Set(missing)]).toEqual([]);
});

test('every stage, action and review item has its name', () => {
  const stages = Object.values(PROCESS_STAGES)
    .flat()
    .map((s) => `stage.${s}`);
  const actions = [
    ...caseActionSchema.shape.action.options,
    ...LICENCE_ACTIONS,
    ...reviewActionSchema.shape.action.options,
    ...REWARD_ACTIONS,
    ...['opened', 'income', 'collected', 'calculated', 'escalated', 'publicity-ended', 'allocated', 'reconciled'],
    'equity-opened',
    'step-claimed',
    'step-released',
  ].map((a) => `action.${a}`);
  const items = UNIT_ITEMS.map((i) => `item.${i}`);
  expect([...stages, ...actions, ...items].filter((k) => !keys.has(k))).toEqual([]);
});

test('every message has both languages', () => {
  for (const [key, m] of Object.entries({ ...CASE_MESSAGES, ...REWARD_MESSAGES })) {
    expect({ key, zh: m.zh.length > 0, en: m.en.length > 0 }).toEqual({ key, zh: true, en: true });
  }
});
