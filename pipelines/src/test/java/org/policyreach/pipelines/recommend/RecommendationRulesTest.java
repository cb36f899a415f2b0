package org.policyreach.pipelines.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.policyreach.core.ApplicationStatus;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.core.Eligibility;
import org.policyreach.core.FirmFacts;
import org.policyreach.core.Jsic;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.Prefecture;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.models.ranking.ReasonCode;
import org.policyreach.pipelines.build.BuildJob;

/**
 * Every recommendation and every target row built from generated data is re-checked against the raw
 * silver tables with core's rules, independently of the code that produced it: the firm is active
 * and has not opted out, core's {@link Eligibility} admits it, the window is open (or opens within
 * the horizon, for recommendations), and the firm has neither won nor pending the program.
 */
class RecommendationRulesTest {
  static GeneratedLakehouse data;
  static LocalDate day;
  static PolicyReachConfig config;
  static Map<String, Program> programs;
  static Map<String, Row> firms;
  static Map<String, String> lastConsent;
  static Set<String> wonOrPending;
  static Map<String, Integer> contacts;

  @BeforeAll
  static void buildOnce() {
    data = GeneratedLakehouse.shared();
    day = data.build().asOf();
    config = PolicyReachConfig.load(data.conf());
    NeedCatalog needs = NeedCatalog.load(ConfPaths.needsFile(data.conf()));
    programs = new HashMap<>();
    for (Program p : ProgramCatalog.load(ConfPaths.programsDir(data.conf()), needs).programs()) {
      programs.put(p.id(), p);
    }
    firms = new HashMap<>();
    for (Row r : data.table("silver", "firms").collectAsList()) {
      firms.put(r.getAs("corporate_number"), r);
    }
    Timestamp end = Timestamp.from(day.plusDays(1).atStartOfDay(BuildJob.TOKYO).toInstant());
    Map<String, Timestamp> lastAt = new HashMap<>();
    lastConsent = new HashMap<>();
    contacts = new HashMap<>();
    Timestamp contactStart =
        Timestamp.from(
            day.minusDays(config.targets().contactWindowDays() - 1L)
                .atStartOfDay(BuildJob.TOKYO)
                .toInstant());
    for (Row e : data.table("silver", "events").collectAsList()) {
      Timestamp at = e.getAs("at");
      String type = e.getAs("type");
      String cn = e.getAs("corporate_number");
      if (at == null || !at.before(end)) {
        continue;
      }
      if (type.equals("opt_out") || type.equals("opt_in")) {
        Timestamp prev = lastAt.get(cn);
        if (prev == null || at.after(prev)) {
          lastAt.put(cn, at);
          lastConsent.put(cn, type);
        }
      }
      if (type.equals("impression") && !at.before(contactStart)) {
        contacts.merge(cn, 1, Integer::sum);
      }
    }
    wonOrPending = new HashSet<>();
    for (Row a : data.table("silver", "applications").collectAsList()) {
      ApplicationStatus s = ApplicationStatus.parse(a.getAs("status"));
      Date submitted = a.getAs("submitted_date");
      if ((s.isWon() || s.isPending())
          && (submitted == null || !submitted.toLocalDate().isAfter(day))) {
        wonOrPending.add(a.getAs("corporate_number") + "/" + a.getAs("program_id"));
      }
    }
  }

  @Test
  void everyRecommendationHoldsEveryRule() {
    List<Row> recs = data.table("gold", "recommendations").collectAsList();
    assertThat(recs).hasSizeGreaterThan(GeneratedLakehouse.FIRMS);
    Map<String, List<Row>> byFirm = new HashMap<>();
    for (Row r : recs) {
      String cn = r.getAs("corporate_number");
      String programId = r.getAs("program_id");
      Program p = programs.get(programId);
      assertThat(p).as(programId).isNotNull();
      assertFirmMayBeContacted(cn, p);
      assertThat(p.window().isOpenOrOpensWithin(day, config.recommend().horizonDays()))
          .as("window of %s on %s", programId, day)
          .isTrue();
      assertThat(r.<Date>getAs("deadline").toLocalDate()).isEqualTo(p.window().closes());
      assertThat(r.<Integer>getAs("days_left")).isEqualTo((int) p.window().daysLeft(day));
      assertThat(r.<String>getAs("build_id")).isEqualTo(data.build().buildId());
      assertReasons(r);
      byFirm.computeIfAbsent(cn, k -> new ArrayList<>()).add(r);
    }
    for (List<Row> list : byFirm.values()) {
      assertThat(list.size()).isLessThanOrEqualTo(config.recommend().topK());
      Set<Integer> ranks = new HashSet<>();
      Map<String, Integer> perFamily = new HashMap<>();
      list.sort((a, b) -> Integer.compare(a.getAs("rank"), b.getAs("rank")));
      for (int i = 0; i < list.size(); i++) {
        Row r = list.get(i);
        ranks.add(r.getAs("rank"));
        perFamily.merge(programs.get(r.<String>getAs("program_id")).family(), 1, Integer::sum);
      }
      assertThat(ranks).hasSize(list.size());
      assertThat(ranks).allMatch(k -> k >= 1 && k <= list.size());
      assertThat(perFamily.values()).allMatch(n -> n <= config.recommend().perFamilyMax());
    }
  }

  @Test
  void everyTargetHoldsEveryRuleAndTheContactCap() {
    List<Row> targets = data.table("gold", "program_targets").collectAsList();
    assertThat(targets).isNotEmpty();
    Map<String, Integer> listsPerFirm = new HashMap<>();
    Map<String, Integer> perProgram = new HashMap<>();
    for (Row r : targets) {
      String cn = r.getAs("corporate_number");
      Program p = programs.get(r.<String>getAs("program_id"));
      assertFirmMayBeContacted(cn, p);
      assertThat(p.window().isOpenOn(day)).as("%s open on %s", p.id(), day).isTrue();
      assertThat(r.<Integer>getAs("rank")).isBetween(1, config.targets().maxPerProgram());
      assertReasons(r);
      listsPerFirm.merge(cn, 1, Integer::sum);
      perProgram.merge(p.id(), 1, Integer::sum);
    }
    listsPerFirm.forEach(
        (cn, lists) ->
            assertThat(lists)
                .as("lists of %s with %d recent contacts", cn, contacts.getOrDefault(cn, 0))
                .isLessThanOrEqualTo(config.targets().contactCap() - contacts.getOrDefault(cn, 0)));
    assertThat(perProgram.values()).allMatch(n -> n <= config.targets().maxPerProgram());
  }

  private static void assertFirmMayBeContacted(String cn, Program p) {
    Row firm = firms.get(cn);
    assertThat(firm).as("firm %s in silver.firms", cn).isNotNull();
    assertThat(firm.<String>getAs("status")).as("status of %s", cn).isEqualTo("active");
    assertThat(lastConsent.getOrDefault(cn, "opt_in")).as("consent of %s", cn).isEqualTo("opt_in");
    assertThat(wonOrPending).as("won or pending").doesNotContain(cn + "/" + p.id());
    var result = Eligibility.evaluate(p, facts(firm), day);
    assertThat(result.eligible()).as("%s for %s: %s", p.id(), cn, result.failures()).isTrue();
  }

  private static void assertReasons(Row r) {
    List<Row> reasons = r.getList(r.fieldIndex("reasons"));
    for (Row reason : reasons) {
      assertThat(ReasonCode.valueOf(reason.getString(0))).isNotNull();
      assertThat(reason.getString(1)).isNotBlank();
    }
  }

  /** Core's facts straight from silver.firms; a value core rejects counts as unknown. */
  static FirmFacts facts(Row f) {
    CorporateNumber cn = CorporateNumber.parse(f.getAs("corporate_number"));
    Prefecture pref = orNull(() -> Prefecture.ofCode(f.getAs("prefecture_code")));
    Jsic jsic = orNull(() -> Jsic.ofLetter(f.getAs("jsic_division")));
    Date est = f.getAs("established");
    LocalDate established = est == null ? null : est.toLocalDate();
    Long capital = f.getAs("capital_yen");
    Integer employees = f.getAs("employees");
    try {
      return new FirmFacts(cn, pref, jsic, f.getAs("jsic_major"), capital, employees, established);
    } catch (DomainException e) {
      return new FirmFacts(
          cn,
          pref,
          jsic,
          null,
          capital != null && capital >= 0 ? capital : null,
          employees != null && employees >= 0 ? employees : null,
          established);
    }
  }

  private static <T> T orNull(java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
