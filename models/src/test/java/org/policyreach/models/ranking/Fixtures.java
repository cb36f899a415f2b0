package org.policyreach.models.ranking;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.policyreach.models.Standardizer;

/** Hand-made firms, programs and models with known numbers. */
final class Fixtures {
  static final Map<String, String> NEED_LABELS =
      Map.of("equipment", "設備投資", "sales", "販路開拓", "digital", "デジタル化");
  static final List<String> NEEDS = List.of("equipment", "sales", "digital");
  static final PeerKey MAKER_TOKYO = new PeerKey("E", "small_scale", "13");

  private Fixtures() {}

  /** Every feature has mean 0.5 and sd 0.5 (binary 1 → z 1, 0 → z −1); weights as given. */
  static RankingModel model(double intercept, double... weightsByFeature) {
    double[] mean = new double[PairFeatures.COUNT];
    double[] sd = new double[PairFeatures.COUNT];
    Arrays.fill(mean, 0.5);
    Arrays.fill(sd, 0.5);
    return new RankingModel(
        PairFeatures.VERSION,
        PairFeatures.names(),
        new Standardizer(mean, sd),
        intercept,
        weightsByFeature,
        1.0);
  }

  static double[] weights(Object... indexThenWeight) {
    double[] w = new double[PairFeatures.COUNT];
    for (int i = 0; i < indexThenWeight.length; i += 2) {
      w[(Integer) indexThenWeight[i]] = ((Number) indexThenWeight[i + 1]).doubleValue();
    }
    return w;
  }

  static FirmSignals firm(
      Map<String, Double> needs,
      boolean reached,
      int applications,
      int awards,
      Set<String> families) {
    return new FirmSignals(
        "4010401098455", MAKER_TOKYO, needs, reached, applications, awards, 20, families);
  }

  static ProgramSignals program(
      String id, String family, List<String> needs, int daysUntilOpen, int daysLeft) {
    return new ProgramSignals(
        id, family, needs, daysUntilOpen, daysLeft, 2, false, false, 10_000_000);
  }
}
