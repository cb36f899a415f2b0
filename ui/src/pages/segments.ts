import * as api from "../api";
import { h } from "../dom";
import { date, int, pct, SUPPRESSED } from "../format";
import { pageHeader, publicationNote, table } from "./common";

/** The unreached share the server publishes (null when the report suppresses it). */
export function unreachedShare(s: api.SegmentSummary): number | null {
  return typeof s.unreached_share === "number" ? s.unreached_share : null;
}

const UP = "▲";
const DOWN = "▼";
const SAME = "—";

/** "▲ 100社増（+8.3%）" / "▼ 20社減（−1.6%）" / "— 増減なし". */
function sizeChange(size: number, prev: number): HTMLElement {
  const diff = size - prev;
  if (diff === 0) return h("span", { class: "trend__part trend--flat" }, `${SAME} 増減なし`);
  const rate = prev > 0 ? `（${diff > 0 ? "+" : "−"}${((Math.abs(diff) / prev) * 100).toFixed(1)}%）` : "";
  return diff > 0
    ? h("span", { class: "trend__part trend--up" }, `${UP} ${int(diff)}社増${rate}`)
    : h("span", { class: "trend__part trend--down" }, `${DOWN} ${int(-diff)}社減${rate}`);
}

/** Change of the unreached share in percentage points ("未到達 ▼ 5.0ポイント"). */
function shareChange(share: number | null, prev: number | null | undefined): HTMLElement {
  if (share === null || typeof prev !== "number") {
    return h("span", { class: "trend__part trend--na", title: "少数のため秘匿された値があり比較できません" }, "未到達 比較不可");
  }
  const points = (share - prev) * 100;
  if (Math.abs(points) < 0.05) return h("span", { class: "trend__part trend--flat" }, `未到達 ${SAME} 変化なし`);
  return h("span", { class: "trend__part trend--share" }, `未到達 ${points > 0 ? UP : DOWN} ${Math.abs(points).toFixed(1)}ポイント`);
}

/**
 * The trend against the previous build, from the segment's own `previous` figures (no extra
 * request): size change and unreached-share change, or "前回データなし".
 */
export function trend(s: api.SegmentSummary): HTMLElement {
  const prev = s.previous;
  if (prev && (s.size_suppressed || prev.size === null)) {
    return h("span", { class: "trend trend--none", "data-trend": "suppressed" }, `比較不可（${SUPPRESSED}）`);
  }
  if (!prev || typeof prev.size !== "number" || typeof s.size !== "number") {
    return h("span", { class: "trend trend--none", "data-trend": "none" }, "前回データなし");
  }
  const title = `前回（${prev.publication ?? prev.build_id ?? "前回ビルド"}）: ${int(prev.size)}社、未到達 ${pct(prev.unreached_share)}`;
  const renamed = prev.label_ja && s.label_ja && prev.label_ja !== s.label_ja
    ? h("span", { class: "trend__note" }, `前回の名称: ${prev.label_ja}`)
    : null;
  return h(
    "span",
    { class: "trend", "data-trend": String(s.size - prev.size), title },
    sizeChange(s.size, prev.size),
    shareChange(unreachedShare(s), prev.unreached_share),
    renamed,
  );
}

export async function renderSegments(page: HTMLElement): Promise<void> {
  const data = await api.segments();
  const list = api.listOf<api.SegmentSummary>(data, "segments").slice().sort((a, b) => (b.size ?? 0) - (a.size ?? 0));
  page.append(
    pageHeader("セグメント一覧", "Segments", "企業をニーズや属性でまとめたグループです。名前を選ぶと詳しいレポートを表示します。「未到達」はまだ支援施策に申請したことのない企業の割合です。"),
  );
  if (list.length === 0) {
    page.append(h("p", {}, "セグメントはまだありません。ビルド（build）の完了後に表示されます。"));
    return;
  }
  const prevPub = data.previous_publication;
  page.append(
    h(
      "p",
      { class: "lead", id: "trend-basis" },
      prevPub
        ? `「前回ビルドからの変化」は前回の公表データ ${prevPub.publication ?? prevPub.build_id ?? ""}${prevPub.as_of ? `（${date(prevPub.as_of)}時点）` : ""} との比較です（▲増加 ▼減少 —変化なし）。`
        : "前回の公表データがないため、前回ビルドからの変化は表示できません（前回データなし）。",
    ),
  );
  const rows = list.map((s) => [
    h("a", { href: `#/segments/${encodeURIComponent(s.segment_id)}`, class: "segment-link" }, s.label_ja || s.segment_id,
      s.label_en ? h("span", { class: "en", lang: "en" }, ` ${s.label_en}`) : null),
    s.kind === "cluster" ? "分析による分類" : s.kind === "rule" ? "条件による分類" : s.kind ?? "—",
    s.size_suppressed ? `${SUPPRESSED}（少数）` : int(s.size),
    pct(unreachedShare(s)),
    trend(s),
  ]);
  page.append(
    table(`セグメント ${list.length}件（企業数の多い順）`, ["セグメント", "種類", "企業数", "未到達の割合", "前回ビルドからの変化"], rows, { numeric: [2, 3] }),
    publicationNote(api.publicationOf(data)) ?? "",
  );
}
