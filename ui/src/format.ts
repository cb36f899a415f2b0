// Number, date and label formatting for Japanese officers.
const intFmt = new Intl.NumberFormat("ja-JP");
const pctFmt = new Intl.NumberFormat("ja-JP", { style: "percent", maximumFractionDigits: 1 });

export const SUPPRESSED = "秘匿";

export function int(n: number | null | undefined): string {
  return n === null || n === undefined || Number.isNaN(n) ? "—" : intFmt.format(n);
}

export function pct(n: number | null | undefined): string {
  return n === null || n === undefined || Number.isNaN(n) ? "—" : pctFmt.format(n);
}

/** Scores in [0,1]; small ones (propensities) keep three significant digits instead of "0.00". */
export function score(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  if (n === 0 || Math.abs(n) >= 0.1) return n.toFixed(2);
  return n.toPrecision(3);
}

export function yen(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  if (n >= 100_000_000 && n % 1_000_000 === 0) return `${intFmt.format(n / 100_000_000)}億円`;
  if (n >= 10_000 && n % 10_000 === 0) return `${intFmt.format(n / 10_000)}万円`;
  return `${intFmt.format(n)}円`;
}

/** The eras since the Gregorian calendar came in (1873), with the first day of each. */
const ERAS: [string, string][] = [
  ["2019-05-01", "令和"],
  ["1989-01-08", "平成"],
  ["1926-12-25", "昭和"],
  ["1912-07-30", "大正"],
  ["1868-10-23", "明治"],
];

/** "2026-12-20" → "2026年12月20日（令和8年）"; "1989-01-07" → "1989年1月7日（昭和64年）". */
export function date(iso: string | null | undefined): string {
  if (!iso) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const found = ERAS.find(([start]) => day >= start);
  let era = "";
  if (found) {
    const n = y - Number(found[0].slice(0, 4)) + 1;
    era = `（${found[1]}${n === 1 ? "元" : n}年）`;
  }
  return `${y}年${mo}月${d}日${era}`;
}

export const PREFECTURES: Record<string, string> = {
  "01": "北海道", "02": "青森県", "03": "岩手県", "04": "宮城県", "05": "秋田県", "06": "山形県",
  "07": "福島県", "08": "茨城県", "09": "栃木県", "10": "群馬県", "11": "埼玉県", "12": "千葉県",
  "13": "東京都", "14": "神奈川県", "15": "新潟県", "16": "富山県", "17": "石川県", "18": "福井県",
  "19": "山梨県", "20": "長野県", "21": "岐阜県", "22": "静岡県", "23": "愛知県", "24": "三重県",
  "25": "滋賀県", "26": "京都府", "27": "大阪府", "28": "兵庫県", "29": "奈良県", "30": "和歌山県",
  "31": "鳥取県", "32": "島根県", "33": "岡山県", "34": "広島県", "35": "山口県", "36": "徳島県",
  "37": "香川県", "38": "愛媛県", "39": "高知県", "40": "福岡県", "41": "佐賀県", "42": "長崎県",
  "43": "熊本県", "44": "大分県", "45": "宮崎県", "46": "鹿児島県", "47": "沖縄県",
};

export const SIZE_CLASSES: Record<string, string> = {
  small_scale: "小規模事業者",
  sme: "中小企業",
  large: "大企業",
};

export const JSIC: Record<string, string> = {
  A: "農業，林業", B: "漁業", C: "鉱業，採石業，砂利採取業", D: "建設業", E: "製造業",
  F: "電気・ガス・熱供給・水道業", G: "情報通信業", H: "運輸業，郵便業", I: "卸売業，小売業",
  J: "金融業，保険業", K: "不動産業，物品賃貸業", L: "学術研究，専門・技術サービス業",
  M: "宿泊業，飲食サービス業", N: "生活関連サービス業，娯楽業", O: "教育，学習支援業",
  P: "医療，福祉", Q: "複合サービス事業", R: "サービス業（他に分類されないもの）",
  S: "公務（他に分類されるものを除く）", T: "分類不能の産業",
};

export const STATUS: Record<string, string> = {
  active: "存続", closed: "閉鎖", merged: "合併により消滅", deleted: "削除",
};

/** The pipelines write "unknown" for a missing attribute. */
const UNKNOWN = "不明";

export function prefecture(code: string | null | undefined): string {
  if (!code) return "—";
  if (code === "unknown") return UNKNOWN;
  return PREFECTURES[code.padStart(2, "0")] ?? code;
}

export function sizeClass(id: string | null | undefined): string {
  if (!id || id === "unknown") return UNKNOWN;
  return SIZE_CLASSES[id] ?? id;
}

export function jsic(letter: string | null | undefined): string {
  if (!letter) return "—";
  if (letter === "unknown") return UNKNOWN;
  const name = JSIC[letter];
  return name ? `${letter} ${name}` : letter;
}

export function yesNo(b: boolean | null | undefined, yes: string, no: string): string {
  return b === null || b === undefined ? "—" : b ? yes : no;
}

// Labels of conf/needs.yaml (the ids are stable); an unknown id is shown as it is.
export const NEEDS: Record<string, string> = {
  equipment_investment: "設備投資", digitalization: "デジタル化・IT導入", sales_channels: "販路開拓",
  succession: "事業承継・M&A", overseas_expansion: "海外展開", energy_gx: "省エネ・GX（脱炭素）",
  hiring_training: "人材確保・育成", cash_flow: "資金繰り", rnd: "研究開発",
  new_business: "新事業・事業転換", startup: "創業・起業", resilience_bcp: "防災・事業継続（BCP）",
};

export function need(id: string): string {
  return NEEDS[id] ?? id;
}
