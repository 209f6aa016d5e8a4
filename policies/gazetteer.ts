// City names in English and Chinese, mapped to one canonical key. This is geography, not
// policy: which cities a rule covers lives in the packs, as canonical keys.

interface Place {
  en: string;
  zh: string;
  /** Province key, so a rule for a province also covers its cities. */
  province?: string;
}

const CITIES: Record<string, Place> = {
  beijing: { en: 'Beijing', zh: '北京' },
  shanghai: { en: 'Shanghai', zh: '上海' },
  tianjin: { en: 'Tianjin', zh: '天津' },
  chongqing: { en: 'Chongqing', zh: '重庆' },
  nanjing: { en: 'Nanjing', zh: '南京', province: 'jiangsu' },
  hangzhou: { en: 'Hangzhou', zh: '杭州', province: 'zhejiang' },
  hefei: { en: 'Hefei', zh: '合肥', province: 'anhui' },
  jinan: { en: 'Jinan', zh: '济南', province: 'shandong' },
  wuhan: { en: 'Wuhan', zh: '武汉', province: 'hubei' },
  changsha: { en: 'Changsha', zh: '长沙', province: 'hunan' },
  guangzhou: { en: 'Guangzhou', zh: '广州', province: 'guangdong' },
  chengdu: { en: 'Chengdu', zh: '成都', province: 'sichuan' },
  xian: { en: "Xi'an", zh: '西安' },
  ningbo: { en: 'Ningbo', zh: '宁波', province: 'zhejiang' },
  xiamen: { en: 'Xiamen', zh: '厦门', province: 'fujian' },
  qingdao: { en: 'Qingdao', zh: '青岛', province: 'shandong' },
  shenzhen: { en: 'Shenzhen', zh: '深圳', province: 'guangdong' },
  suzhou: { en: 'Suzhou', zh: '苏州', province: 'jiangsu' },
  zhuhai: { en: 'Zhuhai', zh: '珠海', province: 'guangdong' },
  foshan: { en: 'Foshan', zh: '佛山', province: 'guangdong' },
  dongguan: { en: 'Dongguan', zh: '东莞', province: 'guangdong' },
  huizhou: { en: 'Huizhou', zh: '惠州', province: 'guangdong' },
  zhongshan: { en: 'Zhongshan', zh: '中山', province: 'guangdong' },
  jiangmen: { en: 'Jiangmen', zh: '江门', province: 'guangdong' },
  zhaoqing: { en: 'Zhaoqing', zh: '肇庆', province: 'guangdong' },
  wuhu: { en: 'Wuhu', zh: '芜湖', province: 'anhui' },
  lanzhou: { en: 'Lanzhou', zh: '兰州', province: 'gansu' },
  // Counties and districts of the Hefei metropolitan pilot (国函〔2025〕86号, Hefei plan).
  wuwei: { en: 'Wuwei', zh: '无为', province: 'anhui' },
  shouxian: { en: 'Shou County', zh: '寿县', province: 'anhui' },
  hanshan: { en: 'Hanshan County', zh: '含山县', province: 'anhui' },
  tongcheng: { en: 'Tongcheng', zh: '桐城', province: 'anhui' },
  dingyuan: { en: 'Dingyuan County', zh: '定远县', province: 'anhui' },
  'luan-jinan': { en: "Jin'an District, Lu'an", zh: '金安区', province: 'anhui' },
  shucheng: { en: 'Shucheng County', zh: '舒城县', province: 'anhui' },
};

const PROVINCES: Record<string, { en: string; zh: string }> = {
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
const PROVINCES_BY_CHINESE = new Map(Object.entries(PROVINCES).map(([key, p]) => [p.zh, key]));

const BY_CHINESE = new Map(Object.entries(CITIES).map(([key, c]) => [c.zh, key]));

/**
 * Canonical key for a city name: "Chongqing", "chongqing", "重庆", "重庆市", "Xi'an", "xian",
 * "Chongqing City" all work. Unknown cities keep a normalised form of their own name, so they
 * can still be recorded and compared (they are simply in no city-level pack).
 */
export function cityKey(name: string): string {
  const trimmed = name.normalize('NFKC').trim();
  const zh = trimmed.replace(/市$/, '');
  const fromChinese = BY_CHINESE.get(zh);
  if (fromChinese) return fromChinese;
  return latinKey(trimmed, /\s+(city|shi)$/);
}

export function cityLabel(key: string): string {
  const city = CITIES[key];
  return city ? `${city.en} (${city.zh})` : key;
}

function latinKey(text: string, suffix: RegExp): string {
  return text
    .toLowerCase()
    .replace(suffix, '')
    .replace(/[\s'’\-_.]/g, '');
}

/** Canonical key for a province: "Guangdong", "广东", "广东省", "Guangdong Province". */
export function provinceKey(name: string): string {
  const trimmed = name.normalize('NFKC').trim();
  return PROVINCES_BY_CHINESE.get(trimmed.replace(/省$/, '')) ?? latinKey(trimmed, /\s+province$/);
}

/** The province of a known city, for rules written per province. */
export function provinceOfCity(cityKeyValue: string): string | undefined {
  return CITIES[cityKeyValue]?.province;
}

export function provinceLabel(key: string): string {
  const p = PROVINCES[key];
  return p ? `${p.en} (${p.zh})` : key;
}
