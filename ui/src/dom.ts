// Tiny DOM builder. Text always goes through textContent, never innerHTML, so data from
// the API can never inject markup.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === "function") {
      el.addEventListener(name.replace(/^on/, "").toLowerCase(), value);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

let idSeq = 0;
export function uid(prefix: string): string {
  idSeq += 1;
  return `${prefix}-${idSeq}`;
}

/** A bilingual label: Japanese first, English after in a smaller span. */
export function bi(ja: string, en?: string): (Node | string)[] {
  return en ? [ja, h("span", { class: "en", lang: "en" }, ` ${en}`)] : [ja];
}

export function alertBox(kind: "error" | "info" | "success", ...children: Child[]): HTMLElement {
  return h(
    "div",
    { class: `notice notice--${kind}`, role: kind === "error" ? "alert" : "status" },
    ...children,
  );
}
