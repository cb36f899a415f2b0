package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Eligibility admits what it does not know: a firm with missing facts is called eligible only when
 * every way of filling them in would be eligible too, and a firm that fails for want of facts alone
 * is {@code UNKNOWN}, never eligible.
 */
class EligibilityUnknownFactsTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);
  private static final CorporateNumber CN = CorporateNumber.parse("4010401098455");

  /** The case of the issue: an SME by capital, employee count missing, may well be small-scale. */
  @Example
  void anSmeByCapitalWithoutAnEmployeeCountIsUnknownForAProgramThatExcludesSmallScaleFirms() {
    FirmFacts noStaffCount =
        new FirmFacts(CN, Prefecture.TOKYO, Jsic.E, "24", 30_000_000L, null, null);
    assertThat(noStaffCount.possibleSizeClasses())
        .containsExactlyInAnyOrder(SizeClass.SMALL_SCALE, SizeClass.SME);
    EligibilityRules smeOnly =
        new EligibilityRules(Set.of(SizeClass.SME), Set.of(), Set.of(), null, null, null);
    EligibilityResult r = Eligibility.evaluate(smeOnly, noStaffCount, AS_OF);
    assertThat(r.eligible()).isFalse();
    assertThat(r.status()).isEqualTo(EligibilityResult.Status.UNKNOWN);
    RuleCheck size = r.failure("SIZE_CLASS").orElseThrow();
    assertThat(size.actual()).isEqualTo(Eligibility.UNKNOWN);
    assertThat(size.messageJa()).contains("従業員数の確認が必要です").doesNotContain("資本金");

    // Open to every SME: whichever it is, it qualifies.
    EligibilityRules everySme =
        new EligibilityRules(
            Set.of(SizeClass.SME, SizeClass.SMALL_SCALE), Set.of(), Set.of(), null, null, null);
    assertThat(Eligibility.evaluate(everySme, noStaffCount, AS_OF).status())
        .isEqualTo(EligibilityResult.Status.ELIGIBLE);
    // Large firms only: it is an SME whatever its staff, so it fails on what is known.
    EligibilityRules largeOnly =
        new EligibilityRules(Set.of(SizeClass.LARGE), Set.of(), Set.of(), null, null, null);
    EligibilityResult large = Eligibility.evaluate(largeOnly, noStaffCount, AS_OF);
    assertThat(large.status()).isEqualTo(EligibilityResult.Status.NOT_ELIGIBLE);
    assertThat(large.failure("SIZE_CLASS").orElseThrow().actual()).isEqualTo("small_scale|sme");
  }

  @Example
  void aKnownFailureBesideAnUnknownIsNotEligible() {
    FirmFacts osaka = new FirmFacts(CN, Prefecture.OSAKA, Jsic.E, "24", null, null, null);
    EligibilityRules rules =
        new EligibilityRules(Set.of(), Set.of(), Set.of(Prefecture.TOKYO), null, 50, null);
    EligibilityResult r = Eligibility.evaluate(rules, osaka, AS_OF);
    assertThat(r.status()).isEqualTo(EligibilityResult.Status.NOT_ELIGIBLE);
    assertThat(r.unconfirmed()).extracting(RuleCheck::rule).containsExactly("MAX_EMPLOYEES");
  }

  /**
   * Soundness over random facts and rules: if the firm with some facts missing is eligible, the
   * firm is eligible for every completion of those facts; if it is not eligible on a known fact, no
   * completion makes it eligible; and if it is unknown, some completion is eligible and some
   * completion is not.
   */
  @Property(tries = 400)
  void theVerdictOnMissingFactsHoldsForEveryWayOfFillingThemIn(
      @ForAll("firms") FirmFacts full,
      @ForAll("rules") EligibilityRules rules,
      @ForAll("masks") boolean[] missing) {
    FirmFacts partial = blank(full, missing);
    EligibilityResult verdict = Eligibility.evaluate(rules, partial, AS_OF);
    List<EligibilityResult.Status> completions = new ArrayList<>();
    for (FirmFacts filled : completions(partial)) {
      completions.add(Eligibility.evaluate(rules, filled, AS_OF).status());
    }
    switch (verdict.status()) {
      case ELIGIBLE -> assertThat(completions).containsOnly(EligibilityResult.Status.ELIGIBLE);
      case NOT_ELIGIBLE ->
          assertThat(completions).doesNotContain(EligibilityResult.Status.ELIGIBLE);
      case UNKNOWN -> assertThat(verdict.unconfirmed()).isNotEmpty();
    }
  }

  private static FirmFacts blank(FirmFacts f, boolean[] m) {
    return new FirmFacts(
        f.cn(),
        m[0] ? null : f.prefecture(),
        m[1] ? null : f.jsic(),
        m[1] || m[2] ? null : f.jsicMajor(),
        m[3] ? null : f.capitalYen(),
        m[4] ? null : f.employees(),
        m[5] ? null : f.established());
  }

  /** Values that straddle every limit of the rules and the SME Act, for each missing fact. */
  private static List<FirmFacts> completions(FirmFacts p) {
    List<Prefecture> prefs =
        p.prefecture() != null
            ? List.of(p.prefecture())
            : List.of(Prefecture.TOKYO, Prefecture.OSAKA, Prefecture.HOKKAIDO);
    List<Jsic> divisions = p.jsic() != null ? List.of(p.jsic()) : List.of(Jsic.E, Jsic.I, Jsic.M);
    List<Long> capitals =
        p.capitalYen() != null
            ? List.of(p.capitalYen())
            : List.of(0L, 10_000_000L, 50_000_000L, 100_000_000L, 300_000_000L, 1_000_000_000L);
    List<Integer> staff =
        p.employees() != null ? List.of(p.employees()) : List.of(0, 5, 20, 50, 100, 300, 1000);
    List<LocalDate> founded =
        p.established() != null
            ? List.of(p.established())
            : List.of(LocalDate.of(1990, 1, 1), LocalDate.of(2024, 1, 1));
    List<FirmFacts> out = new ArrayList<>();
    for (Prefecture pr : prefs) {
      for (Jsic j : divisions) {
        List<String> majors = p.jsicMajor() != null ? List.of(p.jsicMajor()) : majors(j);
        for (String major : majors) {
          for (Long c : capitals) {
            for (Integer e : staff) {
              for (LocalDate d : founded) {
                out.add(new FirmFacts(p.cn(), pr, j, major, c, e, d));
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static List<String> majors(Jsic division) {
    return IntStream.rangeClosed(division.firstMajor(), division.lastMajor())
        .mapToObj(m -> String.format("%02d", m))
        .toList();
  }

  @Provide
  Arbitrary<boolean[]> masks() {
    return Arbitraries.of(true, false).array(boolean[].class).ofSize(6);
  }

  @Provide
  Arbitrary<FirmFacts> firms() {
    Arbitrary<Jsic> jsic = Arbitraries.of(Jsic.E, Jsic.I, Jsic.M);
    return Combinators.combine(
            Arbitraries.of(Prefecture.TOKYO, Prefecture.OSAKA, Prefecture.HOKKAIDO),
            jsic,
            Arbitraries.of(
                0L, 10_000_000L, 50_000_000L, 100_000_000L, 300_000_000L, 1_000_000_000L),
            Arbitraries.of(0, 5, 20, 50, 100, 300, 1000),
            Arbitraries.of(LocalDate.of(1990, 1, 1), LocalDate.of(2024, 1, 1)),
            Arbitraries.integers().between(0, 100))
        .as(
            (pr, j, c, e, d, pick) -> {
              List<String> majors = majors(j);
              return new FirmFacts(CN, pr, j, majors.get(pick % majors.size()), c, e, d);
            });
  }

  @Provide
  Arbitrary<EligibilityRules> rules() {
    Arbitrary<Set<SizeClass>> sizes =
        Arbitraries.of(SizeClass.class)
            .set()
            .ofMaxSize(2)
            .map(s -> s.isEmpty() ? Set.of() : EnumSet.copyOf(s));
    return Combinators.combine(
            sizes,
            Arbitraries.of(Set.<Jsic>of(), Set.of(Jsic.E), Set.of(Jsic.I, Jsic.M)),
            Arbitraries.of(Set.<Prefecture>of(), Set.of(Prefecture.TOKYO)),
            Arbitraries.of(5, 10).injectNull(0.5),
            Arbitraries.of(20, 100).injectNull(0.5),
            Arbitraries.of(50_000_000L, 300_000_000L).injectNull(0.5))
        .as(EligibilityRules::new);
  }
}
