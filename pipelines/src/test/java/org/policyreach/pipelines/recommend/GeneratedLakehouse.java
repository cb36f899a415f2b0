package org.policyreach.pipelines.recommend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
import org.policyreach.pipelines.build.BuildStage;
import org.policyreach.pipelines.build.SilverFixture;
import org.policyreach.pipelines.profiles.ProfileStage;

/**
 * A lakehouse ingested from generated data (the generator's files through the real ingestion),
 * built once per test JVM as of the data date with the profiles stage and this package's stages.
 * Generation, ingestion and the build take a while, so every test class of recommend, targets,
 * evaluate and publish shares it; tests only read it (or run {@code evaluate}, which writes only
 * its own rows).
 */
public final class GeneratedLakehouse {
  /** The generator's as-of date: the last day of the data. */
  public static final LocalDate DATA_DATE = GeneratorConfig.DEFAULT_AS_OF;

  public static final int FIRMS = 3000;
  public static final long SEED = 42;

  /** The build's clock: the morning after the data date, Tokyo. */
  public static final Clock CLOCK =
      Clock.fixed(
          DATA_DATE.plusDays(1).atTime(6, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant(),
          BuildJob.TOKYO);

  /** System property: keep the ingested lakehouse in this folder across test runs. */
  public static final String CACHE_PROPERTY = "policyreach.test.recommend.cache";

  private static GeneratedLakehouse shared;

  private final SparkSession spark;
  private final Path dir;
  private final Path conf;
  private final Lakehouse lakehouse;
  private BuildResult build;

  private GeneratedLakehouse(SparkSession spark, Path dir, boolean fresh) {
    this.spark = spark;
    this.dir = dir;
    this.conf = fresh ? SilverFixture.projectConf(dir) : dir.resolve("conf");
    this.lakehouse = Lakehouse.at(dir.resolve("lakehouse"));
  }

  /**
   * Generated and ingested on first use; deleted when the JVM exits. For quick iterations a
   * developer may set {@value #CACHE_PROPERTY} to a folder: the ingested lakehouse is then kept
   * there and reused (never set by the build).
   */
  public static synchronized GeneratedLakehouse shared() {
    if (shared == null) {
      try {
        String cache = System.getProperty(CACHE_PROPERTY);
        if (cache != null && !cache.isBlank()) {
          Path dir = Path.of(cache);
          boolean ready = Files.exists(dir.resolve("ingested"));
          if (!ready) {
            deleteTree(dir);
            Files.createDirectories(dir);
          }
          GeneratedLakehouse g = new GeneratedLakehouse(SparkSessions.shared(), dir, !ready);
          if (!ready) {
            g.generateAndIngest();
            Files.writeString(dir.resolve("ingested"), "ok");
          }
          g.resetGold();
          shared = g;
        } else {
          Path dir = Files.createTempDirectory("policyreach-recommend-");
          Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
          GeneratedLakehouse g = new GeneratedLakehouse(SparkSessions.shared(), dir, true);
          g.generateAndIngest();
          shared = g;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** Drops gold, meta.publications, models and scratch of an earlier run of a kept lakehouse. */
  private void resetGold() {
    for (String d : List.of("gold", "meta/publications", ModelStore.DIRECTORY, "_scratch")) {
      deleteTree(dir.resolve("lakehouse").resolve(d));
    }
  }

  private void generateAndIngest() {
    Path input = dir.resolve("input");
    new Generator(
            GeneratorConfig.defaults(input, conf)
                .withFirms(FIRMS)
                .withSeed(SEED)
                .withThreads(GeneratorConfig.defaultThreads()))
        .run();
    String[][] sources = {
      {"registry", "registry"},
      {"firm-attributes", "firm_attributes"},
      {"applications", "applications"},
      {"legacy", "legacy"},
      {"events", "events"},
    };
    for (String[] s : sources) {
      IngestJob.run(
          spark,
          lakehouse,
          IngestRequest.of(Source.parse(s[0]), input.resolve(s[1])).withConfDir(conf));
    }
  }

  /** The stages of the shared build: profiles, then recommendations → targets → publish. */
  public static List<BuildStage> stages() {
    List<BuildStage> stages = new ArrayList<>();
    stages.add(new ProfileStage());
    stages.addAll(RecommendStages.all());
    return stages;
  }

  /** The build as of {@link #DATA_DATE} (run on first use). */
  public synchronized BuildResult build() {
    if (build == null) {
      build =
          new BuildJob(spark, lakehouse, conf, stages(), CLOCK).run(DATA_DATE, BuildListener.NONE);
    }
    return build;
  }

  public SparkSession spark() {
    return spark;
  }

  public Lakehouse lakehouse() {
    return lakehouse;
  }

  public Path conf() {
    return conf;
  }

  public Dataset<Row> table(String schema, String table) {
    return spark.read().format("delta").load(lakehouse.path(schema, table));
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at JVM exit
    }
  }
}
