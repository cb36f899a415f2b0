package org.policyreach.generator;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.SplittableRandom;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.IndustryGroup;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.core.SizeClass;

/**
 * The firm population: firm {@code i} is a pure function of (seed, i), so any thread can generate
 * any firm, and a firm referenced by another (a merger's successor) is regenerated rather than
 * stored.
 *
 * <p>Size classes follow the SME Agency's counts (84.5% small-scale, 15.2% other SMEs, 0.3% large):
 * the class is drawn first, then employees and capital are drawn inside the class's limits for the
 * firm's industry row, so {@link SizeClass#classify} gives the drawn class back.
 */
final class FirmPopulation {
  static final double LARGE_SHARE = 0.003;
  static final double SME_SHARE = 0.150;
  static final double CLOSED_SHARE = 0.02;

  /** The corporate number system's bulk assignment date. */
  static final LocalDate NUMBERING_START = LocalDate.of(2015, 10, 5);

  /** 有限会社 could not be founded after the Companies Act took effect; 合同会社 only after. */
  static final LocalDate COMPANIES_ACT = LocalDate.of(2006, 5, 1);

  /** Serial numbers are a bijection of the index modulo 10^6 (multiplier coprime to 10). */
  private static final int SERIAL_MULTIPLIER = 387_467;

  private static final int SERIAL_OFFSET = 104_729;

  private static final long[] SMALL_CAPITAL = {
    1_000_000, 3_000_000, 5_000_000, 10_000_000, 20_000_000, 30_000_000, 50_000_000
  };
  private static final WeightedChoice SMALL_CAPITAL_CHOICE =
      new WeightedChoice(22, 18, 16, 30, 7, 5, 2);
  private static final long[] SME_CAPITAL = {
    10_000_000, 20_000_000, 30_000_000, 50_000_000, 80_000_000, 100_000_000, 300_000_000
  };
  private static final WeightedChoice SME_CAPITAL_CHOICE =
      new WeightedChoice(30, 20, 17, 16, 5, 9, 3);

  private final long seed;
  private final LocalDate asOf;
  private final LocalDate registryDate;

  /**
   * @param asOf the day the data describes; firms are established before it
   * @param registryDate date of the monthly full registry file; registry changes happen on or
   *     before it
   */
  FirmPopulation(long seed, LocalDate asOf, LocalDate registryDate) {
    this.seed = seed;
    this.asOf = asOf;
    this.registryDate = registryDate;
  }

  long seed() {
    return seed;
  }

  /** The prefecture of firm {@code index}: the first draw of its stream (cheap, for counting). */
  Prefecture prefectureOf(int index) {
    return Places.prefecture(Seeds.rng(seed, Seeds.Purpose.FIRM, index));
  }

  Firm firm(int index) {
    SplittableRandom rng = Seeds.rng(seed, Seeds.Purpose.FIRM, index);
    Prefecture prefecture = Places.prefecture(rng);
    Places.City city = Places.city(prefecture, rng);
    String town = Places.town(rng);
    int chome = 1 + rng.nextInt(rng.nextInt(3) == 0 ? 9 : 4);
    int ban = 1 + rng.nextInt(30);
    int go = 1 + rng.nextInt(25);
    String postCode = city.postPrefix() + pad4(rng.nextInt(10_000));

    Jsic jsic = Industries.division(rng);
    String major = Industries.major(jsic, rng);
    IndustryGroup group = IndustryGroup.of(jsic, major);

    LocalDate established = established(rng);
    double u = rng.nextDouble();
    SizeClass target =
        u < LARGE_SHARE
            ? SizeClass.LARGE
            : u < LARGE_SHARE + SME_SHARE ? SizeClass.SME : SizeClass.SMALL_SCALE;
    int kind = kind(established, target, jsic, rng);
    Limits limits = Limits.of(jsic, major);
    int employees = employees(target, limits, rng);
    long capital = capital(target, limits, kind, employees, rng);
    FirmNames.Name name = FirmNames.name(jsic, major, kind, rng);

    CorporateNumber cn = corporateNumber(index, prefecture, kind, rng);
    LocalDate assignment =
        established.isBefore(NUMBERING_START)
            ? NUMBERING_START
            : min(established.plusDays(3 + rng.nextInt(18)), registryDate);

    String process = "01";
    LocalDate changeDate = assignment;
    LocalDate closeDate = null;
    String closeCause = null;
    double p = rng.nextDouble();
    long daysSinceAssignment = ChronoUnit.DAYS.between(assignment, registryDate);
    if (p < CLOSED_SHARE && daysSinceAssignment > 60) {
      process = "21";
      closeDate = assignment.plusDays(30 + rng.nextLong(daysSinceAssignment - 30));
      closeCause = rng.nextInt(5) == 0 ? "31" : "01";
      changeDate = closeDate;
    } else if (p < 0.12 && daysSinceAssignment > 60) {
      process = rng.nextInt(3) == 0 ? "11" : "12";
      changeDate = assignment.plusDays(30 + rng.nextLong(daysSinceAssignment - 30));
    }
    LocalDate updateDate = min(changeDate.plusDays(rng.nextInt(15)), registryDate);
    if (process.equals("01") && assignment.equals(NUMBERING_START)) {
      updateDate = LocalDate.of(2015, 11, 13).plusDays(rng.nextInt(40));
    }

    Firm firm =
        new Firm(
            index,
            cn,
            prefecture,
            city,
            town,
            chome,
            ban,
            go,
            postCode,
            jsic,
            major,
            group,
            target,
            capital,
            employees,
            established,
            kind,
            name,
            assignment,
            process,
            changeDate,
            updateDate,
            closeDate,
            closeCause);
    SizeClass actual = firm.facts().sizeClass().orElse(null);
    if (actual != target) {
      throw new IllegalStateException(
          "Cannot generate firm "
              + index
              + ": drew "
              + target
              + " but SizeClass gives "
              + actual
              + " for "
              + group
              + " capital "
              + capital
              + " employees "
              + employees);
    }
    return firm;
  }

  private LocalDate established(SplittableRandom rng) {
    double u = rng.nextDouble();
    double years;
    if (u < 0.30) {
      years = 0.2 + rng.nextDouble() * 9.8;
    } else if (u < 0.75) {
      years = 10 + rng.nextDouble() * 25;
    } else {
      years = 35 + rng.nextDouble() * 40;
    }
    return asOf.minusDays((long) (years * 365.25));
  }

  private static int kind(LocalDate established, SizeClass size, Jsic jsic, SplittableRandom rng) {
    int r = rng.nextInt(100);
    if (size == SizeClass.LARGE) {
      return 301;
    }
    if (established.isBefore(COMPANIES_ACT)) {
      return r < 65 ? 301 : r < 97 ? 302 : r < 98 ? 303 : 304;
    }
    if (r < 3 && (jsic == Jsic.P || jsic == Jsic.L || jsic == Jsic.O)) {
      return 399;
    }
    return r < 70 ? 301 : 305;
  }

  /**
   * Size limits that hold for every SME Basic Act row the firm's JSIC major could fall in (a major
   * such as 75 宿泊業 spans two rows), so the drawn class is the class whatever the row.
   */
  private record Limits(
      long capitalMin,
      long capitalMax,
      int employeesMin,
      int employeesMax,
      int smallMin,
      int smallMax) {
    static Limits of(Jsic jsic, String major) {
      Set<IndustryGroup> rows = IndustryGroup.candidates(jsic, major);
      long cMin = Long.MAX_VALUE;
      long cMax = 0;
      int eMin = Integer.MAX_VALUE;
      int eMax = 0;
      int sMin = Integer.MAX_VALUE;
      int sMax = 0;
      for (IndustryGroup g : rows) {
        cMin = Math.min(cMin, g.capitalLimitYen());
        cMax = Math.max(cMax, g.capitalLimitYen());
        eMin = Math.min(eMin, g.employeeLimit());
        eMax = Math.max(eMax, g.employeeLimit());
        sMin = Math.min(sMin, g.smallScaleEmployeeLimit());
        sMax = Math.max(sMax, g.smallScaleEmployeeLimit());
      }
      return new Limits(cMin, cMax, eMin, eMax, sMin, sMax);
    }
  }

  private static int employees(SizeClass size, Limits limits, SplittableRandom rng) {
    int small = limits.smallMin();
    switch (size) {
      case SMALL_SCALE:
        return (int) Math.floor(Math.pow(small + 1, Math.pow(rng.nextDouble(), 1.3))) - 1;
      case SME:
        if (rng.nextInt(20) == 0) {
          // Above the employee limit but an SME by capital.
          return limits.employeesMin() + 1 + (int) (limits.employeesMin() * rng.nextDouble());
        }
        return logUniform(
            limits.smallMax() + 1, limits.employeesMin(), Math.pow(rng.nextDouble(), 1.6));
      default:
        return logUniform(limits.employeesMax() + 1, limits.employeesMax() * 25, rng.nextDouble());
    }
  }

  private static long capital(
      SizeClass size, Limits limits, int kind, int employees, SplittableRandom rng) {
    switch (size) {
      case SMALL_SCALE:
        if (kind == 305) {
          return 100_000L * (1 + rng.nextInt(30));
        }
        if (kind == 302) {
          return rng.nextInt(4) == 0 ? 5_000_000 : 3_000_000;
        }
        return SMALL_CAPITAL[SMALL_CAPITAL_CHOICE.pick(rng)];
      case SME:
        long c = SME_CAPITAL[SME_CAPITAL_CHOICE.pick(rng)];
        if (kind == 302) {
          c = Math.min(c, 30_000_000);
        }
        // Above the employee limit, only capital within its limit keeps the firm an SME.
        return employees > limits.employeesMin() ? Math.min(c, limits.capitalMin()) : c;
      default:
        // Large: above the capital limit too (otherwise it would be an SME by capital).
        return (long) (limits.capitalMax() * (1.2 + rng.nextDouble() * 30))
            / 10_000_000
            * 10_000_000;
    }
  }

  /**
   * A unique, valid number: 登記所 code (prefecture bureau + office digit), register kind, and a
   * six-digit serial that is a bijection of the index within each million.
   */
  private static CorporateNumber corporateNumber(
      int index, Prefecture prefecture, int kind, SplittableRandom rng) {
    int office = Places.bureauArea(prefecture) * 100 + (index / 1_000_000) * 10 + rng.nextInt(10);
    String register = kind == 301 || kind == 302 ? "01" : kind == 399 ? "05" : "03";
    long serial = ((long) (index % 1_000_000) * SERIAL_MULTIPLIER + SERIAL_OFFSET) % 1_000_000;
    StringBuilder base = new StringBuilder(12);
    base.append(pad4(office)).append(register);
    String s = Long.toString(serial);
    base.append("0".repeat(6 - s.length())).append(s);
    return CorporateNumber.ofBase(base.toString());
  }

  private static int logUniform(int lo, int hi, double u) {
    if (hi <= lo) {
      return lo;
    }
    double v = Math.exp(Math.log(lo) + u * (Math.log(hi + 1) - Math.log(lo)));
    return Math.max(lo, Math.min(hi, (int) v));
  }

  static String pad4(int v) {
    String s = Integer.toString(v);
    return "0000".substring(s.length()) + s;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
