// The console's building blocks without a server: escaping, the message catalogs, dates, money.
import { html, raw } from '../../client/console/html';
import { formatDate, formatMoney, LANGS, MissingMessageError, t } from '../../client/console/i18n';
import { MESSAGES } from '../../client/console/messages';

test('every interpolation is escaped; nested html and raw() pass as they are', () => {
  const title = '<script>alert(1)</script>';
  const attr = `" onmouseover="x`;
  const out = html`<p title="${attr}">${title}</p>
    ${html`<b>${'&'}</b>`}${raw('<hr>')}`;
  expect(out.text).toBe(
    '<p title="&quot; onmouseover=&quot;x">&lt;script&gt;alert(1)&lt;/script&gt;</p><b>&amp;</b><hr>',
  );
});

test('arrays are joined, and null, undefined and false render nothing; 0 renders', () => {
  expect(html`${['<a>', html`<i>b</i>`]}|${null}${undefined}${false}|${0}`.text).toBe('&lt;a&gt;<i>b</i>||0');
});

test('a string that looks like an Html object is still text', () => {
  const fake = { text: '<script>' } as unknown as string;
  expect(html`${fake}`.text).toBe('[object Object]');
});

test('every message has both languages, non-empty, with the same placeholders', () => {
  for (const [key, m] of Object.entries(MESSAGES)) {
    for (const lang of LANGS) expect({ key, lang, empty: m[lang].trim() === '' }).toEqual({ key, lang, empty: false });
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
    expect({ key, zh: names(m.zh) }).toEqual({ key, zh: names(m.en) });
  }
});

test('a missing message is an error, not the key shown to a person', () => {
  expect(() => t('zh', 'no.such.key')).toThrow(MissingMessageError);
  expect(t('en', 'home.welcome', { name: 'Li' })).toBe('Welcome, Li');
  expect(t('zh', 'home.welcome', { name: '李' })).toBe('欢迎，李');
});

test('dates as people write them, a calendar day never shifted by time zones', () => {
  expect(formatDate('zh', '2026-03-02')).toBe('2026年3月2日');
  expect(formatDate('en', '2026-03-02')).toBe('2 Mar 2026');
  // 23:30 UTC on 1 March is already 2 March in China.
  expect(formatDate('zh', new Date('2026-03-01T23:30:00Z'))).toBe('2026年3月2日');
  expect(formatDate('en', new Date('2026-12-31T15:59:59Z'))).toBe('31 Dec 2026');
  expect(() => formatDate('en', '2 March')).toThrow();
});

test('money from exact decimal strings, grouped, two decimals, no float on the way', () => {
  expect(formatMoney('1234567.89')).toBe('¥1,234,567.89');
  expect(formatMoney('0')).toBe('¥0.00');
  expect(formatMoney('100000')).toBe('¥100,000.00');
  expect(formatMoney('-12.5')).toBe('-¥12.50');
  // Beyond a double's 15–17 digits: every cent kept.
  expect(formatMoney('98765432109876543.21')).toBe('¥98,765,432,109,876,543.21');
});
