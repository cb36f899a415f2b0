package org.policyreach.serving.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyreach.serving.TestServer.json;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.http.SecurityHeaders;

/** The officer UI: static files from classpath /ui/ and cookie sessions. */
class UiSessionTest {
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
  void staticFilesComeWithTheirTypeAndTheUiPolicy() {
    HttpResponse<String> index = server.get("/ui/_probe/", null);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("<title>probe</title>");
    assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(index.headers().firstValue("Content-Security-Policy"))
        .hasValue(SecurityHeaders.UI_CSP);
    assertThat(index.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    HttpResponse<String> js = server.get("/ui/_probe/probe.js", null);
    assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(server.get("/ui/_probe/../../log4j2.xml", null).statusCode()).isEqualTo(404);
    assertThat(server.get("/ui/_probe/nothing.css", null).statusCode()).isEqualTo(404);
    assertThat(server.send("POST", "/ui/_probe/probe.js", null, "{}").statusCode()).isEqualTo(405);
    HttpResponse<String> bare = server.get("/ui", null);
    assertThat(bare.statusCode()).isEqualTo(308);
    assertThat(bare.headers().firstValue("Location")).hasValue("/ui/");
  }

  @Test
  void anOfficerKeyBecomesAnHttpOnlyCookieSession() {
    HttpResponse<String> in =
        server.post("/ui/session", null, "{\"key\": \"" + TestServer.OFFICER_KEY + "\"}");
    assertThat(in.statusCode()).isEqualTo(200);
    assertThat(json(in).get("key_id").asText()).isEqualTo("test-officer");
    String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/");
    assertThat(in.body()).doesNotContain(TestServer.OFFICER_KEY);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    HttpResponse<String> withHeader =
        server.send(
            server
                .request("/v1/segments", null)
                .header("Cookie", cookie)
                .header(UiSessions.UI_HEADER, "1")
                .GET()
                .build());
    assertThat(withHeader.statusCode()).as(withHeader.body()).isEqualTo(200);
    HttpResponse<String> withoutHeader =
        server.send(server.request("/v1/segments", null).header("Cookie", cookie).GET().build());
    assertThat(withoutHeader.statusCode()).isEqualTo(403);
    assertThat(json(withoutHeader).at("/error/code").asText()).isEqualTo("UI_HEADER_REQUIRED");
    HttpResponse<String> session =
        server.send(server.request("/ui/session", null).header("Cookie", cookie).GET().build());
    assertThat(json(session).get("role").asText()).isEqualTo("officer");

    HttpResponse<String> out =
        server.send(server.request("/ui/session", null).header("Cookie", cookie).DELETE().build());
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(v -> assertThat(v).contains("Max-Age=0"));
    HttpResponse<String> after =
        server.send(
            server
                .request("/v1/segments", null)
                .header("Cookie", cookie)
                .header(UiSessions.UI_HEADER, "1")
                .GET()
                .build());
    assertThat(after.statusCode()).isEqualTo(401);
  }

  @Test
  void wrongKeysAndPortalKeysCannotSignIn() {
    assertThat(server.post("/ui/session", null, "{\"key\": \"nope\"}").statusCode()).isEqualTo(401);
    assertThat(
            server
                .post("/ui/session", null, "{\"key\": \"" + TestServer.PORTAL_KEY + "\"}")
                .statusCode())
        .isEqualTo(403);
    assertThat(server.get("/ui/session", null).statusCode()).isEqualTo(401);
  }
}
