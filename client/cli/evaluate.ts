// `transferflow evaluate <mechanism>`: pure policy evaluation, no server needed.
import type { Command } from 'commander';
import { MECHANISMS } from '../../policies/types';
import { evaluate } from '../evaluate';
import { print, readJsonInput } from './io';

export function registerEvaluateCommands(cli: Command): void {
  cli
    .command('evaluate <mechanism>')
    .description(`pure policy evaluation; prints the decision JSON (mechanisms: ${MECHANISMS.join(', ')})`)
    .requiredOption('--input <file>', 'request JSON file, or - for standard input')
    .action((mechanism: string, opts: { input: string }) => {
      print(evaluate(mechanism, readJsonInput(opts.input)), true, () => '');
    });
}
