import "@digital-go-jp/design-tokens/dist/tokens.css";
import "./style.css";
import * as api from "./api";
import { disposeCharts } from "./charts";
import { clear } from "./dom";
import { renderSignIn } from "./pages/signin";
import { renderSegments } from "./pages/segments";
import { renderSegment } from "./pages/segment";
import { renderPrograms } from "./pages/programs";
import { renderProgram } from "./pages/program";
import { renderFirm } from "./pages/firm";
import { renderCampaign, renderCampaigns } from "./pages/campaigns";
import { errorView } from "./pages/common";

export interface Route {
  path: string[];
  query: URLSearchParams;
}

const main = document.getElementById("main") as HTMLElement;
const nav = document.getElementById("site-nav") as HTMLElement;
const userBox = document.getElementById("user-box") as HTMLElement;
const userLabel = document.getElementById("user-label") as HTMLElement;
let session: api.Session | null = null;
let renderSeq = 0;
let flash: string | null = null;

function parseRoute(): Route {
  const raw = location.hash.replace(/^#\/?/, "");
  const [p, q] = raw.split("?", 2);
  const path = (p ?? "").split("/").filter(Boolean).map(decodeURIComponent);
  return { path, query: new URLSearchParams(q ?? "") };
}

export function navigate(hash: string): void {
  if (location.hash === hash) void render();
  else location.hash = hash;
}

function showChrome(signedIn: boolean): void {
  nav.hidden = !signedIn;
  userBox.hidden = !signedIn;
  if (signedIn && session) {
    const who = session.key_id ? `${session.key_id}` : "職員";
    userLabel.textContent = `ログイン中: ${who}`;
  }
  const section = parseRoute().path[0] ?? "segments";
  nav.querySelectorAll<HTMLAnchorElement>("a[data-nav]").forEach((a) => {
    if (a.dataset.nav === section) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  });
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  disposeCharts();
  const route = parseRoute();
  if (!session) {
    showChrome(false);
    clear(main);
    const message = flash;
    flash = null;
    renderSignIn(main, message, async () => {
      session = (await api.currentSession()) ?? {};
      await render();
    });
    return;
  }
  showChrome(true);
  clear(main);
  const loading = document.createElement("p");
  loading.className = "loading";
  loading.setAttribute("role", "status");
  loading.textContent = "読み込み中…";
  main.appendChild(loading);
  const page = document.createElement("div");
  page.className = "page";
  try {
    const [section, id] = route.path;
    switch (section ?? "segments") {
      case "segments":
        if (id) await renderSegment(page, id);
        else await renderSegments(page);
        break;
      case "programs":
        if (id) await renderProgram(page, id, route.query);
        else await renderPrograms(page);
        break;
      case "firm":
        await renderFirm(page, id ?? "");
        break;
      case "campaigns":
        if (id) await renderCampaign(page, id);
        else await renderCampaigns(page, route.query);
        break;
      default:
        page.appendChild(errorView("ページが見つかりません。上のメニューから選んでください。"));
    }
  } catch (e) {
    if (e instanceof api.ApiError && e.status === 401) return; // handled by onUnauthorized
    clear(page);
    page.appendChild(errorView(e instanceof Error ? e.message : String(e)));
  }
  if (seq !== renderSeq) return;
  clear(main);
  main.appendChild(page);
  const h1 = page.querySelector("h1");
  document.title = `${h1?.textContent ?? "PolicyReach"} — PolicyReach 職員用`;
  // Move focus to the new content for keyboard and screen-reader users.
  (h1 ?? main).setAttribute("tabindex", "-1");
  (h1 ?? main).focus({ preventScroll: false });
}

api.onUnauthorized(() => {
  if (session) {
    session = null;
    void render();
  }
});

document.getElementById("sign-out")?.addEventListener("click", async () => {
  try {
    await api.signOut();
  } catch {
    // the cookie may already be gone; signing out locally is what matters
  }
  session = null;
  flash = "ログアウトしました。";
  if (location.hash && location.hash !== "#/") location.hash = "#/";
  else await render();
});

// The skip link must not go through the hash router.
document.querySelector(".skip-link")?.addEventListener("click", (e) => {
  e.preventDefault();
  const target = main.querySelector("h1") ?? main;
  target.setAttribute("tabindex", "-1");
  target.focus();
});

window.addEventListener("hashchange", () => void render());

async function start(): Promise<void> {
  try {
    session = await api.currentSession();
  } catch {
    session = null;
  }
  await render();
}

void start();
