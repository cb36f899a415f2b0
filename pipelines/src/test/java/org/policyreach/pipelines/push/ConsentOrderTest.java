package org.policyreach.pipelines.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.ingestion.IngestJob;
import org.policyreach.ingestion.IngestRequest;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.Source;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.pipelines.build.AsOfSilver;
import org.policyreach.pipelines.build.ConsentOrder;
import org.policyreach.pipelines.build.SilverFixture;

/**
 * The build orders consent events as the servers do, by the time a server received them ({@code
 * received_at} of the landing line), not by the client's {@code at}: landing files as the server
 * writes them, ingested by the real ingestion; read by the push checks ({@link FirmState}) and the
 * profiles ({@link ConsentOrder}, the call of {@code ProfileStage}).
 */
class ConsentOrderTest {
  static final LocalDate TODAY = LocalDate.parse("2026-11-25");

  /** A future-dated opt-in received before the opt-out: must not undo it. */
  static final String FUTURE = SilverFixture.cn(1);

  /** An opt-in received after the opt-out, back-dated by its client: truly later, it counts. */
  static final String LATER = SilverFixture.cn(2);

  /** A file without received_at (not written by a server): ordered by at. */
  static final String PLAIN = SilverFixture.cn(3);

  @TempDir static Path dir;
  static SparkSession spark;
  static Lakehouse lakehouse;
  static Lakehouse fixture;

  static String line(String id, String cn, String type, String at, String receivedAt) {
    return "{\"event_id\": \""
        + id
        + "\", \"corporate_number\": \""
        + cn
        + "\", \"program_id\": null, \"type\": \""
        + type
        + "\", \"at\": \""
        + at
        + "\", \"channel\": \"portal\""
        + (receivedAt == null ? "" : ", \"received_at\": \"" + receivedAt + "\"")
        + "}\n";
  }

  @BeforeAll
  static void ingest() throws IOException {
    spark = SparkSessions.shared();
    Path conf = SilverFixture.projectConf(dir);
    lakehouse = Lakehouse.at(dir.resolve("lake"));
    Path input = Files.createDirectories(dir.resolve("landing"));
    // Two replicas' segments, as sealed by the servers.
    Files.writeString(
        input.resolve("events-20261120T000000000-101-0.jsonl"),
        line("a-1", FUTURE, "opt_in", "2026-11-22T09:00:00+09:00", "2026-11-20T00:00:00Z")
            + line("b-1", LATER, "opt_out", "2026-11-20T09:00:00+09:00", "2026-11-20T00:00:00Z"));
    Files.writeString(
        input.resolve("events-20261119T000000000-202-0.jsonl"),
        line("a-2", FUTURE, "opt_out", "2026-11-20T09:01:00+09:00", "2026-11-20T00:01:00Z")
            + line("b-2", LATER, "opt_in", "2026-11-19T09:00:00+09:00", "2026-11-20T01:00:00Z"));
    Files.writeString(
        input.resolve("portal-export.jsonl"),
        line("c-1", PLAIN, "opt_in", "2026-11-20T08:00:00+09:00", null)
            + line("c-2", PLAIN, "opt_out", "2026-11-20T09:00:00+09:00", null));
    IngestJob.run(spark, lakehouse, IngestRequest.of(Source.EVENTS, input).withConfDir(conf));
    // The push checks also read the registry: three active firms, copied from a silver fixture.
    fixture = Lakehouse.at(dir.resolve("fixture"));
    SilverFixture firms = new SilverFixture();
    for (int n = 1; n <= 3; n++) {
      firms.firm(n, "13", "E", "sme", 20, "2001-04-01");
    }
    // Events of the fixture lakehouse (silver only, no bronze): ordered by at.
    firms
        .event("x-1", 1, "opt_out", "2026-11-20T10:00:00")
        .event("x-2", 1, "opt_in", "2026-11-20T09:00:00")
        .event("x-3", 2, "opt_out", "2026-11-20T09:00:00")
        .event("x-4", 2, "opt_in", "2026-11-20T10:00:00");
    firms.write(spark, fixture);
    Path from = local(fixture.path("silver", "firms"));
    Path to = local(lakehouse.path("silver", "firms"));
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  static Path local(String path) {
    return path.startsWith("file:") ? Path.of(java.net.URI.create(path)) : Path.of(path);
  }

  static Map<String, Boolean> optedOut(Dataset<Row> rows) {
    Map<String, Boolean> out = new HashMap<>();
    for (Row r : rows.select("corporate_number", "opted_out").collectAsList()) {
      out.put(r.getString(0), r.getBoolean(1));
    }
    return out;
  }

  @Test
  void pushChecksOrderConsentByReceiveTime() {
    Map<String, Boolean> out = optedOut(FirmState.of(spark, lakehouse, TODAY, 30, null));
    assertThat(out)
        .containsEntry(FUTURE, true)
        .containsEntry(LATER, false)
        .containsEntry(PLAIN, true);
  }

  @Test
  void profilesOrderConsentByReceiveTime() {
    AsOfSilver silver = new AsOfSilver(spark, lakehouse, TODAY);
    Map<String, Boolean> out = optedOut(ConsentOrder.optedOut(spark, lakehouse, silver.events()));
    assertThat(out)
        .hasSize(3)
        .containsEntry(FUTURE, true)
        .containsEntry(LATER, false)
        .containsEntry(PLAIN, true);
  }

  @Test
  void withoutBronzeEventsConsentIsOrderedByAt() {
    AsOfSilver silver = new AsOfSilver(spark, fixture, TODAY);
    Map<String, Boolean> out = optedOut(ConsentOrder.optedOut(spark, fixture, silver.events()));
    assertThat(out)
        .hasSize(2)
        .containsEntry(SilverFixture.cn(1), true)
        .containsEntry(SilverFixture.cn(2), false);
  }
}
