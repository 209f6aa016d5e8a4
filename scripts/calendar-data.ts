// Regenerates policies/calendar/holidays-<year>.json, the official working-day calendar, from the
// `chinese-days` package (a devDependency, pinned), with the State Council notice each year rests on.
//
//   node -r ./scripts/register.js scripts/calendar-data.ts          # write the files
//   node -r ./scripts/register.js scripts/calendar-data.ts --check  # exit 1 when a file differs
//
// Each November the General Office of the State Council publishes next year's notice (国办发明电).
// To add the year: bump `chinese-days` once it has the year (npm install --save-exact --save-dev
// chinese-days@X), add the notice to NOTICES below (number, date, address), run this script, add
// the file to policies/calendar-years.ts, and add the year's table to tests/unit/calendar.test.ts
// typed from the notice itself — that table, not the package, is what confirms the year.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Notice {
  title: string;
  documentNumber?: string;
  /** The date the notice was issued, when known. */
  date?: string;
  url: string;
}

/** Where a year's holidays were checked: confirmed = compared date by date with the notice in tests. */
interface YearSource {
  notices: Notice[];
  confidence: 'confirmed' | 'secondary';
}

const ISSUER = '国务院办公厅 (General Office of the State Council)';
const title = (year: number) => `国务院办公厅关于${year}年部分节假日安排的通知`;

// The addresses are the ones chinese-days cites for each year (src/holidays/generate.ts); the
// document numbers and dates of 2025 and 2026 were checked against the notices' published text.
const NOTICES: Record<number, YearSource> = {
  2026: {
    confidence: 'confirmed',
    notices: [
      {
        title: title(2026),
        documentNumber: '国办发明电〔2025〕7号',
        date: '2025-11-04',
        url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
      },
    ],
  },
  2025: {
    confidence: 'confirmed',
    notices: [
      {
        title: title(2025),
        documentNumber: '国办发明电〔2024〕12号',
        date: '2024-11-12',
        url: 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
      },
    ],
  },
  2024: secondary(2024, 'https://www.gov.cn/zhengce/content/202310/content_6911527.htm'),
  2023: secondary(2023, 'http://www.gov.cn/zhengce/content/2022-12/08/content_5730844.htm'),
  2022: secondary(2022, 'http://www.gov.cn/zhengce/content/2021-10/25/content_5644835.htm'),
  2021: secondary(2021, 'http://www.gov.cn/zhengce/content/2020-11/25/content_5564127.htm'),
  2020: {
    confidence: 'secondary',
    notices: [
      { title: title(2020), url: 'http://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm' },
      {
        title: '国务院办公厅关于延长2020年春节假期的通知',
        date: '2020-01-26',
        url: 'http://www.gov.cn/zhengce/content/2020-01/27/content_5472352.htm',
      },
    ],
  },
  2019: {
    confidence: 'secondary',
    notices: [
      { title: title(2019), url: 'http://www.gov.cn/xinwen/2018-12/06/content_5346287.htm' },
      {
        title: '国务院办公厅关于调整2019年劳动节假期安排的通知',
        url: 'http://www.gov.cn/zhengce/content/2019-03/22/content_5375877.htm',
      },
    ],
  },
  2018: secondary(2018, 'http://www.gov.cn/zhengce/content/2017-11/30/content_5243579.htm'),
  2017: secondary(2017, 'http://www.gov.cn/zhengce/content/2016-12/01/content_5141603.htm'),
  2016: secondary(2016, 'http://www.gov.cn/zhengce/content/2015-12/10/content_10394.htm'),
  2015: secondary(2015, 'http://www.gov.cn/zhengce/content/2014-12/16/content_9302.htm'),
  2014: secondary(2014, 'http://www.gov.cn/zwgk/2013-12/11/content_2546204.htm'),
  2013: secondary(2013, 'http://www.gov.cn/zwgk/2012-12/10/content_2286598.htm'),
  2012: secondary(2012, 'http://www.gov.cn/zwgk/2011-12/06/content_2012097.htm'),
  2011: secondary(2011, 'http://www.gov.cn/zwgk/2010-12/10/content_1762643.htm'),
  2010: secondary(2010, 'http://www.gov.cn/zwgk/2009-12/08/content_1482691.htm'),
  2009: secondary(2009, 'http://www.gov.cn/zwgk/2008-12/10/content_1174014.htm'),
  2008: secondary(2008, 'http://www.gov.cn/zwgk/2007-12/18/content_837184.htm'),
  2007: secondary(2007, 'http://www.gov.cn/fwxx/sh/2006-12/18/content_471877.htm'),
  2006: secondary(2006, 'http://www.gov.cn/jrzg/2005-12/22/content_133837.htm'),
  // The package cites no official address for 2005 and a transcription for 2004.
  2005: secondary(2005, 'https://zhidao.baidu.com/question/2299098.html'),
  2004: secondary(2004, 'https://zh.wikisource.org/zh-hans/国务院办公厅关于2004年部分节假日安排的通知'),
};

function secondary(year: number, url: string): YearSource {
  return { confidence: 'secondary', notices: [{ title: title(year), url }] };
}

const PACKAGE_DIR = join(__dirname, '..', 'node_modules', 'chinese-days');
const OUT_DIR = join(__dirname, '..', 'policies', 'calendar');

/** chinese-days labels a day "English name,中文名,n": kept as "中文名 English name". */
function label(text: string): string {
  const [en, zh] = text.split(',');
  return `${zh} ${en}`;
}

function yearFile(year: number, source: YearSource, version: string): string {
  const days = JSON.parse(readFileSync(join(PACKAGE_DIR, 'dist', 'years', `${year}.json`), 'utf8')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const sorted = (o: Record<string, string>) =>
    Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((d) => [d, label(o[d])]),
    );
  const data = {
    year,
    issuer: ISSUER,
    notices: source.notices,
    confidence: source.confidence,
    generatedFrom: `chinese-days@${version}`,
    holidays: sorted(days.holidays),
    makeUpWorkingDays: sorted(days.workdays),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

function main(): void {
  const check = process.argv.includes('--check');
  const version = (JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
  let differs = 0;
  for (const [year, source] of Object.entries(NOTICES)) {
    const path = join(OUT_DIR, `holidays-${year}.json`);
    const text = yearFile(Number(year), source, version);
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        // a missing file differs
      }
      if (current !== text) {
        console.error(`${path} differs from chinese-days@${version}`);
        differs++;
      }
    } else writeFileSync(path, text);
  }
  if (differs) process.exit(1);
  console.log(`${Object.keys(NOTICES).length} years ${check ? 'match' : 'written from'} chinese-days@${version}`);
}

main();
