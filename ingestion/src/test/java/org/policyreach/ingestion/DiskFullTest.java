package org.policyreach.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import org.apache.hadoop.fs.FSErrors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the lakehouse is recognised in a failure's causes, however deep Spark and
 * Hadoop wrap it (the full-disk trials of bench/reliability.sh exercise the real thing on a tmpfs).
 */
class DiskFullTest {

  @Test
  void aFullDiskIsFoundInTheCauses() {
    RuntimeException spark =
        new IllegalStateException(
            "Job aborted",
            new RuntimeException(
                "Task failed",
                new UncheckedIOException(new IOException("No space left on device"))));
    assertThat(Lakehouse.diskFull(spark)).contains("No space left on device");

    RuntimeException suppressed = new RuntimeException("commit failed");
    suppressed.addSuppressed(new IOException("write: Disk quota exceeded"));
    assertThat(Lakehouse.diskFull(suppressed)).contains("Disk quota exceeded");

    assertThat(Lakehouse.diskFull(new RuntimeException("boom", new IOException("EOF")))).isEmpty();
  }

  @Test
  void aFileSystemErrorDuringTheIngestIsAClearFailureAndTheRerunCompletes(@TempDir Path dir) {
    TestLake lake = new TestLake(dir);
    Path input =
        lake.write(
            "events.jsonl",
            "{\"event_id\":\"e1\",\"corporate_number\":\"4010401098455\","
                + "\"program_id\":\"it-donyu-2026-r1\",\"type\":\"impression\","
                + "\"at\":\"2026-11-20T09:00:00+09:00\",\"channel\":\"portal\"}\n");
    IngestRequest request = IngestRequest.of(Source.EVENTS, input).withConfDir(lake.conf);
    // Hadoop's local file system throws FSError (an Error, not an Exception) when a write fails,
    // e.g. a Delta commit file on a full disk
    assertThatThrownBy(
            () ->
                lake.ingestFailingAt(
                    request,
                    "silver",
                    () -> FSErrors.of(new IOException("No space left on device")),
                    new ArrayList<>()))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("Cannot ingest events: the disk of the lakehouse")
        .hasMessageContaining("is full")
        .hasMessageContaining("run the same ingest again");
    assertThatThrownBy(
            () ->
                lake.ingestFailingAt(
                    request,
                    "silver",
                    () -> FSErrors.of(new IOException("Input/output error")),
                    new ArrayList<>()))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("writing to the lakehouse")
        .hasMessageContaining("Input/output error");
    IngestResult rerun = lake.ingest(request);
    assertThat(rerun.reconciles()).isTrue();
    assertThat(rerun.accepted()).isEqualTo(1);
  }
}
