package org.policyreach.pipelines.recommend;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.core.Eligibility;
import org.policyreach.core.FirmFacts;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.models.ranking.FirmSignals;
import org.policyreach.models.ranking.PeerKey;

/**
 * One {@link FirmFrame} row read for ranking: core's facts for eligibility, the ranker's signals,
 * and what may not be offered.
 *
 * @param facts null when the corporate number itself is invalid (the firm is never ranked)
 */
public record FirmInput(
    String corporateNumber,
    FirmFacts facts,
    FirmSignals signals,
    Set<String> excluded,
    boolean optedOut,
    int contacts,
    boolean reached,
    String prefectureCode,
    String sizeClass) {

  /**
   * Reads a frame row.
   *
   * @param familyOf program id → family (programs outside the catalog are their own family)
   */
  public static FirmInput of(Row row, Map<String, String> familyOf) {
    String cn = row.getAs(FirmFrame.CN);
    String pref = string(row, "prefecture_code");
    String jsic = string(row, "jsic_division");
    String size = string(row, "size_class");
    Integer applications = integer(row, "applications");
    Integer awards = integer(row, "awards");
    Integer age = integer(row, "firm_age_years");
    Boolean reachedValue = row.getAs("reached");
    boolean reached = reachedValue != null && reachedValue;
    Set<String> families = new HashSet<>();
    for (Object p : Spark.<Object>list(row, "programs_applied")) {
      String id = String.valueOf(p);
      families.add(familyOf.getOrDefault(id, id));
    }
    int apps = applications == null ? 0 : Math.max(0, applications);
    int won = awards == null ? 0 : Math.max(0, Math.min(awards, apps));
    FirmSignals signals =
        new FirmSignals(
            cn,
            new PeerKey(jsic, size, pref),
            needScores(row),
            reached,
            apps,
            won,
            age == null ? Double.NaN : age,
            families);
    Set<String> excluded = new HashSet<>();
    for (Object p : Spark.<Object>list(row, FirmFrame.EXCLUDED)) {
      excluded.add(String.valueOf(p));
    }
    Boolean opted = row.getAs("opted_out");
    Integer contacts = integer(row, FirmFrame.CONTACTS);
    return new FirmInput(
        cn,
        facts(row, cn, pref, jsic).orElse(null),
        signals,
        excluded,
        opted != null && opted,
        contacts == null ? 0 : contacts,
        reached,
        pref,
        size);
  }

  /**
   * The candidates this firm may be offered on {@code day}: not won or pending, and eligible by
   * core's rules (a rule whose attribute is unknown fails). Opted-out firms get none.
   */
  public List<ProgramSpec> eligible(List<ProgramSpec> candidates, LocalDate day) {
    if (facts == null || optedOut) {
      return List.of();
    }
    List<ProgramSpec> out = new ArrayList<>(candidates.size());
    for (ProgramSpec p : candidates) {
      if (!excluded.contains(p.id()) && Eligibility.evaluate(p.rules(), facts, day).eligible()) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Core's facts from the row; an attribute that core rejects is treated as unknown (which fails
   * any rule that needs it), never guessed.
   */
  static Optional<FirmFacts> facts(Row row, String cn, String pref, String jsicLetter) {
    Optional<CorporateNumber> number = CorporateNumber.tryParse(cn);
    if (number.isEmpty()) {
      return Optional.empty();
    }
    Prefecture prefecture = parse(() -> Prefecture.ofCode(pref), pref);
    Jsic jsic = parse(() -> Jsic.ofLetter(jsicLetter), jsicLetter);
    String major = string(row, "jsic_major");
    Long capital = row.getAs("capital_yen");
    Integer employees = integer(row, "employees");
    java.sql.Date est = row.getAs("established");
    LocalDate established = est == null ? null : est.toLocalDate();
    try {
      return Optional.of(
          new FirmFacts(number.get(), prefecture, jsic, major, capital, employees, established));
    } catch (DomainException e) {
      // an inconsistent JSIC code or a negative amount: drop the code and the bad amounts
      return Optional.of(
          new FirmFacts(
              number.get(),
              prefecture,
              jsic,
              null,
              capital != null && capital >= 0 ? capital : null,
              employees != null && employees >= 0 ? employees : null,
              established));
    }
  }

  private static <T> T parse(java.util.function.Supplier<T> parser, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return parser.get();
    } catch (DomainException e) {
      return null;
    }
  }

  private static Map<String, Double> needScores(Row row) {
    int i = row.fieldIndex("need_scores");
    if (row.isNullAt(i)) {
      return Map.of();
    }
    Map<String, Double> raw = row.getJavaMap(i);
    Map<String, Double> out = new HashMap<>(raw.size() * 2);
    raw.forEach(
        (need, score) -> {
          if (need != null && score != null && Double.isFinite(score)) {
            out.put(need, Math.max(0.0, Math.min(1.0, score)));
          }
        });
    return out;
  }

  private static String string(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? null : row.getString(i);
  }

  private static Integer integer(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? null : ((Number) row.get(i)).intValue();
  }
}
