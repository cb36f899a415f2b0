package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one implementation of program eligibility, used by recommendations, targets, reports and the
 * API alike. Each rule the program sets is checked; a rule whose attribute the firm lacks fails
 * with actual {@code unknown} — never recommend what might violate a rule. The result is
 * three-valued ({@link EligibilityResult#status()}): eligible, not eligible, or unknown when only
 * missing facts stand in the way. The size rule asks whether every class the known facts leave
 * possible is allowed ({@link FirmFacts#possibleSizeClasses()}): an SME by capital whose employee
 * count is missing may be small-scale, so a program that excludes small-scale firms is unknown for
 * it, not eligible. The application window is not a rule here; check it with {@link ProgramWindow}.
 */
public final class Eligibility {
  private Eligibility() {}

  /** The rules, in evaluation order; {@code name()} is the rule code in {@link RuleCheck}. */
  public enum Rule {
    SIZE_CLASS,
    JSIC_DIVISION,
    PREFECTURE,
    MIN_YEARS_ESTABLISHED,
    MAX_EMPLOYEES,
    MAX_CAPITAL
  }

  public static final String UNKNOWN = "unknown";

  public static EligibilityResult evaluate(Program program, FirmFacts firm, LocalDate asOf) {
    requireNonNull(program, "program is null");
    return evaluate(program.eligibility(), firm, asOf);
  }

  public static EligibilityResult evaluate(EligibilityRules rules, FirmFacts firm, LocalDate asOf) {
    requireNonNull(rules, "rules is null");
    requireNonNull(firm, "firm is null");
    requireNonNull(asOf, "asOf is null");
    List<RuleCheck> failures = new ArrayList<>();

    if (!rules.sizeClasses().isEmpty()) {
      Set<SizeClass> possible = firm.possibleSizeClasses();
      String expected = ids(rules.sizeClasses(), SizeClass::id);
      String expectedJa = ids(rules.sizeClasses(), SizeClass::labelJa, "・");
      if (possible.stream().noneMatch(rules.sizeClasses()::contains)) {
        failures.add(
            new RuleCheck(
                Rule.SIZE_CLASS.name(),
                expected,
                ids(possible, SizeClass::id, "|"),
                "規模要件を満たしません（対象: "
                    + expectedJa
                    + "、貴社: "
                    + ids(possible, SizeClass::labelJa, "または")
                    + "）"));
      } else if (!rules.sizeClasses().containsAll(possible)) {
        String missing = missingSizeFacts(firm);
        failures.add(
            new RuleCheck(
                Rule.SIZE_CLASS.name(),
                expected,
                UNKNOWN,
                missing + "が不明なため、規模要件（" + expectedJa + "）を満たすか確認できません（" + missing + "の確認が必要です）"));
      }
    }

    if (!rules.jsicDivisions().isEmpty()) {
      String expected = ids(rules.jsicDivisions(), Jsic::letter);
      String expectedJa = ids(rules.jsicDivisions(), Jsic::nameJa, "・");
      if (firm.jsic() == null) {
        failures.add(
            new RuleCheck(
                Rule.JSIC_DIVISION.name(),
                expected,
                UNKNOWN,
                "業種が不明なため、業種要件（" + expectedJa + "）を満たすか確認できません"));
      } else if (!rules.jsicDivisions().contains(firm.jsic())) {
        failures.add(
            new RuleCheck(
                Rule.JSIC_DIVISION.name(),
                expected,
                firm.jsic().letter(),
                "対象業種ではありません（対象: " + expectedJa + "、貴社: " + firm.jsic().nameJa() + "）"));
      }
    }

    if (!rules.prefectures().isEmpty()) {
      String expected = ids(rules.prefectures(), Prefecture::code);
      String expectedJa = ids(rules.prefectures(), Prefecture::nameJa, "・");
      if (firm.prefecture() == null) {
        failures.add(
            new RuleCheck(
                Rule.PREFECTURE.name(),
                expected,
                UNKNOWN,
                "所在地が不明なため、地域要件（" + expectedJa + "）を満たすか確認できません"));
      } else if (!rules.prefectures().contains(firm.prefecture())) {
        failures.add(
            new RuleCheck(
                Rule.PREFECTURE.name(),
                expected,
                firm.prefecture().code(),
                "対象地域外です（対象: " + expectedJa + "、貴社: " + firm.prefecture().nameJa() + "）"));
      }
    }

    Integer minYears = rules.minYearsEstablished();
    if (minYears != null) {
      String expected = ">=" + minYears;
      Optional<Integer> years = firm.yearsEstablished(asOf);
      if (years.isEmpty()) {
        failures.add(
            new RuleCheck(
                Rule.MIN_YEARS_ESTABLISHED.name(),
                expected,
                UNKNOWN,
                "設立年月日が不明なため、設立" + minYears + "年以上の要件を満たすか確認できません"));
      } else if (years.get() < minYears) {
        failures.add(
            new RuleCheck(
                Rule.MIN_YEARS_ESTABLISHED.name(),
                expected,
                Integer.toString(years.get()),
                "設立" + minYears + "年以上が要件です（貴社: 設立" + Math.max(0, years.get()) + "年）"));
      }
    }

    Integer maxEmployees = rules.maxEmployees();
    if (maxEmployees != null) {
      String expected = "<=" + maxEmployees;
      if (firm.employees() == null) {
        failures.add(
            new RuleCheck(
                Rule.MAX_EMPLOYEES.name(),
                expected,
                UNKNOWN,
                "従業員数が不明なため、従業員" + maxEmployees + "人以下の要件を満たすか確認できません"));
      } else if (firm.employees() > maxEmployees) {
        failures.add(
            new RuleCheck(
                Rule.MAX_EMPLOYEES.name(),
                expected,
                Integer.toString(firm.employees()),
                "従業員" + maxEmployees + "人以下が要件です（貴社: " + firm.employees() + "人）"));
      }
    }

    Long maxCapital = rules.maxCapitalYen();
    if (maxCapital != null) {
      String expected = "<=" + maxCapital;
      if (firm.capitalYen() == null) {
        failures.add(
            new RuleCheck(
                Rule.MAX_CAPITAL.name(),
                expected,
                UNKNOWN,
                "資本金が不明なため、資本金" + yen(maxCapital) + "以下の要件を満たすか確認できません"));
      } else if (firm.capitalYen() > maxCapital) {
        failures.add(
            new RuleCheck(
                Rule.MAX_CAPITAL.name(),
                expected,
                Long.toString(firm.capitalYen()),
                "資本金" + yen(maxCapital) + "以下が要件です（貴社: " + yen(firm.capitalYen()) + "）"));
      }
    }
    return EligibilityResult.of(failures);
  }

  /** The facts whose absence leaves the size class open: 資本金, 従業員数, 業種. */
  private static String missingSizeFacts(FirmFacts firm) {
    List<String> missing = new ArrayList<>();
    if (firm.capitalYen() == null) {
      missing.add("資本金");
    }
    if (firm.employees() == null) {
      missing.add("従業員数");
    }
    if (firm.jsic() == null || IndustryGroup.candidates(firm.jsic(), firm.jsicMajor()).size() > 1) {
      missing.add("業種");
    }
    return String.join("・", missing);
  }

  private static <E> String ids(Set<E> values, Function<E, String> f) {
    return ids(values, f, ",");
  }

  private static <E> String ids(Set<E> values, Function<E, String> f, String sep) {
    return values.stream().map(f).collect(Collectors.joining(sep));
  }

  private static String yen(long amount) {
    return NumberFormat.getIntegerInstance(Locale.JAPAN).format(amount) + "円";
  }
}
