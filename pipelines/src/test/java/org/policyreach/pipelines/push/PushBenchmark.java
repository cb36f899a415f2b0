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
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.pipelines.build.BuildJob;

/**
 * {@code bench/push.sh}: plan and send one campaign to every firm of a generated population
 * (default 100,000 firms) on all three channels — portal inbox, e-mail to a local SMTP server
 * (GreenMail in this JVM), and the post mail-merge files — and time each step with the peak heap it
 * needed.
 *
 * <p>Set-up, not measured as the campaign: the generator's firms, the real ingest of the registry,
 * the applications (the firms' contact e-mails) and the events (who used the portal), and a target
 * list of one open program with every firm on it, published as a build publishes it ({@link
 * TargetListFixture}). Writes one JSON object to {@code --out}.
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
              TargetListFixture.publish(
                  spark, lakehouse, config, program, dataDate, clock, "bench");
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
