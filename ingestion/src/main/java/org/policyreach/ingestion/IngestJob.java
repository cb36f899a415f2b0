package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import io.delta.exceptions.DeltaConcurrentModificationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.ingestion.parse.ApplicationParser;
import org.policyreach.ingestion.parse.ContactParser;
import org.policyreach.ingestion.parse.EventParser;
import org.policyreach.ingestion.parse.FirmAttributesParser;
import org.policyreach.ingestion.parse.LegacyParser;
import org.policyreach.ingestion.parse.LineParser;
import org.policyreach.ingestion.parse.ProgramRules;
import org.policyreach.ingestion.parse.RegistryParser;
import org.policyreach.ingestion.read.FileChunk;
import org.policyreach.ingestion.read.HadoopConf;
import org.policyreach.ingestion.read.InputScan;
import org.policyreach.ingestion.read.InputScanner;

/**
 * Ingests one batch into the lakehouse: bronze (every line as received), quarantine (rejected lines
 * with every reason), silver (clean records, Delta MERGE) and the batch ledger.
 *
 * <p>Exactly once: the batch is found in {@code meta.batches} by the content hash of its input.
 * Committed content is not ingested again. Otherwise the ledger records the batch as started before
 * anything is written, each table write is idempotent by batch id (Delta transaction ids), and the
 * ledger commit comes last — so a run killed at any point and run again completes the same batch
 * and leaves each record once.
 */
public final class IngestJob {

  /** Bytes per Spark task when reading input ({@code policyreach.ingest.chunk.bytes}). */
  public static final String CHUNK_BYTES_PROPERTY = "policyreach.ingest.chunk.bytes";

  static final long DEFAULT_CHUNK_BYTES = 32L << 20;

  /** How often an ingest is re-run in-process after a concurrent commit to the same tables. */
  public static final String CONFLICT_RETRIES_PROPERTY = "policyreach.ingest.conflict.retries";

  static final int DEFAULT_CONFLICT_RETRIES = 5;

  /** The {@code source_file} of replay batches in the ledger. */
  static final String REPLAY_SOURCE_FILE = "quarantine.records";

  private final SparkSession spark;
  private final Lakehouse lakehouse;
  private final IngestRequest request;
  private final Consumer<String> stages;
  private final Instant startedAt = Instant.now();
  private final long startNanos = System.nanoTime();

  private IngestJob(
      SparkSession spark, Lakehouse lakehouse, IngestRequest request, Consumer<String> stages) {
    this.spark = spark;
    this.lakehouse = lakehouse;
    this.request = request;
    this.stages = stages;
  }

  /** Runs the ingest described by {@code request}. */
  public static IngestResult run(SparkSession spark, Lakehouse lakehouse, IngestRequest request) {
    return run(spark, lakehouse, request, stage -> {});
  }

  /**
   * Runs the ingest, telling {@code stages} the name of each stage as it starts (for progress
   * output).
   */
  public static IngestResult run(
      SparkSession spark, Lakehouse lakehouse, IngestRequest request, Consumer<String> stages) {
    int retries = Integer.getInteger(CONFLICT_RETRIES_PROPERTY, DEFAULT_CONFLICT_RETRIES);
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce(spark, lakehouse, request, stages);
      } catch (Exception e) { // runOnce passes Spark's checked exceptions on, undeclared
        Optional<DeltaConcurrentModificationException> conflict = conflict(e);
        if (conflict.isEmpty() || attempt > retries) {
          throw IngestJob.<RuntimeException>sneaky(e);
        }
        // Another writer (a second ingest) committed to a table this batch merges into between
        // its read and its commit. Every write of the batch is idempotent by batch id and the
        // ledger commit comes last, so running the batch again completes it exactly once.
        stages.accept(
            "retry "
                + attempt
                + "/"
                + retries
                + " after a concurrent commit ("
                + conflict.get().getClass().getSimpleName()
                + ")");
        sleepBeforeRetry(attempt);
      }
    }
  }

  /** The Delta write conflict among a failure's causes, if it is one. */
  static Optional<DeltaConcurrentModificationException> conflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DeltaConcurrentModificationException c) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static void sleepBeforeRetry(int attempt) {
    // 0.5 s, 1 s, 2 s, … (at most 8 s) with jitter, so two conflicting writers do not meet again
    long base = Math.min(8_000L, 500L << Math.min(attempt - 1, 4));
    long millis = base / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(base);
    try {
      Thread.sleep(millis);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to retry the ingest", ie);
    }
  }

  private static IngestResult runOnce(
      SparkSession spark, Lakehouse lakehouse, IngestRequest request, Consumer<String> stages) {
    try {
      return new IngestJob(spark, lakehouse, request, stages).run();
    } catch (Exception | FSError e) { // Spark's checked SparkException comes undeclared; Hadoop's
      // local file system throws FSError (an Error) when a write fails, e.g. a Delta commit file
      Optional<String> full = Lakehouse.diskFull(e);
      if (full.isPresent() && !(e instanceof IngestionException)) {
        throw IngestionException.failure(
            "Cannot ingest "
                + request.source().id()
                + ": the disk of the lakehouse "
                + lakehouse.root()
                + " is full ("
                + full.get()
                + "). Every table write is atomic, so nothing half-written is visible; free some"
                + " space and run the same ingest again: it completes the batch without"
                + " duplicating anything",
            e);
      }
      if (e instanceof FSError err) {
        throw IngestionException.failure(
            "Cannot ingest "
                + request.source().id()
                + ": writing to the lakehouse "
                + lakehouse.root()
                + " failed ("
                + err.getMessage()
                + "). Every table write is atomic; fix the file system and run the same ingest"
                + " again",
            err);
      }
      throw IngestJob.<RuntimeException>sneaky((Exception) e);
    }
  }

  /** Rethrows {@code e} unchanged, checked or not. */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E sneaky(Exception e) throws E {
    throw (E) e;
  }

  private IngestResult run() {
    stages.accept("catalog");
    ProgramCatalog catalog =
        request.source() == Source.PROGRAMS && request.input() != null
            ? loadCatalog(request.confDir(), Path.of(request.input()))
            : loadCatalog(request.confDir());
    ProgramsTable.Sync sync = ProgramsTable.sync(spark, lakehouse, catalog);
    if (request.source() == Source.PROGRAMS) {
      return new IngestResult(
          "programs-" + catalog.version().substring(0, Math.min(12, catalog.version().length())),
          Source.PROGRAMS,
          sync.programs(),
          sync.programs(),
          0,
          0,
          Map.of(),
          Map.of("silver." + Tables.PROGRAMS, sync.version()),
          seconds(),
          !sync.changed());
    }
    LineParser parser = parser(request.source(), ProgramRules.of(catalog));
    return request.replayQuarantine() ? replay(parser, catalog) : ingest(parser);
  }

  // ------------------------------------------------------------------ ingest a file or folder

  private IngestResult ingest(LineParser parser) {
    stages.accept("scan");
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    long chunkBytes = chunkBytes();
    InputScan scan =
        new InputScanner(conf, chunkBytes)
            .scan(request.input(), request.source(), request.encoding());
    if (parser.hasHeader()) {
      checkHeaders(scan, parser, conf);
    }
    BatchLedger ledger = new BatchLedger(spark, lakehouse);
    Optional<BatchLedger.Entry> prior = ledger.findByContent(request.source().id(), scan.sha256());
    if (prior.isPresent() && prior.get().committed()) {
      return already(prior.get());
    }
    String batchId =
        prior.map(BatchLedger.Entry::batchId).orElseGet(() -> newBatchId(ledger, scan.sha256()));
    ledger.start(batchId, request.source().id(), scan.sourceFile(), scan.sha256(), startedAt);

    HadoopConf hadoop = new HadoopConf(conf);
    stages.accept("parse");
    List<List<FileChunk>> groups = ParseStage.groups(spark, scan.chunks(), chunkBytes);
    Dataset<Row> parsed =
        ParseStage.parse(spark, groups, parser, hadoop).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Counts counts = countLines(parsed);
      stages.accept("bronze");
      String bronze = lakehouse.path(Tables.BRONZE, request.source().tableName());
      DeltaWrites.appendOnce(
          spark,
          bronze,
          Tables.BRONZE_SCHEMA,
          ParseStage.bronze(spark, groups, hadoop, batchId, startedAt),
          batchId);
      stages.accept("quarantine");
      appendQuarantine(parsed, batchId);
      stages.accept("silver");
      SilverStages.Outcome outcome =
          SilverStages.write(spark, lakehouse, request.source(), parsed, batchId, startedAt);
      List<String> tables =
          concat(
              List.of("bronze." + request.source().tableName(), "quarantine." + Tables.RECORDS),
              outcome.tables());
      return commit(ledger, batchId, counts, outcome, tables);
    } finally {
      parsed.unpersist();
    }
  }

  private void appendQuarantine(Dataset<Row> parsed, String batchId) {
    Dataset<Row> rejected =
        parsed
            .filter(col("record").isNull())
            .select(
                lit(batchId).as("batch_id"),
                lit(request.source().id()).as("source"),
                col("source_file"),
                col("line"),
                col("raw"),
                col("reasons"),
                lit(java.sql.Timestamp.from(startedAt)).as("quarantined_at"),
                lit(null).cast("string").as("replayed_batch_id"));
    DeltaWrites.appendOnce(
        spark,
        lakehouse.path(Tables.QUARANTINE, Tables.RECORDS),
        Tables.QUARANTINE_SCHEMA,
        rejected,
        batchId);
  }

  // ------------------------------------------------------------------ replay the quarantine

  private IngestResult replay(LineParser parser, ProgramCatalog catalog) {
    stages.accept("replay");
    BatchLedger ledger = new BatchLedger(spark, lakehouse);
    String source = request.source().id();
    Optional<BatchLedger.Entry> unfinished =
        ledger.unfinished(source).stream()
            .filter(e -> e.sourceFile().equals(REPLAY_SOURCE_FILE))
            .findFirst();
    String quarantinePath = lakehouse.path(Tables.QUARANTINE, Tables.RECORDS);
    if (!lakehouse.exists(spark, Tables.QUARANTINE, Tables.RECORDS)) {
      return nothingToReplay();
    }
    Dataset<Row> pending =
        spark
            .read()
            .format("delta")
            .load(quarantinePath)
            .filter(col("source").equalTo(source))
            .filter(
                unfinished
                    .map(
                        e ->
                            col("replayed_batch_id")
                                .isNull()
                                .or(col("replayed_batch_id").equalTo(e.batchId())))
                    .orElse(col("replayed_batch_id").isNull()))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      List<Row> keys =
          pending
              .select("batch_id", "source_file", "line")
              .orderBy("batch_id", "source_file", "line")
              .collectAsList();
      if (keys.isEmpty()) {
        return nothingToReplay();
      }
      String sha = ReplayStage.contentHash(keys, catalog.version());
      Optional<BatchLedger.Entry> prior = ledger.findByContent(source, sha);
      if (prior.isPresent() && prior.get().committed()) {
        return already(prior.get());
      }
      String batchId =
          unfinished
              .or(() -> prior)
              .map(BatchLedger.Entry::batchId)
              .orElse("replay-" + request.source().tableName() + "-" + sha.substring(0, 12));
      ledger.start(batchId, source, REPLAY_SOURCE_FILE, sha, startedAt);
      Dataset<Row> parsed =
          ReplayStage.reparse(pending, parser).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        Counts counts = countLines(parsed);
        stages.accept("silver");
        SilverStages.Outcome outcome =
            SilverStages.write(spark, lakehouse, request.source(), parsed, batchId, startedAt);
        ReplayStage.markReplayed(spark, lakehouse, parsed, source, batchId);
        return commit(
            ledger,
            batchId,
            counts,
            outcome,
            concat(List.of("quarantine." + Tables.RECORDS), outcome.tables()));
      } finally {
        parsed.unpersist();
      }
    } finally {
      pending.unpersist();
    }
  }

  private IngestResult nothingToReplay() {
    return new IngestResult(
        "replay-" + request.source().tableName() + "-none",
        request.source(),
        0,
        0,
        0,
        0,
        Map.of(),
        Map.of(),
        seconds(),
        false);
  }

  // ------------------------------------------------------------------ shared steps

  /** Parse-level reconciliation of a batch. */
  record Counts(long read, long quarantined, long duplicates, Map<String, Long> findings) {}

  private static Counts countLines(Dataset<Row> parsed) {
    Row c =
        parsed.agg(count(lit(1)), count(col("record")), countDistinct(col("fingerprint"))).head();
    long read = c.getLong(0);
    long ok = c.getLong(1);
    long distinct = c.getLong(2);
    Map<String, Long> findings = new TreeMap<>();
    for (Row r :
        parsed
            .filter(col("record").isNotNull())
            .select(col("fingerprint"), explode(col("findings.code")).as("code"))
            .distinct()
            .groupBy("code")
            .count()
            .collectAsList()) {
      findings.put(r.getString(0), r.getLong(1));
    }
    return new Counts(read, read - ok, ok - distinct, findings);
  }

  private IngestResult commit(
      BatchLedger ledger,
      String batchId,
      Counts counts,
      SilverStages.Outcome outcome,
      List<String> tables) {
    stages.accept("commit");
    long duplicates = counts.duplicates() + outcome.extraDuplicates();
    long accepted = counts.read() - counts.quarantined() - duplicates;
    Map<String, Long> findings = new TreeMap<>(counts.findings());
    outcome.extraFindings().forEach((k, v) -> findings.merge(k, v, Long::sum));
    Map<String, Long> versions = new LinkedHashMap<>();
    for (String t : tables) {
      String[] parts = t.split("\\.");
      lakehouse.version(spark, parts[0], parts[1]).ifPresent(v -> versions.put(t, v));
    }
    ledger.commit(
        batchId,
        counts.read(),
        accepted,
        counts.quarantined(),
        duplicates,
        findings,
        versions,
        Instant.now());
    return new IngestResult(
        batchId,
        request.source(),
        counts.read(),
        accepted,
        counts.quarantined(),
        duplicates,
        findings,
        versions,
        seconds(),
        false);
  }

  private IngestResult already(BatchLedger.Entry e) {
    return new IngestResult(
        e.batchId(),
        request.source(),
        e.read(),
        e.accepted(),
        e.quarantined(),
        e.duplicates(),
        e.findings(),
        e.versions(),
        seconds(),
        true);
  }

  private String newBatchId(BatchLedger ledger, String sha256) {
    if (request.batchId() != null) {
      ledger
          .find(request.batchId())
          .ifPresent(
              e -> {
                throw IngestionException.badInput(
                    "Batch id "
                        + request.batchId()
                        + " is already used by another "
                        + e.source()
                        + " batch ("
                        + e.sourceFile()
                        + ", "
                        + e.status()
                        + "); choose another --batch-id or leave it out");
              });
      return request.batchId();
    }
    String id = request.source().tableName() + "-" + sha256.substring(0, 12);
    return ledger.find(id).isPresent() ? request.source().tableName() + "-" + sha256 : id;
  }

  static LineParser parser(Source source, ProgramRules programs) {
    return switch (source) {
      case REGISTRY -> new RegistryParser();
      case FIRM_ATTRIBUTES -> new FirmAttributesParser();
      case APPLICATIONS -> new ApplicationParser(programs);
      case LEGACY -> new LegacyParser(programs);
      case EVENTS -> new EventParser(programs);
      case CONTACTS -> new ContactParser(programs);
      case PROGRAMS -> throw new IllegalArgumentException("programs have no line parser");
    };
  }

  static ProgramCatalog loadCatalog(Path confOption) {
    Path conf = confOption != null ? confOption : ConfPaths.locate();
    return loadCatalog(conf, conf.resolve(ConfPaths.PROGRAMS_DIR));
  }

  /** The catalog of {@code programsDir} with the needs of {@code conf} (or the located one). */
  static ProgramCatalog loadCatalog(Path confOption, Path programsDir) {
    Path conf = confOption != null ? confOption : ConfPaths.locate();
    if (!java.nio.file.Files.isDirectory(programsDir)) {
      throw IngestionException.badInput(
          "Cannot load the programs catalog: "
              + programsDir
              + " is not a folder; give --input the folder of program *.yaml files (default"
              + " <conf>/programs)");
    }
    NeedCatalog needs = NeedCatalog.load(conf.resolve(ConfPaths.NEEDS_FILE));
    return ProgramCatalog.load(programsDir, needs);
  }

  private static void checkHeaders(InputScan scan, LineParser parser, Configuration conf) {
    for (FileChunk chunk : scan.chunks()) {
      if (chunk.start() == 0) {
        parser.checkHeader(chunk.fileName(), firstLine(chunk, conf));
      }
    }
  }

  private static String firstLine(FileChunk chunk, Configuration conf) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(chunk.path());
    try {
      FileSystem fs = path.getFileSystem(conf);
      byte[] buf = new byte[(int) Math.min(64 * 1024, chunk.end())];
      int n = 0;
      try (InputStream in = fs.open(path)) {
        int r;
        while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
          n += r;
        }
      }
      int end = 0;
      while (end < n && buf[end] != '\n') {
        end++;
      }
      if (end > 0 && buf[end - 1] == '\r') {
        end--;
      }
      return new String(Arrays.copyOf(buf, end), Charset.forName(chunk.charset()));
    } catch (IOException e) {
      throw IngestionException.failure(
          "Cannot read the header of " + chunk.path() + ": " + e.getMessage(), e);
    }
  }

  private static long chunkBytes() {
    String v = System.getProperty(CHUNK_BYTES_PROPERTY);
    if (v == null || v.isBlank()) {
      return DEFAULT_CHUNK_BYTES;
    }
    try {
      return Math.max(1, Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      throw IngestionException.badInput(
          "System property " + CHUNK_BYTES_PROPERTY + "=" + v + " is not a number of bytes", e);
    }
  }

  private double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>(a);
    for (String s : b) {
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }
}
