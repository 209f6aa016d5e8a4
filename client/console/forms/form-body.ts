// A submitted form back into the body the API takes: dotted names (inventors.0.share) into nested
// objects and lists, typed by the same field tree the form was drawn from (numbers, yes/no,
// dates), blank fields and blank list rows left out — so zod then judges exactly what the person
// meant, and names the same paths the form shows.
import type { Field } from './schema-fields';

/** A form as received: each name with its value (the last one if sent twice). */
export type FormEntries = Record<string, string | string[] | undefined>;

const valueOf = (form: FormEntries, name: string): string | undefined => {
  const v = form[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return s === undefined ? undefined : s.trim();
};

/** The concrete name of a field in a list row: inventors.*.share in row 2 → inventors.2.share. */
export function concrete(path: string, indices: number[]): string {
  let i = 0;
  return path.replace(/\*/g, () => String(indices[i++] ?? 0));
}

function scalar(f: Extract<Field, { options?: string[] }>, raw: string | undefined): unknown {
  if (f.type === 'checkbox') return raw !== undefined && raw !== '' && raw !== 'false';
  if (raw === undefined || raw === '') return undefined;
  if (f.type === 'number' || f.type === 'integer') {
    // Chinese number input often carries full-width digits or thousands separators.
    const n = Number(raw.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/[,，\s]/g, ''));
    return Number.isFinite(n) ? n : raw; // left as text, zod names the field "expected number"
  }
  if (f.type === 'select' && f.options?.includes('true') && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/** The list rows a form sent: every index that appears under the list's name, in order. */
export function rowsOf(form: FormEntries, listName: string): number[] {
  const prefix = `${listName}.`;
  const rows = new Set<number>();
  for (const name of Object.keys(form)) {
    if (!name.startsWith(prefix)) continue;
    const n = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(n) && n >= 0 && n < 1000) rows.add(n);
  }
  return [...rows].sort((a, b) => a - b);
}

function build(fields: Field[], form: FormEntries, indices: number[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const name = concrete(f.path, indices);
    const key = f.path.slice(f.path.lastIndexOf('.') + 1);
    const v = valueOfField(f, form, name, indices);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function isBlank(v: Record<string, unknown>, fields: Field[]): boolean {
  // A group or row the person did not fill in: nothing given, bar boxes left unticked (an unticked
  // box cannot tell "no" from "not filled in"; an explicit "no" chosen from a list can).
  // A required group inside an optional one (a licence's reward terms: their unit, their place) is
  // built as an empty object or list even when nothing was typed: blank too.
  return fields.every((f) => blankValue(f, v[f.path.slice(f.path.lastIndexOf('.') + 1)]));
}

function blankValue(f: Field, x: unknown): boolean {
  if (x === undefined) return true;
  if (f.type === 'checkbox') return x === false;
  if (f.type === 'group') return isBlank(x as Record<string, unknown>, f.fields);
  if (f.type === 'list') return Array.isArray(x) && x.length === 0;
  if (f.type === 'variant') return typeof x === 'object' && x !== null && Object.keys(x).length === 0;
  return false;
}

function valueOfField(f: Field, form: FormEntries, name: string, indices: number[]): unknown {
  switch (f.type) {
    case 'group': {
      const v = build(f.fields, form, indices);
      return !f.required && isBlank(v, f.fields) ? undefined : v;
    }
    case 'list': {
      const rows = rowsOf(form, name)
        .map((row) => {
          const item = f.item.length === 1 && f.item[0].path === f.path + '.*' ? null : f.item;
          if (!item) return scalar(f.item[0] as never, valueOf(form, `${name}.${row}`));
          const v = build(item, form, [...indices, row]);
          return isBlank(v, item) ? undefined : v;
        })
        .filter((v) => v !== undefined);
      return rows.length || f.required ? rows : undefined;
    }
    case 'variant': {
      const chosen = valueOf(form, `${name}.${f.discriminator}`);
      const variant = f.variants.find((v) => v.value === chosen);
      if (!variant) return chosen ? { [f.discriminator]: chosen } : f.required ? {} : undefined;
      return { [f.discriminator]: variant.value, ...build(variant.fields, form, indices) };
    }
    default:
      return scalar(f, valueOf(form, name));
  }
}

/** The body a form describes, ready for the API's own parse (client/issues.ts parseInput). */
export function bodyFromForm(fields: Field[], form: FormEntries): Record<string, unknown> {
  return build(fields, form, []);
}

/** A body (an example, or what was submitted) as form values by name: for filling a form in. */
export function formValues(body: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  if (body === null || body === undefined) return out;
  if (typeof body !== 'object') {
    out[prefix] = String(body);
    return out;
  }
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    Object.assign(out, formValues(v, prefix ? `${prefix}.${k}` : k));
  }
  return out;
}
