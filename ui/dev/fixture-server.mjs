// Development-only stand-in for `policyreach serve`: serves ui/dist at /ui/ and a small fake
// of the officer API (docs/dev/ui-server-needs.md) so the UI can be built and looked at
// before the real server exists. The tests that count run against the real server.
//   node dev/fixture-server.mjs [port]     key: dev-officer-key
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const PORT = Number(process.argv[2] ?? process.env.PORT ?? 8787);
const KEY = process.env.FIXTURE_KEY ?? "dev-officer-key";
const sessions = new Map();
// The same policy as serving's SecurityHeaders.UI_CSP, so CSP problems show up here too.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function checkDigit(base) {
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base[12 - n]) * (n % 2 ? 1 : 2);
  return 9 - (sum % 9);
}
const cnOf = (i) => { const base = String(100000000000 + i * 7919).slice(0, 12); return `${checkDigit(base)}${base}`; };

const PREFS = ["13", "27", "23", "14", "01", "40", "26", "34"];
const SIZES = ["small_scale", "sme", "large"];
const PROGRAMS = [
  { program_id: "monozukuri-2026", name: "ものづくり補助金（第20次）", name_en: "Monozukuri subsidy", family: "monozukuri", needs: ["equipment_investment"], opens: "2026-01-10", closes: "2026-12-20", max_amount_yen: 12500000, subsidy_rate: 0.5, url: "https://example.invalid/monozukuri", summary: "中小企業の革新的な製品・サービス開発や生産プロセス改善のための設備投資を支援します。" },
  { program_id: "it-donyu-2026", name: "IT導入補助金2026", name_en: "IT adoption subsidy", family: "it", needs: ["digitalization"], opens: "2026-03-01", closes: "2026-11-30", max_amount_yen: 4500000, subsidy_rate: 0.5, url: "https://example.invalid/it", summary: "ITツールの導入による業務効率化・DXを支援します。" },
  { program_id: "jizokuka-2026", name: "小規模事業者持続化補助金", name_en: "Sustainability subsidy", family: "jizokuka", needs: ["sales_channels"], opens: "2026-02-01", closes: "2026-10-31", max_amount_yen: 500000, subsidy_rate: 0.6667, url: "https://example.invalid/jizokuka", summary: "小規模事業者の販路開拓を支援します。" },
];
const SEGMENTS = [
  { segment_id: "seg-equipment", kind: "rule", label_ja: "設備投資ニーズの高い製造業", label_en: "Manufacturers with equipment needs", definition: "jsic_division = 'E' AND need_scores['equipment_investment'] >= 0.6", size: 412, unreached_share: 0.63, previous: { publication: "pub-fixture-0", build_id: "b1", label_ja: "設備投資ニーズの高い製造業", size: 380, unreached_share: 0.66 } },
  { segment_id: "seg-digital", kind: "rule", label_ja: "デジタル化ニーズのある小規模事業者", label_en: "Small firms needing digitalization", definition: "size_class = 'small_scale' AND need_scores['digitalization'] >= 0.5", size: 655, unreached_share: 0.81, previous: { publication: "pub-fixture-0", build_id: "b1", label_ja: "デジタル化ニーズのある小規模事業者", size: 700, unreached_share: 0.8 } },
  { segment_id: "cluster-3", kind: "cluster", label_ja: "クラスタ3: 販路開拓志向のサービス業", label_en: "Cluster 3", definition: "k-means cluster 3", size: 233, unreached_share: 0.42, previous: null },
];
const FIRMS = Array.from({ length: 300 }, (_, i) => ({
  corporate_number: cnOf(i + 1), name: `株式会社サンプル${i + 1}`, prefecture_code: PREFS[i % PREFS.length],
  jsic_division: "DEGIMR"[i % 6], size_class: SIZES[i % 3], firm_age_years: 5 + (i % 40), capital_yen: 10000000 * (1 + (i % 9)),
  employees: 3 + (i % 120), established: `${1980 + (i % 40)}-04-01`, status: "active", reached: i % 3 === 0, applications: i % 3 === 0 ? 2 : 0,
  awards: i % 6 === 0 ? 1 : 0, need_scores: { equipment_investment: (i % 10) / 10, digitalization: ((i * 3) % 10) / 10, sales_channels: ((i * 7) % 10) / 10 }, opted_out: false,
}));

// The cells of gold.segment_reports as pipelines' SegmentReportBuilder writes them.
function report(seg) {
  const rows = [];
  const add = (section, dimension, key, count, value) => rows.push(count !== null && count < 10 ? { section, dimension, key, count: null, value: null, suppressed: true } : { section, dimension, key, count, value, suppressed: false });
  add("size", "firms", "total", seg.size, null);
  const dist = (dimension, keys, div) => keys.forEach((k, i) => { const c = Math.max(3, Math.round(seg.size / (div + i * div))); add("distribution", dimension, k, c, c / seg.size); });
  dist("jsic", ["E", "D", "I", "G", "M", "R"], 2);
  dist("prefecture", PREFS, 3);
  dist("size_class", SIZES, 1.5);
  const un = Math.round(seg.size * seg.unreached_share);
  add("reach", "reached", "unreached", un, un / seg.size);
  add("reach", "reached", "reached", seg.size - un, (seg.size - un) / seg.size);
  ["equipment_investment", "digitalization", "sales_channels", "succession"].forEach((k, i) => add("needs", "mean_score", k, null, 0.8 - i * 0.17));
  PROGRAMS.forEach((p, i) => { add("uptake", "applied", p.program_id, 40 - i * 15, (40 - i * 15) / seg.size); add("uptake", "awarded", p.program_id, 20 - i * 6, 0.5); });
  add("underused", "program", PROGRAMS[2].program_id, null, 0.42);
  return rows;
}

const json = (res, status, body, headers = {}) => { res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers }); res.end(JSON.stringify(body)); };
const error = (res, status, code, message) => json(res, status, { error: { code, message } });
const cookieSession = (req) => { const m = /(?:^|;\s*)pr_session=([^;]+)/.exec(req.headers.cookie ?? ""); return m ? sessions.get(m[1]) : undefined; };
const body = (req) => new Promise((resolve) => { let b = ""; req.on("data", (c) => (b += c)); req.on("end", () => resolve(b)); });
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png" };

createServer(async (req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const path = url.pathname;
  if (path === "/ui/session") {
    if (req.method !== "GET" && req.headers["x-policyreach-ui"] !== "1") return error(res, 403, "CSRF_REJECTED", "X-PolicyReach-UI ヘッダーが必要です。");
    if (req.method === "POST") {
      const raw = await body(req);
      let key = "";
      try { key = JSON.parse(raw).key; } catch { key = new URLSearchParams(raw).get("key") ?? ""; }
      if (key !== KEY) return error(res, 401, "UNAUTHORIZED", "キーが正しくありません。");
      const id = randomBytes(32).toString("base64url");
      const s = { key_id: "dev-officer", role: "officer", expires_at: new Date(Date.now() + 8 * 3600e3).toISOString() };
      sessions.set(id, s);
      return json(res, 200, s, { "Set-Cookie": `pr_session=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800` });
    }
    if (req.method === "DELETE") {
      const m = /(?:^|;\s*)pr_session=([^;]+)/.exec(req.headers.cookie ?? "");
      if (m) sessions.delete(m[1]);
      res.writeHead(204, { "Set-Cookie": "pr_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" });
      return res.end();
    }
    const s = cookieSession(req);
    return s ? json(res, 200, s) : error(res, 401, "UNAUTHORIZED", "ログインしていません。");
  }
  if (path === "/ui") { res.writeHead(301, { Location: "/ui/" }); return res.end(); }
  if (path.startsWith("/ui/")) {
    const rel = path === "/ui/" ? "index.html" : path.slice(4);
    const file = normalize(join(DIST, rel));
    if (!file.startsWith(DIST)) return error(res, 404, "NOT_FOUND", "not found");
    try {
      const data = await readFile(file);
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", "Content-Security-Policy": CSP });
      return res.end(data);
    } catch { return error(res, 404, "NOT_FOUND", "not found"); }
  }
  if (!path.startsWith("/v1/")) return error(res, 404, "NOT_FOUND", "not found");
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
  if (!(bearer === KEY || cookieSession(req))) return error(res, 401, "UNAUTHORIZED", "認証が必要です。");
  const pub = "pub-fixture";
  let m;
  if (path === "/v1/segments") return json(res, 200, { publication: pub, build_id: "b2", previous_publication: { publication: "pub-fixture-0", build_id: "b1", as_of: "2026-10-31" }, segments: SEGMENTS });
  if ((m = /^\/v1\/segments\/([^/]+)$/.exec(path))) {
    const seg = SEGMENTS.find((s) => s.segment_id === decodeURIComponent(m[1]));
    return seg ? json(res, 200, { publication: pub, segment: seg, report: report(seg) }) : error(res, 404, "SEGMENT_UNKNOWN", "セグメントが見つかりません。");
  }
  if (path === "/v1/programs") return json(res, 200, { publication: pub, programs: PROGRAMS.map((p, i) => ({ ...p, targets: 200 - i * 50 })) });
  if ((m = /^\/v1\/programs\/([^/]+)\/targets$/.exec(path))) {
    const p = PROGRAMS.find((x) => x.program_id === decodeURIComponent(m[1]));
    if (!p) return error(res, 404, "PROGRAM_UNKNOWN", "施策が見つかりません。");
    const q = url.searchParams;
    let list = FIRMS.map((f, i) => ({ corporate_number: f.corporate_number, name: f.name, rank: i + 1, score: Math.round((0.95 - i * 0.002) * 1000) / 1000, reasons: [{ code: "NEED_MATCH", message: "設備投資のニーズが高い（過去の申請より）" }, { code: "ELIGIBLE", message: `${p.name}の対象要件を満たす` }], reached: f.reached, holdout: i % 10 === 9, prefecture_code: f.prefecture_code, size_class: f.size_class }));
    if (q.get("prefecture")) list = list.filter((t) => t.prefecture_code === q.get("prefecture"));
    if (q.get("size_class")) list = list.filter((t) => t.size_class === q.get("size_class"));
    if (q.get("reached")) list = list.filter((t) => String(t.reached) === q.get("reached"));
    if (q.get("format") === "csv" || (req.headers.accept ?? "").includes("text/csv")) {
      const lines = ["順位,法人番号,法人名,都道府県コード,規模,接触済み,スコア,推薦理由", ...list.map((t) => [t.rank, t.corporate_number, t.name, t.prefecture_code, t.size_class, t.reached, t.score, `"${t.reasons.map((r) => r.message).join(" / ")}"`].join(","))];
      res.writeHead(200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="targets-${p.program_id}.csv"` });
      return res.end("\uFEFF" + lines.join("\r\n") + "\r\n");
    }
    const offset = Number(q.get("offset") ?? 0), limit = Number(q.get("limit") ?? 100);
    return json(res, 200, { publication: pub, program_id: p.program_id, total: list.length, targets: list.slice(offset, offset + limit) });
  }
  if ((m = /^\/v1\/companies\/([^/]+)\/(profile|recommendations)$/.exec(path))) {
    const cn = decodeURIComponent(m[1]);
    if (!/^\d{13}$/.test(cn) || Number(cn[0]) !== checkDigit(cn.slice(1))) return error(res, 400, "INVALID_CORPORATE_NUMBER", `法人番号 ${cn} は正しくありません。`);
    const f = FIRMS.find((x) => x.corporate_number === cn);
    if (!f) return error(res, 404, "FIRM_UNKNOWN", `法人番号 ${cn} の企業は見つかりません。`);
    if (m[2] === "profile") {
      // The serving shape: prefill attributes {value, label, source, as_of} + the officer view.
      const a = (value, source = "registry", label) => ({ value, ...(label ? { label } : {}), source, as_of: "2026-10-01" });
      return json(res, 200, {
        corporate_number: cn, publication: pub, as_of: "2026-11-26", opted_out: false, status: f.status,
        attributes: { name: a(f.name), prefecture_code: a(f.prefecture_code), jsic_division: a(f.jsic_division), capital_yen: a(f.capital_yen), employees: a(f.employees, "firm_attributes"), established: a(f.established), size_class: a(f.size_class, "derived") },
        reached: f.reached, applications: f.applications, awards: f.awards, need_scores: f.need_scores,
        segments: SEGMENTS.slice(0, 2).map(({ segment_id, kind, label_ja, label_en }) => ({ segment_id, kind, label_ja, label_en })),
      });
    }
    return json(res, 200, { corporate_number: cn, publication: pub, recommendations: PROGRAMS.map((p, i) => ({ program_id: p.program_id, name: p.name, score: 0.8 - i * 0.1, rank: i + 1, reasons: [{ code: "NEED_MATCH", message: "設備投資のニーズが高い（過去の申請より）" }], deadline: p.closes, days_left: 30 + i * 10, url: p.url })) });
  }
  return error(res, 404, "NOT_FOUND", "not found");
}).listen(PORT, "127.0.0.1", () => console.log(`fixture server on http://127.0.0.1:${PORT}/ui/ (key: ${KEY}; first firm ${cnOf(1)})`));
