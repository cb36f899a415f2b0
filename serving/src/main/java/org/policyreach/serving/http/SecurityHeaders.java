package org.policyreach.serving.http;

import org.eclipse.jetty.http.HttpFields;

/** Headers every response carries; the UI gets a CSP that lets its own scripts and styles run. */
public final class SecurityHeaders {
  public static final String API_CSP =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  public static final String UI_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  public static void apply(HttpFields.Mutable h, boolean ui) {
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Content-Security-Policy", ui ? UI_CSP : API_CSP);
    h.put("Referrer-Policy", "no-referrer");
    h.put("X-Frame-Options", "DENY");
    h.put("Cross-Origin-Resource-Policy", "same-origin");
    if (!ui) {
      h.put("Cache-Control", "no-store");
    }
  }
}
