package org.policyreach.models.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.policyreach.models.ModelException;

class SegmenterTest {

  @ParameterizedTest(name = "k={0}")
  @CsvSource({"4, 11", "6, 12", "9, 13"})
  void choosesTheTrueNumberOfWellSeparatedBlobs(int trueK, long seed) {
    Blobs blobs = new Blobs(trueK, 150, 5, 40, 1.0, seed);
    SegmentModel model =
        Segmenter.fit(Blobs.numericFeatures(5), blobs.rows, Segmenter.Options.defaults(seed));

    assertThat(model.k()).isEqualTo(trueK);
    assertThat(model.scores()).extracting(KScore::k).containsExactly(4, 5, 6, 7, 8, 9, 10, 11, 12);
    // every true blob maps to exactly one segment
    Map<Integer, Integer> segmentOfBlob = new HashMap<>();
    for (int i = 0; i < blobs.rows.length; i++) {
      int segment = model.assign(blobs.rows[i]);
      assertThat(segmentOfBlob.computeIfAbsent(blobs.truth[i], b -> segment)).isEqualTo(segment);
    }
    assertThat(segmentOfBlob.values()).doesNotHaveDuplicates();
  }

  @Test
  void isDeterministicForASeed() {
    Blobs blobs = new Blobs(5, 200, 4, 10, 2.0, 3);
    List<SegmentFeature> features = Blobs.numericFeatures(4);
    SegmentModel a = Segmenter.fit(features, blobs.rows, Segmenter.Options.defaults(42));
    SegmentModel b = Segmenter.fit(features, blobs.rows, Segmenter.Options.defaults(42));

    assertThat(a).isEqualTo(b);
    for (double[] row : blobs.rows) {
      assertThat(a.assign(row)).isEqualTo(b.assign(row));
    }
  }

  @Test
  void fitsOnASeededSampleWhenThereAreMoreRowsThanTheCap() {
    Blobs blobs = new Blobs(4, 1000, 3, 30, 1.0, 5);
    Segmenter.Options options = new Segmenter.Options(3, 5, 2, 50, 1_000, 500, 9);
    SegmentModel model = Segmenter.fit(Blobs.numericFeatures(3), blobs.rows, options);

    assertThat(model.k()).isEqualTo(4);
    assertThat(java.util.Arrays.stream(model.sizes()).sum()).isEqualTo(1_000);
    // segment 0 is the largest
    assertThat(model.sizes()[0]).isEqualTo(java.util.Arrays.stream(model.sizes()).max().getAsInt());
  }

  @Test
  void assignIsTheNearestCentroidInWeightedStandardizedSpace() {
    Blobs blobs = new Blobs(4, 100, 3, 20, 1.0, 8);
    List<SegmentFeature> features =
        List.of(
            Blobs.numericFeatures(3).get(0).withWeight(2.0),
            Blobs.numericFeatures(3).get(1),
            Blobs.numericFeatures(3).get(2).withWeight(0.5));
    SegmentModel model = Segmenter.fit(features, blobs.rows, Segmenter.Options.defaults(1));
    double[][] centroids = model.centroids();
    for (double[] row : blobs.rows) {
      double[] z = model.standardizer().transform(row);
      z[0] *= 2.0;
      z[2] *= 0.5;
      int nearest = 0;
      for (int c = 1; c < centroids.length; c++) {
        if (distance(z, centroids[c]) < distance(z, centroids[nearest])) {
          nearest = c;
        }
      }
      assertThat(model.assign(row)).isEqualTo(nearest);
    }
  }

  @Test
  void explainsBadInput() {
    List<SegmentFeature> features = Blobs.numericFeatures(2);
    double[][] constant = new double[50][];
    java.util.Arrays.fill(constant, new double[] {1, 1});
    assertThatThrownBy(() -> Segmenter.fit(features, constant, Segmenter.Options.defaults(1)))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("fewer distinct points than 4; the features do not vary enough");
    assertThatThrownBy(
            () ->
                Segmenter.fit(features, new double[][] {{1, 2, 3}}, Segmenter.Options.defaults(1)))
        .hasMessageContaining("row 0 has 3 values, expected 2 (one per feature)");

    SegmentModel model =
        Segmenter.fit(features, new Blobs(4, 20, 2, 20, 1, 1).rows, Segmenter.Options.defaults(1));
    assertThatThrownBy(() -> model.assign(new double[] {1}))
        .hasMessage("Cannot assign a segment: got 1 feature values, the model expects 2 [x0, x1]");
  }

  private static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return sum;
  }
}
