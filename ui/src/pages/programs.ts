import * as api from "../api";
import { h } from "../dom";
import { date, int, yen } from "../format";
import { pageHeader, publicationNote, table } from "./common";

export async function renderPrograms(page: HTMLElement): Promise<void> {
  const data = await api.programs();
  const list = api.listOf<api.Program>(data, "programs");
  page.append(
    pageHeader("支援施策と配信先", "Programs", "施策を選ぶと、プッシュ配信の対象企業（配信先リスト）と推薦理由を表示します。リストは都道府県・規模・到達状況で絞り込み、CSVで出力できます。"),
  );
  if (list.length === 0) {
    page.append(h("p", {}, "施策はまだ登録されていません。"));
    return;
  }
  const rows = list.map((p) => [
    h("a", { href: `#/programs/${encodeURIComponent(p.program_id)}`, class: "program-link" }, p.name ?? p.program_id,
      p.name_en ? h("span", { class: "en", lang: "en" }, ` ${p.name_en}`) : null),
    p.opens || p.closes ? `${date(p.opens)} 〜 ${date(p.closes)}` : "—",
    yen(p.max_amount_yen),
    typeof p.targets === "number" ? int(p.targets) : "—",
  ]);
  page.append(
    table(`施策 ${list.length}件`, ["施策名", "公募期間", "補助上限額", "配信先の企業数"], rows, { numeric: [3] }),
    publicationNote(api.publicationOf(data)) ?? "",
  );
}
