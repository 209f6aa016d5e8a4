// Rewrites README's configuration table from client/config.ts, the one list of variables
// (tests/unit/config.test.ts fails while the two differ):
//   node -r ./scripts/register.js scripts/config-table.ts
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configTableMarkdown } from '../client/config';

const README = path.join(__dirname, '..', 'README.md');
const readme = readFileSync(README, 'utf8');
// The table is the first one after the "## Configuration" heading: its header row to the blank line.
const section = readme.indexOf('\n## Configuration\n');
if (section < 0) throw new Error('README.md has no "## Configuration" section');
const start = readme.indexOf('\n| variable |', section) + 1;
const end = readme.indexOf('\n\n', start);
if (start <= 0 || end < 0) throw new Error('README.md\'s configuration section has no "| variable |" table');
writeFileSync(README, `${readme.slice(0, start)}${configTableMarkdown()}${readme.slice(end)}`);
process.stdout.write('README.md: configuration table rewritten from client/config.ts\n');
