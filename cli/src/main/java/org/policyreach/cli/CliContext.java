package org.policyreach.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.spark.SparkSessions;

/**
 * What every command of one JVM shares: where the lakehouse and configuration are, and the one
 * SparkSession (it costs ~15 s to start, so chained stages reuse it).
 */
public final class CliContext implements AutoCloseable {
  static final String DEFAULT_LAKEHOUSE = "data/lakehouse";

  private final String lakehouseUri;
  private final Path confDir;
  private final boolean verbose;
  private final String master;
  private SparkSession spark;
  private Lakehouse lakehouse;

  CliContext(String lakehouseOption, Path confOption, boolean verbose, String masterOption) {
    this.lakehouseUri =
        firstNonBlank(lakehouseOption, System.getenv("POLICYREACH_LAKEHOUSE"), DEFAULT_LAKEHOUSE);
    this.confDir = resolveConf(confOption);
    this.verbose = verbose;
    this.master =
        firstNonBlank(masterOption, System.getenv("POLICYREACH_SPARK_MASTER"), "local[*]");
  }

  public String lakehouseUri() {
    return lakehouseUri;
  }

  public Path confDir() {
    return confDir;
  }

  public boolean verbose() {
    return verbose;
  }

  public String master() {
    return master;
  }

  /** The JVM's SparkSession, started on first use. */
  public synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSessions.create(master, verbose);
    }
    return spark;
  }

  /** The lakehouse, with its tables registered in the session catalog. */
  public synchronized Lakehouse lakehouse() {
    if (lakehouse == null) {
      lakehouse = Lakehouse.at(lakehouseUri);
    }
    lakehouse.register(spark());
    return lakehouse;
  }

  public Progress progress(PrintWriter err) {
    return Progress.forConsole(err);
  }

  @Override
  public synchronized void close() {
    if (spark != null) {
      spark.stop();
      spark = null;
    }
  }

  private static Path resolveConf(Path option) {
    if (option != null) {
      return requireDir(option, "--conf");
    }
    String env = System.getenv("POLICYREACH_CONF");
    if (env != null && !env.isBlank()) {
      return requireDir(Path.of(env), "POLICYREACH_CONF");
    }
    return Path.of("conf");
  }

  private static Path requireDir(Path dir, String from) {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException(
          "Cannot use configuration folder "
              + dir
              + " (from "
              + from
              + "): it does not exist or is not a"
              + " folder. Point it at the project's conf/ folder or a copy of it.");
    }
    return dir;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    throw new IllegalStateException("no default");
  }
}
