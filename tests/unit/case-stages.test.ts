// Reports list stages in each process's order (client/case-stages.ts), which is the order of the
// workflows' own stage lists: a grant's department review comes before its office review and its
// publicity, though 'department-review' < 'office-review' < 'publicity' would hold by code too —
// so the test picks stages whose codes sort the other way.
import { compareStages, PROCESS_STAGES } from '../../client/case-stages';

const sortedBy = (kind: string, stages: string[]) => [...stages].sort((a, b) => compareStages(kind, a, b));

test('a rights grant: review, publicity, committee, agreement, watch, then the ends', () => {
  expect(
    sortedBy('rights-grant', [
      'closed',
      'watch',
      'agreement',
      'collective-decision',
      'publicity',
      'office-review',
      'department-review',
    ]),
  ).toEqual(['department-review', 'office-review', 'publicity', 'collective-decision', 'agreement', 'watch', 'closed']);
});

test('each kind in its own order: a licence pays before it defaults, a reward is collected before it is paid', () => {
  expect(sortedBy('deferred-licence', ['paying', 'contract', 'default', 'free-use'])).toEqual([
    'contract',
    'free-use',
    'paying',
    'default',
  ]);
  expect(sortedBy('reward', ['payment', 'collecting', 'approval'])).toEqual(['collecting', 'approval', 'payment']);
  expect(sortedBy('diligence-exemption', ['result', 'acceptance', 'evidence-review'])).toEqual([
    'acceptance',
    'evidence-review',
    'result',
  ]);
});

test('a stage its kind does not list goes last, by code; an unknown kind sorts by code', () => {
  expect(sortedBy('rights-grant', ['zz-old', 'aa-old', 'closed', 'department-review'])).toEqual([
    'department-review',
    'closed',
    'aa-old',
    'zz-old',
  ]);
  expect(sortedBy('ma-loan', ['b', 'a'])).toEqual(['a', 'b']);
});

test('every kind of case has its list, each stage once', () => {
  expect(Object.keys(PROCESS_STAGES).sort()).toEqual([
    'deferred-licence',
    'diligence-exemption',
    'reward',
    'rights-grant',
  ]);
  for (const stages of Object.values(PROCESS_STAGES)) expect(new Set(stages).size).toBe(stages.length);
});
