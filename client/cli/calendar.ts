// `transferflow calendar add-working-days`: the official working-day calendar, no server needed.
import type { Command } from 'commander';
import { answerAddWorkingDays } from '../calendar';
import { print } from './io';

/** "15" is the number 15; anything else goes to the schema as typed, so its issue names the field. */
function wholeNumberOr(text: string): number | string {
  return /^-?\d+$/.test(text.trim()) ? Number(text) : text;
}

export function registerCalendarCommands(cli: Command): void {
  cli
    .command('calendar')
    .description('the official working-day calendar (public holidays and make-up working days per year)')
    .command('add-working-days')
    .description('the n-th working day after a date; "assumed" when a year without published holidays was crossed')
    .requiredOption('--from <date>', 'start date YYYY-MM-DD (counting starts the next day)')
    .requiredOption('--days <n>', 'working days to add')
    .action((opts: { from: string; days: string }) => {
      print(answerAddWorkingDays({ from: opts.from, days: wholeNumberOr(opts.days) }), true, () => '');
    });
}
