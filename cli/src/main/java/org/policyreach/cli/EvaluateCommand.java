package org.policyreach.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.pipelines.evaluate.EvaluateJob;
import org.policyreach.pipelines.evaluate.EvaluationResult;
import org.policyreach.pipelines.evaluate.UpliftBacktest;
import org.policyreach.pipelines.evaluate.UpliftReadout;
import org.policyreach.pipelines.publish.Publisher;
import org.policyreach.pipelines.recommend.RecommendationSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code policyreach evaluate [--as-of YYYY-MM-DD] [--json]}: backtests the recommendations as of a
 * past date against the applications that followed (model versus two baselines), reads out the
 * notified-versus-holdout uplift of the push lists, and shows one firm's current recommendations.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Backtest the recommendations as of a date against the applications that followed: recall,"
          + " precision and NDCG at 5, coverage, unreached firms that applied — for the model and"
          + " two baselines (most popular among the eligible, need match only); and the uplift of"
          + " notified firms over the holdout of the push lists.",
      "評価: 推薦モデルを過去時点で検証し、ベースラインと比較します。プッシュ通知の効果（対照群との差）も示します。"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/policyreach evaluate                 # the latest date with the horizon inside the data"
          + " and at least 10 programs open or opening",
      "  bin/policyreach evaluate --as-of 2025-06-01 --json"
    })
public final class EvaluateCommand implements Callable<Integer> {

  @ParentCommand PolicyReach root;
  @Spec CommandSpec spec;

  @Option(
      names = "--as-of",
      paramLabel = "YYYY-MM-DD",
      description =
          "Backtest date T: recommend from the data visible on T, compare with applications in"
              + " (T, T + evaluate.horizon_days] (default: the latest build's date minus the"
              + " horizon, stepped back a week at a time — up to a year — until at least 10"
              + " programs are open or opening, so the rankings can differ).")
  String asOf;

  @Option(names = "--json", description = "Print one JSON object (metrics per method) last.")
  boolean json;

  @Option(
      names = "--truth",
      paramLabel = "FILE",
      description =
          "The generator's truth/push_effects.csv (generate --push-history): also read the uplift"
              + " backtest against the planted push effects.")
  java.nio.file.Path truth;

  @Override
  public Integer call() {
    LocalDate day = BuildCommand.parseDate(asOf);
    CliContext ctx = root.context();
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = ctx.progress(spec.commandLine().getErr());
    progress.stage("evaluate");
    EvaluationResult r;
    try (EvaluateJob job = new EvaluateJob(ctx.spark(), ctx.lakehouse(), ctx.confDir())) {
      r = job.run(day, truth);
    }
    progress.done(r.evaluationId());
    out.printf(
        Locale.ROOT,
        "evaluate %s: as of %s, horizon %d days%s, %d candidate programs, %,d firms, %.1f s%n",
        r.evaluationId(),
        r.asOf(),
        r.horizonDays(),
        r.horizonComplete() ? "" : " (beyond the data: figures are lower bounds)",
        r.candidatePrograms(),
        r.firms(),
        r.seconds());
    if (r.candidatePrograms() < 2 * EvaluateJob.K) {
      out.printf(
          Locale.ROOT,
          "  note: only %d programs were open or about to open then, so every method lists nearly"
              + " all of them; choose an --as-of with more open programs to compare rankings%n",
          r.candidatePrograms());
    }
    out.printf(
        Locale.ROOT,
        "  %-12s %9s %11s %8s %10s %18s%n",
        "method",
        "recall@5",
        "precision@5",
        "ndcg@5",
        "coverage@5",
        "unreached_applied@5");
    r.methods()
        .forEach(
            (method, m) ->
                out.printf(
                    Locale.ROOT,
                    "  %-12s %9.4f %11.4f %8.4f %10.4f %18.4f%n",
                    method,
                    m.get("recall@5"),
                    m.get("precision@5"),
                    m.get("ndcg@5"),
                    m.get("coverage@5"),
                    m.get("unreached_applied@5")));
    out.println("  model: " + r.modelId());
    printUplift(out, r.uplift(), r.asOf());
    printUpliftRanking(out, r.upliftRanking());
    printSample(ctx, out);
    if (json) {
      out.println(r.toJson());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void printUpliftRanking(PrintWriter out, UpliftBacktest.Result u) {
    if (u.campaigns().isEmpty()) {
      out.println("  uplift ranking: " + u.note());
      return;
    }
    out.printf(
        Locale.ROOT,
        "  uplift ranking of %d later campaigns' audiences (%,d firms)%s:%n",
        u.campaigns().size(),
        u.members(),
        u.note() == null ? "" : " — " + u.note());
    out.printf(
        Locale.ROOT,
        "  %-17s %8s %17s %22s %14s%n",
        "ranking",
        "qini",
        "incremental@10%",
        "never_reached@10%",
        u.planted() ? "planted@10%" : "");
    u.methods()
        .forEach(
            (method, m) ->
                out.printf(
                    Locale.ROOT,
                    "  %-17s %8.4f %17.1f %22.3f %14s%n",
                    method,
                    m.get("qini"),
                    m.get("incremental_top10"),
                    m.get("never_reached_share_top10"),
                    u.planted()
                        ? String.format(Locale.ROOT, "%.3f", m.get("planted_capture_top10"))
                        : ""));
  }

  private static void printUplift(PrintWriter out, UpliftReadout.Result u, LocalDate asOf) {
    if (u.pushBuildId() == null) {
      out.println(
          "  uplift: no push list was built on or before "
              + asOf
              + " yet (notified vs holdout is read out once a list is a horizon old)");
      return;
    }
    out.printf(
        "  uplift of the push of %s (build %s), applications up to %s:%n",
        u.pushDate(), u.pushBuildId(), u.outcomesTo());
    for (UpliftReadout.ProgramUplift p : u.programs()) {
      var e = p.estimate();
      out.printf(
          Locale.ROOT,
          "    %-28s notified %5.1f%% (%d/%d)  holdout %5.1f%% (%d/%d)  uplift %+5.1f pt"
              + " [95%% CI %+5.1f, %+5.1f]%n",
          p.programId(),
          100 * e.treatedRate(),
          e.treatedApplied(),
          e.treated(),
          100 * e.holdoutRate(),
          e.holdoutApplied(),
          e.holdout(),
          100 * e.difference(),
          100 * e.lower(),
          100 * e.upper());
    }
  }

  /** One firm's current recommendations with reasons (from the latest publication). */
  private static void printSample(CliContext ctx, PrintWriter out) {
    var latest = new Publisher(ctx.spark(), ctx.lakehouse(), java.time.Clock.systemUTC()).latest();
    if (latest.isEmpty()) {
      return;
    }
    RecommendationSample.lines(
            ctx.spark(), ctx.lakehouse(), latest.get().buildId(), programNames(ctx.confDir()))
        .ifPresent(
            lines -> {
              out.println();
              lines.forEach(out::println);
            });
  }

  private static Map<String, String> programNames(Path conf) {
    Map<String, String> names = new LinkedHashMap<>();
    Path dir = ConfPaths.programsDir(conf);
    if (Files.isDirectory(dir)) {
      List<Program> programs =
          ProgramCatalog.load(dir, NeedCatalog.load(ConfPaths.needsFile(conf))).programs();
      programs.forEach(p -> names.put(p.id(), p.name()));
    }
    return names;
  }
}
