// Writes docs/screenshots/*.png of each officer page (run by bin/screenshots against a server):
//   PR_BASE_URL=http://127.0.0.1:PORT PR_OFFICER_KEY=... node e2e/screenshots.mjs OUT_DIR
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch } from "./browser.mjs";

const BASE = process.env.PR_BASE_URL ?? "http://127.0.0.1:8787";
const KEY = process.env.PR_OFFICER_KEY ?? "dev-officer-key";
const OUT = process.argv[2] ?? "docs/screenshots";
mkdirSync(OUT, { recursive: true });

const { context, close } = await launch({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
const page = context.pages()[0] ?? (await context.newPage());
const shot = async (name) => {
  await page.mouse.move(1270, 850); // no hover styles in the picture
  await page.waitForTimeout(300); // let charts finish their first paint
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`wrote ${join(OUT, `${name}.png`)}`);
};

try {
  await page.goto(`${BASE}/ui/`);
  await page.getByLabel("職員用キー").waitFor();
  await shot("signin");
  await page.getByLabel("職員用キー").fill(KEY);
  await page.getByLabel("職員用キー").press("Enter");
  await page.getByRole("heading", { level: 1, name: /セグメント一覧/ }).waitFor();
  await shot("segments");

  await page.locator("a.segment-link").first().click();
  await page.locator(".report-section .chart svg").first().waitFor({ state: "attached" });
  await shot("segment-report");

  await page.getByRole("link", { name: /支援施策と配信先/ }).click();
  await page.locator("a.program-link").first().waitFor();
  await shot("programs");
  await page.locator("a.program-link").first().click();
  await page.getByRole("heading", { level: 2, name: /配信先リスト/ }).waitFor();
  const cn = (await page.locator("#targets-table tbody tr a.mono").first().textContent().catch(() => null))?.trim();
  await page.getByRole("heading", { level: 2, name: /配信先リスト/ }).evaluate((el) => el.scrollIntoView());
  await shot("program-targets");

  if (cn) {
    await page.goto(`${BASE}/ui/#/firm/${cn}`);
    await page.locator("#firm-name").waitFor();
    await page.locator("#cn").evaluate((el) => el.closest("form").scrollIntoView());
    await shot("firm-lookup");
  }
  await page.goto(`${BASE}/ui/#/firm`);
  await page.locator("#cn").fill("1234567890123");
  await page.locator("#cn").press("Enter");
  await page.locator("#cn-messages [role=alert]").waitFor();
  await shot("firm-lookup-error");
} finally {
  await close();
}
