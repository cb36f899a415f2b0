package org.policyreach.models.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.policyreach.models.Standardizer;

class SegmentLabelerTest {

  /** industry (3) + size (2) one-hot, three needs, firm age: the features a profile gives. */
  static final List<SegmentFeature> FEATURES =
      List.of(
          SegmentFeature.category("jsic_E", "industry", "製造業", "manufacturing"),
          SegmentFeature.category("jsic_I", "industry", "卸売業・小売業", "wholesale and retail"),
          SegmentFeature.category("jsic_G", "industry", "情報通信業", "information and communications"),
          SegmentFeature.category("size_small_scale", "size", "小規模", "small-scale"),
          SegmentFeature.category("size_sme", "size", "中小企業", "SME"),
          SegmentFeature.need("need_equipment", "設備投資", "equipment investment"),
          SegmentFeature.need("need_sales", "販路開拓", "sales channels"),
          SegmentFeature.need("need_digital", "デジタル化", "digitalization"),
          SegmentFeature.numeric("firm_age_years", "老舗", "long-established", "創業間もない", "young"));

  /** Four planted groups of firms; returns rows and fills {@code truth}. */
  static double[][] firms(int perGroup, long seed, int[] truth) {
    Random r = new Random(seed);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < perGroup * 4; i++) {
      int g = i % 4;
      truth[i] = g;
      double[] x = new double[FEATURES.size()];
      switch (g) {
        case 0 -> { // manufacturing, small-scale, equipment, old
          x[0] = 1;
          x[3] = 1;
          x[5] = 0.8 + 0.1 * r.nextGaussian();
          x[8] = 60 + 5 * r.nextGaussian();
        }
        case 1 -> { // retail, small-scale, sales channels
          x[1] = 1;
          x[3] = 1;
          x[6] = 0.8 + 0.1 * r.nextGaussian();
          x[8] = 25 + 5 * r.nextGaussian();
        }
        case 2 -> { // IT, SME, digitalization, young
          x[2] = 1;
          x[4] = 1;
          x[7] = 0.85 + 0.1 * r.nextGaussian();
          x[8] = 3 + r.nextGaussian();
        }
        default -> { // manufacturing, SME, digitalization
          x[0] = 1;
          x[4] = 1;
          x[7] = 0.7 + 0.1 * r.nextGaussian();
          x[5] = 0.2 + 0.05 * r.nextGaussian();
          x[8] = 30 + 5 * r.nextGaussian();
        }
      }
      rows.add(x);
    }
    return rows.toArray(double[][]::new);
  }

  @Test
  void labelsAreJapaneseUniqueAndNameTheDistinguishingFeatures() {
    int[] truth = new int[800];
    double[][] rows = firms(200, 1, truth);
    SegmentModel model = Segmenter.fit(FEATURES, rows, Segmenter.Options.defaults(7));
    assertThat(model.k()).isEqualTo(4);

    List<SegmentLabel> labels = SegmentLabeler.label(model);
    assertThat(labels).extracting(SegmentLabel::labelJa).doesNotHaveDuplicates();
    assertThat(labels).extracting(SegmentLabel::labelEn).doesNotHaveDuplicates();
    assertThat(labels)
        .allSatisfy(l -> assertThat(l.labelJa()).matches(".*[\\p{IsHan}\\p{IsKatakana}].*"));

    String[] expected = new String[4];
    for (int g = 0; g < 4; g++) {
      int first = -1;
      for (int i = 0; i < truth.length && first < 0; i++) {
        first = truth[i] == g ? i : -1;
      }
      expected[g] = labels.get(model.assign(rows[first])).labelJa();
    }
    assertThat(expected[0]).contains("設備投資志向").containsAnyOf("製造業", "小規模", "老舗");
    assertThat(expected[1]).contains("販路開拓志向").containsAnyOf("卸売業・小売業", "小規模");
    assertThat(expected[2]).contains("デジタル化志向").containsAnyOf("情報通信業", "創業間もない");
    assertThat(expected[3]).contains("デジタル化志向").containsAnyOf("製造業", "中小企業");
    // terms follow the feature order: industry before size before needs
    assertThat(expected[0].indexOf("設備投資志向"))
        .isGreaterThan(Math.max(expected[0].indexOf("製造業"), expected[0].indexOf("小規模")));
  }

  @Test
  void aCategoryIsNamedOnlyWhenMostMembersShareItAndItIsOverRepresented() {
    // two features of one group; raw means: segment 0 has 40% A (over-represented but a
    // minority), segment 1 has 90% B
    List<SegmentFeature> features =
        List.of(
            SegmentFeature.category("a", "g", "甲", "A"),
            SegmentFeature.category("b", "g", "乙", "B"));
    Standardizer s = new Standardizer(new double[] {0.2, 0.5}, new double[] {0.4, 0.5});
    SegmentModel model =
        new SegmentModel(
            features,
            s,
            new double[][] {
              {(0.4 - 0.2) / 0.4, (0.3 - 0.5) / 0.5}, {(0.05 - 0.2) / 0.4, (0.9 - 0.5) / 0.5}
            },
            new int[] {10, 10},
            List.of(),
            1);
    List<SegmentLabel> labels = SegmentLabeler.label(model);
    assertThat(labels.get(0).labelJa()).isEqualTo("一般企業群");
    assertThat(labels.get(0).labelEn()).isEqualTo("general firms");
    assertThat(labels.get(1).labelJa()).isEqualTo("乙");
  }

  @Test
  void clashingLabelsGetMoreTermsThenNumbers() {
    List<SegmentFeature> features =
        List.of(
            SegmentFeature.need("n1", "設備投資", "equipment"),
            SegmentFeature.need("n2", "販路開拓", "sales"),
            SegmentFeature.numeric("age", "老舗", "old", "創業間もない", "young"));
    Standardizer s = new Standardizer(new double[] {0, 0, 0}, new double[] {1, 1, 1});
    double[][] centroids = {
      {2.0, 0.0, 0.0}, // equipment only
      {2.0, 0.0, 0.6}, // equipment, then old
      {2.0, 0.0, 0.0}, // identical to segment 0
    };
    SegmentModel model =
        new SegmentModel(features, s, centroids, new int[] {3, 2, 1}, List.of(), 1);
    List<SegmentLabel> labels =
        SegmentLabeler.label(model, new SegmentLabeler.Options(1, 0.5, 0.5));

    assertThat(labels)
        .extracting(SegmentLabel::labelJa)
        .containsExactly("設備投資志向（1）", "設備投資志向・老舗", "設備投資志向（2）");
    assertThat(labels.get(1).labelEn()).isEqualTo("equipment-oriented / old");
    assertThat(labels.get(1).features()).containsExactly("n1", "age");
  }
}
