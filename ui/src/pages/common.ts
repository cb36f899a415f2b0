import { alertBox, h } from "../dom";
import { SUPPRESSED } from "../format";
import type { Reason } from "../api";

export function errorView(message: string): HTMLElement {
  return alertBox("error", h("strong", {}, "エラー："), message);
}

export function pageHeader(ja: string, en: string, lead?: string): HTMLElement {
  return h(
    "div",
    { class: "page-header" },
    h("h1", {}, ja, h("span", { class: "en", lang: "en" }, ` ${en}`)),
    lead ? h("p", { class: "lead" }, lead) : null,
  );
}

export function publicationNote(pub: string | undefined): HTMLElement | null {
  return pub ? h("p", { class: "publication" }, `公表データ: ${pub}`) : null;
}

export function suppressedCell(): HTMLElement {
  return h("span", { class: "suppressed", title: "10件未満のため秘匿" }, SUPPRESSED);
}

export function reasonsList(reasons: Reason[] | undefined): HTMLElement {
  if (!reasons || reasons.length === 0) return h("span", {}, "—");
  return h(
    "ul",
    { class: "reasons" },
    reasons.map((r) => h("li", { "data-code": r.code }, r.message || r.code)),
  );
}

export function table(caption: string, head: string[], rows: (Node | string)[][], opts: { numeric?: number[] } = {}): HTMLElement {
  const numeric = new Set(opts.numeric ?? []);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "data-table" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, head.map((c, i) => h("th", { scope: "col", class: numeric.has(i) ? "num" : null }, c)))),
      h(
        "tbody",
        {},
        rows.map((r) => h("tr", {}, r.map((c, i) => (i === 0 && typeof c === "string" ? h("th", { scope: "row" }, c) : h("td", { class: numeric.has(i) ? "num" : null }, c))))),
      ),
    ),
  );
}

export function button(label: string, onClick: (e: Event) => void, kind: "primary" | "secondary" = "primary"): HTMLButtonElement {
  return h("button", { type: "button", class: `button button--${kind}`, onclick: onClick as EventListener }, label);
}
