package org.policyreach.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.policyreach.core.OnBehalfAssertion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Runs the whole flow on embedded defaults, in one JVM and one SparkSession: generate a dataset,
 * ingest every source, build, evaluate. {@code bin/policyreach demo} then starts the server on the
 * result unless {@code --no-serve} is given (the server runs in its own JVM without Spark, so the
 * launcher script starts it).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a realistic dataset and run every stage on it: generate → ingest → build → evaluate → serve.",
      "デモ: データ生成から取込・分析・推薦・配信までを一度に実行します。"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/policyreach demo                    # 20,000 firms into ./data, then serve",
      "  bin/policyreach demo --firms 5000 --no-serve",
      "  bin/policyreach --lakehouse /tmp/lh demo --out /tmp/input"
    })
final class DemoCommand implements Callable<Integer> {
  static final String[][] SOURCES = {
    {"registry", "registry"},
    {"firm-attributes", "firm_attributes"},
    {"applications", "applications"},
    {"legacy", "legacy"},
    {"events", "events"},
  };

  /** The demo campaign's size: small, so that the demo stays short. */
  static final int DEMO_CAMPAIGN_MAX = 300;

  @ParentCommand PolicyReach root;
  @Spec CommandSpec spec;

  @Option(
      names = "--firms",
      defaultValue = "20000",
      description = "Firms to generate (default ${DEFAULT-VALUE}).")
  int firms;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      defaultValue = "data/input",
      description = "Where generated input files go (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--as-of", description = "Build date (default: the generator's as-of date).")
  String asOf;

  @Option(
      names = "--no-campaign",
      description =
          "Do not plan and send the demo push campaign (inbox + post, at most "
              + DEMO_CAMPAIGN_MAX
              + " firms of the program with the longest target list).")
  boolean noCampaign;

  @Option(
      names = "--no-serve",
      description = "Do not start the server at the end (the launcher script reads this flag).")
  boolean noServe;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (firms < 100) {
      throw new BadInputException(
          "--firms " + firms + " is too small for segments and reports; use at least 100.");
    }
    CliContext ctx = root.context();
    out.printf(Locale.ROOT, "PolicyReach demo — %,d firms, seed %d%n", firms, seed);
    out.printf(
        "  input files: %s%n  lakehouse:   %s%n  conf:        %s%n%n",
        this.out, ctx.lakehouseUri(), ctx.confDir());

    List<String[]> steps = new ArrayList<>();
    steps.add(
        new String[] {
          "generate",
          "--out",
          this.out.toString(),
          "--firms",
          Integer.toString(firms),
          "--seed",
          Long.toString(seed)
        });
    for (String[] source : SOURCES) {
      steps.add(
          new String[] {
            "ingest", "--source", source[0], "--input", this.out.resolve(source[1]).toString()
          });
    }
    steps.add(asOf == null ? new String[] {"build"} : new String[] {"build", "--as-of", asOf});
    // evaluate picks its own backtest date before the build date (the horizon must lie within the
    // data, and enough programs must compete); the build date would leave nothing to compare with.
    steps.add(new String[] {"evaluate"});

    CommandLine self = spec.root().commandLine();
    int ran = 0;
    for (String[] step : steps) {
      if (!self.getSubcommands().containsKey(step[0])) {
        out.println("· " + step[0] + ": not part of this version yet, skipped");
        continue;
      }
      out.println("▶ policyreach " + String.join(" ", step));
      out.flush();
      int code = self.execute(withGlobalOptions(ctx, step));
      if (code != 0) {
        spec.commandLine()
            .getErr()
            .println(
                "demo: step '"
                    + step[0]
                    + "' failed (exit "
                    + code
                    + "); stopping. See the message above.");
        return code;
      }
      ran++;
      out.println();
    }
    if (!noCampaign && self.getSubcommands().containsKey("push")) {
      demoCampaign(ctx, out);
      ran += 2;
    }
    out.printf("Demo finished: %d steps ran. Explore with:%n", ran);
    out.printf(
        "  bin/policyreach --lakehouse %s sql \"SHOW TABLES IN silver\"%n", ctx.lakehouseUri());
    return ExitCodes.OK;
  }

  /**
   * Plans and sends one push campaign on the portal inbox and post (no SMTP server needed): the
   * program with the longest target list of the latest publication, at most {@link
   * #DEMO_CAMPAIGN_MAX} firms. Prints the plan, the send and the time both took.
   */
  private void demoCampaign(CliContext ctx, PrintWriter out) {
    long t0 = System.nanoTime();
    var spark = ctx.spark();
    var lh = ctx.lakehouse();
    java.time.Clock clock = java.time.Clock.system(org.policyreach.pipelines.build.BuildJob.TOKYO);
    var pub = new org.policyreach.pipelines.publish.Publisher(spark, lh, clock).latest();
    Long version = pub.map(p -> p.tables().get("gold.program_targets")).orElse(null);
    if (version == null) {
      out.println("· push: nothing published with target lists, no demo campaign");
      return;
    }
    var top =
        spark
            .read()
            .format("delta")
            .option("versionAsOf", version)
            .load(lh.path("gold", "program_targets"))
            .filter(
                org.apache
                    .spark
                    .sql
                    .functions
                    .col("build_id")
                    .equalTo(pub.get().buildId())
                    .and(org.apache.spark.sql.functions.col("holdout").equalTo(false)))
            .groupBy("program_id")
            .count()
            .orderBy(
                org.apache.spark.sql.functions.col("count").desc(),
                org.apache.spark.sql.functions.col("program_id"))
            .limit(1)
            .collectAsList();
    if (top.isEmpty()) {
      out.println("· push: the target lists are empty, no demo campaign");
      return;
    }
    String program = top.get(0).getString(0);
    var config = org.policyreach.core.PolicyReachConfig.load(ctx.confDir());
    var catalog = PushCommand.catalog(ctx);
    var channels =
        java.util.List.of(
            org.policyreach.pipelines.push.Channel.INBOX,
            org.policyreach.pipelines.push.Channel.POST);
    out.printf(
        "▶ policyreach push plan --program %s --channels inbox,post --max %d --json%n",
        program, DEMO_CAMPAIGN_MAX);
    out.flush();
    var plan =
        new org.policyreach.pipelines.push.CampaignPlanner(spark, lh, config, catalog, clock)
            .plan(program, channels, DEMO_CAMPAIGN_MAX);
    String id = plan.campaign().campaignId();
    var status = PushCommand.status(ctx);
    status.write(id, null, null);
    out.println(PushCommand.json(plan.toJson()));
    out.printf("%n▶ policyreach push send --campaign %s --json%n", id);
    out.flush();
    var smtp =
        org.policyreach.pipelines.push.SmtpSettings.resolve(
            config.push(), System.getenv(org.policyreach.pipelines.push.SmtpSettings.ENV));
    var sent =
        new org.policyreach.pipelines.push.CampaignSender(spark, lh, config, catalog, smtp, clock)
            .send(id);
    var file = status.write(id, sent.toJson(), null);
    out.println(PushCommand.json(sent.toJson()));
    out.printf(
        Locale.ROOT,
        "%nDemo campaign %s: planned and sent in %.1f s (the demo's push step). Status for the"
            + " officer UI: %s%n  follow it: bin/policyreach --lakehouse %s push report --campaign %s%n%n",
        id,
        (System.nanoTime() - t0) / 1e9,
        file.map(Object::toString).orElse("(none: the lakehouse is not local)"),
        ctx.lakehouseUri(),
        id);
    out.flush();
  }

  /** The same lakehouse, conf and master for every step, whatever the environment says. */
  private String[] withGlobalOptions(CliContext ctx, String[] step) {
    List<String> args = new ArrayList<>();
    args.add("--lakehouse=" + ctx.lakehouseUri());
    args.add("--conf=" + ctx.confDir());
    args.add("--master=" + ctx.master());
    if (ctx.verbose()) {
      args.add("--verbose");
    }
    args.addAll(List.of(step));
    return args.toArray(String[]::new);
  }

  /** The demo portal key's on-behalf secret (public, like the key: conf/api-keys.yaml). */
  static final String DEMO_PORTAL_ON_BEHALF_SECRET = "demo-portal-on-behalf-secret";

  /** Ready-to-paste calls against the server that bin/policyreach starts next. */
  private static void printCurlLines(PrintWriter out, CliContext ctx) {
    String port = System.getenv().getOrDefault("POLICYREACH_PORT", "8080");
    String base = "http://127.0.0.1:" + port;
    String cn = sampleFirm(ctx).orElse("4010401098455");
    out.println();
    out.println("The server starts next (Ctrl-C stops it). Try, once it says it is ready:");
    out.printf(
        "  curl -s -H 'Authorization: Bearer demo-portal-key' %s/v1/companies/%s/recommendations?limit=5%n",
        base, cn);
    // the portal reads a firm's profile only for its signed-in firm: an on-behalf assertion
    out.printf(
        "  curl -s -H 'Authorization: Bearer demo-portal-key' -H \"%s: $(POLICYREACH_ON_BEHALF_SECRET=%s"
            + " bin/policyreach keys on-behalf --cn %s)\" %s/v1/companies/%s/profile%n",
        OnBehalfAssertion.HEADER, DEMO_PORTAL_ON_BEHALF_SECRET, cn, base, cn);
    out.printf("  curl -s -H 'Authorization: Bearer demo-officer-key' %s/v1/segments%n", base);
    out.printf("  curl -s -H 'Authorization: Bearer demo-officer-key' %s/v1/programs%n", base);
    out.printf("  open %s/ui/  (sign in with demo-officer-key)%n", base);
    out.flush();
  }

  private static java.util.Optional<String> sampleFirm(CliContext ctx) {
    try {
      var lh = ctx.lakehouse();
      if (!lh.exists(ctx.spark(), "gold", "recommendations")) {
        return java.util.Optional.empty();
      }
      var rows =
          ctx.spark()
              .read()
              .format("delta")
              .load(lh.path("gold", "recommendations"))
              .select("corporate_number")
              .orderBy("corporate_number")
              .limit(1)
              .collectAsList();
      return rows.isEmpty()
          ? java.util.Optional.empty()
          : java.util.Optional.of(rows.get(0).getString(0));
    } catch (RuntimeException e) {
      return java.util.Optional.empty();
    }
  }
}
