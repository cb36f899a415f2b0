// Client of the serving module's HTTP API (the only back end the UI talks to).
// Auth is the HttpOnly session cookie set by POST /ui/session; the key itself is never
// stored by the page. Every request carries the UI header, which the server requires on
// state-changing cookie-authenticated requests (CSRF defence next to SameSite=Strict).
export const UI_HEADER = "X-PolicyReach-UI";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Reason {
  code: string;
  message: string;
}

export interface Session {
  key_id?: string;
  role?: string;
  roles?: string[];
  expires_at?: string;
}

/** The same segment in the previous publication's build (GET /v1/segments). */
export interface PreviousFigures {
  publication?: string;
  build_id?: string;
  label_ja?: string | null;
  size?: number | null;
  unreached_share?: number | null;
}

export interface SegmentSummary {
  segment_id: string;
  kind?: string;
  label_ja?: string;
  label_en?: string | null;
  definition?: string | null;
  /** Member firms; null below the report's minimum cell (size_suppressed). */
  size?: number | null;
  size_suppressed?: boolean;
  /** Share of members never reached, from the published reach cells; null when suppressed. */
  unreached_share?: number | null;
  /** null: no previous publication, or the segment was not in it. */
  previous?: PreviousFigures | null;
}

export interface SegmentList {
  publication?: string;
  build_id?: string;
  previous_publication?: { publication?: string; build_id?: string; as_of?: string | null } | null;
  segments: SegmentSummary[];
}

/** One prefill attribute of GET /v1/companies/{cn}/profile. */
export interface ProfileAttribute {
  value: string | number;
  label?: string | null;
  source?: string | null;
  as_of?: string | null;
}

/**
 * GET /v1/companies/{cn}/profile. The attributes are for every caller; reached, applications,
 * awards, need_scores and segments come only to officer (and admin) keys.
 */
export interface FirmProfile {
  corporate_number: string;
  publication?: string;
  as_of?: string | null;
  opted_out?: boolean;
  status?: string;
  attributes?: Record<string, ProfileAttribute>;
  reached?: boolean;
  applications?: number | null;
  awards?: number | null;
  need_scores?: Record<string, number>;
  segments?: { segment_id: string; kind?: string; label_ja?: string; label_en?: string | null }[] | null;
}

export interface ReportRow {
  section: string;
  dimension?: string | null;
  key: string;
  label_ja?: string | null;
  count?: number | null;
  value?: number | null;
  suppressed?: boolean;
}

export interface SegmentReport {
  segment: SegmentSummary;
  report: ReportRow[];
  publication?: string;
}

export interface Program {
  program_id: string;
  name?: string;
  name_en?: string;
  family?: string;
  needs?: string[];
  opens?: string;
  closes?: string;
  max_amount_yen?: number;
  subsidy_rate?: number;
  url?: string;
  summary?: string;
  targets?: number;
  size_classes?: string[];
}

export interface Target {
  corporate_number: string;
  name?: string;
  rank?: number;
  score?: number;
  reasons?: Reason[];
  reached?: boolean;
  holdout?: boolean;
  prefecture_code?: string;
  size_class?: string;
}

export interface TargetList {
  program_id?: string;
  publication?: string;
  total?: number;
  targets: Target[];
}

export interface Recommendation {
  program_id: string;
  name?: string;
  score?: number;
  rank?: number;
  reasons?: Reason[];
  deadline?: string;
  days_left?: number;
  url?: string;
}

export type Json = Record<string, unknown>;

type Listener = () => void;
const unauthorizedListeners: Listener[] = [];
export function onUnauthorized(listener: Listener): void {
  unauthorizedListeners.push(listener);
}

async function request(method: string, path: string, body?: unknown, accept = "application/json"): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept, [UI_HEADER]: "1" };
  const init: RequestInit = { method, headers, credentials: "same-origin", cache: "no-store" };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, "NETWORK", "サーバーに接続できませんでした。しばらくしてから再度お試しください。");
  }
  if (!res.ok) {
    let code = `HTTP_${res.status}`;
    let message = defaultMessage(res.status);
    try {
      const data = (await res.json()) as { error?: { code?: string; message?: string } };
      if (data?.error?.code) code = data.error.code;
      if (data?.error?.message) message = data.error.message;
    } catch {
      // not JSON: keep the default message
    }
    if (res.status === 401 && !path.startsWith("/ui/session")) {
      unauthorizedListeners.forEach((l) => l());
    }
    throw new ApiError(res.status, code, message);
  }
  return res;
}

function defaultMessage(status: number): string {
  switch (status) {
    case 400: return "入力内容に誤りがあります。";
    case 401: return "ログインが必要です。職員用キーでログインしてください。";
    case 403: return "この操作を行う権限がありません（職員用キーが必要です）。";
    case 404: return "該当するデータが見つかりません。";
    case 429: return "短時間にリクエストが集中しました。少し待ってから再度お試しください。";
    case 503: return "データを準備中です。しばらくしてから再度お試しください。";
    default: return `サーバーでエラーが発生しました（${status}）。`;
  }
}

export async function getJson<T>(path: string): Promise<T> {
  const res = await request("GET", path);
  return (await res.json()) as T;
}

export async function getText(path: string, accept: string): Promise<string> {
  const res = await request("GET", path, undefined, accept);
  return await res.text();
}

// --- session -----------------------------------------------------------------------
export async function currentSession(): Promise<Session | null> {
  try {
    return await getJson<Session>("/ui/session");
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 404)) return null;
    throw e;
  }
}

export async function signIn(key: string): Promise<Session> {
  const res = await request("POST", "/ui/session", { key });
  try {
    return (await res.json()) as Session;
  } catch {
    return {};
  }
}

export async function signOut(): Promise<void> {
  await request("DELETE", "/ui/session");
}

// --- officer routes ----------------------------------------------------------------
const enc = encodeURIComponent;

export function segments(): Promise<SegmentList> {
  return getJson<SegmentList>("/v1/segments");
}

export function segment(id: string): Promise<Json> {
  return getJson<Json>(`/v1/segments/${enc(id)}`);
}

export function programs(): Promise<Json> {
  return getJson<Json>("/v1/programs");
}

export interface TargetFilter {
  prefecture?: string;
  size_class?: string;
  reached?: "true" | "false" | "";
  limit?: number;
  offset?: number;
}

export function targetQuery(f: TargetFilter, format?: "csv"): string {
  const q = new URLSearchParams();
  if (f.prefecture) q.set("prefecture", f.prefecture);
  if (f.size_class) q.set("size_class", f.size_class);
  if (f.reached) q.set("reached", f.reached);
  if (f.limit !== undefined) q.set("limit", String(f.limit));
  if (f.offset) q.set("offset", String(f.offset));
  if (format) q.set("format", format);
  const s = q.toString();
  return s ? `?${s}` : "";
}

export function targets(programId: string, f: TargetFilter): Promise<Json> {
  return getJson<Json>(`/v1/programs/${enc(programId)}/targets${targetQuery(f)}`);
}

export function targetsCsv(programId: string, f: TargetFilter): Promise<string> {
  const { limit: _limit, offset: _offset, ...all } = f;
  return getText(`/v1/programs/${enc(programId)}/targets${targetQuery(all, "csv")}`, "text/csv");
}

export function firmProfile(cn: string): Promise<FirmProfile> {
  return getJson<FirmProfile>(`/v1/companies/${enc(cn)}/profile`);
}

export function firmRecommendations(cn: string, limit = 10): Promise<Json> {
  return getJson<Json>(`/v1/companies/${enc(cn)}/recommendations?limit=${limit}`);
}

// --- response shape helpers: accept the documented shape and close variants ----------
export function listOf<T>(data: unknown, ...keys: string[]): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === "object") {
    for (const k of keys) {
      const v = (data as Json)[k];
      if (Array.isArray(v)) return v as T[];
    }
  }
  return [];
}

export function publicationOf(data: unknown): string | undefined {
  if (data && typeof data === "object") {
    const p = (data as Json)["publication"] ?? (data as Json)["publication_id"];
    if (typeof p === "string") return p;
    if (p && typeof p === "object" && typeof (p as Json)["publication_id"] === "string") {
      return (p as Json)["publication_id"] as string;
    }
  }
  return undefined;
}

// --- push campaigns (officer) ------------------------------------------------------------
/** Treated and holdout firms of one cell (a channel, or no channel). */
export interface ArmCounts {
  treated: number;
  holdout: number;
}

/** One read-out of `push report`: counts, rates, uplift and its 95% interval. */
export interface Readout {
  treated: number;
  holdout: number;
  treated_applied: number;
  holdout_applied: number;
  treated_rate?: number | null;
  holdout_rate?: number | null;
  uplift?: number | null;
  ci95?: [number, number] | null;
}

export interface CampaignReport extends Readout {
  push_date?: string | null;
  outcomes_to?: string | null;
  never_reached?: Readout;
  method?: string;
}

/** GET /v1/campaigns/{id}: a campaign's status file (counts only, never contact data). */
export interface Campaign {
  campaign_id: string;
  program_id?: string | null;
  program_name?: string | null;
  status: "planned" | "sending" | "sent" | "imported" | string;
  publication?: string;
  channels?: string[];
  max_firms?: number | null;
  holdout_share?: number;
  created_at?: string;
  sent_at?: string | null;
  updated_at?: string;
  audience?: {
    targets: number;
    treated: number;
    holdout: number;
    never_reached_treated: number;
    never_reached_holdout?: number;
    by_channel: Record<string, ArmCounts>;
    no_channel?: ArmCounts;
  } | null;
  delivery?: { by_channel: Record<string, Record<string, number>>; holdout_recorded?: number };
  skipped?: Record<string, number> | null;
  report?: CampaignReport | null;
  requests?: CampaignRequest[];
}

/** A queued create (plan) or send, executed by `policyreach push worker`. */
export interface CampaignRequest {
  request_id: string;
  action: "plan" | "send";
  state: "queued" | "running" | "done" | "failed";
  program_id?: string | null;
  campaign_id?: string | null;
  channels?: string[];
  max?: number | null;
  requested_at?: string;
  finished_at?: string;
  error?: { code?: string; message?: string } | null;
}

export interface CampaignList {
  campaigns: Campaign[];
  requests: CampaignRequest[];
}

export interface CampaignCreate {
  program_id: string;
  channels: string[];
  max?: number;
}

export function campaigns(): Promise<CampaignList> {
  return getJson<CampaignList>("/v1/campaigns");
}

export function campaign(id: string): Promise<Campaign> {
  return getJson<Campaign>(`/v1/campaigns/${enc(id)}`);
}

export function campaignRequest(id: string): Promise<CampaignRequest> {
  return getJson<CampaignRequest>(`/v1/campaign-requests/${enc(id)}`);
}

export async function createCampaign(body: CampaignCreate): Promise<CampaignRequest> {
  const res = await request("POST", "/v1/campaigns", body);
  return (await res.json()) as CampaignRequest;
}

export async function sendCampaign(id: string): Promise<CampaignRequest> {
  const res = await request("POST", `/v1/campaigns/${enc(id)}/send`, {});
  return (await res.json()) as CampaignRequest;
}
