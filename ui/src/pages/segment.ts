import * as api from "../api";
import { barChart, type Bar } from "../charts";
import { download, toCsv } from "../csv";
import { h } from "../dom";
import { int, jsic, need, pct, prefecture, score, sizeClass, SUPPRESSED } from "../format";
import { button, pageHeader, publicationNote, suppressedCell, table } from "./common";
import { trend, unreachedShare } from "./segments";

interface SectionInfo {
  title: string;
  en: string;
  label: (key: string, row: api.ReportRow) => string;
  scoreLike?: boolean;
}

const MAX_BARS = 20;

function sectionInfo(section: string, programNames: Map<string, string>): SectionInfo {
  const s = section.toLowerCase();
  const program = (k: string) => programNames.get(k) ?? k;
  if (/industry|jsic/.test(s)) return { title: "業種別の企業数", en: "By industry", label: (k) => jsic(k) };
  if (/pref/.test(s)) return { title: "都道府県別の企業数", en: "By prefecture", label: (k) => prefecture(k) };
  if (/size/.test(s)) return { title: "規模別の企業数", en: "By size class", label: (k) => sizeClass(k) };
  if (/under/.test(s)) return { title: "活用が少ない施策", en: "Under-used programs", label: program };
  if (/uptake|program/.test(s)) return { title: "施策別の利用状況", en: "Uptake by program", label: program };
  if (/need/.test(s)) return { title: "ニーズの強さ", en: "Need profile", label: (k) => need(k), scoreLike: true };
  if (/reach/.test(s)) return { title: "到達状況", en: "Reach", label: (k) => (k === "unreached" ? "未到達" : k === "reached" ? "到達済み" : k) };
  return { title: section, en: "", label: (k) => k };
}

const DIMENSIONS: Record<string, string> = {
  firms: "企業数", count: "件数", share: "構成比", applications: "申請件数", awards: "採択件数",
  award_rate: "採択率", uptake_rate: "利用率", uptake: "利用率", mean_score: "平均スコア", score: "スコア",
  applicants: "申請企業数", eligible: "対象企業数", eligible_not_applied: "対象だが未申請",
};

function dimensionLabel(d: string | null | undefined): string {
  if (!d) return "";
  return DIMENSIONS[d] ?? d;
}

function groupRows(rows: api.ReportRow[]): Map<string, api.ReportRow[]> {
  const groups = new Map<string, api.ReportRow[]>();
  for (const r of rows) {
    const k = `${r.section}\u0000${r.dimension ?? ""}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  return groups;
}

function metricOf(rows: api.ReportRow[], info: SectionInfo): { pick: (r: api.ReportRow) => number | null; unit: "count" | "share" | "score" } {
  const visible = rows.filter((r) => !r.suppressed);
  const hasValue = visible.some((r) => typeof r.value === "number");
  const hasCount = visible.some((r) => typeof r.count === "number");
  const useValue = hasValue && (info.scoreLike || !hasCount);
  if (useValue) {
    const fraction = visible.every((r) => r.value === null || r.value === undefined || (r.value >= 0 && r.value <= 1));
    return { pick: (r) => (r.suppressed ? null : (r.value ?? null)), unit: fraction ? (info.scoreLike ? "score" : "share") : "count" };
  }
  return { pick: (r) => (r.suppressed ? null : (r.count ?? null)), unit: "count" };
}

export async function renderSegment(page: HTMLElement, id: string): Promise<void> {
  const [data, progs] = await Promise.all([api.segment(id), api.programs().catch(() => ({}))]);
  const programNames = new Map(api.listOf<api.Program>(progs, "programs").map((p) => [p.program_id, p.name ?? p.program_id]));
  const seg = ((data as api.Json)["segment"] as api.SegmentSummary | undefined) ?? (data as unknown as api.SegmentSummary);
  const rows = api.listOf<api.ReportRow>(data, "report", "rows", "sections");
  const label = seg.label_ja || seg.segment_id || id;

  page.append(
    h("nav", { class: "breadcrumb", "aria-label": "パンくずリスト" }, h("a", { href: "#/segments" }, "セグメント一覧"), " › ", label),
    pageHeader(label, seg.label_en ?? "Segment report", seg.definition ? `定義: ${seg.definition}` : undefined),
    h(
      "dl",
      { class: "facts" },
      h("div", {}, h("dt", {}, "企業数"), h("dd", { "data-testid": "segment-size" }, `${int(seg.size)}社`)),
      h("div", {}, h("dt", {}, "未到達の割合"), h("dd", {}, pct(unreachedShare(seg)))),
      h("div", {}, h("dt", {}, "前回ビルドからの変化"), h("dd", {}, trend(seg))),
      h("div", {}, h("dt", {}, "種類"), h("dd", {}, seg.kind === "cluster" ? "分析による分類（クラスタ）" : seg.kind === "rule" ? "条件による分類（ルール）" : seg.kind ?? "—")),
    ),
  );

  const csvRows = rows.map((r) => {
    const info = sectionInfo(r.section, programNames);
    return [
      info.title,
      dimensionLabel(r.dimension) || r.dimension || "",
      r.key,
      r.label_ja ?? info.label(r.key, r),
      r.suppressed ? "" : r.count ?? "",
      r.suppressed ? "" : r.value ?? "",
      r.suppressed ? SUPPRESSED : "",
    ];
  });
  page.append(
    h(
      "div",
      { class: "actions" },
      button("レポートをCSVでダウンロード", () =>
        download(`segment-report-${seg.segment_id ?? id}.csv`, toCsv(["区分", "指標", "キー", "名称", "件数", "値", "秘匿"], csvRows)),
      ),
      h("p", { class: "help" }, "UTF-8（BOM付き）のCSVです。Excelでそのまま開けます。10件未満のセルは「秘匿」として数値を出しません。"),
    ),
  );

  if (rows.length === 0) {
    page.append(h("p", {}, "このセグメントのレポートはまだありません。"));
    return;
  }
  for (const [key, group] of groupRows(rows)) {
    const [section, dimension] = key.split("\u0000");
    const info = sectionInfo(section, programNames);
    const dimCount = new Set(rows.filter((r) => r.section === section).map((r) => r.dimension ?? "")).size;
    const title = dimCount > 1 && dimension ? `${info.title}（${dimensionLabel(dimension)}）` : info.title;
    const { pick, unit } = metricOf(group, info);
    const ordered = group.slice().sort((a, b) => (pick(b) ?? -1) - (pick(a) ?? -1));
    const bars: Bar[] = ordered.slice(0, MAX_BARS).map((r) => ({ label: r.label_ja ?? info.label(r.key, r), value: pick(r) }));
    const chartEl = h("div", { class: "chart", role: "img", "aria-label": `${title}のグラフ` });
    const fmt = (r: api.ReportRow, v: number | null | undefined, u: string) =>
      r.suppressed ? suppressedCell() : v === null || v === undefined ? "—" : u === "share" ? pct(v) : u === "score" ? score(v) : int(v);
    const valueUnit = unit === "count" && group.some((r) => typeof r.value === "number" && r.value <= 1) ? "share" : unit === "count" ? "count" : unit;
    const tableRows = ordered.map((r) => [r.label_ja ?? info.label(r.key, r), fmt(r, r.count, "count"), fmt(r, r.value, valueUnit)]);
    const section$ = h(
      "section",
      { class: "report-section", "data-section": section },
      h("h2", {}, title, info.en ? h("span", { class: "en", lang: "en" }, info.en) : null),
      ordered.length > MAX_BARS ? h("p", { class: "help" }, `グラフは上位${MAX_BARS}項目です。すべての項目は表にあります。`) : null,
      chartEl,
      h("details", { class: "table-details" }, h("summary", {}, "表で見る（数値）"), table(title, ["項目", "件数", "値"], tableRows, { numeric: [1, 2] })),
    );
    page.append(section$);
    requestAnimationFrame(() => barChart(chartEl, title, bars, unit));
  }
  page.append(publicationNote(api.publicationOf(data)) ?? "");
}
