package org.policyreach.ingestion;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.ConfPaths;
import org.policyreach.ingestion.parse.ProgramRules;
import org.policyreach.ingestion.read.HadoopConf;
import org.policyreach.ingestion.read.InputScan;
import org.policyreach.ingestion.read.InputScanner;
import org.policyreach.ingestion.spark.SparkSessions;

/**
 * {@code bench/ingest.sh}: in one JVM, a bare Spark scan of an applications file ({@code
 * spark.read.text(file).count()}), a parse-only pass (the ingest's own reading and parsing, no
 * writes), then the full ingest into an empty lakehouse. Prints one JSON object.
 *
 * <p>Arguments: {@code --input FILE --lakehouse DIR [--conf DIR] [--master URL]}.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i], args[i + 1]);
    }
    String input = a.get("--input");
    Path conf = a.containsKey("--conf") ? Path.of(a.get("--conf")) : ConfPaths.locate();
    Lakehouse lakehouse = Lakehouse.at(a.get("--lakehouse"));
    SparkSession spark = SparkSessions.create(a.getOrDefault("--master", "local[*]"), false);

    long warm = spark.read().text(input).count(); // JIT and Spark warm-up, not timed
    long t0 = System.nanoTime();
    long scanned = spark.read().text(input).count();
    double scanSeconds = seconds(t0);

    t0 = System.nanoTime();
    InputScan scan =
        new InputScanner(spark.sparkContext().hadoopConfiguration(), IngestJob.DEFAULT_CHUNK_BYTES)
            .scan(input, Source.APPLICATIONS, null);
    double hashSeconds = seconds(t0);
    t0 = System.nanoTime();
    long parsed =
        ParseStage.parse(
                spark,
                ParseStage.groups(spark, scan.chunks(), IngestJob.DEFAULT_CHUNK_BYTES),
                IngestJob.parser(Source.APPLICATIONS, ProgramRules.of(IngestJob.loadCatalog(conf))),
                new HadoopConf(spark.sparkContext().hadoopConfiguration()))
            .filter("record IS NOT NULL")
            .count();
    double parseSeconds = seconds(t0);

    Map<String, Double> stages = new LinkedHashMap<>();
    long[] stageStart = {System.nanoTime()};
    String[] current = {null};
    t0 = System.nanoTime();
    IngestResult result =
        IngestJob.run(
            spark,
            lakehouse,
            IngestRequest.of(Source.APPLICATIONS, input).withConfDir(conf),
            stage -> {
              long now = System.nanoTime();
              if (current[0] != null) {
                stages.put(current[0], (now - stageStart[0]) / 1e9);
              }
              current[0] = stage;
              stageStart[0] = now;
            });
    double ingestSeconds = seconds(t0);
    stages.put(current[0], (System.nanoTime() - stageStart[0]) / 1e9);

    ObjectMapper json = new ObjectMapper();
    ObjectNode o = json.createObjectNode();
    o.put("lines", scanned);
    o.put("bytes", Files.size(Path.of(input)));
    o.put("warmup_lines", warm);
    o.put("scan_seconds", round(scanSeconds));
    o.put("hash_seconds", round(hashSeconds));
    o.put("parse_seconds", round(parseSeconds));
    o.put("parsed_records", parsed);
    o.put("ingest_seconds", round(ingestSeconds));
    o.put("scan_records_per_second", Math.round(scanned / scanSeconds));
    o.put("parse_records_per_second", Math.round(scanned / (hashSeconds + parseSeconds)));
    o.put("ingest_records_per_second", Math.round(result.read() / ingestSeconds));
    o.put("ratio_to_scan", round(ingestSeconds / scanSeconds));
    o.put("ratio_to_parse", round(ingestSeconds / (hashSeconds + parseSeconds)));
    ObjectNode s = o.putObject("stages");
    stages.forEach((k, v) -> s.put(k, round(v)));
    o.put("peak_heap_mb", peakHeapMb());
    o.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
    o.set("result", json.readTree(result.toJson()));
    System.out.println(json.writeValueAsString(o));
    spark.stop();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }
}
