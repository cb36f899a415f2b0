package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark SQL over the lakehouse tables by their contract names ({@code silver.firms}…), printed as
 * an aligned table, CSV or a JSON array of row objects.
 */
public final class LakehouseSql {

  /** Output formats of {@code policyreach sql --format}. */
  public enum Format {
    TABLE,
    CSV,
    JSON
  }

  /** The byte order mark that starts the CSV format's output. */
  public static final char BOM = '\uFEFF';

  /** Rows shown by the table format; CSV and JSON print every row. */
  public static final int TABLE_MAX_ROWS = 1000;

  private LakehouseSql() {}

  /**
   * Runs {@code query} with the lakehouse's tables registered.
   *
   * @throws IngestionException BAD_INPUT for a syntax error or an unknown table or column
   */
  public static Dataset<Row> query(SparkSession spark, Lakehouse lakehouse, String query) {
    if (query == null || query.isBlank()) {
      throw IngestionException.badInput(
          "Missing SQL: give a query such as \"SELECT count(*) FROM silver.firms\"");
    }
    lakehouse.register(spark);
    try {
      return spark.sql(query);
    } catch (Exception e) {
      if (e instanceof ParseException) {
        throw IngestionException.badInput("Cannot parse the SQL: " + e.getMessage(), e);
      }
      if (e instanceof AnalysisException || e.getCause() instanceof AnalysisException) {
        throw IngestionException.badInput(
            "Cannot run the SQL: "
                + e.getMessage()
                + "\nTables in "
                + lakehouse.root()
                + ": "
                + String.join(", ", tables(spark, lakehouse)),
            e);
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw IngestionException.failure("Cannot run the SQL: " + e.getMessage(), e);
    }
  }

  /** The registered tables as {@code schema.table}. */
  public static List<String> tables(SparkSession spark, Lakehouse lakehouse) {
    List<String> names = new ArrayList<>();
    for (String schema : Lakehouse.SCHEMAS) {
      for (String t : lakehouse.tablesIn(spark, schema)) {
        names.add(schema + "." + t);
      }
    }
    return names;
  }

  /** Prints the result; returns the number of rows printed. */
  public static long print(Dataset<Row> result, Format format, PrintWriter out) {
    return switch (format) {
      case TABLE -> printTable(result, out);
      case CSV -> printCsv(result, out);
      case JSON -> printJson(result, out);
    };
  }

  private static long printJson(Dataset<Row> result, PrintWriter out) {
    out.print('[');
    long n = 0;
    // every column in every object, null or not, so that rows have the same keys
    Iterator<Row> rows =
        result
            .select(to_json(struct(col("*")), java.util.Map.of("ignoreNullFields", "false")))
            .toLocalIterator();
    while (rows.hasNext()) {
      if (n++ > 0) {
        out.print(',');
      }
      out.print(rows.next().getString(0));
    }
    out.println(']');
    out.flush();
    return n;
  }

  /**
   * CSV (RFC 4180, "\n" between records) after a UTF-8 byte order mark: Excel, which officers open
   * these files with, reads a CSV without one in the locale's code page (CP932 in Japan) and shows
   * the Japanese as mojibake.
   */
  private static long printCsv(Dataset<Row> result, PrintWriter out) {
    Dataset<Row> text = asText(result);
    out.print(BOM);
    try {
      CSVPrinter csv =
          CSVFormat.DEFAULT
              .builder()
              .setHeader(text.columns())
              .setRecordSeparator("\n")
              .get()
              .print(out);
      long n = 0;
      Iterator<Row> rows = text.toLocalIterator();
      while (rows.hasNext()) {
        Row r = rows.next();
        List<String> values = new ArrayList<>(r.length());
        for (int i = 0; i < r.length(); i++) {
          values.add(r.isNullAt(i) ? "" : r.getString(i));
        }
        csv.printRecord(values);
        n++;
      }
      csv.flush();
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long printTable(Dataset<Row> result, PrintWriter out) {
    Dataset<Row> text = asText(result);
    String[] header = text.columns();
    List<String[]> rows = new ArrayList<>();
    Iterator<Row> it = text.toLocalIterator();
    boolean more = false;
    while (it.hasNext()) {
      if (rows.size() == TABLE_MAX_ROWS) {
        more = true;
        break;
      }
      Row r = it.next();
      String[] v = new String[r.length()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.isNullAt(i) ? "NULL" : r.getString(i);
      }
      rows.add(v);
    }
    int[] widths = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      widths[i] = width(header[i]);
      for (String[] r : rows) {
        widths[i] = Math.max(widths[i], width(r[i]));
      }
    }
    printRule(out, widths);
    printRow(out, header, widths);
    printRule(out, widths);
    for (String[] r : rows) {
      printRow(out, r, widths);
    }
    printRule(out, widths);
    out.printf(
        Locale.ROOT,
        "%,d row%s%s%n",
        rows.size(),
        rows.size() == 1 ? "" : "s",
        more ? " shown (more not printed: use --format csv or LIMIT)" : "");
    out.flush();
    return rows.size();
  }

  /** Every column as text; nested values as JSON. */
  private static Dataset<Row> asText(Dataset<Row> result) {
    StructType schema = result.schema();
    Column[] cols = new Column[schema.size()];
    for (int i = 0; i < cols.length; i++) {
      StructField f = schema.fields()[i];
      Column c = col("`" + f.name().replace("`", "``") + "`");
      boolean nested =
          f.dataType() instanceof StructType
              || f.dataType() instanceof ArrayType
              || f.dataType() instanceof MapType;
      cols[i] = (nested ? to_json(c) : c.cast("string")).as(f.name());
    }
    return result.select(cols);
  }

  private static void printRule(PrintWriter out, int[] widths) {
    StringBuilder sb = new StringBuilder("+");
    for (int w : widths) {
      sb.append("-".repeat(w + 2)).append('+');
    }
    out.println(sb);
  }

  private static void printRow(PrintWriter out, String[] values, int[] widths) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < values.length; i++) {
      sb.append(' ')
          .append(values[i])
          .append(" ".repeat(widths[i] - width(values[i])))
          .append(" |");
    }
    out.println(sb);
  }

  /** Display width on a terminal: East Asian wide and full-width characters take two cells. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      w += isWide(cp) ? 2 : 1;
    }
    return w;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6)
        || (cp >= 0x1F300 && cp <= 0x1FAFF)
        || (cp >= 0x20000 && cp <= 0x3FFFD);
  }
}
