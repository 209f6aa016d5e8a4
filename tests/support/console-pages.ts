// Helpers of the case pages' browser tests: fill a form by its fields' names (the body paths the
// API takes), press a button and wait for the next page, read the page's text.
import type { Page } from 'puppeteer-core';

/**
 * Sets fields by name (text, select, textarea; checkboxes by "true"/"false") as a person would
 * leave them, in the form `scope` names (a page may have several forms with the same field names).
 */
export async function fill(page: Page, values: Record<string, string>, scope = ''): Promise<void> {
  await page.evaluate(
    (entries: Array<[string, string]>, within: string) => {
      const doc = (globalThis as unknown as { document: any }).document;
      for (const [name, value] of entries) {
        const el = doc.querySelector(`${within} [name="${name}"]`);
        if (!el) throw new Error(`no field ${name}`);
        if (el.type === 'checkbox') el.checked = value === 'true';
        else el.value = value;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }
    },
    Object.entries(values),
    scope,
  );
}

/** Clicks and waits for the page the click leads to. */
export async function press(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ timeout: 60_000 }), page.click(selector)]);
}

export const text = (page: Page, selector = 'main') =>
  page.$eval(selector, (e) => (e as unknown as { innerText: string }).innerText);

/** Reloads `url` until its main text contains `wanted` (a workflow's step is saved a moment after the action). */
export async function until(page: Page, url: string, wanted: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(url);
    const t = await text(page);
    if (t.includes(wanted)) return t;
    if (Date.now() > deadline) throw new Error(`${url} never showed "${wanted}"; last:\n${t.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Reloads the case page at `url` until its stage reads `stage` (in the page's language). */
export async function untilStage(page: Page, url: string, stage: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.goto(url);
    const now = await text(page, '.where .tag.stage');
    if (now === stage) return;
    if (Date.now() > deadline) throw new Error(`${url} never reached stage "${stage}"; it is at "${now}"`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
