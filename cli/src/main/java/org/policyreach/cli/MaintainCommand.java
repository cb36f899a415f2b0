package org.policyreach.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.policyreach.pipelines.maintain.Maintainer;
import org.policyreach.pipelines.maintain.MaintenanceResult;
import org.policyreach.pipelines.maintain.TableMaintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code policyreach maintain [--keep-publications N] [--min-retention-hours H] [--dry-run]
 * [--json]}: compacts the tables that grow by small appends and vacuums every table, keeping the
 * files of the kept publications (see {@link Maintainer}). Exit 0 when every table was maintained,
 * 1 when one failed (the others are still done; the summary names it), 2 on bad options.
 */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description = {
      "Keep the lakehouse small: OPTIMIZE the Delta tables that grow by appends (bronze,"
          + " quarantine, ledgers, merged silver tables, gold tables that keep every build), then"
          + " VACUUM every table with a retention that keeps every file the kept publications"
          + " (meta.publications) pin.",
      "保守: 小さなファイルを統合し、保持する公開版が参照しないファイルを削除します。"
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/policyreach maintain --dry-run        # what would be compacted and deleted",
      "  bin/policyreach maintain --keep-publications 14 --json"
    })
public final class MaintainCommand implements Callable<Integer> {

  @ParentCommand PolicyReach root;
  @Spec CommandSpec spec;

  @Option(
      names = "--keep-publications",
      paramLabel = "N",
      description =
          "Publications that stay readable: the newest N, plus the one serving shows as the"
              + " previous build (default ${DEFAULT-VALUE}: a week of daily builds to roll back"
              + " to).")
  int keepPublications = Maintainer.DEFAULT_KEEP_PUBLICATIONS;

  @Option(
      names = "--min-retention-hours",
      paramLabel = "H",
      description =
          "Shortest VACUUM retention, for readers and writers in flight (default"
              + " ${DEFAULT-VALUE}, Delta's own). Below 168 Delta's safety check is switched off"
              + " for the call: only for a lakehouse without concurrent jobs. At least 1.")
  long minRetentionHours = Maintainer.DEFAULT_MIN_RETENTION_HOURS;

  @Option(
      names = "--margin-hours",
      paramLabel = "H",
      description = "Added to the age of the oldest pinned version (default ${DEFAULT-VALUE}).")
  long marginHours = Maintainer.DEFAULT_MARGIN_HOURS;

  @Option(names = "--dry-run", description = "Only show what would be compacted and deleted.")
  boolean dryRun;

  @Option(names = "--json", description = "Print one JSON object (the summary) last.")
  boolean json;

  @Override
  public Integer call() {
    if (keepPublications < 1) {
      throw new BadInputException(
          "--keep-publications "
              + keepPublications
              + ": keep at least 1 publication (the one serving loads)");
    }
    if (minRetentionHours < 1) {
      throw new BadInputException(
          "--min-retention-hours "
              + minRetentionHours
              + ": give at least 1 hour, so files a running job just wrote are never deleted");
    }
    if (marginHours < 0) {
      throw new BadInputException("--margin-hours " + marginHours + ": cannot be negative");
    }
    CliContext ctx = root.context();
    PrintWriter out = spec.commandLine().getOut();
    Progress progress = ctx.progress(spec.commandLine().getErr());
    progress.stage(dryRun ? "maintain (dry run)" : "maintain");
    MaintenanceResult r =
        new Maintainer(ctx.spark(), ctx.lakehouse(), Clock.systemUTC())
            .run(
                new Maintainer.Options(keepPublications, minRetentionHours, marginHours, dryRun),
                table -> progress.stage("maintain " + table));
    progress.done(r.tables().size() + " tables");
    print(out, r);
    if (json) {
      out.println(r.toJson());
    }
    out.flush();
    if (!r.failures().isEmpty()) {
      PrintWriter err = spec.commandLine().getErr();
      for (TableMaintenance t : r.failures()) {
        err.println("policyreach: failed: maintaining " + t.table() + ": " + t.error());
      }
      err.println(
          "policyreach: failed: "
              + r.failures().size()
              + " table(s) not maintained (the others were); fix the cause and run maintain again");
      err.flush();
      return ExitCodes.FAILURE;
    }
    return ExitCodes.OK;
  }

  static void print(PrintWriter out, MaintenanceResult r) {
    out.printf(
        Locale.ROOT,
        "maintain%s: %d tables, kept publications %s (%d older not kept), min retention %d h,"
            + " %.1f s%n",
        r.dryRun() ? " (dry run: nothing changed)" : "",
        r.tables().size(),
        r.keptPublications().isEmpty() ? "none" : String.join(", ", r.keptPublications()),
        r.notKeptPublications().size(),
        r.minRetentionHours(),
        r.seconds());
    out.printf(
        Locale.ROOT,
        "  %-28s %-16s %13s %13s %15s %9s %11s%n",
        "table",
        "optimize",
        "active files",
        "disk files",
        "disk MB",
        r.dryRun() ? "to delete" : "deleted",
        "retention h");
    for (TableMaintenance t : r.tables()) {
      if (t.error() != null) {
        out.printf(Locale.ROOT, "  %-28s FAILED: %s%n", t.table(), t.error());
        continue;
      }
      out.printf(
          Locale.ROOT,
          "  %-28s %-16s %13s %13s %15s %9d %11s%n",
          t.table(),
          t.optimize(),
          arrow(t.activeFilesBefore(), t.activeFilesAfter()),
          arrow(t.diskFilesBefore(), t.diskFilesAfter()),
          mb(t.diskBytesBefore()) + (t.diskBytesAfter() < 0 ? "" : " → " + mb(t.diskBytesAfter())),
          t.filesRemoved(),
          t.retentionHours() + (t.pinnedBy() == null ? "" : " (" + t.pinnedBy() + ")"));
    }
    out.printf(
        Locale.ROOT,
        "  data files %,d%s; %s %,d%n",
        r.filesBefore(),
        r.dryRun() ? "" : " → " + String.format(Locale.ROOT, "%,d", r.filesAfter()),
        r.dryRun() ? "VACUUM would delete" : "deleted",
        r.filesRemoved());
  }

  private static String arrow(long before, long after) {
    return after < 0 ? Long.toString(before) : before + " → " + after;
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
  }
}
