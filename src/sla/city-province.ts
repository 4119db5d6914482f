import { normalise } from '../understanding/normalise.js';

/**
 * Which province a site is in when its address names only the city ("苏州工业园区…", "广州市天河区…",
 * "深圳南山区…"): on-site arrival promises compare provinces, and a mainland city is not one (Taiwan's cities
 * and counties are, and addresses there start with them: dialogs' provinceOf reads those as written). A table,
 * not a gazetteer dependency: the cities customers write, in Simplified (the address is read after the
 * understanding's normalising, Traditional → Simplified) and the usual English spellings.
 */

const PROVINCES: Record<string, readonly string[]> = {
  北京市: ['北京'],
  上海市: ['上海'],
  天津市: ['天津'],
  重庆市: ['重庆'],
  广东省: ['广东', '广州', '深圳', '东莞', '佛山', '珠海', '中山', '惠州', '江门', '汕头', '湛江', '肇庆', '清远', '韶关', '梅州', '茂名', '揭阳', '潮州'],
  江苏省: ['江苏', '南京', '苏州', '无锡', '常州', '南通', '扬州', '镇江', '徐州', '盐城', '泰州', '淮安', '连云港', '宿迁', '昆山', '江阴', '张家港'],
  浙江省: ['浙江', '杭州', '宁波', '温州', '绍兴', '嘉兴', '湖州', '金华', '台州', '义乌', '舟山', '衢州', '丽水'],
  福建省: ['福建', '福州', '厦门', '泉州', '漳州', '莆田', '龙岩', '三明', '宁德'],
  山东省: ['山东', '济南', '青岛', '烟台', '潍坊', '淄博', '威海', '临沂', '济宁'],
  河北省: ['河北', '石家庄', '唐山', '保定', '廊坊', '秦皇岛', '邯郸'],
  河南省: ['河南', '郑州', '洛阳', '开封', '新乡', '南阳'],
  湖北省: ['湖北', '武汉', '宜昌', '襄阳', '十堰'],
  湖南省: ['湖南', '长沙', '株洲', '湘潭', '岳阳', '衡阳'],
  安徽省: ['安徽', '合肥', '芜湖', '马鞍山', '蚌埠'],
  江西省: ['江西', '南昌', '赣州', '九江'],
  四川省: ['四川', '成都', '绵阳', '德阳', '宜宾'],
  陕西省: ['陕西', '西安', '咸阳', '宝鸡'],
  山西省: ['山西', '太原', '大同'],
  辽宁省: ['辽宁', '沈阳', '大连', '鞍山'],
  吉林省: ['吉林', '长春'],
  黑龙江省: ['黑龙江', '哈尔滨', '大庆'],
  云南省: ['云南', '昆明'],
  贵州省: ['贵州', '贵阳'],
  海南省: ['海南', '海口', '三亚'],
  甘肃省: ['甘肃', '兰州'],
  青海省: ['青海', '西宁'],
  广西壮族自治区: ['广西', '南宁', '桂林', '柳州'],
  内蒙古自治区: ['内蒙古', '呼和浩特', '包头'],
  宁夏回族自治区: ['宁夏', '银川'],
  新疆维吾尔自治区: ['新疆', '乌鲁木齐'],
  西藏自治区: ['西藏', '拉萨'],
  香港: ['香港', '九龙', '新界'],
  澳门: ['澳门'],
};

/** English spellings of the cities above that customers use ("88 Tianhe Rd, Guangzhou"). */
const ENGLISH: Record<string, string> = {
  beijing: '北京市', shanghai: '上海市', tianjin: '天津市', chongqing: '重庆市',
  guangzhou: '广东省', shenzhen: '广东省', dongguan: '广东省', foshan: '广东省', zhuhai: '广东省', huizhou: '广东省',
  suzhou: '江苏省', nanjing: '江苏省', wuxi: '江苏省', changzhou: '江苏省', kunshan: '江苏省',
  hangzhou: '浙江省', ningbo: '浙江省', wenzhou: '浙江省', xiamen: '福建省', fuzhou: '福建省', quanzhou: '福建省',
  qingdao: '山东省', jinan: '山东省', chengdu: '四川省', wuhan: '湖北省', changsha: '湖南省', xian: '陕西省', "xi'an": '陕西省',
  shenyang: '辽宁省', dalian: '辽宁省', hefei: '安徽省', zhengzhou: '河南省', kunming: '云南省', nanning: '广西壮族自治区',
};
/** Not followed by a road word: Taipei has a Nanjing E Rd and a Chongqing S Rd. */
const ENGLISH_CITY = new RegExp(String.raw`\b(${Object.keys(ENGLISH).join('|')})\b(?!\s+(?:[ewsn]\.?|east|west|south|north)?\s*(?:rd|road|st|street|ave|avenue|blvd|ln|lane)\b)`, 'i');
/** An address in Taiwan or Hong Kong written in English is not read for mainland cities. */
const NOT_MAINLAND = /\b(?:taiwan|taipei|new taipei|taichung|tainan|kaohsiung|hsinchu|taoyuan|keelung|chiayi|hong kong|kowloon|macau)\b/i;

const CITY_TO_PROVINCE: [string, string][] = [
  ...Object.entries(PROVINCES).flatMap(([province, names]) => names.map((n): [string, string] => [n, province])),
].sort((a, b) => b[0].length - a[0].length);

/** Country words that may come before the province or city ("中国江苏省…", "台灣台北市…"). */
const COUNTRY = /^(?:中国|中华人民共和国|台湾|中华民国)\s*/;
/** A road named after a city: 中山路, 南京东路, 北京西路 are streets, not cities. */
const STREET_AFTER = /^(?:[东西南北中]?(?:路|街|道|巷|大道))/;

/**
 * The province an address starts with, named by its province or by one of its cities: "苏州工业园区星湖街" →
 * "江苏省", "廣州市天河區" → "广东省", "Tianhe Rd, Guangzhou" → "广东省"; undefined for any other address.
 * Only the start of a Chinese address is read, and a street named after a city ("南京东路", "中山路") is a street.
 */
export function provinceOfCity(address: string): string | undefined {
  const head = normalise(address.trim()).replace(COUNTRY, '').slice(0, 12);
  for (const [name, province] of CITY_TO_PROVINCE) {
    if (head.startsWith(name) && !STREET_AFTER.test(head.slice(name.length))) return province;
  }
  const english = NOT_MAINLAND.test(address) ? null : ENGLISH_CITY.exec(address);
  return english ? ENGLISH[english[1]!.toLowerCase()] : undefined;
}
