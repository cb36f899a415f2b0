package org.policyreach.generator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.core.JapaneseText;
import org.policyreach.core.Program;
import org.policyreach.core.WarekiDate;

/**
 * The heterogeneous push effect planted by {@link PushHistory}, read back from a generated dataset
 * (2,000 firms, default seed, no injected faults so that every application line reads back): {@code
 * truth/push_effects.csv} against {@code truth/push_campaigns.csv}, {@code
 * contacts/contacts.jsonl}, {@code truth/latent_needs.csv} and the applications on file.
 */
class PushEffectsTest {
  private static final String HEADER =
      "campaign_id,program_id,corporate_number,push_date,arm,never_reached,need_match,"
          + "effect_probability,caused";

  private static Path dir;
  private static List<CSVRecord> effects;
  private static Map<String, CSVRecord> campaigns;

  /** Per corporate number: its applications on file (JSON Lines and legacy CSV). */
  private static Map<String, List<Application>> applications;

  private record Application(String id, String program, LocalDate submitted) {}

  @TempDir Path tmp;

  @BeforeAll
  static void generate() throws IOException {
    dir = Files.createTempDirectory("policyreach-push-effects-test");
    new Generator(
            GeneratorConfig.defaults(dir, TestData.conf())
                .withFirms(TestData.FIRMS)
                .withErrorRate(0.0)
                .withThreads(2)
                .withPushHistory(true))
        .run();
    effects = TestData.csv(dir.resolve("truth/push_effects.csv"), UTF_8, true);
    campaigns = new TreeMap<>();
    for (CSVRecord r : TestData.csv(dir.resolve(PushHistory.TRUTH_PATH), UTF_8, true)) {
      campaigns.put(r.get("campaign_id"), r);
    }
    applications = readApplications(dir);
  }

  @AfterAll
  static void clean() {
    if (dir != null) {
      TestData.deleteQuietly(dir);
    }
  }

  @Test
  void effectsReconcileWithTheCampaignTruthContactsAndSummary() throws IOException {
    assertThat(TestData.lines(dir.resolve("truth/push_effects.csv"), UTF_8).get(0))
        .isEqualTo(HEADER);
    assertThat(effects).hasSizeGreaterThan(1000);
    Map<String, long[]> perCampaign = new TreeMap<>();
    Map<String, Double> tauSum = new HashMap<>();
    Map<String, String> arms = new HashMap<>();
    for (CSVRecord r : effects) {
      assertThat(r.size()).isEqualTo(9);
      CSVRecord c = campaigns.get(r.get("campaign_id"));
      assertThat(c).as(r.get("campaign_id")).isNotNull();
      assertThat(r.get("program_id")).isEqualTo(c.get("program_id"));
      assertThat(r.get("push_date")).isEqualTo(c.get("push_date"));
      assertThat(r.get("corporate_number")).matches("\\d{13}");
      assertThat(r.get("arm")).isIn("treated", "holdout");
      assertThat(r.get("never_reached")).isIn("true", "false");
      assertThat(r.get("need_match")).matches("[01]\\.\\d{4}");
      assertThat(r.get("effect_probability")).matches("0\\.\\d{4}");
      assertThat(r.get("caused")).isIn("0", "1");
      String key = r.get("campaign_id") + "/" + r.get("corporate_number");
      assertThat(arms.put(key, r.get("arm"))).as("one row per campaign and firm: " + key).isNull();
      long[] n = perCampaign.computeIfAbsent(r.get("campaign_id"), k -> new long[4]);
      n[0]++;
      n[r.get("arm").equals("treated") ? 1 : 2]++;
      n[3] += Long.parseLong(r.get("caused"));
      tauSum.merge(
          r.get("campaign_id"), Double.parseDouble(r.get("effect_probability")), Double::sum);
    }

    for (CSVRecord c : campaigns.values()) {
      String id = c.get("campaign_id");
      long[] n = perCampaign.getOrDefault(id, new long[4]);
      assertThat(Long.parseLong(c.get("audience"))).as(id).isEqualTo(n[0]);
      assertThat(Long.parseLong(c.get("treated"))).as(id).isEqualTo(n[1]);
      assertThat(Long.parseLong(c.get("holdout"))).as(id).isEqualTo(n[2]);
      assertThat(Long.parseLong(c.get("caused"))).as(id).isEqualTo(n[3]);
      if (n[0] == 0) {
        assertThat(c.get("true_effect")).isEmpty();
        assertThat(c.get("effect_probability")).isEmpty();
        continue;
      }
      assertThat(Double.parseDouble(c.get("true_effect")))
          .as(id)
          .isCloseTo((double) n[3] / n[0], within(1e-6));
      // the mean of the exact probabilities; the rows hold them rounded to 4 decimals
      assertThat(Double.parseDouble(c.get("effect_probability")))
          .as(id)
          .isCloseTo(tauSum.get(id) / n[0], within(6e-5));
    }
    assertThat(perCampaign.keySet()).isSubsetOf(campaigns.keySet());
    assertThat(perCampaign).hasSizeGreaterThanOrEqualTo(10);

    ObjectMapper json = new ObjectMapper();
    Map<String, String> contactArms = new HashMap<>();
    for (String line : TestData.lines(dir.resolve("contacts/contacts.jsonl"), UTF_8)) {
      JsonNode n = json.readTree(line);
      String key = n.get("campaign_id").asText() + "/" + n.get("corporate_number").asText();
      assertThat(contactArms.put(key, n.get("arm").asText())).as(key).isNull();
      assertThat(n.get("program_id").asText())
          .isEqualTo(campaigns.get(n.get("campaign_id").asText()).get("program_id"));
    }
    assertThat(contactArms).isEqualTo(arms);

    JsonNode summary = json.readTree(dir.resolve("truth/summary.json").toFile());
    assertThat(summary.get("files").get("truth/push_effects.csv").get("lines").asLong())
        .isEqualTo(effects.size() + 1L);
    assertThat(summary.get("files").get(PushHistory.TRUTH_PATH).get("lines").asLong())
        .isEqualTo(campaigns.size() + 1L);
  }

  @Test
  void needMatchIsTheFirmsStrongestLatentNeedOfTheProgram() {
    Map<String, Map<String, Double>> strength = new HashMap<>();
    for (CSVRecord r : TestData.csv(dir.resolve("truth/latent_needs.csv"), UTF_8, true)) {
      strength
          .computeIfAbsent(r.get("corporate_number"), k -> new HashMap<>())
          .put(r.get("need_id"), Double.parseDouble(r.get("strength")));
    }
    Map<String, Program> programs = new HashMap<>();
    for (Program p : TestData.programs().programs()) {
      programs.put(p.id(), p);
    }
    int withNeeds = 0;
    for (CSVRecord r : effects) {
      Program p = programs.get(r.get("program_id"));
      double expected = 0.0;
      for (String need : p.needs()) {
        expected = Math.max(expected, strength.get(r.get("corporate_number")).get(need));
      }
      withNeeds += p.needs().isEmpty() ? 0 : 1;
      // latent_needs.csv holds 3 decimals, push_effects.csv 4
      assertThat(Double.parseDouble(r.get("need_match")))
          .as("%s %s", r.get("campaign_id"), r.get("corporate_number"))
          .isCloseTo(expected, within(6e-4));
    }
    assertThat(withNeeds).isPositive();
  }

  @Test
  void theEffectIsHeterogeneousAsPlanted() {
    Map<String, List<Double>> impliedSensitivity = new HashMap<>();
    Set<String> firms = new HashSet<>();
    long zeroRows = 0;
    double neverReachedStrongSum = 0;
    long neverReachedStrong = 0;
    double reachedSum = 0;
    long reached = 0;
    // responder rows with a strong need: the reach factor alone (1 versus 0.35)
    double[] responderStrongSum = new double[2];
    long[] responderStrong = new long[2];
    for (CSVRecord r : effects) {
      double tau = Double.parseDouble(r.get("effect_probability"));
      double m = Double.parseDouble(r.get("need_match"));
      boolean neverReached = Boolean.parseBoolean(r.get("never_reached"));
      boolean caused = r.get("caused").equals("1");
      String cn = r.get("corporate_number");
      firms.add(cn);
      assertThat(tau).isBetween(0.0, PushHistory.MAX_EFFECT);
      if (tau == 0.0) {
        zeroRows++;
        assertThat(caused).as("a non-responder is never caused to apply: %s", r).isFalse();
      } else {
        // tau = s × (0.04 + 0.30 m) × (1 or 0.35), s in [0.5, 1.5] and fixed per firm
        double s =
            tau
                / ((PushHistory.BASE_EFFECT + PushHistory.NEED_EFFECT * m)
                    * (neverReached ? 1.0 : PushHistory.REACHED_FACTOR));
        assertThat(s).as("%s", r).isBetween(0.49, 1.51);
        impliedSensitivity.computeIfAbsent(cn, k -> new ArrayList<>()).add(s);
      }
      if (tau > 0 && m >= 0.5) {
        responderStrongSum[neverReached ? 1 : 0] += tau;
        responderStrong[neverReached ? 1 : 0]++;
      }
      if (neverReached && m >= 0.5) {
        neverReachedStrongSum += tau;
        neverReachedStrong++;
      } else if (!neverReached) {
        reachedSum += tau;
        reached++;
      }
    }
    // responders (some row with a positive probability) are about 30 % of the firms
    double responderShare = (double) impliedSensitivity.size() / firms.size();
    assertThat(responderShare).isBetween(0.22, 0.38);
    assertThat(zeroRows).isPositive();
    // the sensitivity is the firm's, whatever the campaign
    for (Map.Entry<String, List<Double>> e : impliedSensitivity.entrySet()) {
      double min = e.getValue().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
      double max = e.getValue().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      assertThat(max - min).as(e.getKey()).isLessThan(0.02);
    }
    assertThat(neverReachedStrong).isPositive();
    assertThat(reached).isPositive();
    double neverReachedStrongMean = neverReachedStrongSum / neverReachedStrong;
    double reachedMean = reachedSum / reached;
    assertThat(neverReachedStrongMean).isGreaterThan(reachedMean);
    assertThat(responderStrong[0]).isPositive();
    assertThat(responderStrong[1]).isPositive();
    assertThat(responderStrongSum[1] / responderStrong[1])
        .isGreaterThan(2 * responderStrongSum[0] / responderStrong[0]);
  }

  @Test
  void causedTreatedFirmsApplyWithinThirtyDaysAndCausedHoldoutFirmsDoNot() {
    int treatedCaused = 0;
    int holdoutCaused = 0;
    for (CSVRecord r : effects) {
      String cn = r.get("corporate_number");
      String program = r.get("program_id");
      LocalDate push = LocalDate.parse(r.get("push_date"));
      List<Application> toProgram =
          applications.getOrDefault(cn, List.of()).stream()
              .filter(a -> a.program().equals(program))
              .toList();
      // the audience had not applied to the program by the push
      assertThat(toProgram).as("%s", r).noneMatch(a -> !a.submitted().isAfter(push));
      if (!r.get("caused").equals("1")) {
        continue;
      }
      if (r.get("arm").equals("treated")) {
        treatedCaused++;
        // the induced application (no organic one: caused means it would not have applied)
        assertThat(toProgram)
            .as("%s", r)
            .hasSize(1)
            .allMatch(
                a ->
                    a.submitted().isAfter(push)
                        && !a.submitted().isAfter(push.plusDays(PushHistory.INDUCED_WITHIN_DAYS)));
      } else {
        holdoutCaused++;
        // Y(1) − Y(0) = 1 and not pushed: it did not apply
        assertThat(toProgram).as("%s", r).isEmpty();
      }
    }
    assertThat(treatedCaused).isGreaterThanOrEqualTo(10);
    assertThat(holdoutCaused).isGreaterThanOrEqualTo(10);
  }

  @Test
  void neverReachedMeansNoApplicationOnFileByThePushDate() {
    int never = 0;
    for (CSVRecord r : effects) {
      LocalDate push = LocalDate.parse(r.get("push_date"));
      boolean appliedBefore =
          applications.getOrDefault(r.get("corporate_number"), List.of()).stream()
              .anyMatch(a -> !a.submitted().isAfter(push));
      assertThat(r.get("never_reached")).as("%s", r).isEqualTo(appliedBefore ? "false" : "true");
      never += appliedBefore ? 0 : 1;
    }
    assertThat(never).isPositive().isLessThan(effects.size());
  }

  @Test
  void pushFilesAreTheSameWhateverTheThreadCountAndAbsentWithoutPushHistory() throws IOException {
    GeneratorConfig base =
        GeneratorConfig.defaults(tmp.resolve("x"), TestData.conf()).withFirms(300);
    new Generator(base.withOut(tmp.resolve("one")).withThreads(1).withPushHistory(true)).run();
    new Generator(base.withOut(tmp.resolve("three")).withThreads(3).withPushHistory(true)).run();
    new Generator(base.withOut(tmp.resolve("off")).withThreads(2)).run();
    for (String f :
        List.of("truth/push_effects.csv", PushHistory.TRUTH_PATH, "contacts/contacts.jsonl")) {
      assertThat(Files.readAllBytes(tmp.resolve("three").resolve(f)))
          .as(f)
          .isEqualTo(Files.readAllBytes(tmp.resolve("one").resolve(f)));
      assertThat(tmp.resolve("off").resolve(f)).doesNotExist();
    }
    assertThat(tmp.resolve("off/contacts")).doesNotExist();
    assertThat(TestData.lines(tmp.resolve("one/truth/push_effects.csv"), UTF_8))
        .hasSizeGreaterThan(1);
  }

  private static Map<String, List<Application>> readApplications(Path dir) throws IOException {
    Map<String, List<Application>> out = new HashMap<>();
    Set<String> seen = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : TestData.lines(dir.resolve("applications/applications.jsonl"), UTF_8)) {
      JsonNode n = json.readTree(line);
      String id = n.get("application_id").asText();
      if (seen.add(id)) {
        out.computeIfAbsent(
                n.get("applicant").get("corporate_number").asText(), k -> new ArrayList<>())
            .add(
                new Application(
                    id,
                    n.get("program_id").asText(),
                    LocalDate.parse(n.get("submitted_at").asText().substring(0, 10))));
      }
    }
    for (CSVRecord r :
        TestData.csv(dir.resolve("legacy/legacy_applications.csv"), Text.CP932, true)) {
      String cn = JapaneseText.nfkc(r.get(3)).replaceAll("\\D", "");
      out.computeIfAbsent(cn, k -> new ArrayList<>())
          .add(new Application(r.get(0), r.get(1), WarekiDate.parse(r.get(2)).date()));
    }
    return out;
  }
}
