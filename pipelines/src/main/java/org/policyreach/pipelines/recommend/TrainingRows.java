package org.policyreach.pipelines.recommend;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.models.ranking.PairFeatures;
import org.policyreach.models.ranking.PeerStats;
import org.policyreach.models.ranking.ProgramSignals;

/**
 * Training rows of the ranker, computed in Spark tasks: for each firm of the seeded sample (a
 * {@link FirmFrame} row as of the feature date plus a {@code labels} array of the programs it
 * applied to in the label window), one row per program it was eligible for then — the {@link
 * PairFeatures}, label 1 if it applied, and whether the firm is in the validation fold.
 */
final class TrainingRows implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final String LABELS = "labels";

  static final StructType SCHEMA =
      new StructType()
          .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
          .add("label", DataTypes.IntegerType, false)
          .add("validation", DataTypes.BooleanType, false);

  private final List<ProgramSpec> candidates;
  private final Map<String, String> familyOf;
  private final LocalDate day;
  private final PeerStats peers;
  private final long seed;
  private final double sampleShare;
  private final double validationShare;

  TrainingRows(
      List<ProgramSpec> candidates,
      Map<String, String> familyOf,
      LocalDate day,
      PeerStats peers,
      long seed,
      double sampleShare,
      double validationShare) {
    this.candidates = List.copyOf(candidates);
    this.familyOf = Map.copyOf(familyOf);
    this.day = day;
    this.peers = peers;
    this.seed = seed;
    this.sampleShare = sampleShare;
    this.validationShare = validationShare;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> firms) {
    List<Row> out = new ArrayList<>();
    Map<String, ProgramSignals> signals = new HashMap<>();
    for (ProgramSpec p : candidates) {
      signals.put(p.id(), p.signals(day));
    }
    while (firms.hasNext()) {
      Row row = firms.next();
      String cn = row.getAs(FirmFrame.CN);
      if (SeededHash.unit(seed, "sample", cn) >= sampleShare) {
        continue;
      }
      FirmInput firm = FirmInput.of(row, familyOf);
      List<ProgramSpec> eligible = firm.eligible(candidates, day);
      if (eligible.isEmpty()) {
        continue;
      }
      Set<String> labels = new HashSet<>();
      for (Object p : Spark.<Object>list(row, LABELS)) {
        labels.add(String.valueOf(p));
      }
      boolean validation =
          SeededHash.unit(seed, "validation", firm.corporateNumber()) < validationShare;
      PeerStats.PeerGroup group = peers.resolve(firm.signals().peerKey());
      for (ProgramSpec p : eligible) {
        double[] x = PairFeatures.compute(firm.signals(), signals.get(p.id()), group);
        out.add(RowFactory.create(toList(x), labels.contains(p.id()) ? 1 : 0, validation));
      }
    }
    return out.iterator();
  }

  private static scala.collection.immutable.Seq<Double> toList(double[] x) {
    List<Double> l = new ArrayList<>(x.length);
    for (double v : x) {
      l.add(v);
    }
    return Spark.array(l);
  }
}
