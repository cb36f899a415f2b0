package org.policyreach.serving.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.policyreach.serving.TestServer.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.ServingConfig;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;

/**
 * {@code POST /v1/events} on a full disk (a 1 MB tmpfs, as the ingest and build disk trials;
 * skipped where mounting is not allowed): the batch that cannot be written is refused with 503 and
 * leaves nothing behind, so a later batch is not glued to its fragment and replay finds exactly the
 * acknowledged events.
 */
class EventLogFullDiskTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path lake;
  @TempDir Path confDir;
  @TempDir Path work;

  static String event(String id) {
    return "{\"event_id\": \""
        + id
        + "\", \"corporate_number\": \""
        + Fixtures.MAKER
        + "\", \"program_id\": \"monozukuri-21\", \"type\": \"impression\","
        + " \"at\": \"2026-11-20T09:00:00+09:00\", \"channel\": \"portal\"}";
  }

  static String batch(String prefix, int n) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(event(prefix + "-" + i + "-" + "x".repeat(60)));
    }
    return "[" + String.join(",", events) + "]";
  }

  static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + ": " + out.strip());
    }
  }

  @Test
  void aFailedWriteLeavesNoFragmentForTheNextBatch() throws Exception {
    Fixtures.publishStandard(new GoldFixture(lake));
    Path conf = TestServer.conf(confDir);
    Path mount = work.resolve("small");
    Files.createDirectories(mount);
    String why = null;
    try {
      run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString());
    } catch (IOException e) {
      why = e.getMessage();
    }
    assumeThat(why).as("a tmpfs can be mounted (root)").isNull();
    try {
      Path landing = mount.resolve("events");
      ServingConfig config =
          new ServingConfig(
              "127.0.0.1",
              0,
              lake.toString(),
              conf,
              Duration.ofHours(1),
              landing,
              null,
              Clock.fixed(TestServer.NOW, ZoneOffset.UTC));
      List<String> acknowledged = new ArrayList<>();
      try (TestServer s = TestServer.start(config)) {
        HttpResponse<String> first = s.post("/v1/events", TestServer.PORTAL_KEY, batch("a", 20));
        assertThat(first.statusCode()).isEqualTo(202);
        addIds(acknowledged, "a", 20);

        Path filler = mount.resolve("filler");
        long free = Files.getFileStore(mount).getUsableSpace();
        run("fallocate", "-l", Long.toString(free - 16 * 1024), filler.toString());
        HttpResponse<String> failed =
            s.post("/v1/events", TestServer.PORTAL_KEY, batch("full", 400));
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(json(failed).at("/error/code").asText()).isEqualTo("EVENT_LOG_UNAVAILABLE");

        Files.delete(filler);
        HttpResponse<String> later = s.post("/v1/events", TestServer.PORTAL_KEY, batch("b", 20));
        assertThat(later.statusCode()).isEqualTo(202);
        assertThat(json(later).get("accepted").asInt()).isEqualTo(20);
        addIds(acknowledged, "b", 20);
      }

      // What ingestion (and the next start) reads: every line whole, exactly the acknowledged ids.
      List<String> landed = new ArrayList<>();
      try (Stream<Path> files = Files.list(landing)) {
        for (Path f : files.sorted().toList()) {
          assertThat(f.getFileName().toString()).endsWith(EventLog.SEALED_SUFFIX);
          for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            JsonNode n = JSON.readTree(line); // throws on a glued line
            landed.add(n.get("event_id").asText());
          }
        }
      }
      assertThat(landed).containsExactlyInAnyOrderElementsOf(acknowledged);

      EventLog replayed = new EventLog(landing, Clock.fixed(TestServer.NOW, ZoneOffset.UTC));
      replayed.start();
      try {
        assertThat(replayed.seenCount()).isEqualTo(acknowledged.size());
      } finally {
        replayed.stop();
      }
    } finally {
      run("umount", mount.toString());
    }
  }

  private static void addIds(List<String> ids, String prefix, int n) {
    for (int i = 0; i < n; i++) {
      ids.add(prefix + "-" + i + "-" + "x".repeat(60));
    }
  }
}
