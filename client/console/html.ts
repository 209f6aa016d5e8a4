// The console's only way to make markup: the `html` tagged template escapes every interpolated
// value, so nothing a person typed (a case title, a reason, a licensee's name) can become markup.
// Fragments already built with `html` nest as they are; `raw()` marks the few trusted literals
// (never user input) that must pass unescaped. Arrays are joined, null/undefined/false render nothing.

declare const brand: unique symbol;

/** Markup that is safe to send: built by `html` or `raw` only. */
export interface Html {
  readonly [brand]: true;
  readonly text: string;
  toString(): string;
}

class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

function safe(text: string): Html {
  return new SafeHtml(text) as unknown as Html;
}

export function isHtml(value: unknown): value is Html {
  return value instanceof SafeHtml;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Anything that may be interpolated into `html`. */
export type HtmlValue = Html | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (isHtml(value)) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Markup from a template: the literal parts are trusted, every interpolation is escaped. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return safe(out);
}

/** A trusted fragment passed through unescaped. Only for literals and markup built here, never input. */
export function raw(text: string): Html {
  return safe(text);
}
