package org.policyreach.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.ServingConfig;
import org.policyreach.serving.TestServer;
import org.policyreach.serving.fixture.DeltaWriter;
import org.policyreach.serving.fixture.GoldFixture;

/**
 * {@code GET /v1/companies/{cn}/notices} on a real server (port 0) reading a real contact ledger
 * written with Delta Kernel: inbox deliveries are shown, holdout/e-mail/opted-out rows never; a
 * notice recorded after start appears through the poll, without a new publication.
 */
class NoticesTest {
  static final StructType CONTACTS =
      new StructType()
          .add("contact_id", StringType.STRING, false)
          .add("campaign_id", StringType.STRING, false)
          .add("program_id", StringType.STRING, true)
          .add("corporate_number", StringType.STRING, false)
          .add("channel", StringType.STRING, true)
          .add("arm", StringType.STRING, false)
          .add("sent_at", TimestampType.TIMESTAMP, true)
          .add("status", StringType.STRING, true)
          .add("status_at", TimestampType.TIMESTAMP, true)
          .add("address_sha256", StringType.STRING, true)
          .add("message", StringType.STRING, true)
          .add("batch_id", StringType.STRING, false);

  @TempDir static Path lake;
  @TempDir static Path confDir;
  static TestServer server;
  static DeltaWriter writer = new DeltaWriter(DefaultEngine.create(new Configuration()));
  static final ObjectMapper JSON = new ObjectMapper();

  static Object[] row(String id, String cn, String channel, String arm, String status, Instant at) {
    return new Object[] {
      id,
      "cmp-1",
      "monozukuri-21",
      cn,
      channel,
      arm,
      at,
      status,
      at,
      "email".equals(channel) ? "ab12" : null,
      "holdout".equals(arm) ? null : "貴社に合う可能性のある支援策のご案内です。",
      "send-cmp-1"
    };
  }

  static String path() {
    return lake.resolve("silver").resolve("contacts").toString();
  }

  @BeforeAll
  static void start() {
    Fixtures.publishStandard(new GoldFixture(lake));
    Instant t = Instant.parse("2026-11-19T01:00:00Z");
    List<Object[]> rows = new ArrayList<>();
    rows.add(row("c-1-maker", Fixtures.MAKER, "inbox", "treated", "delivered", t));
    rows.add(row("c-1-holdout", Fixtures.HOLDOUT, null, "holdout", null, t));
    rows.add(row("c-1-shop", Fixtures.SHOP, "email", "treated", "sent", t));
    rows.add(row("c-1-optout", Fixtures.OPTED_OUT, "inbox", "treated", "delivered", t));
    writer.append(path(), CONTACTS, rows);
    server =
        TestServer.start(
            new ServingConfig(
                "127.0.0.1",
                0,
                lake.toString(),
                TestServer.conf(confDir),
                Duration.ofMillis(200),
                null,
                null,
                Clock.fixed(TestServer.NOW, ZoneOffset.UTC)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode notices(String cn) throws Exception {
    HttpResponse<String> r = server.get("/v1/companies/" + cn + "/notices", TestServer.PORTAL_KEY);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void showsInboxDeliveriesOnlyToTreatedFirmsThatDidNotOptOut() throws Exception {
    awaitNotices(Fixtures.MAKER, 1);
    JsonNode maker = notices(Fixtures.MAKER);
    JsonNode n = maker.get("notices").get(0);
    assertThat(n.get("notice_id").asText()).isEqualTo("c-1-maker");
    assertThat(n.get("campaign_id").asText()).isEqualTo("cmp-1");
    assertThat(n.get("program_id").asText()).isEqualTo("monozukuri-21");
    assertThat(n.get("message").asText()).contains("支援策");
    assertThat(n.get("deadline").isNull()).isFalse();
    assertThat(n.get("sent_at").asText()).isEqualTo("2026-11-19T01:00:00Z");
    assertThat(notices(Fixtures.HOLDOUT).get("notices")).isEmpty();
    assertThat(notices(Fixtures.SHOP).get("notices")).isEmpty();
    JsonNode opted = notices(Fixtures.OPTED_OUT);
    assertThat(opted.get("opted_out").asBoolean()).isTrue();
    assertThat(opted.get("notices")).isEmpty();
  }

  @Test
  void aNoticeSentAfterStartIsServedThroughThePoll() throws Exception {
    awaitNotices(Fixtures.MAKER, 1);
    writer.append(
        path(),
        CONTACTS,
        List.<Object[]>of(
            row(
                "c-2-shop",
                Fixtures.SHOP,
                "inbox",
                "treated",
                "delivered",
                Instant.parse("2026-11-20T00:00:00Z"))));
    awaitNotices(Fixtures.SHOP, 1);
    assertThat(notices(Fixtures.SHOP).get("notices").get(0).get("notice_id").asText())
        .isEqualTo("c-2-shop");
  }

  @Test
  void onlyThePortalRoleMayReadNotices() {
    assertThat(
            server
                .get("/v1/companies/" + Fixtures.MAKER + "/notices", TestServer.OFFICER_KEY)
                .statusCode())
        .isEqualTo(403);
    assertThat(server.get("/v1/companies/123/notices", TestServer.PORTAL_KEY).statusCode())
        .isEqualTo(400);
  }

  private static void awaitNotices(String cn, int n) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (notices(cn).get("notices").size() < n) {
      assertThat(System.nanoTime())
          .as("notice of " + cn + " not served within 20 s")
          .isLessThan(deadline);
      Thread.sleep(100);
    }
  }
}
