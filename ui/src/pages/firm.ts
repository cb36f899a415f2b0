import * as api from "../api";
import { barChart } from "../charts";
import { parseCn } from "../cn";
import { alertBox, clear, h } from "../dom";
import { date, int, jsic, need, prefecture, score, sizeClass, STATUS, yen, yesNo } from "../format";
import { navigate } from "../main";
import { pageHeader, publicationNote, reasonsList, table } from "./common";

/** Where an attribute came from (gold.firm_profiles.field_sources). */
const SOURCES: Record<string, string> = {
  registry: "登記（法人番号公表サイト）",
  firm_attributes: "企業属性データ",
  application: "申請書",
  legacy: "旧システムの申請",
  derived: "他の属性から算出",
};

function attr(p: api.FirmProfile, name: string): api.ProfileAttribute | undefined {
  return p.attributes?.[name];
}

function value<T>(p: api.FirmProfile, name: string): T | undefined {
  const a = attr(p, name);
  return a === undefined || a === null ? undefined : (a.value as T);
}

/** One fact of the profile: the value, then a small line with its source and as-of date. */
function fact(label: string, shown: string, a?: api.ProfileAttribute): HTMLElement {
  const src = a?.source ? `出典: ${SOURCES[a.source] ?? a.source}${a.as_of ? `（${date(a.as_of)}時点）` : ""}` : null;
  return h("div", {}, h("dt", {}, label), h("dd", {}, shown, src ? h("span", { class: "fact__source" }, src) : null));
}

function profileSection(p: api.FirmProfile): HTMLElement {
  const employees = value<number>(p, "employees");
  const applications = typeof p.applications === "number" ? p.applications : undefined;
  return h(
    "section",
    { id: "firm-profile", "aria-labelledby": "firm-profile-title" },
    h("h3", { id: "firm-profile-title" }, "企業プロフィール"),
    h(
      "dl",
      { class: "facts facts--grid" },
      fact("所在地", attr(p, "prefecture_code")?.label ?? prefecture(value<string>(p, "prefecture_code")), attr(p, "prefecture_code")),
      fact("業種", jsic(value<string>(p, "jsic_division")), attr(p, "jsic_division")),
      fact("規模", attr(p, "size_class")?.label ?? sizeClass(value<string>(p, "size_class")), attr(p, "size_class")),
      fact("資本金", yen(value<number>(p, "capital_yen")), attr(p, "capital_yen")),
      fact("従業員数", employees === undefined ? "—" : `${int(employees)}人`, attr(p, "employees")),
      fact("設立", date(value<string>(p, "established")), attr(p, "established")),
      fact("状態", p.status ? STATUS[p.status] ?? p.status : "—"),
      fact("申請・採択", applications === undefined ? "—" : `申請 ${int(applications)}件 / 採択 ${int(p.awards ?? null)}件`),
      fact("到達状況", yesNo(p.reached, "到達済み（申請歴あり）", "未到達（申請歴なし）")),
    ),
    p.as_of ? h("p", { class: "publication" }, `プロフィールの基準日: ${date(p.as_of)}`) : null,
  );
}

function needsSection(p: api.FirmProfile): HTMLElement | null {
  if (!p.need_scores) return null;
  const entries = Object.entries(p.need_scores).filter(([, v]) => Number.isFinite(v)).sort((a, b) => b[1] - a[1]);
  const section = h("section", { id: "firm-needs", "aria-labelledby": "firm-needs-title" }, h("h3", { id: "firm-needs-title" }, "推定ニーズ（0〜1）"));
  if (entries.length === 0) {
    section.append(h("p", {}, "この企業のニーズはまだ推定されていません。"));
    return section;
  }
  const chartEl = h("div", { class: "chart", role: "img", "aria-label": "推定ニーズの強さの棒グラフ（数値は下の表にもあります）" });
  section.append(
    h("p", { class: "help" }, "申請の目的や同業・同規模の企業の傾向から推定した、各ニーズの強さです（1に近いほど強い）。"),
    chartEl,
    h("details", { class: "table-details" }, h("summary", {}, "表で見る（数値）"),
      table("推定ニーズ", ["ニーズ", "スコア"], entries.map(([k, v]) => [need(k), score(v)]), { numeric: [1] })),
  );
  requestAnimationFrame(() => barChart(chartEl, "推定ニーズ", entries.map(([k, v]) => ({ label: need(k), value: v })), "score"));
  return section;
}

function segmentsSection(p: api.FirmProfile): HTMLElement | null {
  if (p.segments === undefined) return null;
  const section = h("section", { id: "firm-segments", "aria-labelledby": "firm-segments-title" }, h("h3", { id: "firm-segments-title" }, "所属セグメント"));
  if (p.segments === null) {
    section.append(h("p", {}, "公表データにセグメントの所属情報がありません。"));
  } else if (p.segments.length === 0) {
    section.append(h("p", {}, "所属するセグメントはありません。"));
  } else {
    section.append(
      h("ul", { class: "chips" }, p.segments.map((s) =>
        h("li", {}, h("a", { href: `#/segments/${encodeURIComponent(s.segment_id)}` }, s.label_ja ?? s.segment_id)))),
    );
  }
  return section;
}

export async function renderFirm(page: HTMLElement, cnInput: string): Promise<void> {
  page.append(pageHeader("法人番号で検索", "Firm lookup", "法人番号（13桁）を入力すると、企業のプロフィール、推定ニーズ、所属セグメント、推薦する支援施策と理由を表示します。"));
  const messages = h("div", { id: "cn-messages", "aria-live": "polite" });
  const input = h("input", {
    id: "cn",
    name: "cn",
    type: "text",
    inputmode: "numeric",
    autocomplete: "off",
    spellcheck: "false",
    class: "input input--cn",
    "aria-describedby": "cn-help cn-messages",
    value: cnInput,
  });
  const form = h(
    "form",
    { class: "lookup-form", role: "search", "aria-label": "法人番号で検索", novalidate: true },
    h("label", { for: "cn", class: "label" }, "法人番号", h("span", { class: "en", lang: "en" }, " Corporate number")),
    h("p", { id: "cn-help", class: "help" }, "例: 4010401098455。ハイフン・スペース・全角数字、インボイス登録番号（T＋13桁）の形でも入力できます。"),
    h("div", { class: "inline" }, input, h("button", { type: "submit", class: "button button--primary" }, "検索")),
  );
  const result = h("div", { id: "firm-result" });
  page.append(form, messages, result);

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const parsed = parseCn(input.value);
    if (!parsed.ok) {
      showError(parsed.message);
      return;
    }
    navigate(`#/firm/${parsed.value}`);
  });

  function showError(message: string): void {
    clear(messages);
    clear(result);
    input.setAttribute("aria-invalid", "true");
    messages.appendChild(alertBox("error", message));
    input.focus();
  }

  if (!cnInput) return;
  const parsed = parseCn(cnInput);
  if (!parsed.ok) {
    input.setAttribute("aria-invalid", "true");
    messages.appendChild(alertBox("error", parsed.message));
    return;
  }
  const cn = parsed.value;
  input.value = cn;
  // Profile and recommendations in parallel; either one tells an unknown or invalid number.
  const [profileRes, recs] = await Promise.all([
    api.firmProfile(cn).catch((e: unknown) => e),
    api.firmRecommendations(cn).catch((e: unknown) => e),
  ]);
  const failures = [profileRes, recs].filter((x): x is api.ApiError => x instanceof api.ApiError);
  const invalid = failures.find((e) => e.status === 400);
  if (invalid) {
    input.setAttribute("aria-invalid", "true");
    messages.appendChild(alertBox("error", `法人番号 ${cn} は受け付けられませんでした: ${invalid.message}`));
    return;
  }
  if (failures.some((e) => e.status === 404)) {
    input.setAttribute("aria-invalid", "true");
    messages.appendChild(
      alertBox("error", `法人番号 ${cn} の企業は登録データに見つかりませんでした。番号に誤りがないか確認してください（番号の形式は正しいです。まだ登記や申請の情報が取り込まれていない可能性があります）。`),
    );
    return;
  }
  if (profileRes instanceof Error) throw profileRes;
  const p = profileRes as api.FirmProfile;
  const name = value<string>(p, "name") ?? (p.opted_out ? "（配信停止中の企業）" : "（名称不明）");
  result.append(h("h2", { id: "firm-name" }, name, h("span", { class: "mono cn-badge" }, cn)));
  if (p.opted_out) {
    result.append(alertBox("info", "この企業は配信停止を希望しています。プロフィール・推定ニーズ・推薦は表示しません（推薦・配信の対象外）。"));
    return;
  }
  result.append(profileSection(p), needsSection(p) ?? "", segmentsSection(p) ?? "");

  const recSection = h("section", { id: "firm-recs", "aria-labelledby": "firm-recs-title" }, h("h3", { id: "firm-recs-title" }, "推薦する支援施策"));
  result.append(recSection);
  if (recs instanceof Error) {
    recSection.append(alertBox("error", recs.message));
  } else {
    const list = api.listOf<api.Recommendation>(recs, "recommendations");
    if (list.length === 0) {
      recSection.append(h("p", {}, "現在推薦できる施策はありません（対象要件を満たす公募中の施策がない、または配信停止）。"));
    } else {
      recSection.append(
        h(
          "ol",
          { class: "recs" },
          list.map((r) =>
            h(
              "li",
              { class: "rec" },
              h("div", { class: "rec__head" }, h("a", { href: `#/programs/${encodeURIComponent(r.program_id)}`, class: "rec__name" }, r.name ?? r.program_id), h("span", { class: "rec__score" }, `スコア ${score(r.score)}`)),
              h("p", { class: "rec__deadline" }, r.deadline ? `締切 ${date(r.deadline)}${typeof r.days_left === "number" ? `（あと${r.days_left}日）` : ""}` : "締切 —"),
              reasonsList(r.reasons),
            ),
          ),
        ),
      );
    }
  }
  result.append(publicationNote(api.publicationOf(recs) ?? p.publication) ?? "");
}
