package org.policyreach.ingestion.spark;

import java.util.List;
import java.util.Map;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Values for {@link org.apache.spark.sql.Row}s that Spark encodes: array and map columns must be
 * Scala collections, not {@code java.util} ones.
 */
public final class ScalaValues {
  private ScalaValues() {}

  /** An array column value; null stays null. */
  public static scala.collection.Seq<?> seq(List<?> list) {
    return list == null ? null : CollectionConverters.asScala(list).toSeq();
  }

  /** A map column value; null stays null. */
  public static scala.collection.Map<?, ?> map(Map<?, ?> map) {
    return map == null ? null : CollectionConverters.asScala(map);
  }
}
