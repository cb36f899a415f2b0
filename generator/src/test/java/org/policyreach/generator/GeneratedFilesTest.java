package org.policyreach.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyreach.core.ApplicationStatus;

/**
 * Reads every generated file back in its declared format and encoding with independent readers
 * (Jackson, commons-csv, strict decoders, the core parsers) and checks the truth: every line listed
 * in {@code truth/faults.csv} has exactly the problem it names, and no other line has a problem.
 */
class GeneratedFilesTest {
  private static TestData.Generated data;
  private static LineChecks checks;

  @BeforeAll
  static void generate() {
    data = TestData.small();
    checks = new LineChecks(TestData.programs());
  }

  @Test
  void writesEveryFormatAndTheTruth() {
    Path d = data.dir();
    assertThat(d.resolve("registry/13_tokyo_all_20261031.csv")).isRegularFile();
    assertThat(d.resolve("registry/diff_20261125.csv")).isRegularFile();
    assertThat(d.resolve("firm_attributes/firm_attributes.jsonl")).isRegularFile();
    assertThat(d.resolve("applications/applications.jsonl")).isRegularFile();
    assertThat(d.resolve("legacy/legacy_applications.csv")).isRegularFile();
    assertThat(d.resolve("events/events.jsonl")).isRegularFile();
    assertThat(d.resolve("truth/latent_needs.csv")).isRegularFile();
    assertThat(d.resolve("truth/faults.csv")).isRegularFile();
    assertThat(d.resolve("truth/summary.json")).isRegularFile();
    assertThat(d.resolve(".parts")).doesNotExist();
    try (var s = Files.list(d.resolve("registry"))) {
      assertThat(s.count()).isEqualTo(48);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void registryFilesHaveThirtyColumnsValidNumbersAndOnlyTheListedFaults() {
    for (Path file : TestData.files(data.dir().resolve("registry"))) {
      String name = data.dir().relativize(file).toString().replace('\\', '/');
      List<String> lines = TestData.lines(file, StandardCharsets.UTF_8);
      assertThat(lines).as(name).isNotEmpty();
      verify(name, lines, 0, checks::registry);
      String prefix = file.getFileName().toString().substring(0, 2);
      if (!name.contains("diff")) {
        for (int i = 0; i < lines.size(); i++) {
          if (data.faultAt(name, i + 1) == null) {
            assertThat(TestData.csvFields(lines.get(i)).get(13))
                .as(name + ":" + (i + 1))
                .isEqualTo(prefix);
          }
        }
      }
    }
  }

  @Test
  void registryDiffHoldsChangesClosuresMergersAndHistory() {
    String name = "registry/diff_20261125.csv";
    List<List<String>> rows = new ArrayList<>();
    List<String> lines = TestData.lines(data.dir().resolve(name), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (data.faultAt(name, i + 1) == null) {
        rows.add(TestData.csvFields(lines.get(i)));
      }
    }
    Set<String> processes = new HashSet<>();
    Map<String, Integer> perNumber = new HashMap<>();
    for (List<String> r : rows) {
      processes.add(r.get(2));
      perNumber.merge(r.get(1), 1, Integer::sum);
      if (r.get(2).equals("71")) {
        assertThat(r.get(19)).isEqualTo("11");
        assertThat(r.get(20)).hasSize(13);
      }
      if (r.get(2).equals("21")) {
        assertThat(r.get(18)).isNotEmpty();
        assertThat(r.get(19)).isIn("01", "31");
      }
    }
    assertThat(processes).contains("11", "12", "21");
    assertThat(perNumber.values()).contains(2);
    assertThat(rows).anyMatch(r -> r.get(23).equals("0"));
  }

  @Test
  void firmAttributesParseAsJsonWithSomeFieldsMissing() {
    String name = "firm_attributes/firm_attributes.jsonl";
    List<String> lines = TestData.lines(data.dir().resolve(name), StandardCharsets.UTF_8);
    verify(name, lines, 0, checks::attributes);
    long missingOrNull =
        lines.stream()
            .filter(
                l -> !l.contains("\"employee_number\":") || l.contains("\"employee_number\":null"))
            .count();
    assertThat(missingOrNull).isBetween(lines.size() / 20L, lines.size() / 5L);
  }

  @Test
  void applicationsAreEligibleInsideTheirWindowsExceptListedFaults() {
    String name = ApplicationsWriter.PATH;
    List<String> lines = TestData.lines(data.dir().resolve(name), StandardCharsets.UTF_8);
    assertThat(lines.size()).isGreaterThan(TestData.FIRMS * 3);
    verify(name, lines, 0, checks::application);
  }

  @Test
  void applicationsCoverThreeYearsAndStatusesProgressAndReappear() throws Exception {
    String name = ApplicationsWriter.PATH;
    List<String> lines = TestData.lines(data.dir().resolve(name), StandardCharsets.UTF_8);
    ObjectMapper json = new ObjectMapper();
    LocalDate first = LocalDate.MAX;
    LocalDate last = LocalDate.MIN;
    Map<String, List<ApplicationStatus>> statuses = new HashMap<>();
    Map<String, List<OffsetDateTime>> updates = new HashMap<>();
    int withTags = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (data.faultAt(name, i + 1) != null) {
        continue;
      }
      JsonNode n = json.readTree(lines.get(i));
      LocalDate submitted = OffsetDateTime.parse(n.get("submitted_at").asText()).toLocalDate();
      first = submitted.isBefore(first) ? submitted : first;
      last = submitted.isAfter(last) ? submitted : last;
      String id = n.get("application_id").asText();
      statuses
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(ApplicationStatus.parse(n.get("status").asText()));
      updates
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(OffsetDateTime.parse(n.get("updated_at").asText()));
      withTags += n.has("purpose_tags") ? 1 : 0;
      assertThat(n.get("contact").get("email").asText()).contains("@example.");
    }
    LocalDate asOf = GeneratorConfig.DEFAULT_AS_OF;
    assertThat(first).isBeforeOrEqualTo(asOf.minusYears(3));
    assertThat(last).isBeforeOrEqualTo(asOf);
    assertThat(withTags).isBetween(lines.size() / 4, lines.size() * 3 / 4);

    int progressed = 0;
    int outOfOrder = 0;
    int withSubmitted = 0;
    for (Map.Entry<String, List<ApplicationStatus>> e : statuses.entrySet()) {
      List<ApplicationStatus> s = e.getValue();
      if (s.size() > 1) {
        progressed++;
      }
      // (the submitted line itself may be one of the injected faults, excluded above)
      withSubmitted += s.contains(ApplicationStatus.SUBMITTED) ? 1 : 0;
      List<OffsetDateTime> u = updates.get(e.getKey());
      for (int i = 1; i < u.size(); i++) {
        if (u.get(i).isBefore(u.get(i - 1))) {
          outOfOrder++;
        }
      }
    }
    assertThat(progressed).isGreaterThan(statuses.size() / 2);
    assertThat(withSubmitted).isGreaterThan(statuses.size() * 9 / 10);
    assertThat(outOfOrder).isPositive();
    Set<ApplicationStatus> seen = new HashSet<>();
    statuses.values().forEach(seen::addAll);
    assertThat(seen).containsExactlyInAnyOrder(ApplicationStatus.values());
  }

  @Test
  void legacyIsStrictCp932WithTheJapaneseHeaderAndFormVariants() {
    String name = "legacy/legacy_applications.csv";
    List<String> lines = TestData.lines(data.dir().resolve(name), Text.CP932);
    assertThat(lines.get(0)).isEqualTo(LegacyWriter.HEADER);
    verify(name, lines, 1, checks::legacy);
    List<String> dates = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      List<String> f = TestData.csvFields(l);
      if (f.size() == LegacyWriter.COLUMNS) {
        dates.add(f.get(2));
        numbers.add(f.get(3));
      }
    }
    assertThat(dates).anyMatch(s -> s.startsWith("令和") && s.endsWith("日"));
    assertThat(dates).anyMatch(s -> s.matches("R\\d+\\.\\d+\\.\\d+"));
    assertThat(dates).anyMatch(s -> s.matches("\\d{4}/\\d{2}/\\d{2}"));
    assertThat(dates)
        .anyMatch(s -> s.startsWith("令和") && s.chars().anyMatch(c -> c >= '０' && c <= '９'));
    assertThat(dates).anyMatch(s -> s.startsWith("平成3"));
    assertThat(numbers).anyMatch(s -> s.contains("-"));
    assertThat(numbers).anyMatch(s -> s.contains(" "));
    assertThat(numbers).anyMatch(s -> s.chars().anyMatch(c -> c >= '０' && c <= '９'));
    assertThat(String.join("\n", lines)).contains("，").contains("円").contains("交付決定");
  }

  @Test
  void eventsParseAndIncludeEveryType() throws Exception {
    String name = "events/events.jsonl";
    List<String> lines = TestData.lines(data.dir().resolve(name), StandardCharsets.UTF_8);
    verify(name, lines, 0, checks::event);
    ObjectMapper json = new ObjectMapper();
    Map<String, Integer> types = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      if (data.faultAt(name, i + 1) == null) {
        types.merge(json.readTree(lines.get(i)).get("type").asText(), 1, Integer::sum);
      }
    }
    assertThat(types.keySet())
        .containsExactlyInAnyOrder("impression", "click", "dismiss", "apply", "opt_out", "opt_in");
    assertThat(types.get("impression")).isGreaterThan(types.get("click"));
  }

  @Test
  void truthListsNeedsForEveryFirmAndCountsThatMatchTheFiles() throws Exception {
    List<CSVRecord> needs =
        TestData.csv(data.dir().resolve("truth/latent_needs.csv"), StandardCharsets.UTF_8, true);
    int needCount = TestData.needs().size();
    assertThat(needs).hasSize(TestData.FIRMS * needCount);
    assertThat(needs)
        .allSatisfy(r -> assertThat(Double.parseDouble(r.get("strength"))).isBetween(0.0, 1.0));

    JsonNode summary =
        new ObjectMapper().readTree(data.dir().resolve("truth/summary.json").toFile());
    assertThat(summary.get("seed").asLong()).isEqualTo(GeneratorConfig.DEFAULT_SEED);
    assertThat(summary.get("as_of").asText()).isEqualTo("2026-11-26");
    assertThat(summary.get("version").asText()).isEqualTo(Generator.VERSION);
    long faults = 0;
    for (Map.Entry<String, Map<Long, String>> e : data.faults().entrySet()) {
      Path file = data.dir().resolve(e.getKey());
      long lines =
          Files.lines(
                  file, file.toString().contains("legacy") ? Text.CP932 : StandardCharsets.UTF_8)
              .count();
      assertThat(summary.get("files").get(e.getKey()).get("lines").asLong()).isEqualTo(lines);
      faults += e.getValue().size();
    }
    assertThat(summary.get("total_faults").asLong()).isEqualTo(faults);
    for (FaultKind k : FaultKind.values()) {
      assertThat(summary.get("faults").get(k.id()).asLong()).as(k.id()).isPositive();
    }
  }

  @Test
  void faultRateIsRoughlyTheRequestedShare() {
    long dataLines = 0;
    for (Map.Entry<String, Long> e : data.summary().files().entrySet()) {
      if (!e.getKey().startsWith("truth/")) {
        dataLines += e.getValue();
      }
    }
    double rate = (double) data.summary().totalFaults() / dataLines;
    assertThat(rate).isBetween(0.012, 0.03);
  }

  @Test
  void mostFirmsNeverApplyAndApplicationsFollowLatentNeeds() throws Exception {
    Map<String, Long> c = data.summary().counts();
    double applying = (double) c.get("applying_firms") / c.get("firms");
    assertThat(applying).isBetween(0.25, 0.45);

    Map<String, Map<String, Double>> strength = new HashMap<>();
    for (CSVRecord r :
        TestData.csv(data.dir().resolve("truth/latent_needs.csv"), StandardCharsets.UTF_8, true)) {
      strength
          .computeIfAbsent(r.get(0), k -> new HashMap<>())
          .put(r.get(1), Double.parseDouble(r.get(2)));
    }
    var programs = TestData.programs();
    ObjectMapper json = new ObjectMapper();
    double applied = 0;
    double baseline = 0;
    int n = 0;
    String name = ApplicationsWriter.PATH;
    List<String> lines = TestData.lines(data.dir().resolve(name), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (data.faultAt(name, i + 1) != null) {
        continue;
      }
      JsonNode a = json.readTree(lines.get(i));
      Map<String, Double> s = strength.get(a.get("applicant").get("corporate_number").asText());
      List<String> needs = programs.find(a.get("program_id").asText()).orElseThrow().needs();
      applied += needs.stream().mapToDouble(s::get).max().orElseThrow();
      baseline +=
          strength.values().stream().skip(n % 97).findFirst().orElseThrow().entrySet().stream()
              .filter(e -> needs.contains(e.getKey()))
              .mapToDouble(Map.Entry::getValue)
              .max()
              .orElseThrow();
      n++;
    }
    assertThat(applied / n).isGreaterThan(baseline / n + 0.1);
  }

  /** Every line is clean unless truth lists it, and then it has exactly that problem. */
  private static void verify(
      String name,
      List<String> lines,
      int headerLines,
      BiFunction<String, String, Set<String>> check) {
    int faulty = 0;
    for (int i = headerLines; i < lines.size(); i++) {
      long line = i + 1;
      String previous = i > headerLines ? lines.get(i - 1) : null;
      Set<String> problems = check.apply(lines.get(i), previous);
      String fault = data.faultAt(name, line);
      if (fault == null) {
        assertThat(problems).as(name + ":" + line + " " + lines.get(i)).isEmpty();
      } else {
        faulty++;
        assertThat(problems)
            .as(name + ":" + line + " (truth: " + fault + ") " + lines.get(i))
            .contains(fault);
      }
    }
    assertThat(faulty)
        .as("faults found in " + name)
        .isEqualTo(data.faults().getOrDefault(name, Map.of()).size());
  }
}
