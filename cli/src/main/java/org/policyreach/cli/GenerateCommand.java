package org.policyreach.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.policyreach.core.ConfPaths;
import org.policyreach.generator.GenerationSummary;
import org.policyreach.generator.Generator;
import org.policyreach.generator.GeneratorConfig;
import org.policyreach.generator.GeneratorListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code policyreach generate}: writes a realistic, deterministic dataset in every input format
 * (registry, firm attributes, applications, legacy CSV, events) plus {@code truth/}.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Generate realistic input data in every format PolicyReach reads, deterministically.",
      "入力データ（法人番号CSV・法人属性・電子申請・紙申請CSV・行動ログ）を生成します。",
      "",
      "Writes under DIR:",
      "  registry/         NTA 法人番号 CSV, 30 columns, per prefecture + one diff file",
      "  firm_attributes/  gBizINFO-like JSON Lines, some fields missing",
      "  applications/     e-application JSON Lines, one line per status change",
      "  legacy/           paper forms: CP932 CSV, wareki dates, full-width digits",
      "  events/           portal engagement JSON Lines",
      "  truth/            latent needs, injected faults (file, line, kind), summary",
      "Files left in those folders by a previous run are replaced.",
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  bin/policyreach generate --out data/input --firms 20000",
      "  bin/policyreach generate --out /tmp/sjis --firms 5000 --encoding cp932",
      "  bin/policyreach generate --out /tmp/clean --error-rate 0 --as-of 2026-04-01",
      "  bin/policyreach generate --out /tmp/big --firms 1000000 --json | tail -1",
      "",
      "Same seed and options give byte-identical files. Injected faults (bad check",
      "digits, unknown programs, malformed lines, duplicates, impossible dates,",
      "amounts, mojibake) are listed line by line in truth/faults.csv."
    })
final class GenerateCommand implements Callable<Integer> {

  @ParentCommand PolicyReach root;
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output folder (created if missing).")
  Path out;

  @Option(
      names = "--firms",
      defaultValue = "2000",
      paramLabel = "N",
      description =
          "Number of firms, 1..10,000,000 (default ${DEFAULT-VALUE}; 1M firms ≈ 5M application lines).")
  int firms;

  @Option(
      names = "--seed",
      defaultValue = "42",
      paramLabel = "S",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--error-rate",
      defaultValue = "0.02",
      paramLabel = "R",
      description = "Share of records given an injected fault, 0..0.5 (default ${DEFAULT-VALUE}).")
  double errorRate;

  @Option(
      names = "--encoding",
      defaultValue = "utf-8",
      paramLabel = "utf-8|cp932",
      description =
          "Encoding of the registry CSV, like the NTA's two variants (default ${DEFAULT-VALUE}). The legacy CSV is always CP932.")
  String encoding;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description =
          "The day the data describes, YYYY-MM-DD (default 2026-11-26). Applications cover the 3+ years before it.")
  String asOf;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: up to 2). The output does not depend on it.")
  Integer threads;

  @Option(
      names = "--push-history",
      description =
          "Also simulate past push campaigns with holdouts and a planted effect on applications:"
              + " contacts/contacts.jsonl (ingest --source contacts) and the true effects in"
              + " truth/push_campaigns.csv (check push report against them) and per member"
              + " truth/push_effects.csv (evaluate --truth).")
  boolean pushHistory;

  @Option(
      names = "--json",
      description = "Print one JSON object with the counts on the last line of standard output.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    GeneratorConfig config =
        new GeneratorConfig(
            out,
            firms,
            seed,
            errorRate,
            GeneratorConfig.encoding(encoding),
            asOf == null ? GeneratorConfig.DEFAULT_AS_OF : parseDate(asOf),
            confDir(),
            threads == null ? GeneratorConfig.defaultThreads() : threads,
            pushHistory);
    Progress progress =
        root == null ? Progress.forConsole(stderr) : root.context().progress(stderr);
    GenerationSummary summary = new Generator(config).run(listener(progress));
    printSummary(stdout, summary);
    if (json) {
      stdout.println(json(summary));
    }
    stdout.flush();
    return ExitCodes.OK;
  }

  private Path confDir() {
    return root != null ? root.context().confDir() : ConfPaths.locate();
  }

  private static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new BadInputException(
          "--as-of '" + text + "' is not a date: write it as YYYY-MM-DD, for example 2026-11-26");
    }
  }

  private static GeneratorListener listener(Progress progress) {
    return new GeneratorListener() {
      @Override
      public void stage(String name) {
        progress.stage("generate " + name);
      }

      @Override
      public void progress(long records) {
        progress.update(records);
      }

      @Override
      public void done(String summary) {
        progress.done(summary);
      }
    };
  }

  private static void printSummary(PrintWriter out, GenerationSummary s) {
    GeneratorConfig c = s.config();
    out.printf(
        Locale.ROOT,
        "Generated %,d firms (seed %d, as of %s, registry %s) into %s in %.1f s%n",
        c.firms(),
        c.seed(),
        c.asOf(),
        c.registryEncodingName(),
        c.out(),
        s.seconds());
    Map<String, long[]> folders = new TreeMap<>();
    for (Map.Entry<String, Long> e : s.files().entrySet()) {
      String folder = e.getKey().substring(0, e.getKey().indexOf('/') + 1);
      long[] v = folders.computeIfAbsent(folder, k -> new long[3]);
      v[0]++;
      v[1] += e.getValue();
    }
    for (Map.Entry<String, Map<String, Long>> e : s.faultsByFile().entrySet()) {
      String folder = e.getKey().substring(0, e.getKey().indexOf('/') + 1);
      folders.computeIfAbsent(folder, k -> new long[3])[2] +=
          e.getValue().values().stream().mapToLong(Long::longValue).sum();
    }
    out.printf(Locale.ROOT, "  %-18s %6s %14s %9s%n", "folder", "files", "lines", "faults");
    for (Map.Entry<String, long[]> e : folders.entrySet()) {
      long[] v = e.getValue();
      out.printf(Locale.ROOT, "  %-18s %6d %,14d %,9d%n", e.getKey(), v[0], v[1], v[2]);
    }
    Map<String, Long> counts = s.counts();
    out.printf(
        Locale.ROOT,
        "  firms applying: %,d of %,d; applications: %,d online + %,d on paper; events: %,d%n",
        counts.get("applying_firms"),
        counts.get("firms"),
        counts.get("applications"),
        counts.get("legacy_applications"),
        counts.get("events"));
    StringBuilder kinds = new StringBuilder();
    s.faultsByKind()
        .forEach(
            (k, v) ->
                kinds.append(kinds.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    out.printf(
        Locale.ROOT,
        "  faults: %,d injected (%s) — listed in truth/faults.csv%n",
        s.totalFaults(),
        kinds);
  }

  private static String json(GenerationSummary s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("out", s.config().out().toString());
    m.put("firms", s.config().firms());
    m.put("seed", s.config().seed());
    m.put("as_of", s.config().asOf().toString());
    m.put("registry_encoding", s.config().registryEncodingName());
    m.put("error_rate", s.config().errorRate());
    m.put("files", s.files());
    m.put("lines", s.totalLines());
    m.put("faults", s.faultsByKind());
    m.put("fault_total", s.totalFaults());
    m.put("counts", s.counts());
    m.put("seconds", Math.round(s.seconds() * 10) / 10.0);
    try {
      return new ObjectMapper().writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write the JSON summary: " + e.getMessage(), e);
    }
  }
}
