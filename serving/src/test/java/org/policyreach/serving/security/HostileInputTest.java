package org.policyreach.serving.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.core.CorporateNumber;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.RouteSamples;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.http.Route;
import org.policyreach.serving.http.RouteDoc;

/**
 * Hostile strings in every field of every JSON body, every query parameter and every path
 * parameter; malformed bodies; invalid corporate numbers in every form; CR/LF injection. Fields and
 * parameters come from the route table (its documented parameters) and each route's valid sample
 * body, walked leaf by leaf, so a new field or parameter is fuzzed without touching this test. The
 * rule everywhere: no 5xx, a JSON error with a code, the security headers, nothing reflected
 * unescaped, no header split.
 */
class HostileInputTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** SQL-ish, HTML/script, template/JNDI, 10k chars, NUL, RTL marks, emoji, lone surrogate… */
  static final List<String> HOSTILE =
      List.of(
          "' OR '1'='1' --",
          "\"; DROP TABLE firms; --",
          "1; SELECT * FROM silver.contacts",
          "<script>alert(1)</script>",
          "\"><img src=x onerror=alert(1)>",
          "${jndi:ldap://127.0.0.1/x}",
          "{{7*7}}%s%n%x",
          "../../../../etc/passwd",
          "x".repeat(10_000),
          "東".repeat(10_000),
          "a\u0000b",
          "\u0000",
          "\u202Eevil\u202C\u200F",
          "😀👨‍👩‍👧‍👦🇯🇵",
          "\uD800",
          "\uDC00x",
          "line\r\nX-Injected: yes",
          "",
          " ",
          "null",
          "-1",
          "9".repeat(40),
          "1e309",
          "NaN",
          "１２３４５６７８９０１２３");

  /** Invalid corporate numbers in every form people write them. */
  static final List<String> BAD_CORPORATE_NUMBERS =
      List.of(
          "4010401098456", // wrong check digit
          "0000000000000",
          "401040109845", // 12 digits
          "40104010984551", // 14 digits
          "4010-4010-9845-6",
          "４０１０４０１０９８４５６", // full-width, wrong check digit
          "4010401098455x",
          "T4010401098455", // invoice registration number, not a corporate number
          "4 010401 098456",
          "abcdefghijklm",
          "",
          "1e12");

  @TempDir static Path lake;
  @TempDir static Path confDir;
  static TestServer server;

  @BeforeAll
  static void start() {
    Fixtures.publishStandard(new GoldFixture(lake));
    server = TestServer.start(lake, SecurityServer.conf(confDir));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A key that may call the route (admin may call all; public routes ignore it). */
  static String keyFor(Route r) {
    return TestServer.ADMIN_KEY;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Every leaf of {@code node} (strings, numbers, booleans, nulls) as a replacer. */
  static void leaves(
      JsonNode node, String where, List<String> paths, List<Consumer<JsonNode>> sets) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = node.get(name);
        if (child.isContainerNode()) {
          leaves(child, where + "." + name, paths, sets);
        }
        // The container itself is a field too: replace the whole object or array.
        paths.add(where + "." + name);
        ObjectNode o = (ObjectNode) node;
        sets.add(v -> o.set(name, v));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        JsonNode child = node.get(i);
        if (child.isContainerNode()) {
          leaves(child, where + "[" + i + "]", paths, sets);
        }
        int index = i;
        ArrayNode a = (ArrayNode) node;
        paths.add(where + "[" + i + "]");
        sets.add(v -> a.set(index, v));
      }
    }
  }

  @Test
  void hostileStringsInEveryFieldOfEveryJsonBody() throws Exception {
    int sent = 0;
    for (Route r : SecurityServer.routes(server)) {
      String sample = RouteSamples.body(r);
      if (sample == null || sample.equals("{}")) {
        continue; // no body, or an empty object (campaign send: any field is refused with a 400)
      }
      int fields = leafCount(sample);
      assertThat(fields).as(r.template()).isPositive();
      for (int f = 0; f < fields; f++) {
        for (String h : HOSTILE) {
          JsonNode body = JSON.readTree(RouteSamples.body(r)); // fresh ids for events
          List<String> paths = new ArrayList<>();
          List<Consumer<JsonNode>> sets = new ArrayList<>();
          leaves(body, "$", paths, sets);
          sets.get(f).accept(TextNode.valueOf(h));
          String what = r.method() + " " + r.template() + " " + paths.get(f) + "=" + preview(h);
          HttpResponse<String> res =
              SecurityServer.send(
                  server,
                  r.method(),
                  RouteSamples.path(r),
                  keyFor(r),
                  JSON.writeValueAsString(body));
          SecurityServer.assertHygienic(res, what, h);
          sent++;
        }
      }
    }
    assertThat(sent).isGreaterThan(500);
  }

  private static int leafCount(String json) throws Exception {
    List<String> paths = new ArrayList<>();
    leaves(JSON.readTree(json), "$", paths, new ArrayList<>());
    return paths.size();
  }

  @Test
  void hostileStringsInEveryQueryAndPathParameter() {
    int sent = 0;
    for (Route r : SecurityServer.routes(server)) {
      String base = RouteSamples.path(r);
      for (RouteDoc.Param p : r.doc().params()) {
        for (String h : HOSTILE) {
          String path;
          if (p.in().equals("query")) {
            path = base + "?" + p.name() + "=" + enc(h);
          } else {
            if (h.isEmpty()) {
              continue; // an empty segment is another route (or none): covered by the router tests
            }
            String sampleValue = r.template().contains("{cn}") ? Fixtures.MAKER : sampleId(r);
            path = base.replace("/" + sampleValue, "/" + enc(h));
          }
          String what = r.method() + " " + r.template() + " " + p.name() + "=" + preview(h);
          HttpResponse<String> res =
              SecurityServer.send(server, r.method(), path, keyFor(r), RouteSamples.body(r));
          SecurityServer.assertHygienic(res, what, h);
          sent++;
        }
      }
    }
    assertThat(sent).isGreaterThan(300);
  }

  private static String sampleId(Route r) {
    return RouteSamples.id(r);
  }

  @Test
  void invalidCorporateNumbersInEveryForm() throws Exception {
    for (String bad : BAD_CORPORATE_NUMBERS) {
      String what = "corporate number '" + bad + "'";
      if (!bad.isEmpty()) {
        for (String route : List.of("recommendations", "profile")) {
          HttpResponse<String> res =
              SecurityServer.get(
                  server, "/v1/companies/" + enc(bad) + "/" + route, TestServer.ADMIN_KEY);
          SecurityServer.assertHygienic(res, what + " " + route, bad);
          assertThat(res.statusCode()).as(what + " " + route).isEqualTo(400);
          assertThat(TestServer.json(res).at("/error/code").asText())
              .isEqualTo("INVALID_CORPORATE_NUMBER");
        }
      }
      // Batch: the call succeeds, the entry carries its own 400.
      HttpResponse<String> batch =
          SecurityServer.post(
              server,
              "/v1/recommendations/batch",
              TestServer.ADMIN_KEY,
              "{\"corporate_numbers\": ["
                  + JSON.writeValueAsString(bad)
                  + ", \""
                  + Fixtures.MAKER
                  + "\"]}");
      SecurityServer.assertHygienic(batch, what + " batch", bad);
      assertThat(batch.statusCode()).isEqualTo(200);
      JsonNode results = TestServer.json(batch).get("results");
      assertThat(results.get(0).get("status").asInt()).as(what).isEqualTo(400);
      assertThat(results.get(0).at("/error/code").asText()).isEqualTo("INVALID_CORPORATE_NUMBER");
      assertThat(results.get(1).get("status").asInt()).isEqualTo(200);
      // Events: refused with the field named.
      ObjectNode event = (ObjectNode) JSON.readTree(RouteSamples.body(route("/v1/events")));
      event.put("corporate_number", bad);
      HttpResponse<String> ev =
          SecurityServer.post(
              server, "/v1/events", TestServer.PORTAL_KEY, JSON.writeValueAsString(event));
      SecurityServer.assertHygienic(ev, what + " event", bad);
      assertThat(ev.statusCode()).as(what + " event " + ev.body()).isEqualTo(400);
      // Validation: answered, with a finding on the applicant's number.
      ObjectNode draft = (ObjectNode) JSON.readTree(RouteSamples.validDraft());
      ((ObjectNode) draft.get("applicant")).put("corporate_number", bad);
      HttpResponse<String> val =
          SecurityServer.post(
              server,
              "/v1/applications/validate",
              TestServer.PORTAL_KEY,
              JSON.writeValueAsString(draft));
      SecurityServer.assertHygienic(val, what + " validate", bad);
      assertThat(val.body()).as(what + " validate").contains("corporate_number");
    }
    // The valid forms of the same number are accepted everywhere.
    for (String good :
        List.of(
            Fixtures.MAKER,
            Fixtures.MAKER.substring(0, 1)
                + "-"
                + Fixtures.MAKER.substring(1, 5)
                + "-"
                + Fixtures.MAKER.substring(5, 9)
                + "-"
                + Fixtures.MAKER.substring(9),
            toFullWidth(Fixtures.MAKER))) {
      assertThat(CorporateNumber.parse(good).value()).isEqualTo(Fixtures.MAKER);
      HttpResponse<String> res =
          SecurityServer.get(
              server, "/v1/companies/" + enc(good) + "/recommendations", TestServer.PORTAL_KEY);
      assertThat(res.statusCode()).as(good + " → " + res.body()).isEqualTo(200);
    }
  }

  private static String toFullWidth(String digits) {
    StringBuilder sb = new StringBuilder();
    for (char c : digits.toCharArray()) {
      sb.append((char) ('０' + (c - '0')));
    }
    return sb.toString();
  }

  private static Route route(String template) {
    return SecurityServer.routes(server).stream()
        .filter(r -> r.template().equals(template))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void malformedBodiesAreRefusedWithA4xxNeverA500() {
    // Well-formed JSON objects of odd content: answered (validate lists findings) or refused,
    // never a 500.
    List<String> odd =
        List.of(
            "{}",
            "\uFEFF{}",
            "{\"corporate_numbers\": null, \"key\": null, \"event_id\": null}",
            "{\"limit\": 1e999999}",
            "{\"limit\": 99999999999999999999999999}",
            "{\"requested_amount_yen\": -1}",
            "{\"requested_amount_yen\": 1e400, \"applicant\": {\"employees\": -5}}",
            "{\"applicant\": [], \"attachments\": {}, \"contact\": \"x\"}",
            "{\"x\": \"\\ud800\"}",
            "{\"x\": \"\\u0000\"}");
    for (Route r : SecurityServer.routes(server)) {
      if (!r.method().equals("POST")) {
        continue;
      }
      for (String b : odd) {
        HttpResponse<String> res = SecurityServer.post(server, RouteSamples.path(r), keyFor(r), b);
        SecurityServer.assertHygienic(res, r.template() + " body " + b, null);
      }
    }
    List<byte[]> bodies = new ArrayList<>();
    for (String s :
        List.of(
            "",
            "null",
            "[]",
            "[null]",
            "[[]]",
            "\"a string\"",
            "123",
            "true",
            "{",
            "}",
            "{\"a\":}",
            "{\"a\":1,\"a\":2}",
            "{} {}",
            "[" + "[".repeat(5000) + "]".repeat(5000) + "]",
            "{\"a\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001),
            "[" + "{},".repeat(600) + "{}]")) {
      bodies.add(s.getBytes(StandardCharsets.UTF_8));
    }
    bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
    bodies.add(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
    bodies.add(new byte[] {0, 0, 0, 0});
    for (Route r : SecurityServer.routes(server)) {
      if (!r.method().equals("POST")) {
        continue;
      }
      for (byte[] b : bodies) {
        String what = r.template() + " body " + preview(new String(b, StandardCharsets.UTF_8));
        HttpResponse<String> res =
            SecurityServer.send(
                server,
                server
                    .request(RouteSamples.path(r), keyFor(r))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(b))
                    .build());
        SecurityServer.assertHygienic(res, what, null);
        assertThat(res.statusCode()).as(what + " → " + res.body()).isBetween(400, 499);
      }
      // A body of another type.
      HttpResponse<String> form =
          SecurityServer.send(
              server,
              server
                  .request(RouteSamples.path(r), keyFor(r))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString("a=1&b=<script>"))
                  .build());
      SecurityServer.assertHygienic(form, r.template() + " form body", "<script>");
      assertThat(form.statusCode()).as(r.template() + " form").isEqualTo(415);
    }
  }

  @Test
  void oversizedBodiesGet413OnEveryBodyRoute() {
    byte[] big = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '[';
    big[big.length - 1] = ']';
    for (Route r : SecurityServer.routes(server)) {
      if (!r.method().equals("POST")) {
        continue;
      }
      HttpResponse<String> declared =
          SecurityServer.send(
              server,
              server
                  .request(RouteSamples.path(r), keyFor(r))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                  .build());
      SecurityServer.assertHygienic(declared, r.template() + " 1 MB + 1", null);
      assertThat(declared.statusCode()).as(r.template()).isEqualTo(413);
      HttpResponse<String> streamed =
          SecurityServer.send(
              server,
              server
                  .request(RouteSamples.path(r), keyFor(r))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.fromPublisher(
                          HttpRequest.BodyPublishers.ofByteArray(big)))
                  .build());
      assertThat(streamed.statusCode()).as(r.template() + " chunked").isEqualTo(413);
    }
    // Headers over the limit: Jetty's 431, in the API's error shape.
    HttpResponse<String> hugeHeader =
        SecurityServer.get(server, "/healthz", null, "X-Big", "h".repeat(64 * 1024));
    assertThat(hugeHeader.statusCode()).isEqualTo(431);
    assertThat(hugeHeader.body()).contains("\"error\"");
    // A request line over the limit.
    String longUri =
        SecurityServer.raw(
            server, "GET /v1/programs?x=" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(SecurityServer.status(longUri)).isIn(414, 431, 400);
  }

  @Test
  void crLfInValuesIsEchoedNowhere() {
    List<String> paths =
        List.of(
            "/v1/companies/" + Fixtures.MAKER + "/recommendations?jsic=E%0d%0aX-Injected:%20yes",
            "/v1/companies/4010%0d%0aX-Injected:%20yes/recommendations",
            "/v1/programs/x%0d%0aX-Injected:%20yes/targets",
            "/v1/programs/monozukuri-21/targets?prefecture=13%0d%0aX-Injected:%20yes",
            "/v1/segments/a%0d%0aSet-Cookie:%20pr_session=evil",
            "/ui/a%0d%0aX-Injected:%20yes.js",
            "/nothing%0d%0aX-Injected:%20yes");
    for (String p : paths) {
      String raw =
          SecurityServer.raw(
              server,
              "GET "
                  + p
                  + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + TestServer.ADMIN_KEY
                  + "\r\nConnection: close\r\n\r\n");
      int headerEnd = raw.indexOf("\r\n\r\n");
      assertThat(headerEnd).as(p + " → " + raw).isPositive();
      String head = raw.substring(0, headerEnd);
      assertThat(SecurityServer.status(raw)).as(p + " → " + raw).isBetween(300, 499);
      assertThat(head).as(p).doesNotContainIgnoringCase("X-Injected").doesNotContain("evil");
    }
    // A raw CR or LF inside a header value is a malformed request: refused, not echoed.
    String split =
        SecurityServer.raw(
            server, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: a\rX-Injected: yes\r\n\r\n");
    assertThat(SecurityServer.status(split)).isEqualTo(400);
    assertThat(split.substring(0, split.indexOf("\r\n\r\n"))).doesNotContain("X-Injected");
    // Header values the server echoes nothing of: a request id of ours, never the client's.
    HttpResponse<String> res =
        SecurityServer.get(server, "/healthz", null, "X-Request-Id", "client-chosen-id");
    assertThat(res.headers().firstValue("X-Request-Id"))
        .isPresent()
        .get()
        .isNotEqualTo("client-chosen-id");
  }

  static String preview(String s) {
    String p = s.length() > 40 ? s.substring(0, 40) + "…(" + s.length() + " chars)" : s;
    return p.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
  }
}
