// Console forms are drawn from the API's own zod schemas: every launch and action schema renders
// as fields, a form filled with the README's examples comes back as the same body the API takes,
// blank rows and optional groups are left out, and zod's issues name the fields' own names.
import { z } from 'zod';
import { bodyFromForm, formValues } from '../../client/console/forms/form-body';
import { fieldPaths, fieldsOf, type Field } from '../../client/console/forms/schema-fields';
import { CONSOLE_FORMS } from '../../client/console/forms/catalog';
import { rightsGrantCaseSchema } from '../../client/rights-grants';
import { deferredLicenceCaseSchema } from '../../client/licences';
import { reviewActionSchema } from '../../client/reviews';
import { zodIssues } from '../../client/issues';
import { EXAMPLE_RIGHTS_GRANT } from '../../policies/rights-grant/example-request';
import { EXAMPLE_LICENCE } from '../../policies/deferred-licence/example-request';

const find = (fields: Field[], path: string): Field | undefined => {
  for (const f of fields) {
    if (f.path === path) return f;
    const inner =
      f.type === 'group'
        ? f.fields
        : f.type === 'list'
          ? f.item
          : f.type === 'variant'
            ? f.variants.flatMap((v) => v.fields)
            : [];
    const hit = find(inner, path);
    if (hit) return hit;
  }
  return undefined;
};

test('every console form renders from its schema', () => {
  for (const [name, form] of Object.entries(CONSOLE_FORMS)) {
    const fields = fieldsOf(form.schema, form.options);
    expect({ name, n: fieldPaths(fields).length > 0 }).toEqual({ name, n: true });
  }
});

test('the rights-grant launch form: typed fields, a list of inventors, the grant as a choice of form', () => {
  const fields = fieldsOf(rightsGrantCaseSchema);
  expect(find(fields, 'caseId')).toMatchObject({ type: 'text', required: true, label: 'field.caseId' });
  expect(find(fields, 'asOf')).toMatchObject({ type: 'date', required: false });
  expect(find(fields, 'unit.type')).toMatchObject({ type: 'select', options: expect.arrayContaining(['university']) });
  expect(find(fields, 'unit.stateFunded')).toMatchObject({ type: 'checkbox' });
  // An optional yes/no can be left unsaid (its default applies), so it is a choice with a blank.
  expect(find(fields, 'flags.nationalSecurity')).toMatchObject({ type: 'select', options: ['true', 'false'] });
  expect(bodyFromForm(fields, { 'flags.nationalSecurity': '' })).not.toHaveProperty('flags');
  expect(bodyFromForm(fields, { 'flags.stateSecret': 'false' }).flags).toEqual({ stateSecret: false });
  expect(find(fields, 'inventors')).toMatchObject({ type: 'list', min: 1, required: true });
  expect(find(fields, 'inventors.*.share')).toMatchObject({ type: 'number', label: 'field.inventors.share', max: 1 });
  const grant = find(fields, 'grant');
  expect(grant).toMatchObject({ type: 'variant', discriminator: 'form' });
  expect(grant?.type === 'variant' && grant.variants.map((v) => v.value)).toEqual(['ownership', 'long-term-use']);
});

test('a form filled with the example comes back as the example, and the API schema accepts it', () => {
  const fields = fieldsOf(rightsGrantCaseSchema);
  const example = { caseId: 'hfut-2026-001', ...EXAMPLE_RIGHTS_GRANT };
  const form = formValues(example);
  expect(form['inventors.1.name']).toBe('Chen Jing');
  expect(form['grant.form']).toBe('ownership');
  const body = bodyFromForm(fields, form);
  expect(body).toEqual(example);
  expect(rightsGrantCaseSchema.parse(body)).toEqual(example);
});

test('blank list rows and blank optional groups are left out; unticked boxes are false; numbers as people type them', () => {
  const fields = fieldsOf(rightsGrantCaseSchema);
  const form = {
    ...formValues({ caseId: 'x-1', ...EXAMPLE_RIGHTS_GRANT }),
    'inventors.5.id': '',
    'inventors.5.name': '',
    'inventors.5.share': '',
    'jurisdiction.city': '重庆',
    'jurisdiction.province': '',
    'unit.stateFunded': undefined,
    'grant.teamShare': '０.７',
  };
  const body = bodyFromForm(fields, form) as typeof EXAMPLE_RIGHTS_GRANT & { caseId: string };
  expect(body.inventors).toHaveLength(2);
  expect(body.jurisdiction).toEqual({ city: '重庆' });
  expect(body.unit.stateFunded).toBe(false);
  expect(body.grant).toEqual({ form: 'ownership', teamShare: 0.7 });
  expect(body).not.toHaveProperty('flags');
});

test('the variant keeps only the chosen shape: long-term use sends years, not the team share', () => {
  const fields = fieldsOf(rightsGrantCaseSchema);
  const form = {
    ...formValues({ caseId: 'x-2', ...EXAMPLE_RIGHTS_GRANT }),
    'grant.form': 'long-term-use',
    'grant.years': '12',
  };
  expect(bodyFromForm(fields, form).grant).toEqual({ form: 'long-term-use', years: 12 });
});

test("zod's issues name the form's own field names", () => {
  const fields = fieldsOf(rightsGrantCaseSchema);
  const form = {
    ...formValues({ caseId: 'bad id', ...EXAMPLE_RIGHTS_GRANT }),
    'inventors.1.share': 'abc',
    'grant.teamShare': '',
  };
  const result = rightsGrantCaseSchema.safeParse(bodyFromForm(fields, form));
  expect(result.success).toBe(false);
  const paths = zodIssues((result as { error: z.ZodError }).error).map((i) => i.path);
  expect(paths).toEqual(expect.arrayContaining(['caseId', 'inventors.1.share', 'grant.teamShare']));
  for (const p of paths) expect(find(fields, p.replace(/\.\d+(?=\.|$)/g, '.*'))).toBeDefined();
});

test('the licence launch form takes the README licence with its payment terms', () => {
  const fields = fieldsOf(deferredLicenceCaseSchema);
  const example = {
    caseId: 'cqu-lic-2026-001',
    ...EXAMPLE_LICENCE,
    payment: { feeCny: 300000, instalments: 3, intervalMonths: 12 },
    guarantee: { kind: 'insurance', provider: 'PICC Chongqing' },
  };
  const body = bodyFromForm(fields, formValues(example));
  expect(deferredLicenceCaseSchema.parse(body)).toEqual(deferredLicenceCaseSchema.parse(example));
});

test("a review finding's value: yes/no or a pricing route, from one select", () => {
  const fields = fieldsOf(reviewActionSchema);
  expect(find(fields, 'value')).toMatchObject({
    type: 'select',
    options: ['true', 'false', 'listing', 'auction', 'negotiated'],
  });
  expect(bodyFromForm(fields, { action: 'finding', value: 'false' }).value).toBe(false);
  expect(bodyFromForm(fields, { action: 'finding', value: 'auction' }).value).toBe('auction');
});
