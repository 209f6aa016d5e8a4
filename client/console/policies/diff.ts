// The difference between two packs, field by field: both flattened to paths (parameters.ratio,
// sources.0.title…) and compared by their canonical JSON, so a change anywhere — a threshold, a
// city added, a source's date, an assumption reworded — is one row.
import { canonicalJson } from '../../../policies/canonical-json';
import type { PolicyPack } from '../../../policies/types';

export interface FieldDifference {
  path: string;
  /** The value in each pack as JSON text; undefined when the pack has no such field. */
  a?: string;
  b?: string;
}

/** Leaves of a JSON value by path; an empty object or list is a leaf of its own. */
export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) out.set(prefix, canonicalJson(value));
  return out;
}

export function packDifferences(a: PolicyPack, b: PolicyPack): FieldDifference[] {
  const fa = flatten(a);
  const fb = flatten(b);
  const paths = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  return paths.filter((p) => fa.get(p) !== fb.get(p)).map((path) => ({ path, a: fa.get(path), b: fb.get(path) }));
}
