import * as api from "../api";
import { barChart } from "../charts";
import { parseCn } from "../cn";
import { alertBox, clear, h } from "../dom";
import { date, int, jsic, need, prefecture, score, sizeClass, STATUS, yen, yesNo } from "../format";
import { navigate } from "../main";
import { pageHeader, publicationNote, reasonsList } from "./common";

type Profile = api.Json;

function field(p: Profile, ...names: string[]): unknown {
  for (const n of names) if (p[n] !== undefined && p[n] !== null) return p[n];
  // The portal's prefill shape nests {value, source, as_of} per attribute.
  for (const n of names) {
    const nested = (p["attributes"] as api.Json | undefined)?.[n] ?? (p["fields"] as api.Json | undefined)?.[n];
    if (nested && typeof nested === "object" && "value" in (nested as api.Json)) return (nested as api.Json)["value"];
    if (nested !== undefined) return nested;
  }
  return undefined;
}

function asMap(v: unknown): Record<string, number> {
  if (!v) return {};
  if (Array.isArray(v)) {
    const out: Record<string, number> = {};
    for (const e of v) {
      if (Array.isArray(e)) out[String(e[0])] = Number(e[1]);
      else if (e && typeof e === "object") out[String((e as api.Json)["need"] ?? (e as api.Json)["key"] ?? (e as api.Json)["id"])] = Number((e as api.Json)["score"] ?? (e as api.Json)["value"]);
    }
    return out;
  }
  return typeof v === "object" ? (v as Record<string, number>) : {};
}

export async function renderFirm(page: HTMLElement, cnInput: string): Promise<void> {
  page.append(pageHeader("法人番号で検索", "Firm lookup", "法人番号（13桁）を入力すると、企業のプロフィール、所属セグメント、推薦する支援施策と理由を表示します。"));
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
  const [profileRes, recs, segs] = await Promise.all([
    api.firmProfile(cn).catch((e: unknown) => e),
    api.firmRecommendations(cn).catch((e: unknown) => e),
    api.firmSegments(cn).catch(() => null),
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
  for (const f of failures) if (f.status !== 403) throw f;
  const profile: Profile = profileRes instanceof Error ? {} : (profileRes as Profile);
  const p = ((profile["profile"] as Profile | undefined) ?? (profile["firm"] as Profile | undefined) ?? profile) as Profile;
  if (profileRes instanceof api.ApiError && profileRes.status === 403) {
    messages.appendChild(alertBox("info", "この企業のプロフィール（登記・申請から得た属性）は職員用キーでは表示できない設定です。推薦する施策のみ表示します。"));
  }
  const hasProfile = !(profileRes instanceof Error);
  const name = (field(p, "name") as string | undefined) ?? (hasProfile ? "（名称不明）" : "法人番号");
  const fact = (dt: string, dd: Node | string) => h("div", {}, h("dt", {}, dt), h("dd", {}, dd));
  result.append(
    h("h2", { id: "firm-name" }, name, h("span", { class: "mono cn-badge" }, cn)),
    !hasProfile
      ? ""
      : h(
      "dl",
      { class: "facts facts--grid", "aria-labelledby": "firm-name" },
      fact("所在地", prefecture(field(p, "prefecture_code", "prefecture") as string)),
      fact("業種", jsic(field(p, "jsic_division", "industry") as string)),
      fact("規模", sizeClass(field(p, "size_class") as string)),
      fact("資本金", yen(field(p, "capital_yen") as number)),
      fact("従業員数", field(p, "employees") === undefined ? "—" : `${int(field(p, "employees") as number)}人`),
      fact("設立", date(field(p, "established") as string)),
      fact("状態", STATUS[String(field(p, "status"))] ?? String(field(p, "status") ?? "—")),
      fact("申請・採択", field(p, "applications") === undefined ? "—" : `申請 ${int(field(p, "applications") as number)}件 / 採択 ${int(field(p, "awards") as number)}件`),
      fact("到達状況", yesNo(field(p, "reached") as boolean, "到達済み（申請歴あり）", "未到達（申請歴なし）")),
      field(p, "opted_out") ? fact("配信停止", "この企業は配信停止を希望しています（推薦・配信の対象外）。") : null,
    ),
  );

  // Segments: from the dedicated route, or embedded in the profile.
  const segList = api.listOf<api.SegmentSummary>(segs ?? profile, "segments");
  const segListP = segList.length ? segList : api.listOf<api.SegmentSummary>(p, "segments");
  // Only when the server says which segments the firm is in (a segments route or list).
  const knowsSegments = segs !== null || Array.isArray(profile["segments"]) || Array.isArray(p["segments"]);
  if (knowsSegments) result.append(h("h3", {}, "所属セグメント"));
  if (knowsSegments) result.append(
    segListP.length
      ? h("ul", { class: "chips" }, segListP.map((s) => h("li", {}, typeof s === "string" ? h("a", { href: `#/segments/${encodeURIComponent(s)}` }, s) : h("a", { href: `#/segments/${encodeURIComponent(s.segment_id)}` }, s.label_ja ?? s.segment_id))))
      : h("p", {}, "所属するセグメントはありません。"),
  );

  const needs = asMap(field(p, "need_scores"));
  const needEntries = Object.entries(needs).filter(([, v]) => Number.isFinite(v)).sort((a, b) => b[1] - a[1]);
  if (needEntries.length) {
    const chartEl = h("div", { class: "chart", role: "img", "aria-label": "ニーズの強さのグラフ" });
    result.append(h("h3", {}, "推定ニーズ（0〜1）"), chartEl);
    requestAnimationFrame(() => barChart(chartEl, "推定ニーズ", needEntries.slice(0, 12).map(([k, v]) => ({ label: need(k), value: v })), "score"));
  }

  result.append(h("h3", {}, "推薦する支援施策"));
  if (recs instanceof Error) {
    result.append(alertBox("error", recs.message));
  } else {
    const list = api.listOf<api.Recommendation>(recs, "recommendations");
    if (list.length === 0) {
      result.append(h("p", {}, "現在推薦できる施策はありません（対象要件を満たす公募中の施策がない、または配信停止）。"));
    } else {
      result.append(
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
    result.append(publicationNote(api.publicationOf(recs)) ?? "");
  }
}
