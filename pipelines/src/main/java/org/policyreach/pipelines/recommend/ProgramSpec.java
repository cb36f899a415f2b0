package org.policyreach.pipelines.recommend;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.policyreach.core.EligibilityRules;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramWindow;
import org.policyreach.core.SizeClass;
import org.policyreach.models.ranking.ProgramSignals;

/**
 * A catalog program in the form Spark tasks need: serializable (core's {@link Program} is not),
 * rebuilding core's {@link EligibilityRules} on the executor so that eligibility is always decided
 * by core's one implementation.
 */
public final class ProgramSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final String name;
  private final String family;
  private final ArrayList<String> needs;
  private final LocalDate opens;
  private final LocalDate closes;
  private final EnumSet<SizeClass> sizeClasses;
  private final EnumSet<Jsic> jsicDivisions;
  private final EnumSet<Prefecture> prefectures;
  private final Integer minYearsEstablished;
  private final Integer maxEmployees;
  private final Long maxCapitalYen;
  private final long maxAmountYen;
  private final String url;
  private transient EligibilityRules rules;

  private ProgramSpec(Program p) {
    this.id = p.id();
    this.name = p.name();
    this.family = p.family();
    this.needs = new ArrayList<>(p.needs());
    this.opens = p.window().opens();
    this.closes = p.window().closes();
    EligibilityRules r = p.eligibility();
    this.sizeClasses = copy(r.sizeClasses(), SizeClass.class);
    this.jsicDivisions = copy(r.jsicDivisions(), Jsic.class);
    this.prefectures = copy(r.prefectures(), Prefecture.class);
    this.minYearsEstablished = r.minYearsEstablished();
    this.maxEmployees = r.maxEmployees();
    this.maxCapitalYen = r.maxCapitalYen();
    this.maxAmountYen = p.maxAmountYen();
    this.url = p.url();
  }

  public static ProgramSpec of(Program program) {
    return new ProgramSpec(Objects.requireNonNull(program, "program is null"));
  }

  /** The programs of {@code catalog} a recommendation on {@code day} may point at. */
  public static List<ProgramSpec> candidates(
      List<Program> catalog, LocalDate day, int horizonDays) {
    return catalog.stream()
        .filter(p -> p.window().isOpenOrOpensWithin(day, horizonDays))
        .map(ProgramSpec::of)
        .toList();
  }

  private static <E extends Enum<E>> EnumSet<E> copy(Set<E> values, Class<E> type) {
    EnumSet<E> s = EnumSet.noneOf(type);
    s.addAll(values);
    return s;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String family() {
    return family;
  }

  public List<String> needs() {
    return needs;
  }

  public String url() {
    return url;
  }

  public long maxAmountYen() {
    return maxAmountYen;
  }

  public ProgramWindow window() {
    return new ProgramWindow(opens, closes);
  }

  /** Core's rules of this program (rebuilt once per JVM after deserialization). */
  public EligibilityRules rules() {
    EligibilityRules r = rules;
    if (r == null) {
      r =
          new EligibilityRules(
              sizeClasses,
              jsicDivisions,
              prefectures,
              minYearsEstablished,
              maxEmployees,
              maxCapitalYen);
      rules = r;
    }
    return r;
  }

  /** Open on {@code day} (not merely opening soon). */
  public boolean isOpenOn(LocalDate day) {
    return !day.isBefore(opens) && !day.isAfter(closes);
  }

  /** Days from {@code day} to the closing day (0 on it). */
  public int daysLeft(LocalDate day) {
    return Math.toIntExact(window().daysLeft(day));
  }

  /**
   * What the ranker knows about this program on {@code day}; the program must be open or opening
   * then.
   */
  public ProgramSignals signals(LocalDate day) {
    ProgramWindow w = window();
    int untilOpen = (int) Math.max(0, w.daysUntilOpen(day));
    return new ProgramSignals(
        id,
        family,
        needs,
        untilOpen,
        Math.toIntExact(w.daysLeft(day)),
        sizeClasses.size(),
        !jsicDivisions.isEmpty(),
        !prefectures.isEmpty(),
        maxAmountYen);
  }

  public LocalDate closes() {
    return closes;
  }

  @Override
  public String toString() {
    return "ProgramSpec[" + id + "]";
  }
}
