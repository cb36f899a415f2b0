package org.policyreach.ingestion;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.delta.DeltaLog;
import scala.Option;

/**
 * The lakehouse layout: every table is a Delta table at {@code <root>/<schema>/<table>}. The root
 * is a local path or any Hadoop URI ({@code hdfs://}, {@code s3a://}). {@link #register} makes the
 * tables visible to SQL as {@code schema.table}.
 */
public final class Lakehouse {

  /** The schemas of the lakehouse contract, in data-flow order. */
  public static final List<String> SCHEMAS =
      List.of("bronze", "silver", "gold", "quarantine", "meta");

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  /** A commit ({@code 00000000000000000003.json}) or checkpoint file of a Delta log. */
  private static final Pattern COMMIT_FILE =
      Pattern.compile("\\d{20}\\.(json|checkpoint(\\.[^/]*)?\\.parquet)");

  private final String root;

  private Lakehouse(String root) {
    this.root = root;
  }

  /**
   * A lakehouse at {@code root}: a URI with a scheme is used as given; anything else is a local
   * path, made absolute.
   */
  public static Lakehouse at(String root) {
    Objects.requireNonNull(root, "root is null");
    if (root.isBlank()) {
      throw IngestionException.badInput(
          "Cannot open the lakehouse: the root is empty; pass --lakehouse DIR or set"
              + " POLICYREACH_LAKEHOUSE");
    }
    String normalized =
        SCHEME.matcher(root).matches() && !looksLikeWindowsDrive(root)
            ? localFileUri(root)
            : Path.of(root).toAbsolutePath().normalize().toString();
    while (normalized.length() > 1 && normalized.endsWith("/")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    return new Lakehouse(normalized);
  }

  public static Lakehouse at(Path root) {
    return at(root.toAbsolutePath().toString());
  }

  /**
   * {@code file:///x} and {@code file://localhost/x} as {@code file:/x}, the spelling Hadoop
   * qualifies local paths to: Delta compares a table's registered location with the path it is
   * given as text, and refuses the second write to a table first created under the other spelling
   * (DELTA_AMBIGUOUS_PATHS_IN_CREATE_TABLE). Other URIs are kept as given.
   */
  private static String localFileUri(String root) {
    String lower = root.toLowerCase(java.util.Locale.ROOT);
    for (String prefix : new String[] {"file:///", "file://localhost/"}) {
      if (lower.startsWith(prefix)) {
        return "file:/" + root.substring(prefix.length());
      }
    }
    return root;
  }

  private static boolean looksLikeWindowsDrive(String root) {
    return root.length() > 2 && root.charAt(1) == ':' && Character.isLetter(root.charAt(0));
  }

  public String root() {
    return root;
  }

  /** Location of {@code schema.table}. */
  public String path(String schema, String table) {
    checkName("schema", schema);
    checkName("table", table);
    return root + "/" + schema + "/" + table;
  }

  /**
   * The "no space" message among a failure's causes (and their suppressed exceptions), if the disk
   * (or a quota) under the lakehouse ran full, however deep Spark and Hadoop wrap it.
   */
  public static Optional<String> diskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage();
      if (m != null) {
        for (String marker : List.of("No space left on device", "Disk quota exceeded")) {
          if (m.contains(marker)) {
            return Optional.of(marker);
          }
        }
      }
      for (Throwable s : t.getSuppressed()) {
        Optional<String> inner = diskFull(s);
        if (inner.isPresent()) {
          return inner;
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code schema.table} exists as a Delta table. */
  public boolean exists(SparkSession spark, String schema, String table) {
    return DeltaTable.isDeltaTable(spark, path(schema, table));
  }

  /**
   * Latest committed Delta version of {@code schema.table}, empty if the table does not exist. Read
   * from the Delta log's listing (its snapshot), not from {@code DESCRIBE HISTORY}, which costs a
   * Spark job per call — builds and ingests ask a dozen times each.
   */
  public OptionalLong version(SparkSession spark, String schema, String table) {
    if (!exists(spark, schema, table)) {
      return OptionalLong.empty();
    }
    long v =
        DeltaLog.forTable(spark, path(schema, table))
            .update(false, Option.empty(), Option.<CatalogTable>empty())
            .version();
    return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /**
   * Creates the contract's schemas in the session catalog and registers every Delta table found
   * under the root, so SQL can say {@code silver.firms}. Catalog entries left from another root
   * (one session, several lakehouses: tests) are replaced; dropping them never touches data because
   * every registered table is external.
   */
  public void register(SparkSession spark) {
    for (String schema : SCHEMAS) {
      spark.sql("CREATE SCHEMA IF NOT EXISTS " + schema);
      List<String> found = tablesIn(spark, schema);
      for (Row row : spark.sql("SHOW TABLES IN " + schema).collectAsList()) {
        String table = row.getString(row.fieldIndex("tableName"));
        if (row.getBoolean(row.fieldIndex("isTemporary"))) {
          continue;
        }
        if (!found.contains(table) || !locatedAt(spark, schema, table)) {
          spark.sql("DROP TABLE IF EXISTS " + schema + "." + quote(table));
        }
      }
      for (String table : found) {
        spark.sql(
            "CREATE TABLE IF NOT EXISTS "
                + schema
                + "."
                + quote(table)
                + " USING delta LOCATION '"
                + path(schema, table).replace("'", "\\'")
                + "'");
      }
    }
  }

  /** Names of the Delta tables that exist under {@code <root>/<schema>}. */
  public List<String> tablesIn(SparkSession spark, String schema) {
    checkName("schema", schema);
    List<String> tables = new ArrayList<>();
    try {
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(root + "/" + schema);
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return tables;
      }
      for (FileStatus status : fs.listStatus(dir)) {
        String name = status.getPath().getName();
        if (status.isDirectory()
            && NAME.matcher(name).matches()
            && hasCommit(fs, new org.apache.hadoop.fs.Path(status.getPath(), "_delta_log"))) {
          tables.add(name);
        }
      }
    } catch (IOException e) {
      throw IngestionException.failure(
          "Cannot list the tables of " + root + "/" + schema + ": " + e.getMessage(), e);
    }
    tables.sort(String::compareTo);
    return tables;
  }

  /**
   * Whether a Delta log folder holds a commit (or a checkpoint). A job killed while it created a
   * table can leave data files and an empty {@code _delta_log}: that is no table (Delta ignores the
   * files, and the re-run creates the table over them), and registering it would fail.
   */
  private static boolean hasCommit(FileSystem fs, org.apache.hadoop.fs.Path log)
      throws IOException {
    if (!fs.exists(log)) {
      return false;
    }
    for (FileStatus f : fs.listStatus(log)) {
      if (f.isFile() && COMMIT_FILE.matcher(f.getPath().getName()).matches()) {
        return true;
      }
    }
    return false;
  }

  private boolean locatedAt(SparkSession spark, String schema, String table) {
    CatalogTable meta;
    try {
      meta =
          spark
              .sessionState()
              .catalog()
              .getTableMetadata(new TableIdentifier(table, Option.apply(schema)));
    } catch (org.apache.spark.sql.AnalysisException e) {
      return false; // vanished meanwhile: re-create it
    }
    URI location = meta.location();
    return sameLocation(location, path(schema, table));
  }

  private static boolean sameLocation(URI registered, String expected) {
    String a = stripFileScheme(registered.toString());
    String b = stripFileScheme(expected);
    return a.equals(b);
  }

  private static String stripFileScheme(String location) {
    String s = location;
    if (s.startsWith("file:///")) {
      s = s.substring("file://".length());
    } else if (s.startsWith("file:/")) {
      s = s.substring("file:".length());
    }
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  private static String quote(String identifier) {
    return "`" + identifier + "`";
  }

  private static void checkName(String what, String name) {
    Objects.requireNonNull(name, what + " is null");
    if (!NAME.matcher(name).matches()) {
      throw IngestionException.badInput(
          "Cannot address lakehouse "
              + what
              + " '"
              + name
              + "': names are lower-case letters, digits and underscores");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Lakehouse other && other.root.equals(root);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  @Override
  public String toString() {
    return "Lakehouse[" + root + "]";
  }
}
