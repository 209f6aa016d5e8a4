// Form fields from the SAME zod schemas the API validates with: the schema's JSON Schema (zod 4's
// z.toJSONSchema, as accepted: io "input") walked into a tree of labelled fields, so a launch or
// action form cannot ask for something the API would refuse, or forget what it requires. Field
// names are the body's dotted paths (inventors.0.share), the same paths zod's issues name, so an
// issue lands next to its field.
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minItems?: number;
  maxItems?: number;
  maxLength?: number;
  description?: string;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

interface FieldBase {
  /** The body path with list indices as "*": inventors.*.share. */
  path: string;
  /** The catalog key of its label: "field." + the path without list markers (field.inventors.share). */
  label: string;
  required: boolean;
}

export type ScalarType = 'text' | 'textarea' | 'date' | 'number' | 'integer' | 'select' | 'checkbox';

export type ScalarField = FieldBase & {
  type: ScalarType;
  /** select: the values offered (booleans as "true"/"false"). */
  options?: string[];
  min?: number;
  max?: number;
  step?: number;
  maxLength?: number;
};

export type Field =
  | (FieldBase & { type: 'group'; fields: Field[] })
  | (FieldBase & { type: 'list'; item: Field[]; min: number; max: number })
  /** Objects told apart by one constant property (grant.form: ownership | long-term-use). */
  | (FieldBase & { type: 'variant'; discriminator: string; variants: Array<{ value: string; fields: Field[] }> })
  | ScalarField;

export interface FieldOptions {
  /** Paths left out of the form (filled in by the page, e.g. the action of a button). */
  omit?: readonly string[];
  /** Text fields longer than this become a textarea (default 500). */
  textareaFrom?: number;
}

export const labelKey = (path: string) => `field.${path.replace(/\.\*/g, '')}`;

const join = (base: string, name: string) => (base ? `${base}.${name}` : name);

function scalarValues(s: JsonSchema): string[] | null {
  if (s.enum) return s.enum.map(String);
  if (s.const !== undefined) return [String(s.const)];
  if (s.type === 'boolean') return ['true', 'false'];
  return null;
}

function walk(s: JsonSchema, path: string, required: boolean, options: FieldOptions): Field | null {
  if (options.omit?.includes(path.replace(/\.\*/g, ''))) return null;
  const base = { path, label: labelKey(path), required };
  const variants = s.anyOf ?? s.oneOf;
  if (variants) {
    // Objects with a common constant property: a choice of shape.
    const objects = variants.filter((v) => v.type === 'object' && v.properties);
    const discriminator =
      objects.length === variants.length
        ? Object.keys(objects[0].properties!).find((k) => objects.every((o) => o.properties![k]?.const !== undefined))
        : undefined;
    if (discriminator)
      return {
        ...base,
        type: 'variant',
        discriminator,
        variants: objects.map((o) => ({
          value: String(o.properties![discriminator].const),
          fields: objectFields({ ...o, properties: omitKey(o.properties!, discriminator) }, path, options),
        })),
      };
    // Objects with no common constant (licence payment terms: a fee or a royalty): one group of
    // every shape's fields, none required by itself; the fields filled in pick the shape.
    if (objects.length === variants.length) {
      const merged: Record<string, JsonSchema> = Object.assign({}, ...objects.map((o) => o.properties));
      return { ...base, type: 'group', fields: objectFields({ type: 'object', properties: merged }, path, options) };
    }
    // Scalars of several kinds (a finding's value: yes/no or a pricing route): one choice of all their values.
    const values = variants.map(scalarValues);
    if (values.every((v) => v)) return { ...base, type: 'select', options: [...new Set(values.flat() as string[])] };
    throw new Error(`form field ${path}: a union the console cannot render`);
  }
  switch (s.type) {
    case 'object':
      return { ...base, type: 'group', fields: objectFields(s, path, options) };
    case 'array': {
      const itemPath = `${path}.*`;
      const item = s.items ? walk(s.items, itemPath, true, options) : null;
      if (!item) throw new Error(`form field ${path}: a list without items`);
      return {
        ...base,
        type: 'list',
        item: item.type === 'group' ? item.fields : [item],
        min: s.minItems ?? 0,
        max: s.maxItems ?? 50,
      };
    }
    case 'boolean':
      // A box left unticked says "no"; an optional yes/no may also be left unsaid (its default
      // then applies, e.g. an acquirer's good credit), so it is a choice with a blank.
      return required ? { ...base, type: 'checkbox' } : { ...base, type: 'select', options: ['true', 'false'] };
    case 'number':
    case 'integer':
      return {
        ...base,
        type: s.type,
        min: s.minimum ?? s.exclusiveMinimum,
        max: s.maximum ?? s.exclusiveMaximum,
        step: s.type === 'integer' ? 1 : s.multipleOf,
      };
    case 'string':
      if (s.enum) return { ...base, type: 'select', options: s.enum.map(String) };
      if (s.format === 'date') return { ...base, type: 'date' };
      return {
        ...base,
        type: (s.maxLength ?? 0) > (options.textareaFrom ?? 500) ? 'textarea' : 'text',
        maxLength: s.maxLength,
      };
    default:
      throw new Error(`form field ${path}: type ${String(s.type)} the console cannot render`);
  }
}

function omitKey(props: Record<string, JsonSchema>, key: string): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(props).filter(([k]) => k !== key));
}

function objectFields(s: JsonSchema, path: string, options: FieldOptions): Field[] {
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).flatMap(([name, p]) => {
    const f = walk(p, join(path, name), required.has(name), options);
    return f ? [f] : [];
  });
}

/** The fields of a body schema (an object), as the API accepts it. */
export function fieldsOf(schema: z.ZodType, options: FieldOptions = {}): Field[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  if (json.type !== 'object') throw new Error('a form is made from an object schema');
  return objectFields(json, '', options);
}

/** Every field's path, depth first (lists as their "*" paths): for catalog and rendering checks. */
export function fieldPaths(fields: Field[]): string[] {
  return fields.flatMap((f) => {
    if (f.type === 'group') return [f.path, ...fieldPaths(f.fields)];
    if (f.type === 'list') return [f.path, ...fieldPaths(f.item)];
    if (f.type === 'variant') return [f.path, ...f.variants.flatMap((v) => fieldPaths(v.fields))];
    return [f.path];
  });
}
