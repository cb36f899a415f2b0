package org.policyreach.pipelines.maintain;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.pipelines.PipelineException;
import org.policyreach.pipelines.publish.Publication;
import org.policyreach.pipelines.publish.Publisher;

/**
 * Keeps the lakehouse's Delta tables healthy: compacts the ones that grow by small appends
 * (OPTIMIZE) and deletes the files no kept version needs any more (VACUUM).
 *
 * <p><b>Which tables.</b> Every Delta table of the lakehouse contract ({@link Lakehouse#SCHEMAS},
 * discovered with {@link Lakehouse#tablesIn}, nothing hard-coded). A table is compacted when its
 * history shows it grows piecewise — an append, MERGE, UPDATE, DELETE or partial overwrite ({@code
 * replaceWhere}) since its last whole rewrite — and its latest version has at least two files:
 * bronze, quarantine, the ledgers in meta, silver tables merged per batch, the gold tables that
 * keep every build's rows. Tables every build rewrites whole are left alone (the next build
 * replaces their files anyway). Every table is vacuumed that has a file older than its retention
 * (less a margin): where none is, VACUUM could delete nothing and is not run ({@link #mayDelete}).
 *
 * <p><b>Which files VACUUM may delete.</b> The serving layer, the push planner and a roll-back read
 * gold tables at the versions {@code meta.publications} recorded (Delta time travel), so VACUUM
 * must keep every file those versions need. The kept publications are the newest {@code
 * keepPublications} plus the publication the serving layer reads beside the newest one (the newest
 * earlier one of another build: its segment figures are the trend). For each table, let {@code T}
 * be the commit time of the oldest version a kept publication pins; the retention is {@code
 * max(minRetention, now − T + margin)}, in whole hours rounded up (Delta counts whole hours). A
 * file that version {@code v} needs was removed by a later commit, so its deletion time is at or
 * after {@code T} — the margin covers a deletion timestamp taken a little before a concurrent
 * commit that landed before {@code v}, and clock skew — and VACUUM only deletes files removed
 * before {@code now − retention ≤ T − margin}. A publication not kept may lose files: once it is
 * older than the retention, reading it fails, which is the point of keeping only some.
 *
 * <p><b>Delta's 168-hour check.</b> Delta refuses a retention below the table's {@code
 * delta.deletedFileRetentionDuration} (7 days unless set) while {@code
 * spark.databricks.delta.retentionDurationCheck.enabled} is true, because a short retention can
 * delete files an older snapshot a reader still holds, or a writer's not yet committed files, need.
 * The retention here is never shorter than {@code minRetention}, whose default is that same 168
 * hours, so by default the check never fires and stays on. Only when an operator lowers {@code
 * minRetention} on purpose (e.g. a lakehouse without concurrent writers that must shed space) is
 * the check switched off — for that one VACUUM call, restored right after — because the retention
 * was computed to cover every kept publication and the chosen minimum covers in-flight readers and
 * writers. A table whose own {@code delta.deletedFileRetentionDuration} is longer keeps it: it is a
 * floor too.
 */
public final class Maintainer {
  public static final int DEFAULT_KEEP_PUBLICATIONS = 7;
  public static final long DEFAULT_MIN_RETENTION_HOURS = 168;
  public static final long DEFAULT_MARGIN_HOURS = 1;

  /** Delta's minimum retention when a table sets none, and the check that enforces it. */
  static final long DELTA_DEFAULT_RETENTION_HOURS = 168;

  static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";

  /** Delta 4.1's switch that makes VACUUM ignore {@code RETAIN n HOURS} (see {@link #vacuum}). */
  static final String RETENTION_WINDOW_IGNORE =
      "spark.databricks.delta.vacuum.retentionWindowIgnore.enabled";

  private static final String TABLE_RETENTION = "delta.deletedFileRetentionDuration";
  private static final Pattern INTERVAL =
      Pattern.compile("(?i)\\s*interval\\s+(\\d+)\\s+(second|minute|hour|day|week)s?\\s*");

  /** Operations that add to a table without replacing all of it. */
  private static final Set<String> PIECEWISE =
      Set.of("WRITE", "MERGE", "UPDATE", "DELETE", "STREAMING UPDATE", "COPY INTO");

  /** Operations that replace a table whole (WRITE counts when it overwrites without predicate). */
  private static final Set<String> WHOLE =
      Set.of(
          "CREATE TABLE AS SELECT",
          "REPLACE TABLE AS SELECT",
          "CREATE OR REPLACE TABLE AS SELECT",
          "TRUNCATE");

  /**
   * @param keepPublications how many of the newest publications stay readable (at least 1)
   * @param minRetentionHours the shortest VACUUM retention
   * @param marginHours added to the age of the oldest pinned version
   * @param dryRun only report what would be done
   */
  public record Options(
      int keepPublications, long minRetentionHours, long marginHours, boolean dryRun) {
    public Options {
      if (keepPublications < 1) {
        throw PipelineException.badInput(
            "--keep-publications must be at least 1 (the served publication), got "
                + keepPublications);
      }
      if (minRetentionHours < 0 || marginHours < 0) {
        throw PipelineException.badInput("retention and margin hours cannot be negative");
      }
    }

    public static Options defaults() {
      return new Options(
          DEFAULT_KEEP_PUBLICATIONS, DEFAULT_MIN_RETENTION_HOURS, DEFAULT_MARGIN_HOURS, false);
    }
  }

  /** The oldest version of a table that a kept publication pins. */
  record Pin(long version, String publicationId) {}

  private final SparkSession spark;
  private final Lakehouse lakehouse;
  private final Clock clock;

  public Maintainer(SparkSession spark, Lakehouse lakehouse, Clock clock) {
    this.spark = Objects.requireNonNull(spark, "spark is null");
    this.lakehouse = Objects.requireNonNull(lakehouse, "lakehouse is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** Maintains every table; {@code onTable} hears each table's name before its turn. */
  public MaintenanceResult run(Options options, Consumer<String> onTable) {
    long start = System.nanoTime();
    List<Publication> all = new Publisher(spark, lakehouse, clock).list();
    List<Publication> kept = kept(all, options.keepPublications());
    Map<String, Pin> pins = pins(kept);
    List<String> keptIds = kept.stream().map(Publication::publicationId).toList();
    List<String> notKept =
        all.stream().map(Publication::publicationId).filter(id -> !keptIds.contains(id)).toList();
    List<TableMaintenance> tables = new ArrayList<>();
    for (String schema : Lakehouse.SCHEMAS) {
      for (String table : lakehouse.tablesIn(spark, schema)) {
        String name = schema + "." + table;
        onTable.accept(name);
        try {
          tables.add(maintain(schema, table, pins.get(name), options));
        } catch (RuntimeException e) {
          tables.add(TableMaintenance.failed(name, String.valueOf(e.getMessage())));
        }
      }
    }
    return new MaintenanceResult(
        options.dryRun(),
        options.keepPublications(),
        options.minRetentionHours(),
        options.marginHours(),
        keptIds,
        notKept,
        tables,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * The publications to keep readable, oldest first: the newest {@code n}, plus the one the serving
   * layer reads beside the newest (the newest earlier one with another build).
   *
   * @param all every publication, oldest first ({@link Publisher#list()})
   */
  public static List<Publication> kept(List<Publication> all, int n) {
    if (all.isEmpty()) {
      return List.of();
    }
    Set<Publication> kept =
        new LinkedHashSet<>(all.subList(Math.max(0, all.size() - n), all.size()));
    Publication newest = all.get(all.size() - 1);
    for (int i = all.size() - 2; i >= 0; i--) {
      if (!all.get(i).buildId().equals(newest.buildId())) {
        kept.add(all.get(i));
        break;
      }
    }
    List<Publication> out = new ArrayList<>(kept);
    out.sort(
        Comparator.comparing(Publication::createdAt).thenComparing(Publication::publicationId));
    return out;
  }

  /** Per table ({@code gold.x}), the oldest version a kept publication pins. */
  static Map<String, Pin> pins(List<Publication> kept) {
    Map<String, Pin> pins = new LinkedHashMap<>();
    for (Publication p : kept) {
      p.tables()
          .forEach(
              (table, version) ->
                  pins.merge(
                      table,
                      new Pin(version, p.publicationId()),
                      (a, b) -> a.version() <= b.version() ? a : b));
    }
    return pins;
  }

  private TableMaintenance maintain(String schema, String table, Pin pin, Options options) {
    String name = schema + "." + table;
    String path = lakehouse.path(schema, table);
    DeltaTable delta = DeltaTable.forPath(spark, path);
    Row detail = delta.detail().head();
    long activeBefore = detail.<Long>getAs("numFiles");
    Map<String, String> properties = detail.getJavaMap(detail.fieldIndex("properties"));
    Files before = files(path);
    List<Row> history =
        delta
            .history()
            .select("version", "timestamp", "operation", "operationParameters")
            .collectAsList();
    history = new ArrayList<>(history);
    history.sort(Comparator.comparingLong(r -> r.getLong(0)));

    String why = optimizeReason(history, activeBefore);
    boolean compact = why.equals("appended") && !options.dryRun();
    long compacted = 0;
    long written = 0;
    if (compact) {
      Row metrics = delta.optimize().executeCompaction().head().getAs("metrics");
      compacted = metrics.<Long>getAs("numFilesRemoved");
      written = metrics.<Long>getAs("numFilesAdded");
    }

    long retention = retentionHours(history, pin, properties, options);
    boolean vacuumed = mayDelete(before, retention, options.marginHours());
    long removed = vacuumed ? vacuum(path, retention, options.dryRun()) : 0;

    if (options.dryRun()) {
      return new TableMaintenance(
          name,
          why,
          false,
          activeBefore,
          -1,
          before.count(),
          before.bytes(),
          -1,
          -1,
          why.equals("appended") ? activeBefore : 0,
          why.equals("appended") ? 1 : 0,
          retention,
          pin == null ? -1 : pin.version(),
          pin == null ? null : pin.publicationId(),
          removed,
          -1,
          null);
    }
    boolean changed = compact || vacuumed;
    Row detailAfter = changed ? DeltaTable.forPath(spark, path).detail().head() : detail;
    Files after = changed ? files(path) : before;
    long filesRemoved = before.count() + written - after.count();
    long bytesRemoved =
        compact
            ? -1 // the compacted file's bytes are not reported apart
            : Math.max(0, before.bytes() - after.bytes());
    return new TableMaintenance(
        name,
        why,
        compact,
        activeBefore,
        detailAfter.<Long>getAs("numFiles"),
        before.count(),
        before.bytes(),
        after.count(),
        after.bytes(),
        compacted,
        written,
        retention,
        pin == null ? -1 : pin.version(),
        pin == null ? null : pin.publicationId(),
        Math.max(0, filesRemoved),
        bytesRemoved,
        null);
  }

  /**
   * {@code appended} when the table grew piecewise since its last whole rewrite and has at least
   * two files; otherwise why not.
   */
  static String optimizeReason(List<Row> historyOldestFirst, long activeFiles) {
    boolean piecewise = false;
    for (Row r : historyOldestFirst) {
      String op = r.getString(2);
      Map<String, String> params = r.isNullAt(3) ? Map.of() : r.<String, String>getJavaMap(3);
      if (WHOLE.contains(op) || (op.equals("WRITE") && wholeWrite(params))) {
        piecewise = false;
      } else if (PIECEWISE.contains(op)) {
        piecewise = true;
      }
    }
    if (!piecewise) {
      return "rewritten whole";
    }
    return activeFiles < 2 ? "one file" : "appended";
  }

  private static boolean wholeWrite(Map<String, String> params) {
    String mode = params.getOrDefault("mode", "");
    String predicate = params.getOrDefault("predicate", "");
    boolean hasPredicate = !predicate.isBlank() && !predicate.equals("[]");
    return (mode.equals("Overwrite") || mode.equals("ErrorIfExists")) && !hasPredicate;
  }

  /** {@code max(min, table's own retention, now − commit time of the pinned version + margin)}. */
  long retentionHours(List<Row> history, Pin pin, Map<String, String> properties, Options o) {
    long hours = o.minRetentionHours();
    Long own = intervalHours(properties.get(TABLE_RETENTION));
    if (own != null) {
      hours = Math.max(hours, own);
    }
    if (pin != null && !history.isEmpty()) {
      // a pinned version no longer in the log: keep back to the oldest commit still there
      Timestamp at = history.get(0).getTimestamp(1);
      for (Row r : history) {
        if (r.getLong(0) == pin.version()) {
          at = r.getTimestamp(1);
        }
      }
      Duration needed =
          Duration.between(at.toInstant(), Instant.now(clock)).plusHours(o.marginHours());
      long pinned = Math.max(0, (needed.toMillis() + 3_599_999) / 3_600_000);
      hours = Math.max(hours, pinned);
    }
    return hours;
  }

  /** Hours of a Delta interval property ({@code interval 7 days}); null when unset or unknown. */
  static Long intervalHours(String interval) {
    if (interval == null) {
      return null;
    }
    Matcher m = INTERVAL.matcher(interval);
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
      case "second" -> (n + 3599) / 3600;
      case "minute" -> (n + 59) / 60;
      case "hour" -> n;
      case "day" -> n * 24;
      default -> n * 24 * 7;
    };
  }

  /**
   * Runs VACUUM (or its dry run, which returns the files it would delete: their count) with exactly
   * {@code hours} of retention. Delta 4.1 ignores {@code RETAIN n HOURS} (unless n is 0) and uses
   * the table's {@code delta.deletedFileRetentionDuration} instead while its internal {@code
   * vacuum.retentionWindowIgnore.enabled} is on (the default); the retention computed from the
   * publications is the point of this class, so that is switched off for this call, and the
   * 168-hour check with it when the retention is shorter (see the class comment).
   */
  private static final String LISTING_PARALLELISM =
      "spark.sql.sources.parallelPartitionDiscovery.parallelism";

  private long vacuum(String path, long hours, boolean dryRun) {
    String sql =
        "VACUUM delta.`"
            + path.replace("`", "``")
            + "` RETAIN "
            + hours
            + " HOURS"
            + (dryRun ? " DRY RUN" : "");
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put(RETENTION_WINDOW_IGNORE, "false");
    // VACUUM lists the table's folders with
    // spark.sql.sources.parallelPartitionDiscovery.parallelism
    // tasks, 10,000 by default: on a tiny or unpartitioned table nearly all are empty, and in local
    // mode they cost minutes (a 200-firm lakehouse: over 6 minutes for 23 tables). A few tasks per
    // core lists our tables (one folder each, or a few partitions) as fast.
    conf.put(
        LISTING_PARALLELISM,
        Integer.toString(Math.max(8, 4 * spark.sparkContext().defaultParallelism())));
    if (hours < DELTA_DEFAULT_RETENTION_HOURS) {
      conf.put(RETENTION_CHECK, "false");
    }
    Map<String, String> previous = new LinkedHashMap<>();
    conf.forEach(
        (k, v) -> {
          previous.put(k, spark.conf().getOption(k).isDefined() ? spark.conf().get(k) : null);
          spark.conf().set(k, v);
        });
    try {
      List<Row> rows = spark.sql(sql).collectAsList();
      return dryRun ? rows.size() : 0;
    } finally {
      previous.forEach(
          (k, v) -> {
            if (v == null) {
              spark.conf().unset(k);
            } else {
              spark.conf().set(k, v);
            }
          });
    }
  }

  /**
   * Whether VACUUM with {@code hours} of retention can delete anything: only when some file under
   * the table's folder (outside {@code _delta_log}) was last modified before {@code now − hours +
   * marginHours}. VACUUM deletes a file that no current version lists only when it was removed (or,
   * never committed, last modified) before {@code now − hours}, and a file is written before it is
   * removed, so a folder whose every file is younger has nothing to delete. Skipping the call there
   * saves its Spark jobs (a listing, a join with the snapshot), the larger part of maintain's time
   * on a young lakehouse. {@code now} is the system clock, the one VACUUM itself uses; the margin
   * is the retention's own ({@link Options#marginHours}), which also covers clock skew.
   */
  static boolean mayDelete(Files files, long hours, long marginHours) {
    if (files.oldestModified() == Long.MAX_VALUE) {
      return false; // nothing but the log
    }
    long cutoff = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(hours - marginHours);
    return files.oldestModified() < cutoff;
  }

  /**
   * The data files under a table's folder: their count and bytes (every version's; not the log, not
   * hidden files), and the oldest modification time of any file outside the log (hidden ones too,
   * such as checksums and change data), {@code Long.MAX_VALUE} when there is none.
   */
  record Files(long count, long bytes, long oldestModified) {}

  /** See {@link Files}. */
  Files files(String path) {
    Path root = new Path(path);
    long count = 0;
    long bytes = 0;
    long oldest = Long.MAX_VALUE;
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      String prefix = fs.makeQualified(root).toUri().getPath();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        String rel = f.getPath().toUri().getPath().substring(prefix.length());
        boolean hidden = false;
        boolean log = false;
        for (String part : rel.split("/")) {
          if (part.startsWith("_") || part.startsWith(".")) {
            hidden = true;
            log = part.equals("_delta_log");
            break;
          }
        }
        if (!log) {
          oldest = Math.min(oldest, f.getModificationTime());
        }
        if (!hidden) {
          count++;
          bytes += f.getLen();
        }
      }
    } catch (IOException e) {
      throw PipelineException.failure(
          "Cannot list the files of " + path + ": " + e.getMessage(), e);
    }
    return new Files(count, bytes, oldest);
  }
}
