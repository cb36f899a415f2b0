package org.policyreach.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyreach.serving.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.RouteSamples;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;

class ProfileAndValidationTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path lake;
  @TempDir static Path confDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    Fixtures.publishStandard(new GoldFixture(lake));
    server = TestServer.start(lake, TestServer.conf(confDir));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void profileGivesEachAttributeWithSourceAndAsOf() {
    HttpResponse<String> res =
        server.get("/v1/companies/" + Fixtures.MAKER + "/profile", TestServer.PORTAL_KEY);
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode p = json(res);
    assertThat(p.get("publication").asText()).isEqualTo(Fixtures.PUB1);
    assertThat(p.get("as_of").asText()).isEqualTo("2026-11-19");
    JsonNode a = p.get("attributes");
    assertThat(a.at("/name/value").asText()).isEqualTo("株式会社テスト製作所");
    assertThat(a.at("/name/source").asText()).isEqualTo("registry");
    assertThat(a.at("/name/as_of").asText()).isEqualTo("2026-10-01");
    assertThat(a.at("/prefecture_code/value").asText()).isEqualTo("13");
    assertThat(a.at("/prefecture_code/label").asText()).isEqualTo("東京都");
    assertThat(a.at("/jsic_division/label").asText()).isEqualTo("製造業");
    assertThat(a.at("/capital_yen/value").asLong()).isEqualTo(30_000_000L);
    assertThat(a.at("/employees/value").asInt()).isEqualTo(45);
    assertThat(a.at("/employees/source").asText()).isEqualTo("firm_attributes");
    assertThat(a.at("/established/value").asText()).isEqualTo("2004-06-01");
    assertThat(a.at("/established/label").asText()).isEqualTo("平成16年6月1日");
    assertThat(a.at("/size_class/value").asText()).isEqualTo("sme");
    assertThat(a.at("/size_class/source").asText()).isEqualTo("derived");
  }

  @Test
  void profileErrors() {
    assertThat(
            server
                .get("/v1/companies/" + Fixtures.UNKNOWN + "/profile", TestServer.PORTAL_KEY)
                .statusCode())
        .isEqualTo(404);
    HttpResponse<String> bad =
        server.get("/v1/companies/40104010984/profile", TestServer.PORTAL_KEY);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).at("/error/code").asText()).isEqualTo("INVALID_CORPORATE_NUMBER");
    JsonNode optedOut =
        json(server.get("/v1/companies/" + Fixtures.OPTED_OUT + "/profile", TestServer.PORTAL_KEY));
    assertThat(optedOut.get("opted_out").asBoolean()).isTrue();
    assertThat(optedOut.get("attributes")).isEmpty();
  }

  // ---- who may read the profile, and what each role sees (issue 7: officers' firm lookup)

  private static HttpResponse<String> profileAs(String key, String cn) {
    return server.get("/v1/companies/" + cn + "/profile", key);
  }

  @Test
  void portalGetsThePrefillAttributesButNotTheTargetingView() {
    HttpResponse<String> res = profileAs(TestServer.PORTAL_KEY, Fixtures.MAKER);
    assertThat(res.statusCode()).isEqualTo(200);
    JsonNode p = json(res);
    assertThat(p.at("/attributes/name/value").asText()).isEqualTo("株式会社テスト製作所");
    for (String officerOnly :
        List.of("need_scores", "segments", "reached", "applications", "awards")) {
      assertThat(p.has(officerOnly)).as(officerOnly).isFalse();
    }
  }

  @Test
  void officerGetsAttributesNeedScoresSegmentsAndReach() {
    HttpResponse<String> res = profileAs(TestServer.OFFICER_KEY, Fixtures.MAKER);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertTargetingView(json(res));
    JsonNode shop = json(profileAs(TestServer.OFFICER_KEY, Fixtures.SHOP));
    assertThat(shop.get("segments")).isEmpty(); // in no segment: an empty list, not null
    assertThat(shop.get("reached").asBoolean()).isFalse();
  }

  @Test
  void adminGetsTheSameViewAsAnOfficer() {
    HttpResponse<String> res = profileAs(TestServer.ADMIN_KEY, Fixtures.MAKER);
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertTargetingView(json(res));
  }

  @Test
  void anOfficerSignedInToTheUiReadsTheProfileWithTheSessionCookie() {
    HttpResponse<String> in =
        server.post("/ui/session", null, "{\"key\": \"" + TestServer.OFFICER_KEY + "\"}");
    String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
    HttpResponse<String> res =
        server.send(
            server
                .request("/v1/companies/" + Fixtures.MAKER + "/profile", null)
                .header("Cookie", setCookie.substring(0, setCookie.indexOf(';')))
                .header(org.policyreach.serving.auth.UiSessions.UI_HEADER, "1")
                .GET()
                .build());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    assertTargetingView(json(res));
  }

  @Test
  void noKeyOrAnUnknownKeyIsRefused() {
    for (String key : new String[] {null, "not-a-key"}) {
      HttpResponse<String> res = profileAs(key, Fixtures.MAKER);
      assertThat(res.statusCode()).as("key " + key).isEqualTo(401);
      assertThat(res.body()).doesNotContain("株式会社テスト製作所");
    }
  }

  @Test
  void anOfficerSeesNothingOfAFirmThatOptedOut() {
    JsonNode p = json(profileAs(TestServer.OFFICER_KEY, Fixtures.OPTED_OUT));
    assertThat(p.get("opted_out").asBoolean()).isTrue();
    assertThat(p.get("attributes")).isEmpty();
    assertThat(p.has("need_scores")).isFalse();
    assertThat(p.has("segments")).isFalse();
  }

  @Test
  void anOfficerGetsTheSameErrorsAsThePortal() {
    assertThat(profileAs(TestServer.OFFICER_KEY, Fixtures.UNKNOWN).statusCode()).isEqualTo(404);
    HttpResponse<String> bad = profileAs(TestServer.OFFICER_KEY, "40104010984");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).at("/error/code").asText()).isEqualTo("INVALID_CORPORATE_NUMBER");
  }

  private static void assertTargetingView(JsonNode p) {
    assertThat(p.at("/attributes/name/value").asText()).isEqualTo("株式会社テスト製作所");
    assertThat(p.get("reached").asBoolean()).isTrue(); // applied to monozukuri-19
    assertThat(p.get("applications").asInt()).isEqualTo(1);
    assertThat(p.get("awards").asInt()).isZero();
    assertThat(p.at("/need_scores/equipment_investment").asDouble()).isEqualTo(0.8);
    assertThat(p.at("/need_scores/digitalization").asDouble()).isEqualTo(0.3);
    assertThat(p.get("need_scores").has("rnd")).isFalse(); // no score: left out
    List<String> segments = new ArrayList<>();
    p.get("segments").forEach(s -> segments.add(s.get("segment_id").asText()));
    assertThat(segments).containsExactly("seg-cluster-1", "seg-mfg-sme");
    assertThat(p.at("/segments/1/label_ja").asText()).isEqualTo("製造業・中小企業");
  }

  private static JsonNode validate(ObjectNode draft) {
    HttpResponse<String> res =
        server.post("/v1/applications/validate", TestServer.PORTAL_KEY, draft.toString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    return json(res);
  }

  private static ObjectNode draft() {
    try {
      return (ObjectNode) JSON.readTree(RouteSamples.validDraft());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> codes(JsonNode result) {
    List<String> out = new ArrayList<>();
    result.get("findings").forEach(f -> out.add(f.get("code").asText()));
    return out;
  }

  @Test
  void aCompleteEligibleDraftIsValid() {
    JsonNode r = validate(draft());
    assertThat(r.get("valid").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.get("findings")).isEmpty();
    assertThat(r.get("corporate_number").asText()).isEqualTo(Fixtures.MAKER);
    assertThat(r.get("publication").asText()).isEqualTo(Fixtures.PUB1);
  }

  @Test
  void aBadCheckDigitIsInvalidCorporateNumber() {
    ObjectNode d = draft();
    ((ObjectNode) d.get("applicant")).put("corporate_number", "1234567890123");
    JsonNode r = validate(d);
    assertThat(r.get("valid").asBoolean()).isFalse();
    assertThat(codes(r)).contains("INVALID_CORPORATE_NUMBER");
    assertThat(r.get("findings").get(0).get("message").asText()).contains("check digit");
  }

  @Test
  void missingAttachmentsAreNamedByType() {
    ObjectNode d = draft();
    d.putArray("attachments").addObject().put("type", "business_plan");
    JsonNode r = validate(d);
    List<String> missing = new ArrayList<>();
    r.get("findings")
        .forEach(
            f -> {
              if (f.get("code").asText().equals("MISSING_ATTACHMENT")) {
                missing.add(f.get("attachment_type").asText());
              }
            });
    assertThat(missing)
        .containsExactlyInAnyOrder("financial_statements", "quote", "tax_certificate");
  }

  @Test
  void amountOverMaxWindowClosedAndUnknownProgram() {
    ObjectNode d = draft();
    d.put("requested_amount_yen", 20_000_000L);
    JsonNode over = validate(d);
    assertThat(codes(over)).containsExactly("AMOUNT_OVER_MAX");
    assertThat(over.get("findings").get(0).get("max_amount_yen").asLong()).isEqualTo(12_500_000L);

    ObjectNode closed = draft();
    closed.put("program_id", "monozukuri-20");
    assertThat(codes(validate(closed))).contains("WINDOW_CLOSED");

    ObjectNode unknown = draft();
    unknown.put("program_id", "no-such-program");
    assertThat(codes(validate(unknown))).containsExactly("UNKNOWN_PROGRAM");
  }

  @Test
  void notEligibleNamesTheFailedRuleAndMismatchesAreFlagged() {
    ObjectNode d = draft();
    d.put("program_id", "sogyo-tokyo-2026-r2");
    d.putArray("attachments");
    JsonNode ok = validate(d);
    assertThat(codes(ok)).doesNotContain("NOT_ELIGIBLE"); // a 東京 firm

    ObjectNode shop = draft();
    ((ObjectNode) shop.get("applicant"))
        .put("corporate_number", Fixtures.SHOP)
        .put("prefecture_code", "13");
    shop.put("program_id", "sogyo-tokyo-2026-r2");
    JsonNode r = validate(shop);
    // The registry says 大阪 (27): the registry wins for eligibility, the declaration is flagged.
    JsonNode notEligible = null;
    JsonNode mismatch = null;
    for (JsonNode f : r.get("findings")) {
      if (f.get("code").asText().equals("NOT_ELIGIBLE")) {
        notEligible = f;
      }
      if (f.get("code").asText().equals("MISMATCH_WITH_REGISTRY")
          && f.get("field").asText().endsWith("prefecture_code")) {
        mismatch = f;
      }
    }
    assertThat(notEligible).isNotNull();
    assertThat(notEligible.get("rule").asText()).isEqualTo("PREFECTURE");
    assertThat(notEligible.get("actual").asText()).isEqualTo("27");
    assertThat(notEligible.get("message").asText()).contains("対象地域外");
    assertThat(mismatch).isNotNull();
    assertThat(mismatch.get("declared").asText()).isEqualTo("13");
    assertThat(mismatch.get("registry").asText()).isEqualTo("27");
  }

  @Test
  void anUnknownFirmIsCheckedOnItsDeclaredAttributes() {
    ObjectNode d = draft();
    ((ObjectNode) d.get("applicant"))
        .put("corporate_number", Fixtures.UNKNOWN)
        .put("employees", 5000)
        .put("capital_yen", 5_000_000_000L);
    JsonNode r = validate(d);
    assertThat(codes(r)).contains("FIRM_UNKNOWN", "NOT_ELIGIBLE");
    assertThat(r.get("valid").asBoolean()).isFalse();
  }

  @Test
  void missingFieldsAndWarekiDates() {
    JsonNode r = validate((ObjectNode) JSON.createObjectNode().put("requested_amount_yen", 1));
    assertThat(codes(r)).contains("MISSING_FIELD");
    ObjectNode d = draft();
    ((ObjectNode) d.get("applicant")).put("established", "平成16年6月1日");
    assertThat(validate(d).get("valid").asBoolean()).isTrue();
  }
}
