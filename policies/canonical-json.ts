import { sha256Hex } from './sha256';

// Canonical JSON: object keys sorted, no whitespace. Two equal values always serialise to the
// same text, so their hashes can be compared across machines and years.
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 of a value's canonical JSON: equal values, equal hashes. */
export function contentHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
