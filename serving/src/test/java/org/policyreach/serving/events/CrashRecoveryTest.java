package org.policyreach.serving.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policyreach.serving.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.ServeMain;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;

/**
 * Event durability across a hard stop: a server in its own JVM acknowledges events, is killed
 * (SIGKILL, no shutdown hook), and a new server on the same lakehouse replays the landing log.
 */
class CrashRecoveryTest {
  @TempDir Path lake;
  @TempDir Path confDir;

  @Test
  void acknowledgedEventsSurviveAKill() throws Exception {
    Fixtures.publishStandard(new GoldFixture(lake));
    Path conf = TestServer.conf(confDir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ServeMain.class.getName(),
                "serve",
                "--port",
                "0",
                "--lakehouse",
                lake.toString(),
                "--conf",
                conf.toString(),
                "--poll-seconds",
                "3600")
            .redirectError(lake.resolve("child-stderr.log").toFile())
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertThat(line)
          .as("first line of the child server")
          .startsWith("PolicyReach serving on http://");
      URI base =
          URI.create(
              line.substring(
                  "PolicyReach serving on ".length(),
                  line.indexOf('/', line.indexOf("//") + 2) + 1));

      HttpClient client = HttpClient.newHttpClient();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String id = "crash-" + i;
        ids.add(id);
        String type = i == 7 ? "opt_out" : "impression";
        String program = i == 7 ? null : "monozukuri-21";
        String cn = i == 7 ? Fixtures.CONSENT2 : Fixtures.MAKER;
        HttpResponse<String> res =
            client.send(
                HttpRequest.newBuilder(base.resolve("/v1/events"))
                    .header("Authorization", "Bearer " + TestServer.PORTAL_KEY)
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            EventsTest.event(id, cn, program, type)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }

    // The killed server never sealed its segment; the next one replays and seals it.
    try (TestServer s = TestServer.start(lake, conf)) {
      StringBuilder all = new StringBuilder("[");
      for (int i = 0; i < 20; i++) {
        String cn = i == 7 ? Fixtures.CONSENT2 : Fixtures.MAKER;
        all.append(i == 0 ? "" : ",")
            .append(
                EventsTest.event(
                    "crash-" + i,
                    cn,
                    i == 7 ? null : "monozukuri-21",
                    i == 7 ? "opt_out" : "impression"));
      }
      JsonNode again =
          json(s.post("/v1/events", TestServer.PORTAL_KEY, all.append("]").toString()));
      assertThat(again.get("accepted").asInt()).isZero();
      assertThat(again.get("duplicates").asInt()).isEqualTo(20);
      JsonNode recs =
          json(
              s.get(
                  "/v1/companies/" + Fixtures.CONSENT2 + "/recommendations",
                  TestServer.PORTAL_KEY));
      assertThat(recs.get("opted_out").asBoolean()).isTrue();
      try (Stream<Path> files = Files.list(lake.resolve("_landing/events"))) {
        List<Path> segments = files.toList();
        assertThat(segments)
            .allSatisfy(f -> assertThat(f.toString()).endsWith(EventLog.SEALED_SUFFIX));
        long lines = 0;
        for (Path f : segments) {
          lines += Files.readAllLines(f).size();
        }
        assertThat(lines).isEqualTo(20);
      }
    }
  }
}
