// City names in English and Chinese, mapped to one canonical key. This is geography, not
// policy: which cities a rule covers lives in the packs, as canonical keys.

const CITIES: Record<string, { en: string; zh: string }> = {
  beijing: { en: 'Beijing', zh: '北京' },
  shanghai: { en: 'Shanghai', zh: '上海' },
  tianjin: { en: 'Tianjin', zh: '天津' },
  chongqing: { en: 'Chongqing', zh: '重庆' },
  nanjing: { en: 'Nanjing', zh: '南京' },
  hangzhou: { en: 'Hangzhou', zh: '杭州' },
  hefei: { en: 'Hefei', zh: '合肥' },
  jinan: { en: 'Jinan', zh: '济南' },
  wuhan: { en: 'Wuhan', zh: '武汉' },
  changsha: { en: 'Changsha', zh: '长沙' },
  guangzhou: { en: 'Guangzhou', zh: '广州' },
  chengdu: { en: 'Chengdu', zh: '成都' },
  xian: { en: "Xi'an", zh: '西安' },
  ningbo: { en: 'Ningbo', zh: '宁波' },
  xiamen: { en: 'Xiamen', zh: '厦门' },
  qingdao: { en: 'Qingdao', zh: '青岛' },
  shenzhen: { en: 'Shenzhen', zh: '深圳' },
  suzhou: { en: 'Suzhou', zh: '苏州' },
  zhuhai: { en: 'Zhuhai', zh: '珠海' },
  foshan: { en: 'Foshan', zh: '佛山' },
  dongguan: { en: 'Dongguan', zh: '东莞' },
  huizhou: { en: 'Huizhou', zh: '惠州' },
  zhongshan: { en: 'Zhongshan', zh: '中山' },
  jiangmen: { en: 'Jiangmen', zh: '江门' },
  zhaoqing: { en: 'Zhaoqing', zh: '肇庆' },
  wuhu: { en: 'Wuhu', zh: '芜湖' },
  lanzhou: { en: 'Lanzhou', zh: '兰州' },
};

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
  const latin = trimmed
    .toLowerCase()
    .replace(/\s+(city|shi)$/, '')
    .replace(/[\s'’\-_.]/g, '');
  return latin;
}

export function cityLabel(key: string): string {
  const city = CITIES[key];
  return city ? `${city.en} (${city.zh})` : key;
}
