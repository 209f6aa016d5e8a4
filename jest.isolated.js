// Suites that import ES-module-only packages (puppeteer-core, oidc-provider) through a real dynamic
// import: each runs in a jest process of its own (scripts/test-isolated.sh, part of `npm test`),
// and the main run (jest.config.js) leaves them out. See scripts/test-isolated.sh for why.
module.exports = [
  'tests/browser/console-sign-in.browser.test.ts',
  'tests/browser/console-cases.browser.test.ts',
  'tests/browser/console-rights-grant.browser.test.ts',
  'tests/browser/console-audit.browser.test.ts',
  'tests/browser/console-training.browser.test.ts',
  'tests/browser/console-reports.browser.test.ts',
  'tests/browser/console-reward.browser.test.ts',
  'tests/browser/console-notices.browser.test.ts',
  'tests/browser/console-documents.browser.test.ts',
  'tests/unit/console-oidc.test.ts',
  'tests/browser/console-oidc.browser.test.ts',
];
