package org.policyreach.serving.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.http.ApiHandler;

/** A new publication is swapped in while clients hammer the server: no request fails or mixes. */
class SnapshotSwapTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path lake;
  @TempDir Path confDir;

  @Test
  void swappingUnderLoadFailsNoRequest() throws Exception {
    GoldFixture gold = new GoldFixture(lake);
    Fixtures.publishStandard(gold);
    try (TestServer s = TestServer.start(lake, TestServer.conf(confDir))) {
      assertThat(s.store().current().publicationId()).isEqualTo(Fixtures.PUB1);
      HttpRequest req =
          s.request("/v1/companies/" + Fixtures.MAKER + "/recommendations", TestServer.PORTAL_KEY)
              .GET()
              .build();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger afterSwap = new AtomicInteger();
      AtomicInteger total = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      List<Thread> clients = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread th =
            new Thread(
                () -> {
                  while (!stop.get()) {
                    try {
                      HttpResponse<String> res =
                          s.client().send(req, HttpResponse.BodyHandlers.ofString());
                      total.incrementAndGet();
                      String header =
                          res.headers().firstValue(ApiHandler.PUBLICATION_HEADER).orElse("none");
                      if (res.statusCode() != 200) {
                        failures.add(res.statusCode() + " " + res.body());
                        continue;
                      }
                      JsonNode body = JSON.readTree(res.body());
                      String pub = body.get("publication").asText();
                      String first = body.at("/recommendations/0/program_id").asText();
                      String expected =
                          pub.equals(Fixtures.PUB1) ? "monozukuri-21" : "smart-factory-2026";
                      if (!pub.equals(header) || !first.equals(expected)) {
                        failures.add("mixed answer: header " + header + ", body " + res.body());
                      }
                      if (pub.equals(Fixtures.PUB2)) {
                        afterSwap.incrementAndGet();
                      }
                    } catch (Exception e) {
                      failures.add(e.toString());
                    }
                  }
                });
        th.start();
        clients.add(th);
      }
      while (total.get() < 200) {
        Thread.onSpinWait();
      }
      gold.build("build-2")
          .firm(
              GoldFixture.Firm.of(
                  Fixtures.MAKER,
                  "株式会社テスト製作所",
                  "13",
                  "E",
                  "29",
                  "sme",
                  30_000_000L,
                  45,
                  LocalDate.of(2004, 6, 1)))
          .recommendation(Fixtures.MAKER, "smart-factory-2026", 1, 0.9, LocalDate.of(2027, 1, 22))
          .publish(Fixtures.PUB2, Fixtures.PUB2_AT);
      assertThat(s.store().pollOnce()).isTrue();
      while (afterSwap.get() < 200 && failures.isEmpty()) {
        Thread.onSpinWait();
      }
      stop.set(true);
      for (Thread th : clients) {
        th.join();
      }
      assertThat(failures).isEmpty();
      assertThat(total.get()).isGreaterThan(afterSwap.get());
      assertThat(s.store().current().publicationId()).isEqualTo(Fixtures.PUB2);
    }
  }
}
