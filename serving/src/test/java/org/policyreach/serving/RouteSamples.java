package org.policyreach.serving;

import org.policyreach.serving.http.Route;

/** A concrete, valid request for each route template (path with parameters, and a body). */
public final class RouteSamples {
  private RouteSamples() {}

  public static String path(Route r) {
    return r.template().replace("{cn}", Fixtures.MAKER).replace("{id}", id(r));
  }

  /** The sample value of a route's {id}. */
  public static String id(Route r) {
    return r.template().startsWith("/v1/segments")
        ? "seg-mfg-sme"
        : r.template().startsWith("/v1/campaigns/")
            ? Fixtures.SAMPLE_CAMPAIGN
            : r.template().startsWith("/v1/campaign-requests/")
                ? Fixtures.SAMPLE_REQUEST
                : "monozukuri-21";
  }

  public static String body(Route r) {
    return switch (r.template()) {
      case "/v1/recommendations/batch" ->
          "{\"corporate_numbers\": [\"" + Fixtures.MAKER + "\"], \"limit\": 3}";
      case "/v1/applications/validate" -> validDraft();
      case "/v1/events" ->
          "{\"event_id\": \"sample-"
              + System.nanoTime()
              + "\", \"corporate_number\": \""
              + Fixtures.MAKER
              + "\", \"program_id\": \"monozukuri-21\", \"type\": \"impression\","
              + " \"at\": \"2026-11-20T09:00:00+09:00\", \"channel\": \"portal\"}";
      case "/ui/session" -> "{\"key\": \"" + TestServer.OFFICER_KEY + "\"}";
      case "/v1/campaigns/{id}/send" -> "{}";
      case "/v1/campaigns" ->
          r.method().equals("POST")
              ? "{\"program_id\": \"monozukuri-21\", \"channels\": [\"inbox\"], \"max\": 3}"
              : null;
      default -> null;
    };
  }

  public static String validDraft() {
    return "{\"application_id\": \"A-2026-0000123\", \"program_id\": \"monozukuri-21\","
        + " \"submitted_at\": \"2026-11-20T10:15:00+09:00\", \"status\": \"submitted\","
        + " \"decided_at\": null,"
        + " \"applicant\": {\"corporate_number\": \""
        + Fixtures.MAKER
        + "\", \"name\": \"株式会社テスト製作所\","
        + " \"prefecture_code\": \"13\", \"city\": \"千代田区\", \"address\": \"霞が関1-3-1\","
        + " \"jsic_division\": \"E\", \"capital_yen\": 30000000, \"employees\": 45,"
        + " \"established\": \"2004-06-01\"},"
        + " \"requested_amount_yen\": 7500000, \"awarded_amount_yen\": null,"
        + " \"purpose\": \"老朽化した加工機を更新し生産性を高める\", \"purpose_tags\": [\"equipment_investment\"],"
        + " \"attachments\": [{\"type\": \"business_plan\", \"file_name\": \"plan.pdf\", \"sha256\": \"ab\"},"
        + " {\"type\": \"financial_statements\", \"file_name\": \"fs.pdf\", \"sha256\": \"cd\"},"
        + " {\"type\": \"quote\", \"file_name\": \"q.pdf\", \"sha256\": \"ef\"},"
        + " {\"type\": \"tax_certificate\", \"file_name\": \"t.pdf\", \"sha256\": \"01\"}],"
        + " \"contact\": {\"name\": \"山田太郎\", \"email\": \"taro@example.co.jp\", \"phone\": \"03-0000-0000\"}}";
  }
}
