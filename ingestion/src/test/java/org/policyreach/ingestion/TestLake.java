package org.policyreach.ingestion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.ConfPaths;
import org.policyreach.ingestion.spark.SparkSessions;

/** A lakehouse in a temporary folder with a copy of the project's configuration. */
final class TestLake {
  final SparkSession spark = SparkSessions.shared();
  final Path dir;
  final Lakehouse lakehouse;
  final Path conf;

  TestLake(Path dir) {
    this.dir = dir;
    this.lakehouse = Lakehouse.at(dir.resolve("lake"));
    this.conf = copyConf(dir.resolve("conf"));
  }

  static Path copyConf(Path target) {
    Path source = ConfPaths.locate();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path t = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  IngestResult ingest(Source source, Path input) {
    return IngestJob.run(spark, lakehouse, IngestRequest.of(source, input).withConfDir(conf));
  }

  IngestResult ingest(IngestRequest request) {
    return IngestJob.run(spark, lakehouse, request.withConfDir(conf));
  }

  /**
   * Runs the ingest with a stage hook that records every stage in {@code seen} and throws {@code
   * failure} (an exception or an error) each time {@code stage} starts.
   */
  IngestResult ingestFailingAt(
      IngestRequest request,
      String stage,
      Supplier<? extends Throwable> failure,
      List<String> seen) {
    return IngestJob.run(
        spark,
        lakehouse,
        request.withConfDir(conf),
        s -> {
          seen.add(s);
          if (s.equals(stage)) {
            throw TestLake.<RuntimeException>sneaky(failure.get());
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }

  Dataset<Row> table(String schema, String table) {
    return spark.read().format("delta").load(lakehouse.path(schema, table));
  }

  Path write(String name, String content) {
    return write(name, content, StandardCharsets.UTF_8);
  }

  Path write(String name, String content, Charset charset) {
    try {
      Path p = dir.resolve("in").resolve(name);
      Files.createDirectories(p.getParent());
      Files.write(p, content.getBytes(charset));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String lines(List<String> lines) {
    return String.join("\n", lines) + "\n";
  }
}
