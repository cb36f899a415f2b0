package org.policyreach.models.ranking;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.policyreach.models.ModelException;

/**
 * What the ranker knows about a firm as of the scoring date (from {@code gold.firm_profiles}).
 *
 * @param firmId the corporate number (only carried through)
 * @param peerKey industry × size × region
 * @param needScores need id → score in [0, 1]; a need that is absent counts as 0
 * @param reached whether the firm ever applied to (or was reached by) a program
 * @param applications applications so far
 * @param awards awarded applications so far
 * @param firmAgeYears years since establishment; {@code NaN} when unknown
 * @param familiesApplied program families the firm applied to before
 */
public record FirmSignals(
    String firmId,
    PeerKey peerKey,
    Map<String, Double> needScores,
    boolean reached,
    int applications,
    int awards,
    double firmAgeYears,
    Set<String> familiesApplied)
    implements Serializable {
  public FirmSignals {
    Objects.requireNonNull(peerKey, "peerKey is null");
    needScores = Map.copyOf(needScores);
    familiesApplied = Set.copyOf(familiesApplied);
    ModelException.check(
        applications >= 0 && awards >= 0 && awards <= applications,
        "describe firm " + firmId,
        "awards (%d) must be between 0 and applications (%d)",
        awards,
        applications);
  }

  public double needScore(String needId) {
    Double score = needScores.get(needId);
    return score == null ? 0.0 : score;
  }
}
