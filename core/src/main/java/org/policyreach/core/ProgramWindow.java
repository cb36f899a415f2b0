package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** The application window of a program round, both days inclusive. */
public record ProgramWindow(LocalDate opens, LocalDate closes) {
  public ProgramWindow {
    requireNonNull(opens, "opens is null");
    requireNonNull(closes, "closes is null");
    if (opens.isAfter(closes)) {
      throw new IllegalArgumentException(
          "Window opens " + opens + " after it closes " + closes + ": swap or correct the dates");
    }
  }

  /** Open on {@code date}: opens ≤ date ≤ closes. */
  public boolean isOpenOn(LocalDate date) {
    requireNonNull(date, "date is null");
    return !date.isBefore(opens) && !date.isAfter(closes);
  }

  /**
   * Not open yet on {@code date} but opens within {@code days} days: date < opens ≤ date + days.
   */
  public boolean opensWithin(LocalDate date, int days) {
    requireNonNull(date, "date is null");
    if (days < 0) {
      throw new IllegalArgumentException("days must be >= 0, got " + days);
    }
    return opens.isAfter(date) && !opens.isAfter(date.plusDays(days));
  }

  /** Open now or opening within {@code days}: the windows a recommendation may point at. */
  public boolean isOpenOrOpensWithin(LocalDate date, int days) {
    return isOpenOn(date) || opensWithin(date, days);
  }

  /** Closed before {@code date}. */
  public boolean isClosedOn(LocalDate date) {
    requireNonNull(date, "date is null");
    return date.isAfter(closes);
  }

  /** Days from {@code date} to the closing day: 0 on the closing day, negative once closed. */
  public long daysLeft(LocalDate date) {
    requireNonNull(date, "date is null");
    return ChronoUnit.DAYS.between(date, closes);
  }

  /** Days from {@code date} to the opening day: 0 on the opening day, negative once opened. */
  public long daysUntilOpen(LocalDate date) {
    requireNonNull(date, "date is null");
    return ChronoUnit.DAYS.between(date, opens);
  }
}
