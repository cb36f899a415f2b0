package org.policyreach.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;

/**
 * The catalog's programs prepared for generation: need indexes, and the day each round's decisions
 * (採択発表) come out. Only rounds that opened on or before the as-of date can have applications.
 */
final class ProgramBook {
  /** One program round. */
  record Entry(int index, Program program, int[] needIndexes, LocalDate decisionDate) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Set<String> ids;
  private final LocalDate firstOpens;

  ProgramBook(ProgramCatalog catalog, NeedCatalog needs, LocalDate asOf) {
    List<String> needIds = needs.needs().stream().map(n -> n.id()).toList();
    LocalDate first = asOf;
    for (Program p : catalog.programs()) {
      if (p.window().opens().isAfter(asOf)) {
        continue;
      }
      int[] idx = p.needs().stream().mapToInt(needIds::indexOf).toArray();
      for (int i : idx) {
        if (i < 0) {
          throw new IllegalStateException(
              "Program " + p.id() + " has a need missing from the need catalog");
        }
      }
      // Decisions come 5–10 weeks after the window closes, the same day for a whole round.
      long delay = 35 + Math.floorMod(p.id().hashCode(), 36);
      entries.add(new Entry(entries.size(), p, idx, p.window().closes().plusDays(delay)));
      if (p.window().opens().isBefore(first)) {
        first = p.window().opens();
      }
    }
    this.ids = catalog.ids();
    this.firstOpens = first;
  }

  List<Entry> entries() {
    return entries;
  }

  Set<String> ids() {
    return ids;
  }

  /** The earliest opening day of a round with possible applications. */
  LocalDate firstOpens() {
    return firstOpens;
  }
}
