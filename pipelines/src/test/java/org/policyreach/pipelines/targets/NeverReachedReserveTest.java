package org.policyreach.pipelines.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.policyreach.ingestion.spark.SparkSessions;

/** The never-reached reserve of list and campaign cuts, and the list cut in Spark agreeing. */
class NeverReachedReserveTest {

  record Firm(String cn, double score, boolean neverReached) {}

  static List<Firm> ranked(long seed, int n, double neverReachedShare) {
    Random random = new Random(seed);
    List<Firm> firms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // firms that already applied score higher, as they do under the propensity ranker
      boolean nr = random.nextDouble() < neverReachedShare;
      double score = random.nextDouble() * (nr ? 0.6 : 1.0);
      firms.add(new Firm(String.format("%013d", 1_000_000L + i), score, nr));
    }
    firms.sort(Comparator.comparingDouble(Firm::score).reversed().thenComparing(Firm::cn));
    return firms;
  }

  @Property(tries = 300)
  void keepsTheReservedShareWhereThereAreEnoughAndTheRankWithinEachGroup(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 120) int n,
      @ForAll @IntRange(min = 1, max = 60) int max,
      @ForAll @DoubleRange(min = 0, max = 1) double share,
      @ForAll @DoubleRange(min = 0, max = 1) double available) {
    List<Firm> ranked = ranked(seed, n, available);
    List<Firm> picked = NeverReachedReserve.pick(ranked, Firm::neverReached, max, share);

    assertThat(picked).hasSize(Math.min(n, max));
    long nrPicked = picked.stream().filter(Firm::neverReached).count();
    long nrThere = ranked.stream().filter(Firm::neverReached).count();
    int reserve = (int) Math.ceil(max * share - 1e-9);
    assertThat(nrPicked).isGreaterThanOrEqualTo(Math.min(reserve, nrThere));
    // the original order is kept, and nobody is passed over for a worse-ranked firm of their group
    assertThat(ranked).containsSubsequence(picked);
    for (boolean group : new boolean[] {true, false}) {
      List<Firm> all = ranked.stream().filter(f -> f.neverReached() == group).toList();
      List<Firm> kept = picked.stream().filter(f -> f.neverReached() == group).toList();
      assertThat(all.subList(0, kept.size())).isEqualTo(kept);
    }
    // the places beyond the reserve go by rank: a firm left out ranks below every non-reserved pick
    if (nrPicked > reserve) {
      Firm worstOther = null;
      for (Firm f : picked) {
        if (!f.neverReached()) {
          worstOther = f;
        }
      }
      if (worstOther != null) {
        int worst = ranked.indexOf(worstOther);
        for (int i = 0; i < worst; i++) {
          assertThat(picked).contains(ranked.get(i));
        }
      }
    }
  }

  @Test
  void withoutAReserveTheCutIsTheTopOfTheRanking() {
    List<Firm> ranked = ranked(7, 50, 0.3);
    assertThat(NeverReachedReserve.pick(ranked, Firm::neverReached, 20, 0.0))
        .isEqualTo(ranked.subList(0, 20));
    assertThat(NeverReachedReserve.reserved(10, 0.5)).isEqualTo(5);
    assertThat(NeverReachedReserve.reserved(9, 0.5)).isEqualTo(5);
    assertThat(NeverReachedReserve.reserved(10, 0.1)).isEqualTo(1);
  }

  /** {@link TargetStage#cut} (window functions) keeps exactly what the reference method keeps. */
  @Test
  void theListCutInSparkKeepsWhatTheReferenceKeeps() {
    SparkSession spark = SparkSessions.shared();
    StructType schema =
        new StructType()
            .add("program_id", DataTypes.StringType)
            .add("corporate_number", DataTypes.StringType)
            .add("rank_score", DataTypes.DoubleType)
            .add("reached", DataTypes.BooleanType);
    List<Row> rows = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    int[][] cases = {{80, 20}, {15, 20}, {60, 25}, {200, 30}};
    double[] available = {0.3, 0.5, 0.05, 0.9};
    for (int c = 0; c < cases.length; c++) {
      String program = "p" + c;
      List<Firm> ranked = ranked(100 + c, cases[c][0], available[c]);
      for (Firm f : ranked) {
        rows.add(RowFactory.create(program, f.cn(), f.score(), !f.neverReached()));
      }
      List<Firm> picked = NeverReachedReserve.pick(ranked, Firm::neverReached, cases[c][1], 0.5);
      for (int i = 0; i < picked.size(); i++) {
        expected.add(program + " " + picked.get(i).cn() + " " + (i + 1));
      }
    }
    Dataset<Row> input = spark.createDataFrame(rows, schema);
    // the same max for every program: the cut takes one max, so give each case its own run
    List<String> actual = new ArrayList<>();
    for (int c = 0; c < cases.length; c++) {
      for (Row r :
          TargetStage.cut(input.filter(input.col("program_id").equalTo("p" + c)), cases[c][1], 0.5)
              .orderBy("rank")
              .collectAsList()) {
        actual.add(
            r.getAs("program_id") + " " + r.getAs("corporate_number") + " " + r.getAs("rank"));
      }
    }
    assertThat(actual).isEqualTo(expected);
  }
}
