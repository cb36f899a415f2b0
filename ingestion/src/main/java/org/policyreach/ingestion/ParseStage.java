package org.policyreach.ingestion;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.policyreach.ingestion.spark.ScalaValues.seq;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.policyreach.ingestion.parse.LineParser;
import org.policyreach.ingestion.parse.ParsedLine;
import org.policyreach.ingestion.parse.Reason;
import org.policyreach.ingestion.read.ChunkGroups;
import org.policyreach.ingestion.read.ChunkReader;
import org.policyreach.ingestion.read.FileChunk;
import org.policyreach.ingestion.read.HadoopConf;

/**
 * Reads the planned chunks in Spark tasks and turns every line into a bronze row, and every
 * non-blank data line into a parsed row: {@code source_file, line, raw (quarantine text, rejected
 * lines only), reasons, findings, key, fingerprint, record}.
 */
final class ParseStage {

  static StructType parsedSchema(StructType recordSchema) {
    return new StructType()
        .add("source_file", StringType, false)
        .add("line", LongType, false)
        .add("raw", StringType, true)
        .add("reasons", Tables.REASONS, true)
        .add("findings", Tables.REASONS, true)
        .add("key", StringType, true)
        .add("fingerprint", StringType, true)
        .add("record", recordSchema, true);
  }

  private ParseStage() {}

  /**
   * The scan's chunks packed into the groups its Spark tasks read ({@link ChunkGroups}, at the
   * session's parallelism): computed once per batch, read by {@link #parse} and {@link #bronze}.
   */
  static List<List<FileChunk>> groups(SparkSession spark, List<FileChunk> chunks, long chunkBytes) {
    return ChunkGroups.of(chunks, spark.sparkContext().defaultParallelism(), chunkBytes);
  }

  static Dataset<Row> parse(
      SparkSession spark, List<List<FileChunk>> groups, LineParser parser, HadoopConf conf) {
    JavaRDD<Row> rows = chunks(spark, groups).mapPartitions(new ParseChunks(parser, conf));
    return spark.createDataFrame(rows, parsedSchema(parser.recordSchema()));
  }

  static Dataset<Row> bronze(
      SparkSession spark,
      List<List<FileChunk>> groups,
      HadoopConf conf,
      String batchId,
      Instant ingestedAt) {
    JavaRDD<Row> rows =
        chunks(spark, groups)
            .mapPartitions(new BronzeChunks(conf, batchId, Timestamp.from(ingestedAt)));
    return spark.createDataFrame(rows, Tables.BRONZE_SCHEMA);
  }

  /** A parsed row for a line: accepted with its record, or rejected with its reasons. */
  static Row row(String fileName, long number, ParsedLine p) {
    if (p.isAccepted()) {
      return RowFactory.create(
          fileName,
          number,
          null,
          null,
          seq(reasonRows(p.findings())),
          p.key(),
          p.fingerprint(),
          RowFactory.create(p.record()));
    }
    return RowFactory.create(
        fileName,
        number,
        p.quarantineRaw(),
        seq(reasonRows(p.reasons())),
        seq(List.of()),
        null,
        null,
        null);
  }

  static List<Row> reasonRows(List<Reason> reasons) {
    List<Row> rows = new ArrayList<>(reasons.size());
    for (Reason r : reasons) {
      rows.add(RowFactory.create(r.code(), r.detail()));
    }
    return rows;
  }

  /** The chunks of {@code groups}, a group per partition (a task reads one group). */
  private static JavaRDD<FileChunk> chunks(SparkSession spark, List<List<FileChunk>> groups) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return jsc.parallelize(groups, Math.max(1, groups.size())).flatMap(List::iterator);
  }

  /**
   * Characters above which a line is not a record but junk (a missing line break, a runaway field):
   * it is quarantined without being parsed. Real records are a few kB.
   */
  static final int MAX_LINE_CHARS = 1 << 20;

  /** Parses a line, turning an unexpected parser failure into a rejection rather than a crash. */
  static ParsedLine parseSafely(LineParser parser, String file, long number, String text) {
    if (text.length() > MAX_LINE_CHARS) {
      return ParsedLine.rejected(
          List.of(
              Reason.labelled(
                  "PARSE_ERROR",
                  String.format(
                      java.util.Locale.ROOT,
                      "the line is %,d characters long; a record is at most %,d (a missing line"
                          + " break?)",
                      text.length(),
                      MAX_LINE_CHARS))),
          parser.redact(text));
    }
    try {
      return parser.parse(file, number, text);
    } catch (RuntimeException e) {
      return ParsedLine.rejected(
          List.of(
              Reason.labelled(
                  "PARSE_ERROR",
                  "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage())),
          parser.redact(text));
    }
  }

  private static final class ParseChunks implements FlatMapFunction<Iterator<FileChunk>, Row> {
    private static final long serialVersionUID = 1L;
    private final LineParser parser;
    private final HadoopConf conf;

    ParseChunks(LineParser parser, HadoopConf conf) {
      this.parser = parser;
      this.conf = conf;
    }

    @Override
    public Iterator<Row> call(Iterator<FileChunk> chunks) {
      return new Iterator<>() {
        private Iterator<ChunkReader.Line> lines = java.util.Collections.emptyIterator();
        private Row next;

        @Override
        public boolean hasNext() {
          while (next == null) {
            if (lines.hasNext()) {
              next = toRow(lines.next());
            } else if (chunks.hasNext()) {
              lines = ChunkReader.lines(chunks.next(), conf.get());
            } else {
              return false;
            }
          }
          return true;
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          Row r = next;
          next = null;
          return r;
        }
      };
    }

    private Row toRow(ChunkReader.Line line) {
      if (line.number() == 1 && parser.hasHeader()) {
        return null;
      }
      String text = line.text();
      if (text.isBlank()) {
        return null;
      }
      if (line.malformed()) {
        return row(
            line.fileName(),
            line.number(),
            ParsedLine.rejected(
                List.of(
                    Reason.labelled(
                        "ENCODING_ERROR",
                        "bytes that are not valid in the file's encoding (garbled characters)")),
                parser.redact(text)));
      }
      return row(
          line.fileName(),
          line.number(),
          parseSafely(parser, line.fileName(), line.number(), text));
    }
  }

  private static final class BronzeChunks implements FlatMapFunction<Iterator<FileChunk>, Row> {
    private static final long serialVersionUID = 1L;
    private final HadoopConf conf;
    private final String batchId;
    private final Timestamp ingestedAt;

    BronzeChunks(HadoopConf conf, String batchId, Timestamp ingestedAt) {
      this.conf = conf;
      this.batchId = batchId;
      this.ingestedAt = ingestedAt;
    }

    @Override
    public Iterator<Row> call(Iterator<FileChunk> chunks) {
      return new Iterator<>() {
        private Iterator<ChunkReader.Line> lines = java.util.Collections.emptyIterator();
        private String charset;

        @Override
        public boolean hasNext() {
          while (!lines.hasNext()) {
            if (!chunks.hasNext()) {
              return false;
            }
            FileChunk chunk = chunks.next();
            charset = chunk.charset();
            lines = ChunkReader.lines(chunk, conf.get());
          }
          return true;
        }

        @Override
        public Row next() {
          ChunkReader.Line l = lines.next();
          return RowFactory.create(
              batchId, l.fileName(), l.number(), l.text(), charset, ingestedAt);
        }
      };
    }
  }
}
