package org.policyreach.pipelines.segments;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.policyreach.core.Jsic;
import org.policyreach.core.Need;
import org.policyreach.core.SizeClass;
import org.policyreach.models.segment.SegmentFeature;

/**
 * The clustering features of a firm profile: every need score, size class and JSIC division
 * (one-hot, each group weighted 1/√m so that a many-valued attribute does not dominate), log
 * employees, firm age and whether the firm was ever reached. Missing numbers are imputed with the
 * fit sample's mean.
 */
final class ClusterFeatures implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Columns of {@code gold.firm_profiles} that {@link #vector} reads, in this order. */
  static final List<String> COLUMNS =
      List.of(
          "corporate_number",
          "need_scores",
          "size_class",
          "jsic_division",
          "employees",
          "firm_age_years",
          "reached");

  private final ArrayList<String> needIds = new ArrayList<>();
  private final ArrayList<SegmentFeature> features = new ArrayList<>();
  private double[] imputed;

  ClusterFeatures(List<Need> needs) {
    for (Need n : needs) {
      needIds.add(n.id());
      features.add(SegmentFeature.need("need." + n.id(), n.labelJa(), n.labelEn()));
    }
    double sizeWeight = 1.0 / Math.sqrt(SizeClass.values().length);
    for (SizeClass s : SizeClass.values()) {
      features.add(
          SegmentFeature.category("size_" + s.id(), "size", s.labelJa(), s.id())
              .withWeight(sizeWeight));
    }
    double jsicWeight = 1.0 / Math.sqrt(Jsic.values().length);
    for (Jsic j : Jsic.values()) {
      features.add(
          SegmentFeature.category("jsic_" + j.letter(), "industry", shortName(j), j.nameEn())
              .withWeight(jsicWeight));
    }
    features.add(
        SegmentFeature.numeric(
            "log_employees", "従業員規模大", "larger workforce", "従業員少数", "small workforce"));
    features.add(SegmentFeature.numeric("firm_age", "老舗", "long-established", "創業間もない", "young"));
    features.add(
        SegmentFeature.numeric("reached", "申請経験あり", "already reached", "未接触", "never reached"));
  }

  List<SegmentFeature> features() {
    return features;
  }

  Column[] columns() {
    return COLUMNS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /** Raw feature values of a row of {@link #COLUMNS}; NaN where unknown (before imputation). */
  double[] raw(Row row) {
    double[] v = new double[features.size()];
    int i = 0;
    Map<String, Double> scores = row.isNullAt(1) ? Map.of() : row.getJavaMap(1);
    for (String need : needIds) {
      Double s = scores.get(need);
      v[i++] = s == null ? 0.0 : s;
    }
    String size = row.isNullAt(2) ? null : row.getString(2);
    for (SizeClass s : SizeClass.values()) {
      v[i++] = s.id().equals(size) ? 1.0 : 0.0;
    }
    String jsic = row.isNullAt(3) ? null : row.getString(3);
    for (Jsic j : Jsic.values()) {
      v[i++] = j.letter().equals(jsic) ? 1.0 : 0.0;
    }
    v[i++] = row.isNullAt(4) ? Double.NaN : Math.log1p(Math.max(0, row.getInt(4)));
    v[i++] = row.isNullAt(5) ? Double.NaN : row.getInt(5);
    v[i] = !row.isNullAt(6) && row.getBoolean(6) ? 1.0 : 0.0;
    return v;
  }

  /** Learns the imputation means from the fit sample and imputes it in place. */
  double[][] fitImputation(List<double[]> sample) {
    int d = features.size();
    double[] sum = new double[d];
    long[] n = new long[d];
    for (double[] r : sample) {
      for (int j = 0; j < d; j++) {
        if (!Double.isNaN(r[j])) {
          sum[j] += r[j];
          n[j]++;
        }
      }
    }
    imputed = new double[d];
    for (int j = 0; j < d; j++) {
      imputed[j] = n[j] == 0 ? 0.0 : sum[j] / n[j];
    }
    double[][] out = new double[sample.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = impute(sample.get(i));
    }
    return out;
  }

  double[] impute(double[] raw) {
    for (int j = 0; j < raw.length; j++) {
      if (Double.isNaN(raw[j])) {
        raw[j] = imputed[j];
      }
    }
    return raw;
  }

  /** 製造業 rather than the long official form where core has a short one. */
  private static String shortName(Jsic j) {
    String name = j.nameJa();
    int cut = name.indexOf('（');
    return cut > 0 ? name.substring(0, cut) : name;
  }
}
