package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.exceptions.ConcurrentAppendException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers on one lakehouse: an ingest whose commit meets another writer's commit (Delta's
 * optimistic concurrency rejects it with a {@code DeltaConcurrentModificationException}) is run
 * again in-process and lands exactly once; two ingests started together both land, and the
 * lakehouse equals one where they ran one after the other.
 */
class ConcurrentIngestTest {

  @TempDir static Path dir;
  static GeneratedData data;

  @BeforeAll
  static void generate() {
    data = GeneratedData.generate(dir.resolve("input"), 150, 0.05, StandardCharsets.UTF_8);
  }

  @Test
  void aConflictAtTheLedgerCommitIsRetriedAndTheBatchLandsOnce() {
    TestLake lake = new TestLake(dir.resolve("retried"));
    Path input = data.folder("applications");
    List<String> stages = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger thrown = new AtomicInteger();
    Consumer<String> conflictOnce =
        stage -> {
          stages.add(stage);
          // everything but the ledger commit is written when the first attempt fails
          if (stage.equals("commit") && thrown.getAndIncrement() == 0) {
            throw new ConcurrentAppendException(
                "test: a concurrent WRITE added data to the table between read and commit");
          }
        };
    IngestResult retried =
        IngestJob.run(
            lake.spark,
            lake.lakehouse,
            IngestRequest.of(Source.APPLICATIONS, input).withConfDir(lake.conf),
            conflictOnce);

    assertThat(stages)
        .contains("retry 1/5 after a concurrent commit (ConcurrentAppendException)")
        .filteredOn("commit"::equals)
        .hasSize(2);
    TestLake reference = new TestLake(dir.resolve("retried-reference"));
    IngestResult clean = reference.ingest(Source.APPLICATIONS, input);
    assertThat(counts(retried)).isEqualTo(counts(clean));
    assertSameLakehouse(lake, reference, 1);
  }

  @Test
  void otherFailuresAreNotRetriedAndRetriesEnd() {
    TestLake lake = new TestLake(dir.resolve("not-retried"));
    IngestRequest request =
        IngestRequest.of(Source.EVENTS, data.folder("events")).withConfDir(lake.conf);
    List<String> stages = Collections.synchronizedList(new ArrayList<>());
    assertThatThrownBy(
            () ->
                lake.ingestFailingAt(
                    request,
                    "bronze",
                    () -> new IllegalStateException("test: not a write conflict"),
                    stages))
        .isInstanceOf(IllegalStateException.class);
    assertThat(stages).noneMatch(s -> s.startsWith("retry"));

    String old = System.getProperty(IngestJob.CONFLICT_RETRIES_PROPERTY);
    System.setProperty(IngestJob.CONFLICT_RETRIES_PROPERTY, "1");
    try {
      stages.clear();
      assertThatThrownBy(
              () ->
                  lake.ingestFailingAt(
                      request,
                      "bronze",
                      () -> new ConcurrentAppendException("test: conflicts every time"),
                      stages))
          .isInstanceOf(ConcurrentAppendException.class);
      assertThat(stages).filteredOn(s -> s.startsWith("retry")).hasSize(1);
    } finally {
      if (old == null) {
        System.clearProperty(IngestJob.CONFLICT_RETRIES_PROPERTY);
      } else {
        System.setProperty(IngestJob.CONFLICT_RETRIES_PROPERTY, old);
      }
    }
    // the failed runs left a started batch; a plain re-run completes it
    IngestResult rerun = lake.ingest(Source.EVENTS, data.folder("events"));
    assertThat(rerun.reconciles()).isTrue();
    assertThat(lake.table("meta", "batches").filter(col("status").equalTo("committed")).count())
        .isEqualTo(1);
  }

  @Test
  void twoIngestsStartedTogetherBothLand() throws Exception {
    TestLake together = new TestLake(dir.resolve("together"));
    TestLake sequential = new TestLake(dir.resolve("sequential"));
    for (TestLake lake : List.of(together, sequential)) {
      lake.ingest(Source.REGISTRY, data.folder("registry"));
      lake.ingest(Source.FIRM_ATTRIBUTES, data.folder("firm_attributes"));
    }
    List<String> stages = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<IngestResult>> runs = new ArrayList<>();
      for (Source s : List.of(Source.APPLICATIONS, Source.LEGACY)) {
        IngestRequest request =
            IngestRequest.of(s, data.folder(GeneratedDataIngestTest.FOLDERS.get(s)))
                .withConfDir(together.conf);
        runs.add(
            pool.submit(
                () -> {
                  start.await();
                  return IngestJob.run(
                      together.spark,
                      together.lakehouse,
                      request,
                      stage -> stages.add(s.id() + " " + stage));
                }));
      }
      start.countDown();
      for (Future<IngestResult> run : runs) {
        assertThat(run.get(10, TimeUnit.MINUTES).reconciles()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    sequential.ingest(Source.APPLICATIONS, data.folder("applications"));
    sequential.ingest(Source.LEGACY, data.folder("legacy"));
    System.out.println(
        "ConcurrentIngestTest: retries while running together: "
            + stages.stream().filter(s -> s.contains(" retry ")).toList());
    assertSameLakehouse(together, sequential, 4);
  }

  static List<Long> counts(IngestResult r) {
    return List.of(r.read(), r.accepted(), r.quarantined(), r.duplicates());
  }

  /** Same ledger, bronze, quarantine and silver content; every batch committed and reconciled. */
  static void assertSameLakehouse(TestLake actual, TestLake expected, int batches) {
    List<Row> ledger = actual.table("meta", "batches").orderBy("batch_id").collectAsList();
    assertThat(ledger).hasSize(batches);
    for (Row b : ledger) {
      assertThat(b.<String>getAs("status")).isEqualTo("committed");
      assertThat(b.<Long>getAs("read"))
          .isEqualTo(
              b.<Long>getAs("accepted")
                  + b.<Long>getAs("quarantined")
                  + b.<Long>getAs("duplicates"));
    }
    assertThat(rows(actual, "meta", "batches", "batch_id", "read", "accepted", "quarantined"))
        .isEqualTo(
            rows(expected, "meta", "batches", "batch_id", "read", "accepted", "quarantined"));
    assertThat(rows(actual, "quarantine", "records", "batch_id", "source_file", "line"))
        .isEqualTo(rows(expected, "quarantine", "records", "batch_id", "source_file", "line"));
    for (String b : List.of("applications", "legacy")) {
      if (expected.lakehouse.exists(expected.spark, "bronze", b)) {
        assertThat(rows(actual, "bronze", b, "batch_id", "source_file", "line"))
            .as("bronze." + b)
            .isEqualTo(rows(expected, "bronze", b, "batch_id", "source_file", "line"));
      }
    }
    assertThat(CrashRecoveryTest.applications(actual))
        .isEqualTo(CrashRecoveryTest.applications(expected));
    assertThat(rows(actual, "silver", "firms", "corporate_number", "name", "status"))
        .isEqualTo(rows(expected, "silver", "firms", "corporate_number", "name", "status"));
  }

  static List<String> rows(TestLake lake, String schema, String table, String... columns) {
    Dataset<Row> t = lake.table(schema, table);
    return t.selectExpr(columns).orderBy(columns[0], columns).collectAsList().stream()
        .map(Row::toString)
        .toList();
  }
}
