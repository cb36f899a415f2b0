// Push campaigns: create one from a program's target list (channels, size), see its audience,
// send it, follow delivery per channel and the uplift read-out. The server queues "create" and
// "send" for `policyreach push worker` (Spark); the page follows the request until it is done.
import * as api from "../api";
import { alertBox, bi, clear, h } from "../dom";
import { int, pct } from "../format";
import { navigate } from "../main";
import { pageHeader, table } from "./common";

export const CHANNELS: [string, string, string][] = [
  ["inbox", "ポータルのお知らせ", "Portal inbox"],
  ["email", "電子メール", "E-mail"],
  ["post", "郵送（DM）", "Post"],
];

const STATUS: Record<string, [string, string]> = {
  planned: ["作成済み（未配信）", "planned"],
  sending: ["配信中（中断あり）", "sending"],
  sent: ["配信済み", "sent"],
  imported: ["取込（過去の配信）", "imported"],
};

const STATE: Record<string, string> = {
  queued: "受付済み（処理待ち）",
  running: "処理中",
  done: "完了",
  failed: "失敗",
};

const DELIVERY: [string, string][] = [
  ["delivered", "配信済み"],
  ["sent", "送信済み"],
  ["bounced", "不達"],
  ["returned", "返送"],
];

const SKIPPED: Record<string, string> = {
  opted_out: "配信停止",
  contact_cap: "接触上限",
  no_channel: "連絡手段なし",
  closed: "閉鎖",
  bad_address: "宛先不正",
};

function channelLabel(code: string): string {
  return CHANNELS.find(([c]) => c === code)?.[1] ?? code;
}

function statusLabel(s: string | undefined): string {
  return s ? (STATUS[s]?.[0] ?? s) : "—";
}

function dateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" });
}

/** Percentage points with sign, e.g. +1.2pt. */
function points(v: number | null | undefined): string {
  if (typeof v !== "number" || Number.isNaN(v)) return "—";
  const s = (v * 100).toFixed(1);
  return `${v > 0 ? "+" : ""}${s}pt`;
}

/**
 * Follows a request until it is done or failed, every 2 s, while `anchor` is on the page (a
 * page left behind stops following). Calls `onDone` with the finished request.
 */
function follow(req: api.CampaignRequest, anchor: HTMLElement, onDone: (r: api.CampaignRequest) => void): void {
  let attached = false;
  const show = (r: api.CampaignRequest) => {
    clear(anchor);
    if (r.state === "failed") {
      anchor.appendChild(
        alertBox("error", h("strong", {}, r.action === "send" ? "配信に失敗しました：" : "作成に失敗しました："), r.error?.message ?? r.error?.code ?? "", " ", h("span", { class: "mono" }, `(${r.request_id})`)),
      );
      return;
    }
    anchor.appendChild(
      alertBox(
        "info",
        h("span", { "data-request-state": r.state }, `${r.action === "send" ? "配信" : "作成"}の依頼: ${STATE[r.state] ?? r.state}`),
        " ",
        h("span", { class: "mono" }, r.request_id),
        h("span", { class: "en", lang: "en" }, ` — ${r.action} request ${r.state}; run by policyreach push worker`),
      ),
    );
  };
  show(req);
  const tick = async () => {
    if (anchor.isConnected) attached = true;
    else if (attached) return; // the officer went to another page
    try {
      const r = await api.campaignRequest(req.request_id);
      show(r);
      if (r.state === "done") {
        onDone(r);
        return;
      }
      if (r.state === "failed") return;
    } catch (e) {
      clear(anchor);
      anchor.appendChild(alertBox("error", e instanceof Error ? e.message : String(e)));
      return;
    }
    window.setTimeout(() => void tick(), 2000);
  };
  window.setTimeout(() => void tick(), 1000);
}

// ---------------------------------------------------------------------------- list + create

export async function renderCampaigns(page: HTMLElement, query: URLSearchParams): Promise<void> {
  const [progs, list] = await Promise.all([api.programs(), api.campaigns()]);
  const programs = api.listOf<api.Program>(progs, "programs").filter((p) => (p.targets ?? 0) > 0);
  const wanted = query.get("program") ?? "";

  page.append(
    pageHeader("キャンペーン", "Push campaigns", "支援施策の配信先リストから対象企業を確定し（作成）、ポータルのお知らせ・電子メール・郵送で配信します。効果測定のため一部の企業（対照群）には配信しません。"),
  );

  // --- create form -----------------------------------------------------------------------
  const programSelect = h(
    "select",
    { id: "c-program", name: "program_id", class: "select", required: true },
    h("option", { value: "" }, "選択してください"),
    programs.map((p) => h("option", { value: p.program_id, selected: p.program_id === wanted }, `${p.name ?? p.program_id}（配信先 ${int(p.targets)}社）`)),
  );
  const channelBoxes = CHANNELS.map(([code, ja, en]) =>
    h(
      "label",
      { class: "checkbox" },
      h("input", { type: "checkbox", name: "channels", value: code, checked: code !== "email" }),
      ` ${ja}`,
      h("span", { class: "en", lang: "en" }, ` ${en}`),
    ),
  );
  const maxInput = h("input", { id: "c-max", name: "max", type: "number", min: 1, max: 100000, step: 1, value: 300, class: "input", inputmode: "numeric" });
  const messages = h("div", { id: "create-status", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "filters", id: "campaign-form", "aria-label": "キャンペーンの作成", novalidate: true },
    h("div", { class: "field" }, h("label", { for: "c-program", class: "label" }, ...bi("支援施策", "Program")), programSelect),
    h("fieldset", { class: "field" }, h("legend", { class: "label" }, ...bi("配信チャネル", "Channels")), channelBoxes),
    h("div", { class: "field" }, h("label", { for: "c-max", class: "label" }, ...bi("配信規模（最大社数）", "Size (max firms)")), maxInput),
    h("div", { class: "field field--actions" }, h("button", { type: "submit", class: "button button--primary", id: "create-campaign" }, "キャンペーンを作成")),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clear(messages);
    const channels = [...form.querySelectorAll<HTMLInputElement>("input[name=channels]:checked")].map((i) => i.value);
    const raw = maxInput.value.trim();
    const body: api.CampaignCreate = { program_id: programSelect.value, channels };
    // The server checks everything again and names what is wrong; send what was typed.
    if (raw !== "") body.max = Number(raw);
    try {
      const req = await api.createCampaign(body);
      follow(req, messages, (done) => {
        if (done.campaign_id) navigate(`#/campaigns/${encodeURIComponent(done.campaign_id)}`);
      });
    } catch (err) {
      messages.appendChild(alertBox("error", h("strong", {}, "作成できません："), err instanceof Error ? err.message : String(err)));
    }
  });

  page.append(
    h("h2", {}, ...bi("新しいキャンペーン", "New campaign")),
    h("p", { class: "help" }, "配信先リストのスコアの高い順に、配信停止・閉鎖・接触上限の企業を除いて最大社数まで選び、約10%を対照群に分けます。電子メールはSMTPサーバーがある場合だけ選んでください。"),
    form,
    messages,
  );

  // --- open requests and the campaigns ---------------------------------------------------
  const open = list.requests ?? [];
  if (open.length > 0) {
    page.append(
      h("h2", {}, ...bi("処理待ち・失敗した依頼", "Open requests")),
      table(
        "キャンペーンの依頼",
        ["依頼番号", "内容", "施策・キャンペーン", "状態", "受付日時"],
        open.map((r) => [
          r.request_id,
          r.action === "send" ? "配信" : "作成",
          r.campaign_id ?? r.program_id ?? "—",
          r.state === "failed" ? `${STATE.failed}: ${r.error?.message ?? ""}` : (STATE[r.state] ?? r.state),
          dateTime(r.requested_at),
        ]),
      ),
    );
  }
  page.append(h("h2", {}, ...bi("キャンペーン一覧", "Campaigns")));
  if (list.campaigns.length === 0) {
    page.append(h("p", {}, "まだキャンペーンはありません。上のフォームで作成してください。"));
    return;
  }
  page.append(
    table(
      "キャンペーン一覧",
      ["キャンペーン", "支援施策", "状態", "通知群", "対照群", "作成日時"],
      list.campaigns.map((c) => [
        h("a", { href: `#/campaigns/${encodeURIComponent(c.campaign_id)}`, class: "mono" }, c.campaign_id),
        c.program_name ?? c.program_id ?? "—",
        statusLabel(c.status),
        c.audience ? int(c.audience.treated) : (c.report ? int(c.report.treated) : "—"),
        c.audience ? int(c.audience.holdout) : (c.report ? int(c.report.holdout) : "—"),
        dateTime(c.created_at),
      ]),
      { numeric: [3, 4] },
    ),
  );
}

// ---------------------------------------------------------------------------- one campaign

export async function renderCampaign(page: HTMLElement, id: string): Promise<void> {
  const c = await api.campaign(id);
  const title = c.program_name ?? c.program_id ?? id;
  page.append(
    h("nav", { class: "breadcrumb", "aria-label": "パンくずリスト" }, h("a", { href: "#/campaigns" }, "キャンペーン"), " › ", id),
    pageHeader(`キャンペーン: ${title}`, `Campaign ${id}`),
    h(
      "dl",
      { class: "facts" },
      h("div", {}, h("dt", {}, "状態"), h("dd", { id: "campaign-status", "data-status": c.status }, statusLabel(c.status))),
      h("div", {}, h("dt", {}, "配信チャネル"), h("dd", {}, (c.channels ?? []).map(channelLabel).join("・") || "—")),
      h("div", {}, h("dt", {}, "作成日時"), h("dd", {}, dateTime(c.created_at))),
      h("div", {}, h("dt", {}, "配信日時"), h("dd", {}, dateTime(c.sent_at))),
      c.program_id ? h("div", {}, h("dt", {}, "配信先リスト"), h("dd", {}, h("a", { href: `#/programs/${encodeURIComponent(c.program_id)}` }, c.program_id))) : null,
    ),
  );

  // --- send ---------------------------------------------------------------------------------
  const sendStatus = h("div", { id: "send-status", "aria-live": "polite" });
  const pending = (c.requests ?? []).find((r) => r.action === "send" && (r.state === "queued" || r.state === "running"));
  const reload = () => navigate(`#/campaigns/${encodeURIComponent(id)}`);
  if (pending) {
    follow(pending, sendStatus, reload);
    page.append(sendStatus);
  } else if (c.status === "planned" || c.status === "sending") {
    const sendButton = h(
      "button",
      { type: "button", class: "button button--primary", id: "send-campaign" },
      c.status === "sending" ? "残りを配信する（再実行）" : "このキャンペーンを配信する",
    );
    sendButton.addEventListener("click", async () => {
      sendButton.disabled = true;
      clear(sendStatus);
      try {
        const req = await api.sendCampaign(id);
        follow(req, sendStatus, reload);
      } catch (err) {
        sendButton.disabled = false;
        sendStatus.appendChild(alertBox("error", h("strong", {}, "配信できません："), err instanceof Error ? err.message : String(err)));
      }
    });
    page.append(
      h("div", { class: "actions" }, sendButton),
      h("p", { class: "help" }, "通知群の企業にだけ配信します（対照群には配信しません）。同じ企業に二重に配信することはありません。"),
      sendStatus,
    );
  }

  // --- audience -------------------------------------------------------------------------------
  const a = c.audience;
  if (a) {
    const rows: (Node | string)[][] = CHANNELS.map(([code, ja]) => [ja, int(a.by_channel[code]?.treated ?? 0), int(a.by_channel[code]?.holdout ?? 0)]);
    rows.push(["連絡手段なし", int(a.no_channel?.treated ?? 0), int(a.no_channel?.holdout ?? 0)]);
    rows.push(["合計", int(a.treated), int(a.holdout)]);
    page.append(
      h("h2", {}, ...bi("対象企業", "Audience")),
      h(
        "dl",
        { class: "facts", id: "audience-facts" },
        h("div", {}, h("dt", {}, "配信先リスト"), h("dd", {}, `${int(a.targets)}社`)),
        h("div", {}, h("dt", {}, "通知群"), h("dd", { "data-count": "treated" }, `${int(a.treated)}社`)),
        h("div", {}, h("dt", {}, "対照群"), h("dd", { "data-count": "holdout" }, `${int(a.holdout)}社`)),
        h("div", {}, h("dt", {}, "うち未接触（通知群）"), h("dd", { "data-count": "never_reached_treated" }, `${int(a.never_reached_treated)}社${a.treated > 0 ? `（${pct(a.never_reached_treated / a.treated)}）` : ""}`)),
        h("div", {}, h("dt", {}, "うち未接触（対照群）"), h("dd", {}, `${int(a.never_reached_holdout ?? 0)}社`)),
      ),
      h("p", { class: "help" }, `対照群は効果測定のため配信しない企業です（${pct(c.holdout_share)}）。「未接触」はこれまで支援策に申請したことのない企業です。配信規模を指定したキャンペーンでは、対象となる未接触の企業が十分にいる限り、枠の一定割合（既定は半分、設定 targets.never_reached_share）を未接触の企業に割り当てます。`),
      table("チャネル別の対象企業", ["チャネル", "通知群", "対照群"], rows, { numeric: [1, 2] }),
    );
  }

  // --- delivery -------------------------------------------------------------------------------
  const by = c.delivery?.by_channel ?? {};
  const anyDelivery = Object.values(by).some((m) => Object.values(m).some((n) => n > 0));
  page.append(h("h2", {}, ...bi("配信状況", "Delivery")));
  if (!anyDelivery) {
    page.append(h("p", { id: "delivery-empty" }, c.status === "planned" ? "まだ配信していません。" : "配信の記録はありません。"));
  } else {
    const rows = CHANNELS.map(([code, ja]) => [ja, ...DELIVERY.map(([s]) => int(by[code]?.[s] ?? 0))]);
    const div = table("チャネル別の配信状況（通知群）", ["チャネル", ...DELIVERY.map(([, l]) => l)], rows, { numeric: [1, 2, 3, 4] });
    div.id = "delivery-table";
    page.append(div);
    if (c.skipped) {
      const parts = Object.entries(c.skipped).filter(([, n]) => n > 0).map(([k, n]) => `${SKIPPED[k] ?? k} ${int(n)}社`);
      page.append(h("p", { class: "help" }, `配信しなかった通知群の企業: ${parts.length ? parts.join("、") : "なし"}`));
    }
  }

  // --- read-out -------------------------------------------------------------------------------
  page.append(h("h2", {}, ...bi("効果測定", "Uplift read-out")));
  const r = c.report;
  if (!r) {
    page.append(h("p", {}, "配信後に、通知群と対照群の申請率の差（効果）を表示します。"));
    return;
  }
  page.append(
    h(
      "p",
      { class: "help" },
      `配信日 ${r.push_date ?? "—"} から ${r.outcomes_to ?? "—"} までの申請で集計しています。申請が届くにつれて更新されます（policyreach push report）。差は95%信頼区間（Newcombe法）とともに示します。`,
    ),
    table(
      "通知群と対照群の申請率",
      ["区分", "通知群", "対照群", "効果（差）", "95%信頼区間"],
      [readoutRow("すべての企業", r), ...(r.never_reached ? [readoutRow("未接触の企業", r.never_reached)] : [])],
      { numeric: [1, 2, 3] },
    ),
  );
  const chart = h("figure", { class: "chart", id: "uplift-chart" });
  chart.appendChild(upliftChart([["すべての企業", r], ...(r.never_reached ? [["未接触の企業", r.never_reached] as [string, api.Readout]] : [])]));
  chart.appendChild(h("figcaption", {}, "効果（申請率の差、ポイント）と95%信頼区間。0の線より右なら配信で申請が増えたことを示します。"));
  page.append(chart);
}

function readoutRow(label: string, r: api.Readout): (Node | string)[] {
  return [
    label,
    `${int(r.treated_applied)} / ${int(r.treated)}社（${pct(r.treated_rate)}）`,
    `${int(r.holdout_applied)} / ${int(r.holdout)}社（${pct(r.holdout_rate)}）`,
    points(r.uplift),
    r.ci95 ? `${points(r.ci95[0])} 〜 ${points(r.ci95[1])}` : "—（対照群または通知群が空）",
  ];
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A horizontal bar per group from 0 to the uplift, with whiskers at the 95% interval. */
function upliftChart(groups: [string, api.Readout][]): SVGElement {
  const width = 640;
  const left = 130;
  const right = 30;
  const rowH = 44;
  const top = 16;
  const height = top + groups.length * rowH + 34;
  let lo = 0;
  let hi = 0;
  for (const [, g] of groups) {
    for (const v of [g.uplift, ...(g.ci95 ?? [])]) {
      if (typeof v === "number") {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  const span = Math.max(hi - lo, 0.01);
  lo -= span * 0.1;
  hi += span * 0.1;
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * (width - left - right);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": "効果と95%信頼区間のグラフ" });
  const zero = x(0);
  root.appendChild(svg("line", { x1: zero, x2: zero, y1: top - 6, y2: top + groups.length * rowH, stroke: "#666", "stroke-dasharray": "4 3", class: "zero-line" }));
  root.appendChild(svg("text", { x: zero, y: height - 18, "text-anchor": "middle", "font-size": 12, fill: "#333" }, "0"));
  root.appendChild(svg("text", { x: left, y: height - 4, "font-size": 12, fill: "#333" }, points(lo)));
  root.appendChild(svg("text", { x: width - right, y: height - 4, "font-size": 12, "text-anchor": "end", fill: "#333" }, points(hi)));
  groups.forEach(([label, g], i) => {
    const y = top + i * rowH + rowH / 2;
    root.appendChild(svg("text", { x: left - 8, y: y + 4, "text-anchor": "end", "font-size": 13, fill: "#1a1a1a" }, label));
    if (typeof g.uplift !== "number") {
      root.appendChild(svg("text", { x: zero + 6, y: y + 4, "font-size": 12, fill: "#666" }, "集計できません"));
      return;
    }
    const x0 = Math.min(zero, x(g.uplift));
    const w = Math.max(Math.abs(x(g.uplift) - zero), 1);
    root.appendChild(svg("rect", { x: x0, y: y - 9, width: w, height: 18, fill: g.uplift >= 0 ? "#0031d8" : "#ec0000", class: "uplift-bar", "data-uplift": g.uplift }));
    if (g.ci95) {
      const [a, b] = g.ci95;
      root.appendChild(svg("line", { x1: x(a), x2: x(b), y1: y, y2: y, stroke: "#1a1a1a", "stroke-width": 2, class: "ci-whisker", "data-lo": a, "data-hi": b }));
      for (const v of [a, b]) root.appendChild(svg("line", { x1: x(v), x2: x(v), y1: y - 8, y2: y + 8, stroke: "#1a1a1a", "stroke-width": 2, class: "ci-cap" }));
    }
    root.appendChild(svg("text", { x: width - right, y: y - 12, "text-anchor": "end", "font-size": 12, fill: "#333" }, `${points(g.uplift)} [${g.ci95 ? `${points(g.ci95[0])}, ${points(g.ci95[1])}` : "—"}]`));
  });
  return root;
}
