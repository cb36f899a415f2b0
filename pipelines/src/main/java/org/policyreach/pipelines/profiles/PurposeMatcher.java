package org.policyreach.pipelines.profiles;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Matches purpose texts against need keywords inside Spark partitions: one {@link NeedTextMatcher}
 * (one Kuromoji analyzer) per partition. Input rows hold {@code purpose}; output rows are {@code
 * (purpose, need, keyword)}, one per distinct keyword found.
 */
final class PurposeMatcher implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  static final StructType OUTPUT =
      new StructType()
          .add("purpose", DataTypes.StringType, false)
          .add("need", DataTypes.StringType, false)
          .add("keyword", DataTypes.StringType, false);

  private final LinkedHashMap<String, ArrayList<String>> keywordsByNeed = new LinkedHashMap<>();

  PurposeMatcher(Map<String, List<String>> keywordsByNeed) {
    keywordsByNeed.forEach(
        (need, keywords) -> this.keywordsByNeed.put(need, new ArrayList<>(keywords)));
  }

  @Override
  public Iterator<Row> call(Iterator<Row> purposes) {
    Map<String, List<String>> keywords = new LinkedHashMap<>(keywordsByNeed);
    List<Row> out = new ArrayList<>();
    try (NeedTextMatcher matcher = new NeedTextMatcher(keywords)) {
      while (purposes.hasNext()) {
        String purpose = purposes.next().getString(0);
        if (purpose == null) {
          continue;
        }
        matcher
            .matchesByNeed(purpose)
            .forEach(
                (need, found) -> {
                  for (String keyword : found) {
                    out.add(RowFactory.create(purpose, need, keyword));
                  }
                });
      }
    }
    return out.iterator();
  }
}
