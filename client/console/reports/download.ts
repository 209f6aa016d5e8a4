// Every report table as a file: CSV (UTF-8 with a byte-order mark, so Excel opens Chinese
// correctly; CRLF; RFC 4180 quoting) or XLSX (exceljs), with the column titles in the person's
// language. CSV amounts are exact yuan text; XLSX amounts are numbers (yuan, two decimals shown):
// a spreadsheet must be able to sum them, and fen ÷ 100 round-trips exactly at these magnitudes.
import { Workbook } from 'exceljs';
import { t, type Lang } from '../i18n';
import { fileText } from './cells';
import type { ReportTable } from './table';

function csvField(text: string): string {
  // A leading =, +, - or @ would be run as a formula by a spreadsheet: quote-prefix it.
  const safe = /^[=+\-@]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tableCsv(lang: Lang, table: ReportTable): Buffer {
  const lines = [
    table.columns.map((c) => csvField(t(lang, c.title))).join(','),
    ...table.rows.map((row) => row.map((cell, i) => csvField(fileText(lang, table.columns[i], cell))).join(',')),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function tableXlsx(lang: Lang, table: ReportTable): Promise<Buffer> {
  const book = new Workbook();
  book.creator = 'transferflow';
  // Sheet names: at most 31 characters, none of []:*?/\ .
  const sheet = book.addWorksheet(
    t(lang, table.title)
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 31),
  );
  sheet.addRow(table.columns.map((c) => t(lang, c.title))).font = { bold: true };
  for (const row of table.rows)
    sheet.addRow(
      row.map((cell, i) => {
        const column = table.columns[i];
        if (column.kind === 'count') return Number(cell as bigint);
        if (column.kind === 'fen') return Number(cell as bigint) / 100;
        return fileText(lang, column, cell);
      }),
    );
  table.columns.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = c.kind === 'fen' ? 18 : c.kind === 'count' ? 10 : 28;
    if (c.kind === 'fen') col.numFmt = '#,##0.00';
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
