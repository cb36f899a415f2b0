// End-to-end tests of the officer UI in headless Chromium against a running server:
//   PR_BASE_URL=http://127.0.0.1:PORT PR_OFFICER_KEY=... node --test e2e/
// bin/test.d/40-ui.run starts `policyreach serve` on a demo lakehouse and runs this.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { launch, parseCsv, checkDigit } from "./browser.mjs";

const BASE = process.env.PR_BASE_URL ?? "http://127.0.0.1:8787";
const KEY = process.env.PR_OFFICER_KEY ?? "dev-officer-key";
const PORTAL_KEY = process.env.PR_PORTAL_KEY ?? "";
const UI = `${BASE}/ui/`;

let browser, page;
const seenUrls = [];
const pageErrors = [];
let knownCn;

async function assertNoKeyLeak(where) {
  const html = await page.content();
  assert.ok(!html.includes(KEY), `the officer key appears in the page source (${where})`);
  assert.ok(!page.url().includes(KEY), `the officer key appears in the URL (${where})`);
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!storage.includes(KEY), `the officer key is in web storage (${where})`);
}

async function chartDrawn(locator) {
  await locator.locator("svg path").first().waitFor({ state: "attached", timeout: 15000 });
  const paths = await locator.locator("svg path").count();
  const text = await locator.locator("svg").first().textContent();
  return { paths, text: text ?? "" };
}

async function downloadText(trigger) {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 20000 }), trigger()]);
  const path = await download.path();
  const buf = await readFile(path);
  return { name: download.suggestedFilename(), buf, text: buf.toString("utf8") };
}

before(async () => {
  ({ context: browser } = await launch());
  ({ close: browser.closeAll } = { close: null });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on("request", (r) => seenUrls.push(r.url()));
  page.on("pageerror", (e) => pageErrors.push(String(e)));
});

after(async () => {
  await browser?.close();
});

test("unauthenticated: the sign-in form, lang=ja, the API refuses without a session", async () => {
  await page.goto(UI);
  assert.equal(await page.getAttribute("html", "lang"), "ja");
  await page.getByLabel("職員用キー").waitFor();
  const status = await page.evaluate(async () => (await fetch("/v1/segments")).status);
  assert.equal(status, 401);
  // No external asset: every script and stylesheet comes from this server.
  const srcs = await page.evaluate(() => [...document.querySelectorAll("script[src],link[href]")].map((e) => e.src || e.href));
  for (const s of srcs) assert.ok(s.startsWith(BASE) || s.startsWith("data:"), `external asset ${s}`);
});

test("keyboard: the skip link comes first and jumps to the content", async () => {
  await page.locator("#site-title").focus();
  await page.keyboard.press("Shift+Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "本文へスキップ");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H1");
  assert.equal(new URL(page.url()).hash, "");
});

test("a wrong key is refused with a Japanese message", async () => {
  await page.getByLabel("職員用キー").fill("not-a-valid-key-000");
  await page.getByRole("button", { name: /ログイン/ }).click();
  await page.getByRole("alert").filter({ hasText: "キーが正しくない" }).waitFor();
  if (PORTAL_KEY) {
    await page.getByLabel("職員用キー").fill(PORTAL_KEY);
    await page.getByRole("button", { name: /ログイン/ }).click();
    await page.getByRole("alert").filter({ hasText: "権限" }).waitFor();
  }
});

test("sign-in sets an HttpOnly SameSite=Strict session cookie; the key stays out of page and URL", async () => {
  const field = page.getByLabel("職員用キー");
  await field.fill(KEY);
  await field.press("Enter"); // keyboard submit
  await page.getByRole("heading", { level: 1, name: /セグメント一覧/ }).waitFor();
  const cookies = await browser.cookies(BASE);
  const session = cookies.find((c) => c.name === "pr_session");
  assert.ok(session, `no pr_session cookie: ${cookies.map((c) => c.name)}`);
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, "Strict");
  assert.equal(session.path, "/");
  assert.ok(!session.value.includes(KEY), "the cookie must not carry the key itself");
  assert.equal(await page.evaluate(() => document.cookie.includes("pr_session")), false);
  assert.equal(await page.getByLabel("職員用キー").count(), 0);
  await assertNoKeyLeak("after sign-in");
});

/** The API's own answer, fetched in the page with the session cookie (as the UI does). */
async function apiJson(path) {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { "X-PolicyReach-UI": "1", Accept: "application/json" } });
    return { status: res.status, body: await res.json() };
  }, path);
}

test("segment list shows real segments with size, unreached share and the trend vs the previous build", async () => {
  const rows = page.locator("table.data-table tbody tr");
  assert.ok((await rows.count()) > 0, "no segment rows");
  // The list comes from GET /v1/segments alone: no request per segment (the old workaround).
  const perSegment = seenUrls.filter((u) => /\/v1\/segments\/[^?]/.test(new URL(u).pathname));
  assert.deepEqual(perSegment, [], "the segment list made per-segment requests");
  const { status, body } = await apiJson("/v1/segments");
  assert.equal(status, 200);
  assert.equal(await rows.count(), body.segments.length, "one row per segment of the publication");
  const text = await page.locator("table.data-table").innerText();
  for (const s of body.segments) {
    assert.ok(text.includes(s.label_ja ?? s.segment_id), `segment ${s.segment_id} is listed`);
    assert.ok(text.includes(Number(s.size).toLocaleString("ja-JP")), `size of ${s.segment_id} is shown`);
    assert.ok("unreached_share" in s && "previous" in s, `segment ${s.segment_id} carries unreached_share and previous`);
  }
  assert.ok(body.segments.some((s) => typeof s.unreached_share === "number"), "the API gives unreached shares");
  assert.match(text, /\d+(\.\d)?%/, "an unreached share is shown");
  const first = await rows.first().textContent();
  assert.match(first ?? "", /\d/);
  assert.ok(await page.locator("th", { hasText: "未到達の割合" }).count());
  // The trend column: one trend cell per row, ▲/▼/— with numbers, or 前回データなし.
  const headers = await page.locator("table.data-table thead th").allInnerTexts();
  const trendCol = headers.findIndex((t) => t.includes("前回ビルドからの変化"));
  assert.ok(trendCol >= 0, `no trend column in ${headers}`);
  assert.equal(await page.locator("table.data-table tbody .trend").count(), body.segments.length, "a trend in every row");
  for (const s of body.segments) {
    const row = rows.filter({ has: page.locator(`a[href="#/segments/${encodeURIComponent(s.segment_id)}"]`) });
    const cell = (await row.locator("td, th").nth(trendCol).innerText()).trim();
    if (s.previous === null) assert.equal(cell, "前回データなし", `trend of ${s.segment_id}`);
    else assert.match(cell, /[▲▼—]/, `trend of ${s.segment_id}: ${cell}`);
  }
  const basis = await page.locator("#trend-basis").innerText();
  if (body.previous_publication) assert.ok(basis.includes(body.previous_publication.publication), basis);
  else assert.match(basis, /前回データなし/);
});

test("the trend column renders ▲/▼/— with numbers (previous figures added to the real answer in the browser)", async () => {
  // The demo lakehouse has one publication, so every real `previous` is null. To check the
  // rendering of a real comparison, give three segments previous figures in the browser.
  const real = (await apiJson("/v1/segments")).body;
  const withShare = real.segments.filter((s) => typeof s.unreached_share === "number").sort((a, b) => b.size - a.size);
  assert.ok(withShare.length >= 3, "the demo has segments with an unreached share");
  const [grew, shrank, same] = withShare;
  const prev = (s, size, share) => ({ publication: "pub-e2e-prev", build_id: "b-e2e-prev", label_ja: s.label_ja, size, unreached_share: share });
  await page.route("**/v1/segments", async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    body.previous_publication = { publication: "pub-e2e-prev", build_id: "b-e2e-prev", as_of: "2026-10-31" };
    for (const s of body.segments) {
      if (s.segment_id === grew.segment_id) s.previous = prev(s, s.size - 100, s.unreached_share + 0.05);
      else if (s.segment_id === shrank.segment_id) s.previous = prev(s, s.size + 20, s.unreached_share);
      else if (s.segment_id === same.segment_id) s.previous = prev(s, s.size, null);
      else s.previous = null;
    }
    await route.fulfill({ response, json: body });
  });
  try {
    await page.evaluate(() => { location.hash = "#/programs"; });
    await page.getByRole("heading", { level: 1, name: /支援施策と配信先/ }).waitFor();
    await page.evaluate(() => { location.hash = "#/segments"; });
    await page.locator("#trend-basis", { hasText: "pub-e2e-prev" }).waitFor();
    const trendOf = async (s) =>
      (await page.locator("table.data-table tbody tr").filter({ has: page.locator(`a[href="#/segments/${encodeURIComponent(s.segment_id)}"]`) }).locator(".trend").innerText()).replace(/\s+/g, " ");
    assert.match(await trendOf(grew), /▲ 100社増（\+[\d.]+%） 未到達 ▼ 5\.0ポイント/);
    assert.match(await trendOf(shrank), /▼ 20社減（−[\d.]+%） 未到達 — 変化なし/);
    assert.match(await trendOf(same), /— 増減なし 未到達 比較不可/);
    assert.equal(await page.locator("table.data-table tbody .trend--none").count(), real.segments.length - 3);
  } finally {
    await page.unroute("**/v1/segments");
    await page.evaluate(() => { location.hash = "#/programs"; });
    await page.getByRole("heading", { level: 1, name: /支援施策と配信先/ }).waitFor();
    await page.evaluate(() => { location.hash = "#/segments"; });
    await page.locator("#trend-basis").filter({ hasNotText: "pub-e2e-prev" }).waitFor();
  }
});

test("segment report draws charts, marks suppressed cells and downloads a CSV", async () => {
  await page.locator("a.segment-link").first().click();
  await page.locator(".report-section").first().waitFor();
  const { paths } = await chartDrawn(page.locator(".report-section .chart").first());
  assert.ok(paths > 1, `chart has ${paths} paths`);
  const sections = await page.locator(".report-section").count();
  assert.ok(sections >= 2, `only ${sections} report sections`);
  await assertNoKeyLeak("segment report");
  const { name, buf, text } = await downloadText(() => page.getByRole("button", { name: /CSV/ }).click());
  assert.match(name, /\.csv$/);
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], "CSV starts with a UTF-8 BOM");
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  assert.deepEqual(rows[0], ["区分", "指標", "キー", "名称", "件数", "値", "秘匿"]);
  assert.ok(rows.length > 2);
  const suppressedInCsv = rows.slice(1).filter((r) => r[6] === "秘匿").length;
  const suppressedOnPage = await page.locator(".report-section tbody tr:has(.suppressed)").count();
  assert.equal(suppressedOnPage, suppressedInCsv, "every suppressed cell is marked 秘匿 on the page");
});

test("program page lists push targets with reasons, filters, and downloads the mailing CSV", async () => {
  await page.getByRole("link", { name: /支援施策と配信先/ }).click();
  await page.getByRole("heading", { level: 1, name: /支援施策と配信先/ }).waitFor();
  const programs = (await apiJson("/v1/programs")).body.programs;
  assert.ok(programs.length > 0, "no programs");
  assert.ok(programs.some((p) => p.targets > 0), "no program of the publication has push targets");
  // Programs with a push list come first; open the first one.
  await page.locator("a.program-link").first().click();
  await page.getByRole("heading", { level: 2, name: /配信先リスト/ }).waitFor();
  assert.ok((await page.locator("#targets-table tbody tr").count()) > 0, "the first program shows its push targets");
  const programId = decodeURIComponent(new URL(page.url()).hash.split("/")[2].split("?")[0]);
  const api = await apiJson(`/v1/programs/${encodeURIComponent(programId)}/targets?limit=100`);
  assert.equal(await page.locator("#targets-table tbody tr").count(), api.body.targets.length, "the page shows the API's first page");
  const firstRow = page.locator("#targets-table tbody tr").first();
  assert.ok(((await firstRow.locator(".reasons li").count()) ?? 0) > 0, "targets carry reasons");
  knownCn = (await firstRow.locator("a.mono").textContent())?.trim();
  assert.match(knownCn ?? "", /^\d{13}$/);

  await page.getByLabel("到達状況").selectOption("false");
  await page.getByRole("button", { name: "絞り込む" }).click();
  await page.waitForURL(/reached=false/);
  await page.getByRole("heading", { level: 2, name: /配信先リスト/ }).waitFor();
  const tags = await page.locator("#targets-table tbody tr .tag--reached").count();
  assert.equal(tags, 0, "the unreached filter shows no reached firm");
  assert.equal(await page.getByLabel("到達状況").inputValue(), "false");

  const { buf, text } = await downloadText(() => page.getByRole("button", { name: /CSV/ }).click());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf], "CSV starts with a UTF-8 BOM");
  const rows = parseCsv(text.replace(/^\uFEFF/, "")).filter((r) => r.length > 1);
  assert.ok(rows[0].some((h) => /corporate_number|法人番号/.test(h)), `CSV header: ${rows[0]}`);
  assert.ok(rows.length >= 1);
  await assertNoKeyLeak("program page");
});

test("firm lookup: any common form of a known number shows profile and recommendations", async () => {
  await page.getByRole("link", { name: /法人番号で検索/ }).click();
  const input = page.locator("#cn");
  // Full-width digits with hyphens, as officers paste them from documents.
  const fancy = `${knownCn.slice(0, 1)}-${knownCn.slice(1, 5)}-${knownCn.slice(5, 9)}-${knownCn.slice(9)}`.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  await input.fill(fancy);
  await input.press("Enter");
  await page.locator("#firm-name").waitFor();
  assert.ok((await page.locator("#firm-name").textContent()).includes(knownCn));
  await page.getByRole("heading", { name: "推薦する支援施策" }).waitFor();
  assert.equal(await page.locator("#cn-messages [role=alert]").count(), 0);

  // The profile (officers may read it): attributes with their source, need scores, segments.
  const profile = await apiJson(`/v1/companies/${knownCn}/profile`);
  assert.equal(profile.status, 200, `an officer session reads the profile: ${JSON.stringify(profile.body)}`);
  assert.ok(profile.body.need_scores && typeof profile.body.need_scores === "object", "officers get need_scores");
  assert.ok(Array.isArray(profile.body.segments), "officers get the firm's segments");
  const prof = page.locator("#firm-profile");
  await prof.getByRole("heading", { name: "企業プロフィール" }).waitFor();
  const profText = await prof.innerText();
  for (const label of ["所在地", "業種", "規模", "従業員数", "到達状況"]) assert.ok(profText.includes(label), `profile shows ${label}`);
  assert.ok(profText.includes("出典"), "attribute sources are shown");
  const name = profile.body.attributes?.name?.value;
  if (name) assert.ok((await page.locator("#firm-name").innerText()).includes(name), "the firm's name from the profile");
  if (Object.keys(profile.body.need_scores).length) {
    const { paths } = await chartDrawn(page.locator("#firm-needs .chart"));
    assert.ok(paths > 1, `need chart has ${paths} paths`);
  }
  const segText = await page.locator("#firm-segments").innerText();
  for (const s of profile.body.segments) assert.ok(segText.includes(s.label_ja ?? s.segment_id), `segment ${s.segment_id} shown`);
  if (profile.body.segments.length === 0) assert.match(segText, /ありません/);
  // Recommendations with reasons.
  const recs = (await apiJson(`/v1/companies/${knownCn}/recommendations?limit=10`)).body.recommendations;
  assert.equal(await page.locator("#firm-recs .rec").count(), recs.length);
  if (recs.length) assert.ok((await page.locator("#firm-recs .rec .reasons li").count()) > 0, "recommendations carry reasons");
  await assertNoKeyLeak("firm page");
});

test("firm lookup: a wrong check digit and an unknown number give clear messages", async () => {
  const input = page.locator("#cn");
  const wrong = `${(Number(knownCn[0]) % 9) + 1}${knownCn.slice(1)}`;
  await input.fill(wrong);
  await input.press("Enter");
  await page.locator("#cn-messages [role=alert]").filter({ hasText: "チェックデジット" }).waitFor();
  assert.equal(await input.getAttribute("aria-invalid"), "true");

  await input.fill("12345");
  await input.press("Enter");
  await page.locator("#cn-messages [role=alert]").filter({ hasText: "13桁" }).waitFor();

  const base = "98765432" + "1024";
  const unknown = `${checkDigit(base)}${base}`;
  await input.fill(unknown);
  await input.press("Enter");
  await page.locator("#cn-messages [role=alert]").filter({ hasText: "見つかりませんでした" }).waitFor();
});

// --- push campaigns: create → send → follow, through the page, run by a real `push worker` ------
// 40-ui.run starts `policyreach push worker` on the same lakehouse; a request takes as long as a
// Spark plan or send on this machine, so the waits for the worker are long (they wait for a state,
// they do not time anything).
const WORKER_WAIT = 15 * 60 * 1000;
let campaignId;

test("campaign page: bad input is refused with a message naming it; nothing is queued", async () => {
  await page.locator("#site-nav a[data-nav=campaigns]").click();
  await page.getByRole("heading", { level: 1, name: /キャンペーン/ }).waitFor();
  const before = (await apiJson("/v1/campaigns")).body.requests.length;
  const programs = (await apiJson("/v1/programs")).body.programs.filter((p) => p.targets > 0);
  await page.getByLabel(/支援施策/).selectOption(programs[0].program_id);
  await page.getByLabel(/配信規模/).fill("0");
  await page.getByRole("button", { name: "キャンペーンを作成" }).click();
  const alert = page.locator("#create-status").getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /作成できません.*max = 0.*1 to 100000/);
  // no program chosen
  await page.getByLabel(/支援施策/).selectOption("");
  await page.getByLabel(/配信規模/).fill("10");
  await page.getByRole("button", { name: "キャンペーンを作成" }).click();
  await page.locator("#create-status").getByRole("alert").filter({ hasText: "program_id" }).waitFor();
  // an unknown program and an unknown channel, straight to the API the page uses
  const unknown = await page.evaluate(async () => {
    const post = async (body) => {
      const r = await fetch("/v1/campaigns", { method: "POST", headers: { "X-PolicyReach-UI": "1", "Content-Type": "application/json" }, body: JSON.stringify(body) });
      return { status: r.status, error: (await r.json()).error };
    };
    return [await post({ program_id: "no-such-program" }), await post({ program_id: "x", channels: ["fax"] })];
  });
  assert.equal(unknown[0].status, 404);
  assert.equal(unknown[0].error.code, "PROGRAM_UNKNOWN");
  assert.match(unknown[0].error.message, /no-such-program.*GET \/v1\/programs/);
  assert.equal(unknown[1].status, 404, "the program is checked first");
  const sendUnknown = await page.evaluate(async () => {
    const r = await fetch("/v1/campaigns/cmp-00000000-00000000/send", { method: "POST", headers: { "X-PolicyReach-UI": "1", "Content-Type": "application/json" }, body: "{}" });
    return { status: r.status, error: (await r.json()).error };
  });
  assert.equal(sendUnknown.status, 404);
  assert.equal(sendUnknown.error.code, "CAMPAIGN_UNKNOWN");
  assert.equal((await apiJson("/v1/campaigns")).body.requests.length, before, "bad input queued nothing");
});

test("campaign page: create a campaign from a program's target list and see its audience per channel", async () => {
  // from the program page, as an officer would
  const programs = (await apiJson("/v1/programs")).body.programs.filter((p) => p.targets > 0);
  const program = programs[programs.length > 1 ? 1 : 0];
  await page.goto(`${UI}#/programs/${encodeURIComponent(program.program_id)}`);
  await page.getByRole("link", { name: "この施策でキャンペーンを作成" }).click();
  await page.getByRole("heading", { level: 1, name: /キャンペーン/ }).waitFor();
  assert.equal(await page.getByLabel(/支援施策/).inputValue(), program.program_id, "the program comes preselected");
  // channels: inbox and post (no SMTP server in this suite), size 40
  assert.equal(await page.getByRole("checkbox", { name: /ポータルのお知らせ/ }).isChecked(), true);
  assert.equal(await page.getByRole("checkbox", { name: /電子メール/ }).isChecked(), false);
  await page.getByRole("checkbox", { name: /郵送/ }).check();
  await page.getByLabel(/配信規模/).fill("40");
  await page.getByRole("button", { name: "キャンペーンを作成" }).click();
  await page.locator("#create-status [data-request-state]").waitFor();
  // the worker plans it; the page follows the request and opens the campaign
  await page.waitForURL(/#\/campaigns\/cmp-/, { timeout: WORKER_WAIT });
  campaignId = decodeURIComponent(new URL(page.url()).hash.split("/")[2]);
  await page.getByRole("heading", { level: 2, name: /対象企業/ }).waitFor();
  assert.equal(await page.locator("#campaign-status").getAttribute("data-status"), "planned");

  const c = (await apiJson(`/v1/campaigns/${campaignId}`)).body;
  assert.equal(c.program_id, program.program_id);
  assert.deepEqual(c.channels, ["inbox", "post"]);
  assert.equal(c.max_firms, 40);
  const a = c.audience;
  assert.ok(a.treated > 0, `a campaign of 40 from a list of ${program.targets} treats some firms`);
  assert.ok(a.treated + a.holdout <= 40, "at most max firms");
  assert.equal(a.by_channel.email.treated, 0, "no e-mail channel was chosen");
  const perChannel = ["inbox", "email", "post"].reduce((n, ch) => n + a.by_channel[ch].treated, 0) + a.no_channel.treated;
  assert.equal(perChannel, a.treated, "the per-channel counts add up to the treated firms");
  // the page shows the same numbers
  const text = await page.locator("#audience-facts").textContent();
  assert.ok(text.includes(`${a.treated.toLocaleString("ja-JP")}社`) && text.includes(`${a.holdout.toLocaleString("ja-JP")}社`), text);
  // the never-reached treated firms with their share of the treated (the reserve itself is checked
  // by PushCampaignTest: some programs' lists hold no never-reached firm at all)
  const share = new Intl.NumberFormat("ja-JP", { style: "percent", maximumFractionDigits: 1 }).format(a.never_reached_treated / a.treated);
  assert.ok(text.includes(`${a.never_reached_treated.toLocaleString("ja-JP")}社（${share}）`), `the never-reached share is shown: ${text}`);
  const rows = await page.locator("table:has(caption:text('チャネル別の対象企業')) tbody tr").allTextContents();
  assert.ok(rows.some((r) => r.startsWith("ポータルのお知らせ") && r.includes(String(a.by_channel.inbox.treated))), rows.join(" | "));
  // counts only: no corporate number, address or e-mail in what the page gets
  // (corporate numbers are 13-digit JSON strings; the figures are numbers)
  assert.doesNotMatch(JSON.stringify(c), /"\d{13}"|@/);
  assert.equal(await page.locator("#delivery-empty").count(), 1, "nothing delivered before send");
});

test("campaign page: send it, follow delivery per channel and the uplift read-out with its interval", async () => {
  assert.ok(campaignId, "the previous test created a campaign");
  await page.getByRole("button", { name: "このキャンペーンを配信する" }).click();
  await page.locator("#send-status [data-request-state]").waitFor();
  // the worker sends it; the page reloads the campaign when the request is done
  await page.locator("#campaign-status[data-status='sent']").waitFor({ timeout: WORKER_WAIT });
  await page.locator("#delivery-table").waitFor();
  const c = (await apiJson(`/v1/campaigns/${campaignId}`)).body;
  const inbox = c.delivery.by_channel.inbox.delivered ?? 0;
  const post = c.delivery.by_channel.post.sent ?? 0;
  const skipped = Object.values(c.skipped ?? {}).reduce((n, v) => n + v, 0);
  assert.equal(inbox + post + skipped, c.audience.treated, "every treated firm was delivered or skipped with a reason");
  assert.equal(Object.keys(c.delivery.by_channel.email).length, 0, "nothing by e-mail");
  assert.ok(inbox + post > 0);
  const rows = await page.locator("#delivery-table tbody tr").allTextContents();
  assert.ok(rows.some((r) => r.startsWith("ポータルのお知らせ") && r.includes(String(inbox))), rows.join(" | "));
  assert.ok(rows.some((r) => r.startsWith("郵送") && r.includes(String(post))), rows.join(" | "));

  // the read-out: treated = delivered, the holdout, the uplift inside its 95% interval, as a chart
  const r = c.report;
  assert.ok(r, "a sent campaign has a read-out");
  assert.equal(r.treated, inbox + post, "treated means delivered");
  assert.equal(r.holdout, c.delivery.holdout_recorded);
  const bar = page.locator("#uplift-chart svg rect.uplift-bar").first();
  const whisker = page.locator("#uplift-chart svg line.ci-whisker").first();
  if (r.holdout > 0) {
    assert.ok(r.ci95[0] <= r.uplift && r.uplift <= r.ci95[1]);
    await whisker.waitFor({ state: "attached" }); // a horizontal line has no height: "attached", not "visible"
    const [lo, hi, u] = [Number(await whisker.getAttribute("data-lo")), Number(await whisker.getAttribute("data-hi")), Number(await bar.getAttribute("data-uplift"))];
    assert.deepEqual([lo, hi, u], [r.ci95[0], r.ci95[1], r.uplift], "the chart draws the API's figures");
    const [x1, x2] = [Number(await whisker.getAttribute("x1")), Number(await whisker.getAttribute("x2"))];
    assert.ok(x1 < x2, "the interval has width");
  }
  assert.equal(await page.getByRole("button", { name: /配信する/ }).count(), 0, "a sent campaign offers no send button");
  const again = await page.evaluate(async (id) => {
    const res = await fetch(`/v1/campaigns/${id}/send`, { method: "POST", headers: { "X-PolicyReach-UI": "1", "Content-Type": "application/json" }, body: "{}" });
    return { status: res.status, error: (await res.json()).error };
  }, campaignId);
  assert.equal(again.status, 409);
  assert.equal(again.error.code, "CAMPAIGN_ALREADY_SENT");
  assert.match(again.error.message, new RegExp(`${campaignId}.*never sent twice`));
  // the campaign list shows it as sent
  await page.locator("#site-nav a[data-nav=campaigns]").click();
  const row = page.locator("table.data-table tbody tr", { hasText: campaignId });
  await row.waitFor();
  assert.match(await row.textContent(), /配信済み/);
  await assertNoKeyLeak("campaign page");
});

test("sign-out ends the session", async () => {
  await page.getByRole("button", { name: /ログアウト/ }).click();
  await page.getByLabel("職員用キー").waitFor();
  await page.getByText("ログアウトしました").waitFor();
  const status = await page.evaluate(async () => (await fetch("/v1/segments")).status);
  assert.equal(status, 401);
  const cookies = await browser.cookies(BASE);
  assert.equal(cookies.find((c) => c.name === "pr_session"), undefined);
  await page.reload();
  await page.getByLabel("職員用キー").waitFor();
});

test("the key never appeared in any URL; no script errors", () => {
  assert.ok(seenUrls.length > 5);
  for (const u of seenUrls) assert.ok(!u.includes(KEY), `key in URL ${u}`);
  assert.deepEqual(pageErrors, []);
});
