import * as api from "../api";
import { h } from "../dom";
import { date, int, yen } from "../format";
import { pageHeader, publicationNote, table } from "./common";

type ProgramRow = api.Program & { open?: boolean; days_left?: number | null };

function status(p: ProgramRow): HTMLElement {
  const today = new Date().toISOString().slice(0, 10);
  if (p.open === true || (p.opens && p.closes && p.opens <= today && today <= p.closes)) {
    return h("span", { class: "tag tag--reached" }, typeof p.days_left === "number" ? `公募中（あと${p.days_left}日）` : "公募中");
  }
  if (p.opens && p.opens > today) return h("span", { class: "tag tag--holdout" }, "公募予定");
  return h("span", { class: "tag tag--holdout" }, "公募終了");
}

function rows(list: ProgramRow[]): (Node | string)[][] {
  return list.map((p) => [
    h("a", { href: `#/programs/${encodeURIComponent(p.program_id)}`, class: "program-link" }, p.name ?? p.program_id,
      p.name_en ? h("span", { class: "en", lang: "en" }, ` ${p.name_en}`) : null),
    h("span", {}, p.opens || p.closes ? `${date(p.opens)} 〜 ${date(p.closes)}` : "—", h("br"), status(p)),
    yen(p.max_amount_yen),
    typeof p.targets === "number" ? int(p.targets) : "—",
  ]);
}

export async function renderPrograms(page: HTMLElement): Promise<void> {
  const data = await api.programs();
  const list = api.listOf<ProgramRow>(data, "programs");
  page.append(
    pageHeader("支援施策と配信先", "Programs", "施策を選ぶと、プッシュ配信の対象企業（配信先リスト）と推薦理由を表示します。リストは都道府県・規模・到達状況で絞り込み、CSVで出力できます。"),
  );
  if (list.length === 0) {
    page.append(h("p", {}, "施策はまだ登録されていません。"));
    return;
  }
  const head = ["施策名", "公募期間", "補助上限額", "配信先の企業数"];
  // Programs with a push list first (closing soonest first); the rest of the catalog folded away.
  const withTargets = list.filter((p) => (p.targets ?? 0) > 0).sort((a, b) => (a.closes ?? "").localeCompare(b.closes ?? ""));
  const others = list.filter((p) => !((p.targets ?? 0) > 0));
  if (withTargets.length) {
    page.append(table(`配信先のある施策 ${withTargets.length}件（締切の早い順）`, head, rows(withTargets), { numeric: [3] }));
  } else {
    page.append(h("p", {}, "配信先リストのある施策はまだありません（推薦のビルド後に表示されます）。"));
  }
  if (others.length) {
    page.append(
      h("details", { class: "table-details", open: withTargets.length === 0 },
        h("summary", {}, `その他の施策 ${others.length}件（配信先なし・公募終了など）`),
        table(`その他の施策 ${others.length}件`, head, rows(others), { numeric: [3] })),
    );
  }
  page.append(publicationNote(api.publicationOf(data)) ?? "");
}
