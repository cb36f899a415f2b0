package org.policyreach.generator;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.policyreach.core.Jsic;
import org.policyreach.core.Need;
import org.policyreach.core.SizeClass;

/**
 * Each firm's hidden needs: a strength in [0, 1] per need of the catalog. Firms in the same cluster
 * (JSIC division × size class × region) share a prior — the industry's typical needs, shifted by
 * size, age and region, plus a cluster-specific perturbation — and each firm deviates from it with
 * noise and, sometimes, one idiosyncratic strong need. Nothing downstream sees these values; they
 * are written to {@code truth/latent_needs.csv} so later stages can be scored.
 */
final class LatentNeeds {
  /** Affinity of each division to a need (the cluster prior before perturbation). */
  private static final Map<String, double[]> AFFINITY =
      Map.ofEntries(
          // A    B    C    D    E    F    G    H    I    J    K    L    M    N    O    P    Q    R
          //   S    T
          row(
              "equipment_investment",
              .35,
              .35,
              .30,
              .35,
              .55,
              .30,
              .10,
              .30,
              .20,
              .05,
              .10,
              .15,
              .30,
              .20,
              .10,
              .20,
              .10,
              .25,
              .05,
              .15),
          row(
              "digitalization",
              .15,
              .15,
              .15,
              .25,
              .30,
              .25,
              .50,
              .30,
              .35,
              .35,
              .30,
              .35,
              .25,
              .25,
              .30,
              .30,
              .25,
              .30,
              .20,
              .20),
          row(
              "sales_channels",
              .35,
              .35,
              .10,
              .10,
              .30,
              .05,
              .30,
              .10,
              .50,
              .10,
              .25,
              .25,
              .45,
              .40,
              .30,
              .15,
              .20,
              .20,
              .05,
              .20),
          row(
              "succession",
              .15,
              .15,
              .12,
              .18,
              .18,
              .08,
              .08,
              .15,
              .18,
              .10,
              .15,
              .12,
              .12,
              .12,
              .10,
              .12,
              .10,
              .12,
              .05,
              .10),
          row(
              "overseas_expansion",
              .10,
              .10,
              .05,
              .02,
              .20,
              .02,
              .15,
              .05,
              .15,
              .03,
              .03,
              .08,
              .10,
              .05,
              .05,
              .02,
              .02,
              .03,
              .01,
              .03),
          row(
              "energy_gx",
              .20,
              .15,
              .25,
              .15,
              .35,
              .50,
              .10,
              .30,
              .15,
              .05,
              .15,
              .10,
              .25,
              .20,
              .10,
              .20,
              .10,
              .15,
              .05,
              .10),
          row(
              "hiring_training",
              .25,
              .25,
              .20,
              .40,
              .30,
              .15,
              .30,
              .40,
              .20,
              .15,
              .15,
              .25,
              .35,
              .30,
              .30,
              .50,
              .20,
              .35,
              .10,
              .15),
          row(
              "cash_flow",
              .20,
              .25,
              .15,
              .25,
              .20,
              .05,
              .15,
              .20,
              .25,
              .05,
              .15,
              .15,
              .35,
              .30,
              .20,
              .15,
              .10,
              .20,
              .05,
              .20),
          row(
              "rnd", .10, .05, .10, .05, .30, .10, .30, .03, .05, .03, .02, .35, .03, .03, .10, .10,
              .02, .05, .05, .05),
          row(
              "new_business",
              .15,
              .15,
              .10,
              .10,
              .20,
              .10,
              .20,
              .10,
              .20,
              .10,
              .15,
              .15,
              .25,
              .25,
              .20,
              .10,
              .10,
              .15,
              .05,
              .20),
          row(
              "startup", .05, .05, .05, .05, .05, .05, .08, .05, .05, .05, .05, .06, .06, .06, .05,
              .05, .05, .05, .02, .05),
          row(
              "resilience_bcp",
              .10,
              .15,
              .15,
              .20,
              .20,
              .25,
              .10,
              .20,
              .10,
              .10,
              .10,
              .08,
              .08,
              .08,
              .10,
              .20,
              .10,
              .10,
              .05,
              .05));

  private static final double DEFAULT_AFFINITY = 0.15;

  private static Map.Entry<String, double[]> row(String need, double... byDivision) {
    if (byDivision.length != Jsic.values().length) {
      throw new IllegalStateException(
          "affinity row " + need + " has " + byDivision.length + " values");
    }
    return Map.entry(need, byDivision);
  }

  private final long seed;
  private final List<Need> needs;
  private final LocalDate asOf;
  private final int[] roles;

  private static final int OTHER = -1;
  private static final String[] KNOWN = {
    "equipment_investment",
    "digitalization",
    "sales_channels",
    "succession",
    "overseas_expansion",
    "energy_gx",
    "hiring_training",
    "cash_flow",
    "rnd",
    "new_business",
    "startup",
    "resilience_bcp"
  };

  LatentNeeds(long seed, List<Need> needs, LocalDate asOf) {
    this.seed = seed;
    this.needs = List.copyOf(needs);
    this.asOf = asOf;
    this.roles = new int[needs.size()];
    for (int k = 0; k < roles.length; k++) {
      roles[k] = OTHER;
      for (int j = 0; j < KNOWN.length; j++) {
        if (KNOWN[j].equals(needs.get(k).id())) {
          roles[k] = j;
        }
      }
    }
  }

  List<Need> needs() {
    return needs;
  }

  int size() {
    return needs.size();
  }

  /** Strengths per need (catalog order), rounded to 3 decimals so the truth file is exact. */
  double[] strengths(Firm firm) {
    SplittableRandom rng = Seeds.rng(seed, Seeds.Purpose.NEEDS, firm.index());
    double[] s = prior(firm);
    int years = Period.between(firm.established(), asOf).getYears();
    for (int k = 0; k < s.length; k++) {
      double v = s[k] + adjustment(roles[k], firm, years) + 0.16 * rng.nextGaussian();
      s[k] = v;
    }
    if (rng.nextInt(100) < 18) {
      int k = rng.nextInt(s.length);
      s[k] = Math.max(s[k], 0.6 + 0.4 * rng.nextDouble());
    }
    for (int k = 0; k < s.length; k++) {
      s[k] = Math.round(Math.max(0, Math.min(1, s[k])) * 1000) / 1000.0;
    }
    return s;
  }

  /** The cluster prior: industry affinity plus a perturbation shared by the whole cluster. */
  double[] prior(Firm firm) {
    long cluster =
        ((long) firm.jsic().ordinal() * 8 + firm.sizeClass().ordinal()) * 16
            + Places.region(firm.prefecture()).ordinal();
    SplittableRandom rng =
        new SplittableRandom(Seeds.derive(seed, Seeds.Purpose.CLUSTER.ordinal(), cluster));
    double[] p = new double[needs.size()];
    for (int k = 0; k < p.length; k++) {
      double base =
          roles[k] == OTHER
              ? DEFAULT_AFFINITY
              : AFFINITY.get(KNOWN[roles[k]])[firm.jsic().ordinal()];
      if (roles[k] == 0 && firm.jsic() == Jsic.E && firm.jsicMajor().equals("09")) {
        base += 0.05;
      }
      p[k] =
          base
              + sizeShift(roles[k], firm.sizeClass())
              + regionShift(roles[k], firm)
              + (rng.nextDouble() - 0.5) * 0.3;
    }
    return p;
  }

  private static double sizeShift(int role, SizeClass size) {
    return switch (size) {
      case SMALL_SCALE ->
          switch (role) {
            case 2 -> 0.10; // sales channels
            case 7 -> 0.08; // cash flow
            case 4, 8 -> -0.05; // overseas, R&D
            default -> 0;
          };
      case SME ->
          switch (role) {
            case 0, 1 -> 0.08; // equipment, digital
            case 6 -> 0.10; // hiring
            case 4 -> 0.05;
            default -> 0;
          };
      case LARGE ->
          switch (role) {
            case 8, 5, 4 -> 0.12; // R&D, GX, overseas
            case 7, 10 -> -0.10;
            default -> 0;
          };
    };
  }

  private static double regionShift(int role, Firm firm) {
    Places.Region r = Places.region(firm.prefecture());
    if (role == 11
        && (r == Places.Region.TOHOKU
            || r == Places.Region.KYUSHU_OKINAWA
            || r == Places.Region.SHIKOKU)) {
      return 0.10; // disaster-prone regions plan for continuity
    }
    if (role == 6 && r != Places.Region.KANTO && r != Places.Region.KINKI) {
      return 0.06; // labour shortage outside the big metropolitan areas
    }
    if (role == 1 && r == Places.Region.KANTO) {
      return 0.05;
    }
    if (role == 4 && r == Places.Region.KYUSHU_OKINAWA) {
      return 0.04; // close to Asian markets
    }
    return 0;
  }

  private static double adjustment(int role, Firm firm, int years) {
    if (role == 3) { // succession: owners of old firms age
      return years >= 40 ? 0.35 : years >= 25 ? 0.18 : -0.05;
    }
    if (role == 10) { // startup: young firms
      return years < 3 ? 0.55 : years < 6 ? 0.25 : -0.05;
    }
    if (role == 9 && years < 6) {
      return 0.05;
    }
    return 0;
  }
}
