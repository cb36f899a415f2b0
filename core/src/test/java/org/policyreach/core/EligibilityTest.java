package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EligibilityTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);
  private static final CorporateNumber CN = CorporateNumber.parse("4010401098455");

  /** A manufacturer in Tokyo: ¥30M, 45 staff, founded 2004 → SME. */
  private static FirmFacts firm() {
    return new FirmFacts(
        CN, Prefecture.TOKYO, Jsic.E, "24", 30_000_000L, 45, LocalDate.of(2004, 6, 1));
  }

  private static Program program(EligibilityRules rules) {
    return new Program(
        "p-1",
        "テスト補助金",
        null,
        "p",
        List.of("equipment_investment"),
        new ProgramWindow(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)),
        rules,
        List.of("business_plan"),
        1_000_000L,
        0.5,
        "https://example.go.jp/p",
        null);
  }

  private static EligibilityRules rules(
      Set<SizeClass> sizes,
      Set<Jsic> jsic,
      Set<Prefecture> prefs,
      Integer minYears,
      Integer maxEmployees,
      Long maxCapital) {
    return new EligibilityRules(sizes, jsic, prefs, minYears, maxEmployees, maxCapital);
  }

  @Test
  void noRulesIsEligible() {
    EligibilityResult r = Eligibility.evaluate(program(EligibilityRules.NONE), firm(), AS_OF);
    assertThat(r.eligible()).isTrue();
    assertThat(r.failures()).isEmpty();
  }

  @Test
  void everyRuleSatisfied() {
    EligibilityRules all =
        rules(
            Set.of(SizeClass.SMALL_SCALE, SizeClass.SME),
            Set.of(Jsic.E),
            Set.of(Prefecture.TOKYO),
            20,
            45,
            30_000_000L);
    assertThat(Eligibility.evaluate(program(all), firm(), AS_OF).eligible()).isTrue();
  }

  @Test
  void sizeClassRule() {
    EligibilityResult r =
        Eligibility.evaluate(
            program(rules(Set.of(SizeClass.SMALL_SCALE), Set.of(), Set.of(), null, null, null)),
            firm(),
            AS_OF);
    assertThat(r.eligible()).isFalse();
    assertThat(r.failures())
        .containsExactly(
            new RuleCheck("SIZE_CLASS", "small_scale", "sme", "規模要件を満たしません（対象: 小規模事業者、貴社: 中小企業）"));
  }

  @Test
  void jsicRule() {
    EligibilityResult r =
        Eligibility.evaluate(
            program(rules(Set.of(), Set.of(Jsic.I, Jsic.D), Set.of(), null, null, null)),
            firm(),
            AS_OF);
    RuleCheck f = r.failure("JSIC_DIVISION").orElseThrow();
    assertThat(f.expected()).isEqualTo("D,I");
    assertThat(f.actual()).isEqualTo("E");
    assertThat(f.messageJa()).isEqualTo("対象業種ではありません（対象: 建設業・卸売業，小売業、貴社: 製造業）");
  }

  @Test
  void prefectureRule() {
    EligibilityResult r =
        Eligibility.evaluate(
            program(
                rules(
                    Set.of(),
                    Set.of(),
                    Set.of(Prefecture.ISHIKAWA, Prefecture.TOYAMA),
                    null,
                    null,
                    null)),
            firm(),
            AS_OF);
    RuleCheck f = r.failure("PREFECTURE").orElseThrow();
    assertThat(f.expected()).isEqualTo("16,17");
    assertThat(f.actual()).isEqualTo("13");
    assertThat(f.messageJa()).contains("対象地域外", "富山県・石川県", "東京都");
  }

  @Test
  void minYearsRuleCountsCompletedYears() {
    FirmFacts young =
        new FirmFacts(CN, Prefecture.TOKYO, Jsic.E, null, 1L, 1, LocalDate.of(2023, 11, 27));
    FirmFacts threeYears =
        new FirmFacts(CN, Prefecture.TOKYO, Jsic.E, null, 1L, 1, LocalDate.of(2023, 11, 26));
    Program p = program(rules(Set.of(), Set.of(), Set.of(), 3, null, null));
    RuleCheck f =
        Eligibility.evaluate(p, young, AS_OF).failure("MIN_YEARS_ESTABLISHED").orElseThrow();
    assertThat(f.expected()).isEqualTo(">=3");
    assertThat(f.actual()).isEqualTo("2");
    assertThat(f.messageJa()).isEqualTo("設立3年以上が要件です（貴社: 設立2年）");
    assertThat(Eligibility.evaluate(p, threeYears, AS_OF).eligible()).isTrue();
  }

  @Test
  void maxEmployeesAndMaxCapitalRulesAtTheBoundary() {
    assertThat(
            Eligibility.evaluate(
                    program(rules(Set.of(), Set.of(), Set.of(), null, 45, null)), firm(), AS_OF)
                .eligible())
        .isTrue();
    RuleCheck emp =
        Eligibility.evaluate(
                program(rules(Set.of(), Set.of(), Set.of(), null, 44, null)), firm(), AS_OF)
            .failure("MAX_EMPLOYEES")
            .orElseThrow();
    assertThat(emp)
        .isEqualTo(new RuleCheck("MAX_EMPLOYEES", "<=44", "45", "従業員44人以下が要件です（貴社: 45人）"));
    assertThat(
            Eligibility.evaluate(
                    program(rules(Set.of(), Set.of(), Set.of(), null, null, 30_000_000L)),
                    firm(),
                    AS_OF)
                .eligible())
        .isTrue();
    RuleCheck cap =
        Eligibility.evaluate(
                program(rules(Set.of(), Set.of(), Set.of(), null, null, 29_999_999L)),
                firm(),
                AS_OF)
            .failure("MAX_CAPITAL")
            .orElseThrow();
    assertThat(cap.expected()).isEqualTo("<=29999999");
    assertThat(cap.actual()).isEqualTo("30000000");
    assertThat(cap.messageJa()).isEqualTo("資本金29,999,999円以下が要件です（貴社: 30,000,000円）");
  }

  @Test
  void unknownAttributesFailEveryRuleThatNeedsThem() {
    FirmFacts bare = new FirmFacts(CN, null, null, null, null, null, null);
    EligibilityRules all =
        rules(Set.of(SizeClass.SME), Set.of(Jsic.E), Set.of(Prefecture.TOKYO), 1, 100, 1L);
    EligibilityResult r = Eligibility.evaluate(program(all), bare, AS_OF);
    assertThat(r.eligible()).isFalse();
    assertThat(r.failures())
        .extracting(RuleCheck::rule)
        .containsExactly(
            "SIZE_CLASS",
            "JSIC_DIVISION",
            "PREFECTURE",
            "MIN_YEARS_ESTABLISHED",
            "MAX_EMPLOYEES",
            "MAX_CAPITAL");
    assertThat(r.failures()).allSatisfy(f -> assertThat(f.actual()).isEqualTo("unknown"));
    assertThat(r.failure("SIZE_CLASS").orElseThrow().messageJa()).contains("確認できません");
    // with no rules the unknowns do not matter
    assertThat(Eligibility.evaluate(program(EligibilityRules.NONE), bare, AS_OF).eligible())
        .isTrue();
  }

  @Test
  void firmSizeClassUsesEveryPossibleIndustryRow() {
    // Unknown industry, 3 staff: small-scale in every row.
    assertThat(new FirmFacts(CN, null, null, null, null, 3, null).sizeClass())
        .contains(SizeClass.SMALL_SCALE);
    // Unknown industry, 10 staff: small-scale in manufacturing, not in retail → unknown.
    assertThat(new FirmFacts(CN, null, null, null, null, 10, null).sizeClass()).isEmpty();
    // Division M without a major, 10 staff: restaurant (retail, small ≤5) or inn (≤20) → unknown.
    assertThat(new FirmFacts(CN, null, Jsic.M, null, null, 10, null).sizeClass()).isEmpty();
    assertThat(new FirmFacts(CN, null, Jsic.M, "76", null, 10, null).sizeClass())
        .contains(SizeClass.SME);
    assertThat(new FirmFacts(CN, null, Jsic.M, "75", null, 10, null).sizeClass())
        .contains(SizeClass.SMALL_SCALE);
    // Unknown industry, ¥1bn and 1000 staff: large in every row.
    assertThat(new FirmFacts(CN, null, null, null, 1_000_000_000L, 1000, null).sizeClass())
        .contains(SizeClass.LARGE);
    assertThat(firm().sizeClass()).contains(SizeClass.SME);
  }

  @Test
  void firmFactsValidation() {
    assertThatThrownBy(() -> new FirmFacts(CN, null, Jsic.I, "09", null, null, null))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("JSIC_CODE_INVALID"))
        .hasMessageContaining("4010401098455")
        .hasMessageContaining("09 is not in division I");
    assertThatThrownBy(() -> new FirmFacts(CN, null, null, null, -1L, null, null))
        .hasMessageContaining("capital -1 is negative");
    assertThatThrownBy(() -> new FirmFacts(null, null, null, null, null, null, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cn is null");
    assertThat(firm().yearsEstablished(AS_OF)).contains(22);
    assertThat(new FirmFacts(CN, null, null, null, null, null, null).yearsEstablished(AS_OF))
        .isEmpty();
  }

  @Test
  void resultInvariant() {
    assertThatThrownBy(
            () -> new EligibilityResult(true, List.of(new RuleCheck("R", "a", "b", "c"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
