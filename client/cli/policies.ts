// `transferflow policies list`: the packs in the registry, no server needed.
import type { Command } from 'commander';
import { allPacks, packHash } from '../../policies/registry';
import { MECHANISMS } from '../../policies/types';
import { InvalidInputError } from '../issues';
import { formatPacks } from './format';
import { print } from './io';

export function registerPolicyCommands(cli: Command): void {
  cli
    .command('policies')
    .description('policy packs')
    .command('list')
    .description('the packs with scope, dates, sources and confidence')
    .option('--mechanism <m>', 'only this mechanism')
    .option('--json', 'JSON output')
    .action((opts: { mechanism?: string; json?: boolean }) => {
      if (opts.mechanism && !(MECHANISMS as readonly string[]).includes(opts.mechanism)) {
        throw new InvalidInputError([
          { path: 'mechanism', message: `unknown mechanism; one of ${MECHANISMS.join(', ')}` },
        ]);
      }
      const packs = allPacks()
        .filter((p) => !opts.mechanism || p.mechanism === opts.mechanism)
        .map((p) => ({ ...p, hash: packHash(p) }));
      print(packs, Boolean(opts.json), () => formatPacks(packs));
    });
}
