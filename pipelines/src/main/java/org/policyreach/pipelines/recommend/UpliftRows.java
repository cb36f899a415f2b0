package org.policyreach.pipelines.recommend;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.models.ranking.PairFeatures;
import org.policyreach.models.ranking.PeerStats;
import org.policyreach.models.ranking.ProgramSignals;

/**
 * Rows of the uplift model, in Spark tasks: for each member of a past campaign (a {@link FirmFrame}
 * row as of a date on or before the push, joined with {@code campaign_id, program_id, push_date,
 * arm, applied, never_reached}), the {@link PairFeatures} of the firm and the campaign's program
 * (the program's own signals taken on the push date), whether it was pushed, whether it applied
 * within the outcome window, and whether it had never applied to anything by the push date.
 * Programs no longer in the catalog are skipped.
 */
final class UpliftRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType SCHEMA =
      new StructType()
          .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
          .add("treated", DataTypes.BooleanType, false)
          .add("label", DataTypes.IntegerType, false)
          .add("never_reached", DataTypes.BooleanType, false)
          .add("campaign_id", DataTypes.StringType, false)
          .add("corporate_number", DataTypes.StringType, false);

  private final Map<String, ProgramSpec> programs;
  private final Map<String, String> familyOf;
  private final PeerStats peers;
  private final double share;
  private final long seed;

  /**
   * @param share the seeded share of members kept (1 for all)
   */
  UpliftRows(
      Map<String, ProgramSpec> programs,
      Map<String, String> familyOf,
      PeerStats peers,
      double share,
      long seed) {
    this.programs = Map.copyOf(programs);
    this.familyOf = Map.copyOf(familyOf);
    this.peers = peers;
    this.share = share;
    this.seed = seed;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> members) {
    List<Row> out = new ArrayList<>();
    Map<String, ProgramSignals> signals = new HashMap<>();
    while (members.hasNext()) {
      Row row = members.next();
      ProgramSpec p = programs.get(row.<String>getAs("program_id"));
      String campaign = row.getAs("campaign_id");
      if (p == null
          || (share < 1
              && SeededHash.unit(seed, "uplift", campaign, row.getAs(FirmFrame.CN)) >= share)) {
        continue;
      }
      java.time.LocalDate push = row.<Date>getAs("push_date").toLocalDate();
      ProgramSignals s = signals.computeIfAbsent(p.id() + "@" + push, k -> p.signals(push));
      FirmInput firm = FirmInput.of(row, familyOf);
      double[] x = PairFeatures.compute(firm.signals(), s, peers.resolve(firm.signals().peerKey()));
      List<Double> l = new ArrayList<>(x.length);
      for (double v : x) {
        l.add(v);
      }
      Boolean applied = row.getAs("applied");
      Boolean never = row.getAs("never_reached");
      out.add(
          RowFactory.create(
              Spark.array(l),
              "treated".equals(row.getAs("arm")),
              Boolean.TRUE.equals(applied) ? 1 : 0,
              Boolean.TRUE.equals(never),
              campaign,
              firm.corporateNumber()));
    }
    return out.iterator();
  }
}
