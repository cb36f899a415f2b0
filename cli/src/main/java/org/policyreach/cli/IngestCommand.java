package org.policyreach.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.policyreach.ingestion.IngestJob;
import org.policyreach.ingestion.IngestRequest;
import org.policyreach.ingestion.IngestResult;
import org.policyreach.ingestion.Source;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code policyreach ingest}: one batch of one source into bronze, quarantine and silver, exactly
 * once, with its reconciliation (read = accepted + quarantined + duplicates).
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Ingest a file or a folder of one source into the lakehouse, exactly once.",
      "入力ファイルをレイクハウスに取り込みます（bronze → quarantine → silver、同じ内容は一度だけ）。",
      "",
      "Every line is kept in bronze.<source>; lines that cannot be trusted go to",
      "quarantine.records with every reason; clean records are merged into silver.",
      "The batch is recorded in meta.batches with its content hash: ingesting the same",
      "content again does nothing and says so, and a run that was killed is completed",
      "by running it again. The programs catalog (conf/programs) is synced into",
      "silver.programs on every ingest (--source programs syncs only that)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/policyreach ingest --source registry --input data/input/registry",
      "  bin/policyreach ingest --source applications --input data/input/applications --json",
      "  bin/policyreach ingest --source legacy --input forms.csv --encoding CP932",
      "  bin/policyreach ingest --source applications --replay-quarantine   # after a catalog fix",
      "",
      "Exit codes: 0 done (or already ingested), 2 bad input (missing file, unknown",
      "source, wrong encoding, bad configuration), 1 failure."
    })
final class IngestCommand implements Callable<Integer> {

  @ParentCommand PolicyReach root;
  @Spec CommandSpec spec;

  @Option(
      names = "--source",
      required = true,
      paramLabel = "SOURCE",
      description =
          "registry | firm-attributes | applications | legacy | events | contacts (or programs: sync the"
              + " catalog only).")
  String source;

  @Option(
      names = "--input",
      paramLabel = "PATH",
      description =
          "A file, or a folder whose files of that source are all read (local or Hadoop URI).")
  String input;

  @Option(
      names = "--batch-id",
      paramLabel = "ID",
      description = "Batch id for new content (default: <source>-<content hash prefix>).")
  String batchId;

  @Option(
      names = "--encoding",
      paramLabel = "NAME",
      description =
          "Input encoding, e.g. UTF-8 or CP932 (default: detected; registry and legacy files may"
              + " be Shift_JIS).")
  String encoding;

  @Option(
      names = "--replay-quarantine",
      description =
          "Re-process this source's quarantined records (after a fix, e.g. a program added to the"
              + " catalog) instead of reading --input.")
  boolean replay;

  @Option(
      names = "--json",
      description = "Print one JSON object with the counts on the last line of standard output.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Source s = Source.parse(source);
    if (input != null
        && !input.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")
        && !Files.exists(Path.of(input))) {
      // fail before spending ~15 s on starting Spark
      throw new BadInputException(
          "Cannot ingest "
              + s.id()
              + ": input "
              + input
              + " does not exist; pass --input with a file or a folder of "
              + s.id()
              + " data");
    }
    IngestRequest request =
        new IngestRequest(s, input, batchId, replay, encoding, root.context().confDir());
    CliContext ctx = root.context();
    Progress progress = ctx.progress(err);
    IngestResult result =
        IngestJob.run(
            ctx.spark(), ctx.lakehouse(), request, stage -> progress.stage("ingest " + stage));
    progress.done(result.summary());
    out.println(result.summary());
    result
        .findings()
        .forEach((kind, n) -> out.printf(Locale.ROOT, "  指摘 finding %-28s %,d%n", kind, n));
    if (json) {
      out.println(result.toJson());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
