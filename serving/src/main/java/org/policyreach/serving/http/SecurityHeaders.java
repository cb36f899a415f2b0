package org.policyreach.serving.http;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/** Headers every response carries; the UI gets a CSP that lets its own scripts and styles run. */
public final class SecurityHeaders {
  public static final String API_CSP =
      "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  public static final String UI_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  // Encoded once: every response adds the same bytes.
  private static final PreEncodedHttpField NOSNIFF =
      new PreEncodedHttpField("X-Content-Type-Options", "nosniff");
  private static final PreEncodedHttpField API_POLICY =
      new PreEncodedHttpField("Content-Security-Policy", API_CSP);
  private static final PreEncodedHttpField UI_POLICY =
      new PreEncodedHttpField("Content-Security-Policy", UI_CSP);
  private static final PreEncodedHttpField NO_REFERRER =
      new PreEncodedHttpField("Referrer-Policy", "no-referrer");
  private static final PreEncodedHttpField DENY_FRAMES =
      new PreEncodedHttpField("X-Frame-Options", "DENY");
  private static final PreEncodedHttpField SAME_ORIGIN =
      new PreEncodedHttpField("Cross-Origin-Resource-Policy", "same-origin");
  private static final PreEncodedHttpField NO_STORE =
      new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-store");

  /** Sent over HTTPS only (see {@link ApiRequest#isSecure()}): one year, this host. */
  public static final PreEncodedHttpField HSTS =
      new PreEncodedHttpField("Strict-Transport-Security", "max-age=31536000");

  private SecurityHeaders() {}

  public static void apply(HttpFields.Mutable h, boolean ui) {
    h.put(NOSNIFF);
    h.put(ui ? UI_POLICY : API_POLICY);
    h.put(NO_REFERRER);
    h.put(DENY_FRAMES);
    h.put(SAME_ORIGIN);
    if (!ui) {
      h.put(NO_STORE);
    }
  }
}
