package org.policyreach.pipelines.targets;

import java.io.Serializable;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.recommend.SeededHash;

/**
 * The random holdout of the target lists: a (program, firm) pair is held out when its seeded draw
 * is below the share. The draw depends only on the seed, the program and the firm, so the
 * assignment is deterministic for a seed and stable across builds: a firm held out of a program's
 * list stays held out (and never notified) as long as that program runs. Each list's holdout is a
 * binomial sample of its firms (share ± sampling error), not an exact count.
 */
public record Holdout(double share, long seed) implements Serializable {
  public Holdout {
    if (!(share >= 0 && share <= 1)) {
      throw PipelineException.badInput(
          "Cannot draw a holdout of share " + share + ": targets.holdout_share must be in [0, 1]");
    }
  }

  public boolean isHeldOut(String programId, String corporateNumber) {
    return SeededHash.unit(seed, "holdout", programId, corporateNumber) < share;
  }
}
