package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Eligibility conditions of a program. An empty set or null limit means "no rule"; every rule given
 * must hold. Sets are immutable and iterate in enum order.
 */
public record EligibilityRules(
    Set<SizeClass> sizeClasses,
    Set<Jsic> jsicDivisions,
    Set<Prefecture> prefectures,
    Integer minYearsEstablished,
    Integer maxEmployees,
    Long maxCapitalYen) {

  /** No rule at all. */
  public static final EligibilityRules NONE =
      new EligibilityRules(Set.of(), Set.of(), Set.of(), null, null, null);

  public EligibilityRules {
    sizeClasses = copy(sizeClasses, SizeClass.class, "sizeClasses");
    jsicDivisions = copy(jsicDivisions, Jsic.class, "jsicDivisions");
    prefectures = copy(prefectures, Prefecture.class, "prefectures");
    requireNonNegative(minYearsEstablished, "minYearsEstablished");
    requireNonNegative(maxEmployees, "maxEmployees");
    requireNonNegative(maxCapitalYen, "maxCapitalYen");
  }

  /** True if no rule is set. */
  public boolean isEmpty() {
    return sizeClasses.isEmpty()
        && jsicDivisions.isEmpty()
        && prefectures.isEmpty()
        && minYearsEstablished == null
        && maxEmployees == null
        && maxCapitalYen == null;
  }

  private static <E extends Enum<E>> Set<E> copy(Set<E> in, Class<E> type, String name) {
    requireNonNull(in, name + " is null");
    EnumSet<E> s = EnumSet.noneOf(type);
    for (E e : in) {
      s.add(requireNonNull(e, name + " contains null"));
    }
    return Collections.unmodifiableSet(s);
  }

  private static void requireNonNegative(Number n, String name) {
    if (n != null && n.longValue() < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + n);
    }
  }
}
