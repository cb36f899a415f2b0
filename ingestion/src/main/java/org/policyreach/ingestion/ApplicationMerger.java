package org.policyreach.ingestion;

import static org.policyreach.ingestion.spark.ScalaValues.seq;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.policyreach.core.ApplicationStatus;
import org.policyreach.ingestion.parse.ApplicationRecord;

/**
 * Combines one application's lines of a batch with its current {@code silver.applications} row. The
 * latest status wins, ordered by the status time and then by progress (a decision outranks the
 * submission at the same instant); an older status arriving later only joins the history. Applying
 * the same batch twice gives the same row. Applications new to the table get the same rules in SQL
 * ({@link SilverStages}); this class merges those already in silver.
 */
final class ApplicationMerger {

  /** {@code silver.applications} plus whether the application is new to the table. */
  static final StructType OUTPUT =
      Tables.APPLICATIONS_SCHEMA.add("is_new", DataTypes.BooleanType, false);

  private ApplicationMerger() {}

  /**
   * @param lines the batch's accepted lines of this application ({@link ApplicationRecord#SCHEMA}
   *     plus {@code fingerprint})
   * @param current the application's row in silver, if any
   */
  static Row merge(Iterator<Row> lines, Iterator<Row> current, String batchId) {
    Row target = current.hasNext() ? current.next() : null;
    List<Row> all = new ArrayList<>();
    lines.forEachRemaining(all::add);
    if (all.isEmpty()) {
      return null;
    }
    Map<String, Row> history = new LinkedHashMap<>();
    Timestamp targetAt = null;
    if (target != null) {
      String targetStatus = target.getAs("status");
      for (Row h : target.<Row>getList(target.fieldIndex("status_history"))) {
        history.putIfAbsent(historyKey(h.getString(0), (Timestamp) h.get(1)), h);
        if (h.getString(0).equals(targetStatus) && later((Timestamp) h.get(1), targetAt)) {
          targetAt = (Timestamp) h.get(1);
        }
      }
    }
    Row best = null;
    for (Row r : all) {
      String status = r.getAs("status");
      Timestamp at = r.getAs("status_at");
      history.putIfAbsent(historyKey(status, at), RowFactory.create(status, at, batchId));
      if (best == null || ORDER.compare(r, best) > 0) {
        best = r;
      }
    }
    List<Row> sortedHistory = new ArrayList<>(history.values());
    sortedHistory.sort(
        Comparator.comparing((Row h) -> millis((Timestamp) h.get(1)))
            .thenComparing(h -> rank(h.getString(0)))
            .thenComparing(h -> h.getString(0)));
    boolean batchWins =
        target == null
            || compareStatus(
                    best.getAs("status_at"),
                    best.<Integer>getAs("status_rank"),
                    targetAt,
                    rank(target.getAs("status")))
                >= 0;
    List<Row> findings = findings(target, all);
    if (!batchWins) {
      Object[] values = values(target);
      values[Tables.APPLICATIONS_SCHEMA.fieldIndex("status_history")] = seq(sortedHistory);
      values[Tables.APPLICATIONS_SCHEMA.fieldIndex("findings")] = seq(findings);
      return withFlag(values, false);
    }
    Object[] values = new Object[Tables.APPLICATIONS_SCHEMA.size()];
    for (int i = 0; i < values.length; i++) {
      String name = Tables.APPLICATIONS_SCHEMA.fields()[i].name();
      values[i] =
          switch (name) {
            case "status_history" -> seq(sortedHistory);
            case "findings" -> seq(findings);
            case "batch_id" -> batchId;
            default -> best.get(best.fieldIndex(name));
          };
    }
    return withFlag(values, target == null);
  }

  /**
   * Findings of every line received for the application (a missing attachment on the submission
   * stays known after the decision arrives), without repeats, by code and detail.
   */
  private static List<Row> findings(Row target, List<Row> lines) {
    Map<String, Row> all = new java.util.TreeMap<>();
    if (target != null) {
      for (Row f : target.<Row>getList(target.fieldIndex("findings"))) {
        all.putIfAbsent(f.getString(0) + "\u0000" + f.getString(1), f);
      }
    }
    for (Row line : lines) {
      for (Row f : line.<Row>getList(line.fieldIndex("findings"))) {
        all.putIfAbsent(f.getString(0) + "\u0000" + f.getString(1), f);
      }
    }
    return new ArrayList<>(all.values());
  }

  static final Comparator<Row> LINE_ORDER =
      Comparator.comparing((Row r) -> r.<String>getAs("source_file"))
          .thenComparing(r -> r.<Long>getAs("source_line"));

  /**
   * Status order of two lines of the same batch; ties go to the later line (of identical
   * duplicates, the last one is kept). {@link SilverStages} orders new applications the same way in
   * SQL.
   */
  private static final Comparator<Row> ORDER =
      Comparator.comparing((Row r) -> millis(r.getAs("status_at")))
          .thenComparing(r -> r.<Integer>getAs("status_rank"))
          .thenComparing(LINE_ORDER);

  private static int compareStatus(Timestamp a, int rankA, Timestamp b, int rankB) {
    int c = Long.compare(millis(a), millis(b));
    return c != 0 ? c : Integer.compare(rankA, rankB);
  }

  private static boolean later(Timestamp a, Timestamp b) {
    return b == null || (a != null && a.after(b));
  }

  private static long millis(Timestamp t) {
    return t == null ? Long.MIN_VALUE : t.getTime();
  }

  static int rank(String status) {
    return ApplicationRecord.rank(ApplicationStatus.parse(status));
  }

  private static String historyKey(String status, Timestamp at) {
    return status + "|" + (at == null ? "" : Long.toString(at.getTime()));
  }

  private static Object[] values(Row row) {
    Object[] v = new Object[Tables.APPLICATIONS_SCHEMA.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = row.get(row.fieldIndex(Tables.APPLICATIONS_SCHEMA.fields()[i].name()));
    }
    return v;
  }

  private static Row withFlag(Object[] values, boolean isNew) {
    Object[] out = java.util.Arrays.copyOf(values, values.length + 1);
    out[values.length] = isNew;
    return RowFactory.create(out);
  }
}
