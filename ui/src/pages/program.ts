import * as api from "../api";
import { download, withBom } from "../csv";
import { alertBox, clear, h } from "../dom";
import { date, int, PREFECTURES, prefecture, score, SIZE_CLASSES, sizeClass, yen } from "../format";
import { navigate } from "../main";
import { button, pageHeader, publicationNote, reasonsList } from "./common";

const PAGE = 100;

function select(id: string, label: string, options: [string, string][], value: string): HTMLElement {
  const sel = h("select", { id, name: id, class: "select" }, options.map(([v, l]) => h("option", { value: v, selected: v === value }, l)));
  return h("div", { class: "field" }, h("label", { for: id, class: "label" }, label), sel);
}

export async function renderProgram(page: HTMLElement, id: string, query: URLSearchParams): Promise<void> {
  const filter: api.TargetFilter = {
    prefecture: query.get("prefecture") ?? "",
    size_class: query.get("size_class") ?? "",
    reached: (query.get("reached") as api.TargetFilter["reached"]) ?? "",
    limit: PAGE,
  };
  const [progs, first] = await Promise.all([api.programs(), api.targets(id, filter)]);
  const program = api.listOf<api.Program>(progs, "programs").find((p) => p.program_id === id) ?? { program_id: id };
  const name = program.name ?? id;

  page.append(
    h("nav", { class: "breadcrumb", "aria-label": "パンくずリスト" }, h("a", { href: "#/programs" }, "支援施策と配信先"), " › ", name),
    pageHeader(name, program.name_en ?? "Push target list", program.summary),
    h(
      "dl",
      { class: "facts" },
      h("div", {}, h("dt", {}, "公募期間"), h("dd", {}, `${date(program.opens)} 〜 ${date(program.closes)}`)),
      h("div", {}, h("dt", {}, "補助上限額"), h("dd", {}, yen(program.max_amount_yen))),
      h("div", {}, h("dt", {}, "補助率"), h("dd", {}, typeof program.subsidy_rate === "number" ? `${Math.round(program.subsidy_rate * 100)}%` : "—")),
      program.url ? h("div", {}, h("dt", {}, "公募要領"), h("dd", {}, h("a", { href: program.url, rel: "noopener noreferrer", target: "_blank" }, "施策のページ（新しいタブ）"))) : null,
    ),
  );

  // Filters: a real form, so Enter submits and every control has a label.
  const form = h(
    "form",
    { class: "filters", "aria-label": "配信先の絞り込み" },
    select("f-prefecture", "都道府県", [["", "すべて"], ...Object.entries(PREFECTURES)], filter.prefecture ?? ""),
    select("f-size", "規模", [["", "すべて"], ...Object.entries(SIZE_CLASSES)], filter.size_class ?? ""),
    select("f-reached", "到達状況", [["", "すべて"], ["false", "未到達（申請歴なし）"], ["true", "到達済み（申請歴あり）"]], filter.reached ?? ""),
    h("div", { class: "field field--actions" }, h("button", { type: "submit", class: "button button--primary" }, "絞り込む")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    const v = (sel: string) => (form.querySelector(sel) as HTMLSelectElement).value;
    if (v("#f-prefecture")) q.set("prefecture", v("#f-prefecture"));
    if (v("#f-size")) q.set("size_class", v("#f-size"));
    if (v("#f-reached")) q.set("reached", v("#f-reached"));
    const qs = q.toString();
    navigate(`#/programs/${encodeURIComponent(id)}${qs ? `?${qs}` : ""}`);
  });

  const total = typeof first["total"] === "number" ? (first["total"] as number) : undefined;
  const csvMessages = h("div", { "aria-live": "polite" });
  const csvButton = button("配信先リストをCSVでダウンロード", async () => {
    clear(csvMessages);
    try {
      const text = await api.targetsCsv(id, filter);
      download(`targets-${id}.csv`, withBom(text));
      csvMessages.appendChild(alertBox("success", "CSVをダウンロードしました。"));
    } catch (err) {
      csvMessages.appendChild(alertBox("error", err instanceof Error ? err.message : String(err)));
    }
  });

  const tbody = h("tbody", {});
  const addRows = (list: api.Target[]) => {
    for (const t of list) {
      tbody.appendChild(
        h(
          "tr",
          {},
          h("td", { class: "num" }, int(t.rank)),
          h("th", { scope: "row" }, h("a", { href: `#/firm/${t.corporate_number}`, class: "mono" }, t.corporate_number), t.name ? h("div", { class: "firm-name" }, t.name) : null),
          h("td", {}, prefecture(t.prefecture_code)),
          h("td", {}, sizeClass(t.size_class)),
          h("td", {}, t.reached === undefined ? "—" : t.reached ? h("span", { class: "tag tag--reached" }, "到達済み") : h("span", { class: "tag tag--unreached" }, "未到達"),
            t.holdout ? h("span", { class: "tag tag--holdout", title: "効果測定のため配信しない比較群" }, "比較群") : null),
          h("td", { class: "num" }, score(t.score)),
          h("td", {}, reasonsList(t.reasons)),
        ),
      );
    }
  };
  let loaded = api.listOf<api.Target>(first, "targets");
  addRows(loaded);
  const more = h("div", { class: "actions" });
  const status = h("p", { class: "help", role: "status" });
  const updateStatus = () => {
    status.textContent = total !== undefined ? `${int(total)}社中 ${int(loaded.length)}社を表示` : `${int(loaded.length)}社を表示`;
    clear(more);
    const hasMore = total !== undefined ? loaded.length < total : loaded.length > 0 && loaded.length % PAGE === 0;
    if (hasMore) {
      more.appendChild(
        button("さらに表示", async () => {
          const next = api.listOf<api.Target>(await api.targets(id, { ...filter, offset: loaded.length }), "targets");
          loaded = loaded.concat(next);
          addRows(next);
          updateStatus();
        }, "secondary"),
      );
    }
  };
  updateStatus();

  page.append(
    h("h2", {}, "配信先リスト", h("span", { class: "en", lang: "en" }, " Push targets")),
    h("p", { class: "help" }, "スコアの高い順です。「理由」は推薦の根拠（過去の申請から推定したニーズ、対象要件など）です。「比較群」は効果測定のため配信しない企業です。"),
    form,
    h("div", { class: "actions" }, csvButton, h("a", { href: `#/campaigns?program=${encodeURIComponent(id)}`, class: "button button--secondary", id: "new-campaign-link" }, "この施策でキャンペーンを作成")),
    csvMessages,
    status,
    loaded.length === 0
      ? h("p", {}, "条件に合う配信先はありません。絞り込み条件を変えてください。")
      : h(
          "div",
          { class: "table-wrap" },
          h(
            "table",
            { class: "data-table", id: "targets-table" },
            h("caption", {}, `${name} の配信先`),
            h("thead", {}, h("tr", {}, ["順位", "法人番号・名称", "都道府県", "規模", "到達状況", "スコア", "推薦理由"].map((c, i) => h("th", { scope: "col", class: i === 0 || i === 5 ? "num" : null }, c)))),
            tbody,
          ),
        ),
    more,
    publicationNote(api.publicationOf(first)) ?? "",
  );
}
