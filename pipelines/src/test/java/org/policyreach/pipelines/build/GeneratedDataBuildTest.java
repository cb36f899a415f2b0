package org.policyreach.pipelines.build;

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
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.generator.Generator;
import org.policyreach.generator.GeneratorConfig;
import org.policyreach.ingestion.IngestJob;
import org.policyreach.ingestion.IngestRequest;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.Source;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.pipelines.profiles.Auc;
import org.policyreach.pipelines.profiles.ProfileStage;
import org.policyreach.pipelines.reports.PublishedCells;
import org.policyreach.pipelines.reports.ReportLabels;
import org.policyreach.pipelines.reports.SegmentReport;
import org.policyreach.pipelines.reports.SegmentReportExporter;
import org.policyreach.pipelines.reports.SegmentReportReader;
import org.policyreach.pipelines.reports.SegmentReportStage;
import org.policyreach.pipelines.segments.SegmentStage;

/**
 * The build on generated data (generator → ingest → build): need scores recover the generator's
 * hidden needs (per-need AUC against {@code truth/latent_needs.csv}, strength ≥ 0.5 positive), the
 * published report discloses no small cell, and the report exports for officers.
 */
class GeneratedDataBuildTest {

  static final int FIRMS = 3000;

  @TempDir static Path dir;
  static Map<String, Map<String, Double>> scores = new HashMap<>();
  static Map<String, Boolean> reached = new HashMap<>();
  static Map<String, Map<String, Double>> truth = new HashMap<>();
  static BuildResult result;
  static SparkSession spark;
  static Lakehouse lakehouse;
  static Path conf;

  @BeforeAll
  static void generateIngestAndBuild() throws IOException {
    spark = SparkSessions.shared();
    conf = SilverFixture.projectConf(dir);
    Path input = dir.resolve("input");
    new Generator(GeneratorConfig.defaults(input, conf).withFirms(FIRMS).withSeed(11)).run();
    lakehouse = Lakehouse.at(dir.resolve("lakehouse"));
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
                // this module's first stages; the recommendation stages have their own tests
                List.of(new ProfileStage(), new SegmentStage(), new SegmentReportStage()),
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
        new StringBuilder(
            "need, auc_all, auc_reached, auc_unreached, positives, mean_score, mean_strength\n");
    Map<String, Double> reachedAuc = new LinkedHashMap<>();
    Map<String, Double> allAuc = new LinkedHashMap<>();
    for (String need : scores.values().iterator().next().keySet()) {
      long positives =
          truth.values().stream().filter(t -> t.getOrDefault(need, 0.0) >= 0.5).count();
      double all = auc(need, null);
      double r = auc(need, true);
      double u = auc(need, false);
      double meanScore = scores.values().stream().mapToDouble(m -> m.get(need)).average().orElse(0);
      double meanStrength =
          scores.keySet().stream()
              .filter(truth::containsKey)
              .mapToDouble(cn -> truth.get(cn).get(need))
              .average()
              .orElse(0);
      allAuc.put(need, all);
      reachedAuc.put(need, r);
      table.append(
          String.format(
              Locale.ROOT,
              "%s, %.3f, %.3f, %.3f, %d, %.3f, %.3f%n",
              need,
              all,
              r,
              u,
              positives,
              meanScore,
              meanStrength));
    }
    System.out.println(table);
    double meanAll = allAuc.values().stream().mapToDouble(v -> v).average().orElse(0);
    double meanReached = reachedAuc.values().stream().mapToDouble(v -> v).average().orElse(0);
    System.out.printf(
        Locale.ROOT, "mean AUC: all firms %.3f, reached %.3f%n", meanAll, meanReached);
    // Firms with evidence (at least one application): every need at least 0.8.
    assertThat(reachedAuc)
        .allSatisfy((need, v) -> assertThat(v).as(need).isGreaterThanOrEqualTo(0.8));
    // All firms, most of whom never applied (peers only): well above chance on average.
    assertThat(meanAll).isGreaterThanOrEqualTo(0.7);
    assertThat(allAuc).allSatisfy((need, v) -> assertThat(v).as(need).isGreaterThan(0.6));
  }

  @Test
  void noPublishedCellIsBelowTheMinimumAnywhereInTheReportTable() {
    SegmentReport report = SegmentReportReader.read(spark, lakehouse, null);
    assertThat(report.buildId()).isEqualTo(result.buildId());
    assertThat(report.cells()).hasSizeGreaterThan(1000);
    assertThat(report.cells()).anyMatch(c -> !c.suppressed() && c.section().equals("uptake"));
    assertThat(report.cells()).anyMatch(c -> c.suppressed() && c.section().equals("distribution"));
    PublishedCells.assertSafe(report.cells(), 10);
    assertThat(report.segments())
        .extracting(SegmentReport.Segment::kind)
        .contains("rule", "cluster");
  }

  @Test
  void exportsTheReportForOfficers() throws IOException {
    SegmentReport report = SegmentReportReader.read(spark, lakehouse, result.buildId());
    NeedCatalog needs = NeedCatalog.load(conf.resolve("needs.yaml"));
    Path out = dir.resolve("report");
    new SegmentReportExporter(
            new ReportLabels(needs, ProgramCatalog.load(conf.resolve("programs"), needs)), 10)
        .write(report, out);
    String html = Files.readString(out.resolve(SegmentReportExporter.HTML), StandardCharsets.UTF_8);
    assertThat(html)
        .contains("小規模製造業・設備投資ニーズ", "<svg", "秘匿", "ものづくり")
        .doesNotContain("<script", "src=\"http", "href=\"http");
    System.out.println("report: " + out.resolve(SegmentReportExporter.HTML));
  }
}
