// Corporate number (法人番号) input handling, mirroring core's CorporateNumber so the officer
// gets an immediate message; the server validates again with the same rule.
export type CnResult =
  | { ok: true; value: string }
  | { ok: false; code: "CN_EMPTY" | "CN_LENGTH" | "CN_NON_DIGIT" | "CN_CHECK_DIGIT"; message: string };

/** NFKC, then drop spaces, hyphens/dashes and an invoice-number "T" prefix. */
export function normalizeCn(raw: string): string {
  let s = raw.normalize("NFKC").trim();
  s = s.replace(/[\s\-‐‑‒–—―−ー－_]/g, "");
  if (/^[Tt]\d{13}$/.test(s)) s = s.slice(1);
  return s;
}

export function checkDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const p = Number(base12[12 - n]);
    sum += p * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

export function parseCn(raw: string): CnResult {
  const s = normalizeCn(raw);
  if (s.length === 0) {
    return { ok: false, code: "CN_EMPTY", message: "法人番号を入力してください（13桁の数字）。" };
  }
  if (!/^\d+$/.test(s)) {
    return {
      ok: false,
      code: "CN_NON_DIGIT",
      message: `法人番号は数字13桁です。数字以外の文字が含まれています（入力: ${raw.trim()}）。`,
    };
  }
  if (s.length !== 13) {
    return {
      ok: false,
      code: "CN_LENGTH",
      message: `法人番号は13桁です。入力は${s.length}桁でした。桁数を確認してください。`,
    };
  }
  const expected = checkDigit(s.slice(1));
  if (Number(s[0]) !== expected) {
    return {
      ok: false,
      code: "CN_CHECK_DIGIT",
      message: `法人番号 ${s} はチェックデジット（先頭の1桁）が正しくありません（正しくは ${expected}、入力は ${s[0]}）。番号を確認してください。`,
    };
  }
  return { ok: true, value: s };
}
