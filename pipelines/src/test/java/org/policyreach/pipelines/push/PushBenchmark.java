package org.policyreach.pipelines.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.generator.Generator;
import org.policyreach.generator.GeneratorConfig;
import org.policyreach.ingestion.IngestJob;
import org.policyreach.ingestion.IngestRequest;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.Source;
import org.policyreach.ingestion.spark.ScalaValues;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.pipelines.build.BuildJob;
import org.policyreach.pipelines.publish.Publisher;
import org.policyreach.pipelines.recommend.RecommendationTables;
import org.policyreach.pipelines.targets.Holdout;

/**
 * {@code bench/push.sh}: plan and send one campaign to every firm of a generated population
 * (default 100,000 firms) on all three channels — portal inbox, e-mail to a local SMTP server
 * (GreenMail in this JVM), and the post mail-merge files — and time each step with the peak heap it
 * needed.
 *
 * <p>Set-up, not measured as the campaign: the generator's firms, the real ingest of the registry,
 * the applications (the firms' contact e-mails) and the events (who used the portal), and a target
 * list of one open program with every firm on it, published as a build publishes it. Writes one
 * JSON object to {@code --out}.
 *
 * <p>Arguments: {@code --work DIR --conf DIR --out FILE [--firms N] [--seed N]}.
 */
public final class PushBenchmark {
  private PushBenchmark() {}

  public static void main(String[] args) throws IOException {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i], args[i + 1]);
    }
    int firms = Integer.parseInt(a.getOrDefault("--firms", "100000"));
    Path work = Path.of(a.get("--work"));
    Path conf = Path.of(a.get("--conf"));
    Path out = Path.of(a.get("--out"));
    LocalDate dataDate = GeneratorConfig.DEFAULT_AS_OF;
    Clock clock =
        Clock.fixed(
            dataDate.plusDays(1).atTime(9, 0).atZone(BuildJob.TOKYO).toInstant(), BuildJob.TOKYO);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("firms", firms);
    result.put("cores", Runtime.getRuntime().availableProcessors());
    result.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);

    SparkSession spark = SparkSessions.create("local[*]", false);
    Lakehouse lakehouse = Lakehouse.at(work.resolve("lake"));
    PolicyReachConfig config = PolicyReachConfig.load(conf);
    ProgramCatalog catalog =
        ProgramCatalog.load(conf.resolve("programs"), NeedCatalog.load(conf.resolve("needs.yaml")));
    Path input = work.resolve("input");
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put(
        "generate_s",
        seconds(
            () -> {
              new Generator(
                      GeneratorConfig.defaults(input, conf)
                          .withFirms(firms)
                          .withSeed(Long.parseLong(a.getOrDefault("--seed", "7")))
                          .withThreads(Runtime.getRuntime().availableProcessors()))
                  .run();
              return null;
            }));
    for (Source s : List.of(Source.REGISTRY, Source.APPLICATIONS, Source.EVENTS)) {
      setup.put(
          "ingest_" + s.id() + "_s",
          seconds(
              () ->
                  IngestJob.run(
                      spark,
                      lakehouse,
                      IngestRequest.of(s, input.resolve(s.tableName())).withConfDir(conf))));
    }
    Program program =
        catalog.programs().stream()
            .filter(p -> p.window().isOpenOn(dataDate))
            .findFirst()
            .orElseThrow();
    setup.put(
        "targets_and_publish_s",
        seconds(
            () -> {
              publishTargets(spark, lakehouse, config, program, dataDate, clock);
              return null;
            }));
    result.put("setup", setup);
    result.put("program_id", program.id());

    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      CampaignPlanner planner = new CampaignPlanner(spark, lakehouse, config, catalog, clock);
      resetPeaks();
      long t0 = System.nanoTime();
      CampaignPlanner.PlanResult plan =
          planner.plan(program.id(), List.of(Channel.INBOX, Channel.EMAIL, Channel.POST), null);
      result.put("plan_s", (System.nanoTime() - t0) / 1e9);
      result.put("plan_peak_heap_mb", peakHeapMb());
      result.put("plan", plan.toJson());

      CampaignSender sender =
          new CampaignSender(
              spark,
              lakehouse,
              config,
              catalog,
              SmtpSettings.resolve(config.push(), "127.0.0.1:" + smtp.getSmtp().getPort()),
              clock);
      resetPeaks();
      t0 = System.nanoTime();
      CampaignSender.SendResult sent = sender.send(plan.campaign().campaignId());
      double sendSeconds = (System.nanoTime() - t0) / 1e9;
      result.put("send_s", sendSeconds);
      result.put("send_peak_heap_mb", peakHeapMb());
      result.put("send", sent.toJson());
      int received = smtp.getReceivedMessages().length;
      result.put("smtp_received", received);
      long emails = sent.sent().getOrDefault(Channel.EMAIL, 0L);
      if (received != emails) {
        throw new IllegalStateException(
            "the SMTP server received " + received + " messages, the ledger says " + emails);
      }
      long total = sent.sent().values().stream().mapToLong(Long::longValue).sum();
      result.put("contacts_per_s", total / sendSeconds);
    } finally {
      smtp.stop();
    }
    result.put("process_peak_rss_mb", peakRssMb());
    Files.createDirectories(out.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
    System.out.println(Files.readString(out));
    spark.stop();
  }

  /** Every active firm on the program's target list, ranked by corporate number, then published. */
  static void publishTargets(
      SparkSession spark,
      Lakehouse lakehouse,
      PolicyReachConfig config,
      Program program,
      LocalDate dataDate,
      Clock clock) {
    List<Row> firms =
        spark
            .read()
            .format("delta")
            .load(lakehouse.path("silver", "firms"))
            .select("corporate_number", "prefecture_code", "size_class")
            .orderBy("corporate_number")
            .collectAsList();
    Set<String> applicants =
        spark
            .read()
            .format("delta")
            .load(lakehouse.path("silver", "applications"))
            .select("corporate_number")
            .distinct()
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    Holdout holdout = new Holdout(config.targets().holdoutShare(), config.targets().holdoutSeed());
    Row reason = RowFactory.create("NEED_MATCH", "「設備投資」のニーズが高い（過去の申請より）");
    List<Row> targets = new ArrayList<>(firms.size());
    for (Row f : firms) {
      String cn = f.getString(0);
      targets.add(
          RowFactory.create(
              program.id(),
              cn,
              targets.size() + 1,
              1.0 / (targets.size() + 1),
              ScalaValues.seq(List.of(reason)),
              applicants.contains(cn),
              holdout.isHeldOut(program.id(), cn),
              f.getString(1),
              f.getString(2),
              Date.valueOf(dataDate),
              "ranker-bench",
              "b-bench"));
    }
    spark
        .createDataFrame(targets, RecommendationTables.PROGRAM_TARGETS_SCHEMA)
        .write()
        .format("delta")
        .save(lakehouse.path("gold", RecommendationTables.PROGRAM_TARGETS));
    new Publisher(spark, lakehouse, clock).publish("b-bench", dataDate);
  }

  private static double seconds(Supplier<?> step) {
    long t0 = System.nanoTime();
    step.get();
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  /** The sum of the heap pools' peaks since the last reset, in MB (an upper bound of the peak). */
  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }

  /** The JVM's peak resident set (VmHWM), set-up included, in MB; -1 where /proc is missing. */
  private static long peakRssMb() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
      }
    }
    return -1;
  }
}
