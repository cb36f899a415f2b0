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
  label: (key: string) => string;
  /** Which number the chart shows, and how the value column reads. */
  chart: "count" | "value";
  valueUnit: "share" | "score" | "ratio" | "count";
  skip?: boolean;
}

const MAX_BARS = 20;

/** The sections of gold.segment_reports (pipelines' SegmentReportBuilder), by section and dimension. */
export function sectionInfo(section: string, dimension: string | null | undefined, programNames: Map<string, string>): SectionInfo {
  const sec = section.toLowerCase();
  const dim = (dimension ?? "").toLowerCase();
  const program = (k: string) => programNames.get(k) ?? k;
  if (sec === "size") return { title: "企業数", en: "Size", label: () => "合計", chart: "count", valueUnit: "count", skip: true };
  if (/jsic|industry/.test(dim) || /industry|jsic/.test(sec)) return { title: "業種別の企業数", en: "By industry", label: jsic, chart: "count", valueUnit: "share" };
  if (/pref/.test(dim) || /pref/.test(sec)) return { title: "都道府県別の企業数", en: "By prefecture", label: prefecture, chart: "count", valueUnit: "share" };
  if (/size/.test(dim) || /size_class/.test(sec)) return { title: "規模別の企業数", en: "By size class", label: sizeClass, chart: "count", valueUnit: "share" };
  if (/reach/.test(sec) || /reach/.test(dim)) return { title: "到達状況（申請経験）", en: "Reach", label: (k) => (k === "unreached" ? "未到達（申請なし）" : k === "reached" ? "到達済み（申請経験あり）" : k), chart: "count", valueUnit: "share" };
  if (/need/.test(sec)) return { title: "ニーズの強さ（平均スコア 0〜1）", en: "Need profile", label: need, chart: "value", valueUnit: "score" };
  if (/under/.test(sec)) return { title: "活用が少ない施策（全企業と比べた利用率の倍率）", en: "Under-used programs", label: program, chart: "value", valueUnit: "ratio" };
  if (/uptake/.test(sec) && dim === "awarded") return { title: "施策別の採択企業数", en: "Awards by program", label: program, chart: "count", valueUnit: "share" };
  if (/uptake|program/.test(sec)) return { title: "施策別の申請企業数", en: "Uptake by program", label: program, chart: "count", valueUnit: "share" };
  return { title: dimension ? `${section}（${dimension}）` : section, en: "", label: (k) => k, chart: "count", valueUnit: "count" };
}

const VALUE_HEADER: Record<SectionInfo["valueUnit"], string> = { share: "割合", score: "平均スコア", ratio: "倍率", count: "値" };

function groupRows(rows: api.ReportRow[]): Map<string, api.ReportRow[]> {
  const groups = new Map<string, api.ReportRow[]>();
  for (const r of rows) {
    const k = `${r.section}\u0000${r.dimension ?? ""}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  return groups;
}


function fmtValue(v: number | null | undefined, unit: SectionInfo["valueUnit"]): string {
  if (v === null || v === undefined) return "—";
  if (unit === "share") return pct(v);
  if (unit === "score") return score(v);
  if (unit === "ratio") return `${v.toFixed(2)}倍`;
  return int(v);
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
      h("div", {}, h("dt", {}, "企業数"), h("dd", { "data-testid": "segment-size" }, seg.size_suppressed ? `${SUPPRESSED}（少数）` : `${int(seg.size)}社`)),
      h("div", {}, h("dt", {}, "未到達の割合"), h("dd", {}, pct(unreachedShare(seg)))),
      h("div", {}, h("dt", {}, "前回ビルドからの変化"), h("dd", {}, trend(seg))),
      h("div", {}, h("dt", {}, "種類"), h("dd", {}, seg.kind === "cluster" ? "分析による分類（クラスタ）" : seg.kind === "rule" ? "条件による分類（ルール）" : seg.kind ?? "—")),
    ),
  );

  const csvRows = rows.map((r) => {
    const info = sectionInfo(r.section, r.dimension, programNames);
    return [
      info.title,
      r.dimension ?? "",
      r.key,
      r.label_ja ?? info.label(r.key),
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
    const info = sectionInfo(section, dimension, programNames);
    if (info.skip) continue;
    const pick = (r: api.ReportRow) => (r.suppressed ? null : ((info.chart === "value" ? r.value : r.count) ?? null));
    const ordered = group.slice().sort((a, b) =>
      info.valueUnit === "ratio" ? (pick(a) ?? 1e9) - (pick(b) ?? 1e9) : (pick(b) ?? -1) - (pick(a) ?? -1),
    );
    const bars: Bar[] = ordered.slice(0, MAX_BARS).map((r) => ({ label: r.label_ja ?? info.label(r.key), value: pick(r) }));
    const chartEl = h("div", { class: "chart", role: "img", "aria-label": `${info.title}のグラフ` });
    const cell = (r: api.ReportRow, text: string) => (r.suppressed ? suppressedCell() : text);
    const tableRows = ordered.map((r) => [r.label_ja ?? info.label(r.key), cell(r, int(r.count)), cell(r, fmtValue(r.value, info.valueUnit))]);
    page.append(
      h(
        "section",
        { class: "report-section", "data-section": section, "data-dimension": dimension },
        h("h2", {}, info.title, info.en ? h("span", { class: "en", lang: "en" }, ` ${info.en}`) : null),
        ordered.length > MAX_BARS ? h("p", { class: "help" }, `グラフは上位${MAX_BARS}項目です。すべての項目は表にあります。`) : null,
        group.some((r) => r.suppressed) ? h("p", { class: "help" }, "灰色の「秘匿」は、少数のため値を出さない項目です。") : null,
        chartEl,
        h("details", { class: "table-details" }, h("summary", {}, "表で見る（数値）"), table(info.title, ["項目", "企業数", VALUE_HEADER[info.valueUnit]], tableRows, { numeric: [1, 2] })),
      ),
    );
    const unit = info.chart === "count" ? "count" : info.valueUnit === "score" ? "score" : info.valueUnit === "share" ? "share" : "ratio";
    requestAnimationFrame(() => barChart(chartEl, info.title, bars, unit));
  }
  page.append(publicationNote(api.publicationOf(data)) ?? "");
}
