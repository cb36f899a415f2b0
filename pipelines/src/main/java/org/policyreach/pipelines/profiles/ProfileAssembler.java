package org.policyreach.pipelines.profiles;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Turns one firm's joined inputs into its {@code gold.firm_profiles} row: the need score of every
 * need (own evidence combined with the peer prior) and the top evidence behind it.
 *
 * <p>Input: the output columns except {@code need_scores}/{@code need_evidence}, plus {@code own}
 * (array of {@code need, own, top: array<struct<contribution, label>>}), {@code prior} (array of
 * doubles in need order) and {@code peer_label}.
 */
final class ProfileAssembler implements MapFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final ArrayList<String> needIds;
  private final NeedScoring scoring;
  private final StructType output;

  ProfileAssembler(List<String> needIds, NeedScoring scoring, StructType output) {
    this.needIds = new ArrayList<>(needIds);
    this.scoring = scoring;
    this.output = output;
  }

  private record Evidence(double contribution, String label) {}

  @Override
  public Row call(Row in) {
    Map<String, Double> own = new HashMap<>();
    Map<String, List<Evidence>> evidence = new HashMap<>();
    List<Row> ownRows =
        in.isNullAt(in.fieldIndex("own")) ? List.of() : in.getList(in.fieldIndex("own"));
    for (Row r : ownRows) {
      String need = r.getString(0);
      own.put(need, r.getDouble(1));
      List<Evidence> top = new ArrayList<>();
      for (Row e : r.<Row>getList(2)) {
        top.add(new Evidence(e.getDouble(0), e.getString(1)));
      }
      evidence.put(need, top);
    }
    List<Double> prior =
        in.isNullAt(in.fieldIndex("prior")) ? List.of() : in.getList(in.fieldIndex("prior"));
    String peerLabel = in.getString(in.fieldIndex("peer_label"));
    int applications = in.getInt(in.fieldIndex("applications"));
    double alpha = scoring.peerAlpha(applications);

    Map<String, Double> scores = new LinkedHashMap<>();
    Map<String, List<String>> explained = new LinkedHashMap<>();
    for (int i = 0; i < needIds.size(); i++) {
      String need = needIds.get(i);
      double p = i < prior.size() && prior.get(i) != null ? prior.get(i) : 0.0;
      double score = scoring.combine(own.getOrDefault(need, 0.0), p, applications);
      scores.put(need, Math.round(score * 1e6) / 1e6);
      List<Evidence> items = new ArrayList<>(evidence.getOrDefault(need, List.of()));
      if (alpha * p >= 0.005) {
        items.add(new Evidence(alpha * p, peerLabel));
      }
      items.sort(Comparator.comparingDouble(Evidence::contribution).reversed());
      List<String> labels = new ArrayList<>();
      for (Evidence e : items) {
        if (labels.size() < scoring.maxEvidence() && !labels.contains(e.label())) {
          labels.add(e.label());
        }
      }
      explained.put(need, labels);
    }

    Object[] values = new Object[output.size()];
    for (int j = 0; j < output.size(); j++) {
      String name = output.fields()[j].name();
      values[j] =
          switch (name) {
            case "need_scores" -> scala.jdk.javaapi.CollectionConverters.asScala(scores);
            case "need_evidence" -> toScala(explained);
            default -> in.get(in.fieldIndex(name));
          };
    }
    return RowFactory.create(values);
  }

  private static scala.collection.Map<String, scala.collection.Seq<String>> toScala(
      Map<String, List<String>> m) {
    Map<String, scala.collection.Seq<String>> converted = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> converted.put(k, scala.jdk.javaapi.CollectionConverters.asScala(v).toSeq()));
    return scala.jdk.javaapi.CollectionConverters.asScala(converted);
  }
}
