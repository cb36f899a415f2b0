package org.policyreach.cli.reliability;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.spark.SparkSessions;

/**
 * The checks of the fault trials, in Spark SQL over every trial lakehouse, then verdicts against
 * the reference lakehouse at the same step. A trial passes only if all of these hold:
 *
 * <ul>
 *   <li>every {@code meta.batches} row is committed and {@code read = accepted + quarantined +
 *       duplicates}; the ledger (batch ids are content hashes) equals the reference's, counts too;
 *   <li>{@code quarantine.records} rows per batch = the ledger's count, no (batch, file, line)
 *       twice, each with a reason, the same total as the reference;
 *   <li>every bronze table: no (batch, file, line) twice, row counts equal to the reference's;
 *   <li>silver firms, applications, events and registry history: row count, distinct keys and a
 *       content hash equal to the reference's; no status-history entry twice;
 *   <li>after a build: every publication's tables, read at the recorded Delta version (time
 *       travel), hold rows of that publication's build; the latest publication's rows per table
 *       equal the reference build's.
 * </ul>
 */
final class LakeChecks {

  record Check(String check, String key, String value) implements Comparable<Check> {
    @Override
    public int compareTo(Check o) {
      return (check + "\u0000" + key + "\u0000" + value)
          .compareTo(o.check + "\u0000" + o.key + "\u0000" + o.value);
    }
  }

  /** A reference copy with a planted fault ({@code plant}) that the checks must fail. */
  record Canary(String name, Path lake, int refStep, String fault, Consumer<SparkSession> plant) {}

  /** Per table of a publication: its version, rows, and rows of the publication's build. */
  record Published(long version, long rows, long ofBuild) {}

  private static final List<String> BRONZE =
      List.of("registry", "firm_attributes", "applications", "legacy", "events");
  private static final Set<String> BAD =
      Set.of(
          "ledger-unreconciled",
          "quarantine-vs-ledger",
          "quarantine-twice",
          "quarantine-no-reason",
          "history-twice");

  private final Path out;
  private final Path work;
  private final Consumer<String> say;
  private final ObjectMapper json = new ObjectMapper();
  private SparkSession spark;

  LakeChecks(Path out, Path work, Consumer<String> say) {
    this.out = out;
    this.work = work;
    this.say = say;
  }

  /** Checks every trial and canary; writes the result files; true when all trials pass. */
  boolean run(List<FaultTrials.Trial> trials, List<Canary> canaries) throws IOException {
    spark = SparkSessions.create("local[2]", false);
    for (Canary c : canaries) {
      c.plant().accept(spark);
    }
    Map<String, List<Check>> rows = new LinkedHashMap<>();
    Map<String, Map<String, Map<String, Published>>> pubs = new LinkedHashMap<>();
    Set<Integer> refs = new TreeSet<>();
    for (FaultTrials.Trial t : trials) {
      if (t.lake() != null) {
        refs.add(t.refStep());
      }
    }
    for (Canary c : canaries) {
      refs.add(c.refStep());
    }
    for (int k : refs) {
      check("ref-" + k, work.resolve("ref." + k), k, rows, pubs);
    }
    int n = 0;
    for (FaultTrials.Trial t : trials) {
      if (t.lake() != null) {
        check(t.name(), t.lake(), t.refStep(), rows, pubs);
        if (++n % 5 == 0) {
          say.accept("checked " + n + " trial lakehouses");
        }
      }
    }
    for (Canary c : canaries) {
      check(c.name(), c.lake(), c.refStep(), rows, pubs);
    }
    writeChecks(rows, pubs);

    StringBuilder results =
        new StringBuilder("scenario\ttrial\tstep\tplan\tevent\tverdict\tproblems\n");
    Map<String, int[]> counts = new LinkedHashMap<>(); // pass, fail, skipped, killed
    int failures = 0;
    List<String> failureLines = new ArrayList<>();
    for (FaultTrials.Trial t : trials) {
      int[] c = counts.computeIfAbsent(t.scenario(), s -> new int[4]);
      String verdict;
      List<String> problems = new ArrayList<>();
      if (t.event().startsWith("SKIPPED")) {
        verdict = "SKIPPED";
        c[2]++;
      } else {
        problems = problems(t.name(), t.refStep(), t.scenario(), t.event(), rows, pubs);
        verdict = problems.isEmpty() ? "PASS" : "FAIL";
        c[problems.isEmpty() ? 0 : 1]++;
        if (t.event().startsWith("killed")) {
          c[3]++;
        }
      }
      List<String> row = new ArrayList<>(t.columns());
      row.addAll(List.of(verdict, String.join("; ", problems)));
      results.append(String.join("\t", row)).append('\n');
      if ("FAIL".equals(verdict)) {
        failures++;
        failureLines.add(
            "FAIL " + t.name() + " " + String.join(" ", row.subList(2, 5)) + ": " + row.get(6));
      }
    }
    StringBuilder summary = new StringBuilder();
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      summary.append(
          String.format(
              "%s: %d trials, %d pass, %d fail, %d skipped",
              e.getKey(), c[0] + c[1] + c[2], c[0], c[1], c[2]));
      if (e.getKey().equals("ingest") || e.getKey().equals("build")) {
        summary.append(
            String.format(", %d killed mid-run (the others finished before the kill)", c[3]));
      }
      summary.append('\n');
    }
    int missed = 0;
    for (Canary c : canaries) {
      List<String> problems = problems(c.name(), c.refStep(), "canary", "planted", rows, pubs);
      results
          .append(
              String.join(
                  "\t",
                  "canary",
                  "1",
                  "ref." + c.refStep(),
                  c.fault(),
                  "planted",
                  problems.isEmpty() ? "MISSED" : "DETECTED",
                  String.join("; ", problems)))
          .append('\n');
      if (problems.isEmpty()) {
        missed++;
        failureLines.add(
            "MISSED canary "
                + c.name()
                + ": the checks passed a lakehouse with a planted fault ("
                + c.fault()
                + ")");
      }
    }
    summary.append(
        String.format(
            "canaries (planted faults the checks must fail): %d, %d detected%n",
            canaries.size(), canaries.size() - missed));
    Files.writeString(out.resolve("results.tsv"), results.toString(), StandardCharsets.UTF_8);
    Files.writeString(out.resolve("summary.txt"), summary.toString(), StandardCharsets.UTF_8);
    System.out.print(summary);
    failureLines.forEach(System.out::println);
    return failures == 0 && missed == 0;
  }

  private List<String> problems(
      String name,
      int refStep,
      String scenario,
      String event,
      Map<String, List<Check>> rows,
      Map<String, Map<String, Map<String, Published>>> pubs) {
    List<String> problems = new ArrayList<>();
    if (event.contains("FAILED") || event.contains("UNCLEAR")) {
      problems.add("run: " + event);
    }
    if (scenario.equals("disk") && event.contains("full-rc=0")) {
      problems.add(
          "the step did not run out of space, so the trial tested nothing (leave less free space)");
    }
    List<Check> rs = rows.getOrDefault(name, List.of());
    if (rs.isEmpty()) {
      problems.add("no check rows");
    }
    for (Check c : rs) {
      if (BAD.contains(c.check())) {
        problems.add(c.check() + " " + c.key() + " " + c.value());
      }
      if (c.check().equals("bronze-twice") && !c.value().equals("0")) {
        problems.add("bronze lines twice in " + c.key() + ": " + c.value());
      }
    }
    List<Check> ref = rows.getOrDefault("ref-" + refStep, List.of());
    for (String kind : List.of("ledger", "silver", "quarantine", "bronze")) {
      Set<Check> a = view(rs, kind);
      Set<Check> b = view(ref, kind);
      if (!a.equals(b)) {
        Set<Check> diff = new TreeSet<>(a);
        diff.addAll(b);
        Set<Check> both = new HashSet<>(a);
        both.retainAll(b);
        diff.removeAll(both);
        problems.add(FaultTrials.clip(kind + " differs from the reference: " + diff, 400));
      }
    }
    if (refStep == FaultTrials.Step.BUILD.after()) {
      Map<String, Map<String, Published>> mine = pubs.getOrDefault(name, Map.of());
      mine.forEach(
          (pub, tables) ->
              tables.forEach(
                  (tbl, p) -> {
                    if (p.ofBuild() == 0) {
                      problems.add(
                          pub
                              + " uses "
                              + tbl
                              + "@"
                              + p.version()
                              + ", which has no rows of its build");
                    }
                  }));
      Map<String, Long> gold = gold(mine);
      Map<String, Long> refGold = gold(pubs.getOrDefault("ref-" + refStep, Map.of()));
      if (gold == null) {
        problems.add("no publication");
      } else if (!gold.equals(refGold)) {
        problems.add("published gold rows " + gold + " differ from the reference " + refGold);
      }
    }
    return problems;
  }

  private static Set<Check> view(List<Check> rows, String kind) {
    Set<Check> v = new TreeSet<>();
    for (Check c : rows) {
      if (c.check().equals(kind)) {
        v.add(c);
      }
    }
    return v;
  }

  /** The latest publication's rows of its build per table, or null without a publication. */
  private static Map<String, Long> gold(Map<String, Map<String, Published>> pubs) {
    if (pubs.isEmpty()) {
      return null;
    }
    String latest = Collections.max(pubs.keySet());
    Map<String, Long> g = new TreeMap<>();
    pubs.get(latest).forEach((t, p) -> g.put(t, p.ofBuild()));
    return g;
  }

  // ------------------------------------------------------------------ the queries

  private void check(
      String name,
      Path lake,
      int step,
      Map<String, List<Check>> rows,
      Map<String, Map<String, Map<String, Published>>> pubs)
      throws IOException {
    List<String> parts = parts(name, lake.toString(), step);
    List<Check> found = new ArrayList<>();
    if (!parts.isEmpty()) {
      String query =
          "SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") AS t(lake, check, key, value)";
      for (Row r : spark.sql(query).collectAsList()) {
        found.add(new Check(r.getString(1), r.getString(2), r.getString(3)));
      }
    }
    rows.put(name, found);
    List<String> publication = new ArrayList<>();
    for (Check c : found) {
      if (!c.check().equals("publication")) {
        continue;
      }
      String build = c.value().substring(0, c.value().indexOf(' '));
      Map<String, Long> tables =
          json.readValue(c.value().substring(build.length() + 1), new TypeReference<>() {});
      tables.forEach(
          (table, version) ->
              publication.add(
                  String.format(
                      "SELECT '%s' AS pub, '%s' AS tbl, %d AS version, count(*) AS total, count_if(build_id = '%s') AS of_build FROM delta.`%s/%s` VERSION AS OF %d",
                      q(c.key()),
                      q(table),
                      version,
                      q(build),
                      lake,
                      table.replace('.', '/'),
                      version)));
    }
    if (!publication.isEmpty()) {
      Map<String, Map<String, Published>> mine = new TreeMap<>();
      for (Row r : spark.sql(String.join(" UNION ALL ", publication)).collectAsList()) {
        mine.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
            .put(
                r.getString(1),
                new Published(((Number) r.get(2)).longValue(), r.getLong(3), r.getLong(4)));
      }
      pubs.put(name, mine);
    }
  }

  private static List<String> parts(String name, String path, int step) {
    String l = "'" + q(name) + "'";
    java.util.function.Function<String, String> d = t -> "delta.`" + path + "/" + t + "`";
    java.util.function.Predicate<String> has =
        t -> Files.isDirectory(Path.of(path, t, "_delta_log"));
    List<String> parts = new ArrayList<>();
    if (has.test("meta/batches") && has.test("quarantine/records")) {
      String b = d.apply("meta/batches");
      String qr = d.apply("quarantine/records");
      parts.add(
          "SELECT "
              + l
              + " AS lake, 'ledger' AS check, batch_id AS key, concat_ws('/', status, read, accepted, quarantined, duplicates) AS value FROM "
              + b);
      parts.add(
          "SELECT "
              + l
              + ", 'ledger-unreconciled', batch_id, status FROM "
              + b
              + " WHERE status <> 'committed' OR read <> accepted + quarantined + duplicates");
      parts.add(
          "SELECT "
              + l
              + ", 'quarantine-vs-ledger', b.batch_id, concat(b.quarantined, ' in the ledger, ', coalesce(q.n, 0), ' rows') FROM "
              + b
              + " b LEFT JOIN (SELECT batch_id, count(*) n FROM "
              + qr
              + " GROUP BY batch_id) q ON b.batch_id = q.batch_id WHERE b.quarantined <> coalesce(q.n, 0)");
      parts.add(
          "SELECT "
              + l
              + ", 'quarantine-twice', concat(batch_id, ':', source_file, ':', line), string(count(*)) FROM "
              + qr
              + " GROUP BY batch_id, source_file, line HAVING count(*) > 1");
      parts.add(
          "SELECT "
              + l
              + ", 'quarantine-no-reason', concat(batch_id, ':', source_file, ':', line), 'x' FROM "
              + qr
              + " WHERE reasons IS NULL OR size(reasons) = 0");
      parts.add("SELECT " + l + ", 'quarantine', 'rows', string(count(*)) FROM " + qr);
    }
    for (String b : BRONZE) {
      if (has.test("bronze/" + b)) {
        parts.add(
            "SELECT "
                + l
                + ", 'bronze-twice', '"
                + b
                + "', string(count(*) - count(DISTINCT batch_id, source_file, line)) FROM "
                + d.apply("bronze/" + b));
        parts.add(
            "SELECT "
                + l
                + ", 'bronze', '"
                + b
                + "', string(count(*)) FROM "
                + d.apply("bronze/" + b));
      }
    }
    if (has.test("silver/firms")) {
      parts.add(
          "SELECT "
              + l
              + ", 'silver', 'firms', concat(count(*), '/', count(DISTINCT corporate_number), '/', sum(hash(corporate_number, name, status, prefecture_code, capital_yen, employees, jsic_division, established, size_class))) FROM "
              + d.apply("silver/firms"));
    }
    if (has.test("silver/applications")) {
      String a = d.apply("silver/applications");
      parts.add(
          "SELECT "
              + l
              + ", 'silver', 'applications', concat(count(*), '/', count(DISTINCT application_id), '/', sum(size(status_history)), '/', sum(hash(application_id, status, corporate_number, requested_amount_yen, size(status_history), size(findings)))) FROM "
              + a);
      parts.add(
          "SELECT "
              + l
              + ", 'history-twice', application_id, 'x' FROM "
              + a
              + " WHERE size(status_history) <> size(array_distinct(status_history))");
    }
    if (has.test("silver/events")) {
      parts.add(
          "SELECT "
              + l
              + ", 'silver', 'events', concat(count(*), '/', count(DISTINCT event_id), '/', sum(hash(event_id, corporate_number, type, at))) FROM "
              + d.apply("silver/events"));
    }
    if (has.test("silver/registry_history")) {
      parts.add(
          "SELECT "
              + l
              + ", 'silver', 'registry_history', concat(count(*), '/', count(DISTINCT source_file, source_line), '/', sum(hash(corporate_number, sequence_number, name, update_date))) FROM "
              + d.apply("silver/registry_history"));
    }
    if (step == FaultTrials.Step.BUILD.after() && has.test("meta/publications")) {
      parts.add(
          "SELECT "
              + l
              + ", 'publication', publication_id, concat(build_id, ' ', to_json(tables)) FROM "
              + d.apply("meta/publications"));
    }
    return parts;
  }

  private void writeChecks(
      Map<String, List<Check>> rows, Map<String, Map<String, Map<String, Published>>> pubs)
      throws IOException {
    try (CSVPrinter w =
        CSVFormat.DEFAULT.print(out.resolve("checks.csv"), StandardCharsets.UTF_8)) {
      w.printRecord("lake", "check", "key", "value");
      for (Map.Entry<String, List<Check>> e : rows.entrySet()) {
        for (Check c : e.getValue()) {
          w.printRecord(e.getKey(), c.check(), c.key(), c.value());
        }
      }
    }
    try (CSVPrinter w =
        CSVFormat.DEFAULT.print(out.resolve("publications.csv"), StandardCharsets.UTF_8)) {
      w.printRecord("lake", "publication", "table", "version", "rows", "rows_of_build");
      for (var lake : pubs.entrySet()) {
        for (var pub : lake.getValue().entrySet()) {
          for (var t : pub.getValue().entrySet()) {
            Published x = t.getValue();
            w.printRecord(
                lake.getKey(), pub.getKey(), t.getKey(), x.version(), x.rows(), x.ofBuild());
          }
        }
      }
    }
  }

  private static String q(String s) {
    return s.replace("'", "''");
  }
}
