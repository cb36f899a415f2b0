package org.policyreach.pipelines.recommend;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.policyreach.core.Need;
import org.policyreach.core.Program;
import org.policyreach.models.ranking.PeerStats;
import org.policyreach.pipelines.build.BuildContext;

/**
 * What ranking as of one date starts from: the candidate programs (open, or opening within {@code
 * recommend.horizon_days}), the cached {@link FirmFrame} and the peer statistics of that date.
 */
public record RankingInputs(
    LocalDate day,
    List<ProgramSpec> candidates,
    Map<String, String> familyOf,
    Dataset<Row> frame,
    PeerStats peers) {

  /**
   * @param ctx a build context whose date and as-of silver are the ranking date
   * @param profiles {@code gold.firm_profiles} of that date
   */
  public static RankingInputs at(BuildContext ctx, Dataset<Row> profiles) {
    List<Program> catalog = ctx.programs().programs();
    Map<String, String> familyOf = familyOf(catalog);
    List<ProgramSpec> candidates =
        ProgramSpec.candidates(catalog, ctx.asOf(), ctx.config().recommend().horizonDays());
    Dataset<Row> frame =
        FirmFrame.build(ctx.silver(), profiles, ctx.config().targets().contactWindowDays());
    PeerStats peers =
        PeerCounts.of(
            ctx.spark(), profiles, ctx.needs().needs().stream().map(Need::id).toList(), familyOf);
    return new RankingInputs(ctx.asOf(), candidates, familyOf, frame, peers);
  }

  static Map<String, String> familyOf(List<Program> catalog) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Program p : catalog) {
      m.put(p.id(), p.family());
    }
    return m;
  }

  /** Drops the cached frame. */
  public void release() {
    frame.unpersist(false);
  }
}
