package org.policyreach.pipelines.recommend;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Works around a failure of {@code AsOfSilver.applications()} for past dates: an application whose
 * status history has no entry on or before the as-of date (ingested with a later status only) makes
 * its {@code element_at(history, -1)} fail under Spark's ANSI mode instead of falling back to
 * {@code submitted} as intended. Datasets analysed inside {@link #call} keep non-failing {@code
 * element_at}; everything else in the session keeps ANSI mode. Remove once {@code AsOfSilver} uses
 * {@code try_element_at}.
 */
public final class LenientAsOf {
  static final String ANSI = "spark.sql.ansi.enabled";

  private LenientAsOf() {}

  public static synchronized <T> T call(SparkSession spark, Supplier<T> work) {
    String before = spark.conf().get(ANSI, "true");
    spark.conf().set(ANSI, "false");
    try {
      return work.get();
    } finally {
      spark.conf().set(ANSI, before);
    }
  }
}
