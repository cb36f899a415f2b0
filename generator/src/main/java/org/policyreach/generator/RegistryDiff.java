package org.policyreach.generator;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.policyreach.core.Prefecture;

/**
 * The national diff file between the monthly full file and the as-of date: name changes (11),
 * address changes (12), closures (21) and mergers (71, with the successor's number), and for some
 * firms two changes — a history row ({@code latest=0}) and the latest row. Written in one pass
 * after the full files; only about 1% of firms change, and they are regenerated on demand.
 */
final class RegistryDiff {
  static final double SHARE = 0.012;

  private final FirmPopulation population;
  private final RegistryWriter writer;
  private final LocalDate registryDate;
  private final long days;

  RegistryDiff(
      FirmPopulation population,
      RegistryWriter writer,
      LocalDate registryDate,
      LocalDate diffDate) {
    this.population = population;
    this.writer = writer;
    this.registryDate = registryDate;
    this.days = Math.max(1, ChronoUnit.DAYS.between(registryDate, diffDate));
  }

  /** Writes the diff rows of firms {@code 0..firms-1}; returns the number of rows. */
  long write(Emitter out, int firms) {
    long seq = 0;
    for (int i = 0; i < firms; i++) {
      SplittableRandom rng = Seeds.rng(population.seed(), Seeds.Purpose.DIFF, i);
      if (rng.nextDouble() >= SHARE) {
        continue;
      }
      Firm f = population.firm(i);
      if (!f.active()) {
        continue;
      }
      SplittableRandom faultRng = Seeds.rng(population.seed(), Seeds.Purpose.FAULTS, ~(long) i);
      LocalDate change = registryDate.plusDays(1 + rng.nextLong(days));
      LocalDate update = min(change.plusDays(rng.nextInt(4)), registryDate.plusDays(days));
      int kind = rng.nextInt(100);
      if (kind < 33) {
        Firm renamed = f.withName(FirmNames.name(f.jsic(), f.jsicMajor(), f.kind(), rng));
        writer.writeDiff(out, writer.row(++seq, renamed, "11", change, update, true), f, faultRng);
      } else if (kind < 61) {
        Firm moved = moved(f, rng);
        writer.writeDiff(out, writer.row(++seq, moved, "12", change, update, true), f, faultRng);
      } else if (kind < 79) {
        String[] row = writer.row(++seq, f, "21", change, update, true);
        row[18] = change.toString();
        row[19] = rng.nextInt(5) == 0 ? "31" : "01";
        writer.writeDiff(out, row, f, faultRng);
      } else if (kind < 89) {
        String[] row = writer.row(++seq, f, "71", change, update, true);
        row[18] = change.toString();
        row[19] = "11";
        row[20] = successor(i, firms, rng);
        writer.writeDiff(out, row, f, faultRng);
      } else {
        // Two changes in the period: moved first, renamed later. The history row is written
        // after the latest one in some files: order by (updateDate, sequence), not by position.
        Firm moved = moved(f, rng);
        Firm renamed = moved.withName(FirmNames.name(f.jsic(), f.jsicMajor(), f.kind(), rng));
        LocalDate change2 = min(change.plusDays(1 + rng.nextInt(10)), registryDate.plusDays(days));
        LocalDate update2 = min(change2.plusDays(rng.nextInt(3)), registryDate.plusDays(days));
        if (!update2.isAfter(update)) {
          update2 = update.plusDays(1);
        }
        boolean reversed = rng.nextInt(10) < 3;
        if (reversed) {
          writer.writeDiff(
              out, writer.row(++seq, renamed, "11", change2, update2, true), f, faultRng);
          writer.writeDiff(out, writer.row(++seq, moved, "12", change, update, false), f, faultRng);
        } else {
          writer.writeDiff(out, writer.row(++seq, moved, "12", change, update, false), f, faultRng);
          writer.writeDiff(
              out, writer.row(++seq, renamed, "11", change2, update2, true), f, faultRng);
        }
      }
    }
    return seq;
  }

  private static Firm moved(Firm f, SplittableRandom rng) {
    Prefecture p = rng.nextInt(5) == 0 ? Places.prefecture(rng) : f.prefecture();
    Places.City city = Places.city(p, rng);
    return f.withAddress(
        p,
        city,
        Places.town(rng),
        1 + rng.nextInt(5),
        1 + rng.nextInt(30),
        1 + rng.nextInt(25),
        city.postPrefix() + FirmPopulation.pad4(rng.nextInt(10_000)));
  }

  /** An active firm that absorbs firm {@code i}. */
  private String successor(int i, int firms, SplittableRandom rng) {
    for (int attempt = 0; attempt < 20; attempt++) {
      int j = rng.nextInt(firms);
      if (j != i) {
        Firm s = population.firm(j);
        if (s.active()) {
          return s.cn().value();
        }
      }
    }
    return population.firm(i == 0 ? Math.min(1, firms - 1) : 0).cn().value();
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
