import * as api from "../api";
import { alertBox, clear, h } from "../dom";

/** Sign-in with an officer key. The key goes once to POST /ui/session in a request body
 * and becomes an HttpOnly cookie; the field is cleared right away and never stored. */
export function renderSignIn(main: HTMLElement, flash: string | null, onSignedIn: () => Promise<void>): void {
  const messages = h("div", { id: "signin-messages", "aria-live": "polite" });
  if (flash) messages.appendChild(alertBox("success", flash));
  const input = h("input", {
    id: "officer-key",
    name: "officer-key",
    type: "password",
    autocomplete: "current-password",
    spellcheck: "false",
    required: true,
    "aria-describedby": "officer-key-help signin-messages",
    class: "input",
  });
  const submit = h("button", { type: "submit", class: "button button--primary" }, "ログイン", h("span", { class: "en", lang: "en" }, " Sign in"));
  const form = h(
    "form",
    { class: "signin-form", novalidate: true },
    h("label", { for: "officer-key", class: "label" }, "職員用キー", h("span", { class: "en", lang: "en" }, " Officer key"), h("span", { class: "required" }, "必須")),
    h("p", { id: "officer-key-help", class: "help" }, "配布された職員用 API キーを入力してください。キーはこの画面にもURLにも残りません。ログイン後はブラウザを閉じるか「ログアウト」で終了します。"),
    input,
    h("div", { class: "actions" }, submit),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clear(messages);
    const key = input.value.trim();
    input.value = "";
    if (!key) {
      input.setAttribute("aria-invalid", "true");
      messages.appendChild(alertBox("error", "職員用キーを入力してください。"));
      input.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api.signIn(key);
      input.removeAttribute("aria-invalid");
      await onSignedIn();
    } catch (err) {
      input.setAttribute("aria-invalid", "true");
      const msg =
        err instanceof api.ApiError && (err.status === 401 || err.status === 403)
          ? "キーが正しくないか、職員用の権限がありません。キーを確認してもう一度入力してください。"
          : err instanceof Error
            ? err.message
            : String(err);
      messages.appendChild(alertBox("error", msg));
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  main.appendChild(
    h(
      "div",
      { class: "page page--narrow" },
      h("h1", {}, "ログイン", h("span", { class: "en", lang: "en" }, " Sign in")),
      h("p", { class: "lead" }, "支援施策のプッシュ配信先とセグメント分析を確認する職員向けの画面です。"),
      messages,
      form,
    ),
  );
  input.focus();
}
