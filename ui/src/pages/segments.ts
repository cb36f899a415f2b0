import * as api from "../api";
import { h } from "../dom";
import { int, pct } from "../format";
import { pageHeader, publicationNote, table } from "./common";

/** Unreached share from the report's reach section, when the segment list does not carry it. */
export function unreachedFromReport(rows: api.ReportRow[]): number | null {
  const r = rows.find((x) => /reach/.test(x.section) && x.key === "unreached");
  if (!r || r.suppressed) return null;
  if (typeof r.value === "number") return r.value;
  const total = rows.filter((x) => /reach/.test(x.section)).reduce((a, x) => a + (x.count ?? 0), 0);
  return typeof r.count === "number" && total > 0 ? r.count / total : null;
}

export function unreachedShare(s: api.SegmentSummary): number | null {
  if (typeof s.unreached_share === "number") return s.unreached_share;
  if (typeof s.unreached === "number" && s.size) return s.unreached / s.size;
  return null;
}

function previousSize(s: api.SegmentSummary): number | null {
  if (s.previous && typeof s.previous.size === "number") return s.previous.size;
  if (typeof s.previous_size === "number") return s.previous_size;
  if (typeof s.size_change === "number" && typeof s.size === "number") return s.size - s.size_change;
  return null;
}

export function trend(s: api.SegmentSummary): HTMLElement {
  const prev = previousSize(s);
  if (prev === null || s.size === undefined) return h("span", { class: "trend trend--none" }, "前回データなし");
  const diff = s.size - prev;
  if (diff === 0) return h("span", { class: "trend trend--flat" }, "→ 変化なし");
  const rate = prev > 0 ? `（${diff > 0 ? "+" : ""}${((diff / prev) * 100).toFixed(1)}%）` : "";
  return diff > 0
    ? h("span", { class: "trend trend--up" }, `↑ ${int(diff)}社 増${rate}`)
    : h("span", { class: "trend trend--down" }, `↓ ${int(-diff)}社 減${rate}`);
}

export async function renderSegments(page: HTMLElement): Promise<void> {
  const data = await api.segments();
  const list = api.listOf<api.SegmentSummary>(data, "segments").slice().sort((a, b) => (b.size ?? 0) - (a.size ?? 0));
  // Without unreached shares in the list, read them from each report's reach section.
  if (list.length <= 60 && list.every((s) => unreachedShare(s) === null)) {
    const shares = await Promise.all(
      list.map((s) =>
        api
          .segment(s.segment_id)
          .then((d) => unreachedFromReport(api.listOf<api.ReportRow>(d, "report")))
          .catch(() => null),
      ),
    );
    list.forEach((s, i) => {
      if (shares[i] !== null) s.unreached_share = shares[i];
    });
  }
  page.append(
    pageHeader("セグメント一覧", "Segments", "企業をニーズや属性でまとめたグループです。名前を選ぶと詳しいレポートを表示します。「未到達」はまだ支援施策に申請したことのない企業の割合です。"),
  );
  if (list.length === 0) {
    page.append(h("p", {}, "セグメントはまだありません。ビルド（build）の完了後に表示されます。"));
    return;
  }
  const rows = list.map((s) => [
    h("a", { href: `#/segments/${encodeURIComponent(s.segment_id)}`, class: "segment-link" }, s.label_ja || s.segment_id,
      s.label_en ? h("span", { class: "en", lang: "en" }, ` ${s.label_en}`) : null),
    s.kind === "cluster" ? "分析による分類" : s.kind === "rule" ? "条件による分類" : s.kind ?? "—",
    int(s.size),
    pct(unreachedShare(s)),
    trend(s),
  ]);
  page.append(
    table(`セグメント ${list.length}件（企業数の多い順）`, ["セグメント", "種類", "企業数", "未到達の割合", "前回ビルドからの変化"], rows, { numeric: [2, 3] }),
    publicationNote(api.publicationOf(data)) ?? "",
  );
}
