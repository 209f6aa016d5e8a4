// How a report's cell reads, on the page and in the files: codes through the message catalog
// (a code without a message is shown as itself), counts as whole numbers, fen as yuan.
import { MESSAGES } from '../messages';
import { formatMoney, t, type Lang } from '../i18n';
import { yuanOf, type Cell, type Column } from './table';

function label(lang: Lang, column: Column, cell: Cell): string {
  const code = String(cell);
  if (code === '') return t(lang, column.title === 'report.col.holder' ? 'report.unclaimed' : 'report.blank');
  if (column.kind !== 'code') return code;
  const key = `${column.prefix}${code}`;
  return key in MESSAGES ? t(lang, key) : code;
}

/** On the page: amounts as ¥1,234.56. */
export function pageText(lang: Lang, column: Column, cell: Cell): string {
  if (column.kind === 'fen') return formatMoney(yuanOf(cell as bigint));
  if (column.kind === 'count') return String(cell);
  return label(lang, column, cell);
}

/** In a CSV file: amounts as plain yuan (1234.56), which every spreadsheet reads as a number. */
export function fileText(lang: Lang, column: Column, cell: Cell): string {
  if (column.kind === 'fen') return yuanOf(cell as bigint);
  if (column.kind === 'count') return String(cell);
  return label(lang, column, cell);
}
