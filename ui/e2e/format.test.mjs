// The UI's display formats, compiled from src/format.ts with esbuild (which vite brings) and run in
// Node: Japanese dates with the era of the day, from 明治 to 令和.
import { test } from "node:test";
import assert from "node:assert/strict";
import { build } from "esbuild";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";

const src = fileURLToPath(new URL("../src/format.ts", import.meta.url));

async function loadFormat() {
  const out = join(await mkdtemp(join(tmpdir(), "pr-format-")), "format.mjs");
  await build({ entryPoints: [src], outfile: out, format: "esm", bundle: true, logLevel: "warning" });
  return import(pathToFileURL(out).href);
}

test("dates carry the era of the day, 元年 for the first year", async () => {
  const { date } = await loadFormat();
  const cases = {
    "2026-12-20": "2026年12月20日（令和8年）",
    "2019-05-01": "2019年5月1日（令和元年）",
    "2019-04-30": "2019年4月30日（平成31年）",
    "1989-01-08": "1989年1月8日（平成元年）",
    "1989-01-07": "1989年1月7日（昭和64年）",
    "1926-12-25": "1926年12月25日（昭和元年）",
    "1926-12-24": "1926年12月24日（大正15年）",
    "1912-07-30": "1912年7月30日（大正元年）",
    "1912-07-29": "1912年7月29日（明治45年）",
    "1850-01-01": "1850年1月1日",
  };
  for (const [iso, want] of Object.entries(cases)) assert.equal(date(iso), want, iso);
  assert.equal(date(null), "—");
  assert.equal(date("not a date"), "not a date");
});
