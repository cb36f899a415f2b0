package org.policyreach.pipelines.recommend;

import java.util.List;
import org.policyreach.pipelines.build.BuildStage;
import org.policyreach.pipelines.publish.PublishStage;
import org.policyreach.pipelines.targets.TargetStage;

/**
 * The stages of {@code policyreach build} after profiles, segments and reports, in order:
 * recommendations → targets → publish (publish must be last: it records the versions of every gold
 * table the build wrote). The first two share the trained ranker.
 */
public final class RecommendStages {
  private RecommendStages() {}

  public static List<BuildStage> all() {
    RankingRun.Handoff handoff = new RankingRun.Handoff();
    return List.of(new RecommendationStage(handoff), new TargetStage(handoff), new PublishStage());
  }
}
