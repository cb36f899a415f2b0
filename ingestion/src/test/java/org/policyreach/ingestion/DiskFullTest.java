package org.policyreach.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

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
    assertThat(IngestJob.diskFull(spark)).contains("No space left on device");

    RuntimeException suppressed = new RuntimeException("commit failed");
    suppressed.addSuppressed(new IOException("write: Disk quota exceeded"));
    assertThat(IngestJob.diskFull(suppressed)).contains("Disk quota exceeded");

    assertThat(IngestJob.diskFull(new RuntimeException("boom", new IOException("EOF")))).isEmpty();
  }
}
