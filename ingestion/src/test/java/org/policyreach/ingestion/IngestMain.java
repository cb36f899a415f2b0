package org.policyreach.ingestion;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.spark.SparkSessions;

/**
 * Runs one ingest in its own JVM, printing {@code STAGE <name> <seconds>} as each stage starts and
 * {@code RESULT <json>} at the end. The crash test kills this process mid-write.
 *
 * <p>Arguments: lakehouse, conf folder, source, input.
 */
public final class IngestMain {
  private IngestMain() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.create("local[2]", false, 4);
    Lakehouse lakehouse = Lakehouse.at(args[0]);
    IngestRequest request =
        IngestRequest.of(Source.parse(args[2]), args[3]).withConfDir(Path.of(args[1]));
    System.out.printf(Locale.ROOT, "STAGE spark %.1f%n", (System.nanoTime() - start) / 1e9);
    IngestResult result =
        IngestJob.run(
            spark,
            lakehouse,
            request,
            stage -> {
              System.out.printf(
                  Locale.ROOT, "STAGE %s %.1f%n", stage, (System.nanoTime() - start) / 1e9);
              System.out.flush();
            });
    System.out.println("RESULT " + result.toJson());
    System.out.flush();
    spark.stop();
  }
}
