package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an ingest process while it writes — during bronze, during the silver merge, at the ledger
 * commit — re-running the same batch each time, then completes it and compares the lakehouse with a
 * clean ingest of the same input: every record exactly once, the ledger reconciled.
 */
class CrashRecoveryTest {

  /** Where to kill: after the child announces {@code stage}, wait {@code delayMillis}. */
  record KillPoint(String stage, long delayMillis) {}

  static final List<KillPoint> KILL_POINTS =
      List.of(
          new KillPoint("bronze", 300), new KillPoint("silver", 1500), new KillPoint("commit", 50));

  @Test
  void aKilledIngestRerunLeavesEveryRecordExactlyOnce(@TempDir Path dir) throws Exception {
    GeneratedData data =
        GeneratedData.generate(dir.resolve("input"), 150, 0.05, StandardCharsets.UTF_8);
    Path input = data.folder("applications");
    TestLake crashed = new TestLake(dir.resolve("crashed"));
    List<String> killedAt = new ArrayList<>();
    for (KillPoint point : KILL_POINTS) {
      if (runAndKill(crashed, input, point, dir.resolve("child-" + point.stage() + ".log"))) {
        killedAt.add(point.stage());
      }
    }
    assertThat(killedAt).as("stages at which a child was killed").isNotEmpty();

    IngestResult completed = crashed.ingest(Source.APPLICATIONS, input);
    TestLake reference = new TestLake(dir.resolve("reference"));
    IngestResult clean = reference.ingest(Source.APPLICATIONS, input);

    assertThat(completed.batchId()).isEqualTo(clean.batchId());
    assertThat(
            List.of(
                completed.read(),
                completed.accepted(),
                completed.quarantined(),
                completed.duplicates()))
        .isEqualTo(
            List.of(clean.read(), clean.accepted(), clean.quarantined(), clean.duplicates()));

    Dataset<Row> bronze = crashed.table("bronze", "applications");
    assertThat(bronze.count())
        .isEqualTo(reference.table("bronze", "applications").count())
        .isEqualTo(bronze.select("source_file", "line").distinct().count());
    Dataset<Row> quarantine = crashed.table("quarantine", "records");
    assertThat(quarantine.count())
        .isEqualTo(clean.quarantined())
        .isEqualTo(quarantine.select("batch_id", "source_file", "line").distinct().count());
    assertThat(applications(crashed)).isEqualTo(applications(reference));
    assertThat(crashed.table("silver", "firms").count())
        .isEqualTo(reference.table("silver", "firms").count());

    List<Row> ledger = crashed.table("meta", "batches").collectAsList();
    assertThat(ledger).hasSize(1);
    Row batch = ledger.get(0);
    assertThat(batch.<String>getAs("status")).isEqualTo("committed");
    assertThat(batch.<Long>getAs("read"))
        .isEqualTo(clean.read())
        .isEqualTo(
            batch.<Long>getAs("accepted")
                + batch.<Long>getAs("quarantined")
                + batch.<Long>getAs("duplicates"));
  }

  static List<String> applications(TestLake lake) {
    return lake
        .table("silver", "applications")
        .select(
            col("application_id"),
            col("status"),
            size(col("status_history")),
            size(col("findings")))
        .orderBy("application_id")
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
  }

  /**
   * Starts the ingest in a child JVM and kills it at the point; returns whether it was killed
   * (false if it finished first).
   */
  static boolean runAndKill(TestLake lake, Path input, KillPoint point, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(sparkJvmOptions());
    command.add("-Xmx1g");
    // a short-lived child: cheap JIT and GC leave the shared cores to the work itself
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    // and interpreted expressions: on 150 firms Spark's generated code costs more than it saves
    // (this JVM's own ingests keep the default, so generated code stays under test)
    command.add("-Dspark.sql.codegen.wholeStage=false");
    command.add("-Dspark.sql.codegen.factoryMode=NO_CODEGEN");
    command.add("-D" + IngestJob.CHUNK_BYTES_PROPERTY + "=65536");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(IngestMain.class.getName());
    command.add(lake.lakehouse.root());
    command.add(lake.conf.toString());
    command.add(Source.APPLICATIONS.id());
    command.add(input.toString());
    Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
    boolean killed = false;
    List<String> seen = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        seen.add(line);
        if (line.startsWith("STAGE " + point.stage() + " ")) {
          Thread.sleep(point.delayMillis());
          child.destroyForcibly();
          killed = true;
          break;
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    if (!killed) {
      // the child's stderr goes with the @TempDir: keep its end in the message
      List<String> err =
          new String(java.nio.file.Files.readAllBytes(log), StandardCharsets.UTF_8)
              .lines()
              .toList();
      assertThat(seen)
          .as(
              "child output; the end of its stderr (%s):%n%s",
              log, String.join("\n", err.subList(Math.max(0, err.size() - 60), err.size())))
          .anyMatch(l -> l.startsWith("RESULT "));
    }
    return killed;
  }

  /** The JVM options of this test JVM that Spark needs (Spark's --add-opens list). */
  static List<String> sparkJvmOptions() {
    List<String> options = new ArrayList<>();
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens")
          || arg.startsWith("--add-modules")
          || arg.startsWith("--enable-native-access")
          || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
          || arg.startsWith("-Djdk.reflect")
          || arg.startsWith("-Dio.netty")
          || arg.startsWith("-Dfile.encoding")
          || arg.startsWith("-Duser.timezone")
          || arg.startsWith("-Dpolicyreach.")) {
        options.add(arg);
      }
    }
    return options;
  }
}
