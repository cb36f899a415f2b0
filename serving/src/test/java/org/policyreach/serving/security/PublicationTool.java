package org.policyreach.serving.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.snapshot.Publication;
import org.policyreach.serving.snapshot.SnapshotLoader;

/**
 * Publication faults for bench/reliability-serving.sh, written with Delta Kernel (no Spark, about a
 * second per call):
 *
 * <pre>
 * PublicationTool republish LAKEHOUSE ID [FROM]  a copy of the latest publication (or of
 *                                            publication FROM) under a new id, now
 * PublicationTool missing-version LAKEHOUSE ID  a publication whose gold.firm_profiles version
 *                                            does not exist
 * PublicationTool corrupt-commit LAKEHOUSE ID  a garbage commit file appended to
 *                                            gold.recommendations and a publication that uses it
 * PublicationTool latest LAKEHOUSE           prints the latest publication id
 * PublicationTool republish-series LAKEHOUSE PREFIX N GAP_MS
 *                                            N copies, PREFIX-1 … PREFIX-N, GAP_MS apart
 * </pre>
 */
public final class PublicationTool {
  private PublicationTool() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println(
          "usage: PublicationTool republish|missing-version|corrupt-commit|latest"
              + " LAKEHOUSE [ID]");
      System.exit(2);
    }
    Path lake = Path.of(args[1]).toAbsolutePath();
    SnapshotLoader loader = new SnapshotLoader(lake.toString(), List.of(), id -> id);
    Publication latest =
        loader
            .latestPublication()
            .orElseThrow(() -> new IllegalStateException("no publication in " + lake));
    if (args[0].equals("latest")) {
      System.out.println(latest.publicationId());
      return;
    }
    String id = args[2];
    if (args[0].equals("republish-series")) {
      int n = Integer.parseInt(args[3]);
      long gap = Long.parseLong(args[4]);
      GoldFixture gold = new GoldFixture(lake);
      System.out.println("series started");
      System.out.flush();
      for (int i = 1; i <= n; i++) {
        try {
          Thread.sleep(gap);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        gold.publishRow(
            id + "-" + i, latest.buildId(), latest.asOf(), Instant.now(), latest.tables());
        System.out.println(id + "-" + i + " published at " + Instant.now());
        System.out.flush();
      }
      return;
    }
    if (args[0].equals("republish") && args.length > 3) {
      latest =
          loader.publications().stream()
              .filter(p -> p.publicationId().equals(args[3]))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no publication " + args[3]));
    }
    Map<String, Long> tables = new HashMap<>(latest.tables());
    switch (args[0]) {
      case "republish" -> {}
      case "missing-version" ->
          tables.put(SnapshotLoader.FIRM_PROFILES, tables.get(SnapshotLoader.FIRM_PROFILES) + 1000);
      case "corrupt-commit" -> {
        Path log = lake.resolve("gold/recommendations/_delta_log");
        long next = lastVersion(log) + 1;
        Files.writeString(
            log.resolve(String.format("%020d.json", next)),
            "{\"commitInfo\": {\"timestamp\": 1, \"operation\": \"WRITE\"\n{not json at all\n",
            StandardCharsets.UTF_8);
        tables.put(SnapshotLoader.RECOMMENDATIONS, next);
      }
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
    new GoldFixture(lake).publishRow(id, latest.buildId(), latest.asOf(), Instant.now(), tables);
    System.out.println(id + " (" + args[0] + ", build " + latest.buildId() + ")");
  }

  private static long lastVersion(Path log) throws IOException {
    try (Stream<Path> files = Files.list(log)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d{20}\\.json"))
          .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
          .max()
          .orElse(-1);
    }
  }
}
