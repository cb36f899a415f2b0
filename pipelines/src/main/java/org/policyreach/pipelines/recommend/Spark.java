package org.policyreach.pipelines.recommend;

import java.util.List;
import org.apache.spark.sql.Row;
import scala.collection.immutable.Seq;

/** Small adapters between Java and Spark's Scala API. */
public final class Spark {
  private Spark() {}

  /** Column names as the Scala sequence {@code Dataset.join} takes. */
  public static Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }

  /** Ships {@code value} once to every executor (fitted models, peer statistics). */
  public static <T> org.apache.spark.broadcast.Broadcast<T> broadcast(
      org.apache.spark.sql.SparkSession spark, T value) {
    return org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(value);
  }

  /** A Java list as the Scala sequence Spark's row encoders take for an array column. */
  public static <T> Seq<T> array(List<T> values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(values).toList();
  }

  /** A Spark array or Scala sequence value of a row as a Java list (null → empty). */
  public static <T> List<T> list(Row row, String column) {
    int i = row.fieldIndex(column);
    return row.isNullAt(i) ? List.of() : row.getList(i);
  }
}
