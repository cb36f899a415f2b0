package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.core.ConfPaths;

/**
 * Applications of a program the catalog did not know are quarantined, then replayed after the fix.
 */
class ReplayQuarantineTest {

  @Test
  void quarantinedRecordsAreReplayedOnceTheCatalogKnowsTheProgram(@TempDir Path dir)
      throws Exception {
    TestLake lake = new TestLake(dir);
    GeneratedData data =
        GeneratedData.generate(dir.resolve("input"), 120, 0.0, StandardCharsets.UTF_8);
    Path monozukuri = lake.conf.resolve("programs/monozukuri.yaml");
    Files.delete(monozukuri);

    IngestResult first = lake.ingest(Source.APPLICATIONS, data.folder("applications"));
    long unknown =
        lake.table("quarantine", "records")
            .filter(col("reasons").getItem(0).getField("code").equalTo("UNKNOWN_PROGRAM"))
            .count();
    assertThat(unknown).isPositive().isEqualTo(first.quarantined());
    long before = lake.table("silver", "applications").count();

    Files.copy(ConfPaths.locate().resolve("programs/monozukuri.yaml"), monozukuri);
    IngestResult replay = lake.ingest(IngestRequest.replay(Source.APPLICATIONS));

    assertThat(replay.read()).isEqualTo(unknown);
    assertThat(replay.quarantined()).isZero();
    assertThat(replay.reconciles()).isTrue();
    assertThat(replay.batchId()).startsWith("replay-applications-");
    assertThat(
            lake.table("quarantine", "records").filter(col("replayed_batch_id").isNull()).count())
        .isZero();
    assertThat(lake.table("silver", "applications").count()).isGreaterThan(before);
    assertThat(
            lake.table("silver", "applications")
                .filter(col("program_id").startsWith("monozukuri"))
                .count())
        .isPositive();
    assertThat(
            lake.table("silver", "programs")
                .filter(col("program_id").startsWith("monozukuri"))
                .count())
        .isPositive();
    assertThat(
            lake.table("meta", "batches")
                .filter(col("batch_id").equalTo(replay.batchId()))
                .head()
                .<String>getAs("status"))
        .isEqualTo("committed");

    IngestResult again = lake.ingest(IngestRequest.replay(Source.APPLICATIONS));
    assertThat(again.read()).isZero();
  }
}
