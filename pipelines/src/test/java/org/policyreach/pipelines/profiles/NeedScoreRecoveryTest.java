package org.policyreach.pipelines.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.generator.Generator;
import org.policyreach.generator.GeneratorConfig;
import org.policyreach.ingestion.IngestJob;
import org.policyreach.ingestion.IngestRequest;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.Source;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.pipelines.build.BuildJob;
import org.policyreach.pipelines.build.BuildListener;
import org.policyreach.pipelines.build.BuildResult;
import org.policyreach.pipelines.build.SilverFixture;

/**
 * On generated data (generator → ingest → build), need scores recover the generator's hidden needs:
 * per-need AUC against {@code truth/latent_needs.csv}, strength ≥ 0.5 as positive.
 */
class NeedScoreRecoveryTest {

  static final int FIRMS = 3000;

  @TempDir static Path dir;
  static Map<String, Map<String, Double>> scores = new HashMap<>();
  static Map<String, Boolean> reached = new HashMap<>();
  static Map<String, Map<String, Double>> truth = new HashMap<>();
  static BuildResult result;

  @BeforeAll
  static void generateIngestAndBuild() throws IOException {
    SparkSession spark = SparkSessions.shared();
    Path conf = SilverFixture.projectConf(dir);
    Path input = dir.resolve("input");
    new Generator(GeneratorConfig.defaults(input, conf).withFirms(FIRMS).withSeed(11)).run();
    Lakehouse lakehouse = Lakehouse.at(dir.resolve("lakehouse"));
    Map<Source, String> folders = new LinkedHashMap<>();
    folders.put(Source.REGISTRY, "registry");
    folders.put(Source.FIRM_ATTRIBUTES, "firm_attributes");
    folders.put(Source.APPLICATIONS, "applications");
    folders.put(Source.LEGACY, "legacy");
    folders.put(Source.EVENTS, "events");
    for (Map.Entry<Source, String> f : folders.entrySet()) {
      IngestJob.run(
          spark,
          lakehouse,
          new IngestRequest(
              f.getKey(), input.resolve(f.getValue()).toString(), null, false, null, conf));
    }
    result =
        new BuildJob(
                spark,
                lakehouse,
                conf,
                BuildJob.standardStages(),
                Clock.fixed(Instant.parse("2026-11-26T01:00:00Z"), BuildJob.TOKYO))
            .run(GeneratorConfig.DEFAULT_AS_OF, BuildListener.NONE);
    System.out.println(result.toJson());
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(lakehouse.path("gold", "firm_profiles"))
            .select("corporate_number", "need_scores", "reached")
            .collectAsList()) {
      scores.put(r.getString(0), r.getJavaMap(1));
      reached.put(r.getString(0), r.getBoolean(2));
    }
    List<String> lines =
        Files.readAllLines(input.resolve("truth/latent_needs.csv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      truth.computeIfAbsent(f[0], k -> new HashMap<>()).put(f[1], Double.parseDouble(f[2]));
    }
  }

  /** AUC of one need over the firms {@code reachedOnly} selects. */
  static double auc(String need, Boolean reachedOnly) {
    List<double[]> pairs = new ArrayList<>();
    for (Map.Entry<String, Map<String, Double>> e : scores.entrySet()) {
      Map<String, Double> t = truth.get(e.getKey());
      if (t == null || (reachedOnly != null && reached.get(e.getKey()) != reachedOnly)) {
        continue;
      }
      pairs.add(new double[] {e.getValue().get(need), t.get(need) >= 0.5 ? 1 : 0});
    }
    double[] s = pairs.stream().mapToDouble(p -> p[0]).toArray();
    boolean[] y = new boolean[pairs.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = pairs.get(i)[1] == 1;
    }
    return Auc.of(s, y);
  }

  @Test
  void needScoresRecoverLatentNeeds() {
    assertThat(scores).hasSizeGreaterThan(FIRMS / 2);
    StringBuilder table =
        new StringBuilder("need, auc_all, auc_reached, auc_unreached, positives\n");
    Map<String, Double> reachedAuc = new LinkedHashMap<>();
    Map<String, Double> allAuc = new LinkedHashMap<>();
    for (String need : scores.values().iterator().next().keySet()) {
      long positives =
          truth.values().stream().filter(t -> t.getOrDefault(need, 0.0) >= 0.5).count();
      double all = auc(need, null);
      double r = auc(need, true);
      double u = auc(need, false);
      allAuc.put(need, all);
      reachedAuc.put(need, r);
      table.append(
          String.format(Locale.ROOT, "%s, %.3f, %.3f, %.3f, %d%n", need, all, r, u, positives));
    }
    System.out.println(table);
    double meanReached =
        reachedAuc.values().stream()
            .filter(v -> !v.isNaN())
            .mapToDouble(v -> v)
            .average()
            .orElse(0);
    double meanAll =
        allAuc.values().stream().filter(v -> !v.isNaN()).mapToDouble(v -> v).average().orElse(0);
    System.out.printf(
        Locale.ROOT, "mean AUC: all firms %.3f, reached %.3f%n", meanAll, meanReached);
    assertThat(meanReached).isGreaterThan(0.5);
  }
}
