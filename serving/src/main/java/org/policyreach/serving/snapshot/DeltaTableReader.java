package org.policyreach.serving.snapshot;

import io.delta.kernel.Scan;
import io.delta.kernel.ScanBuilder;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.policyreach.serving.ServingException;

/**
 * Reads a Delta table at one pinned version with Delta Kernel (no Spark), batch by batch, handing
 * each selected row to a {@link RowSink}. Only the named columns are read; optional columns that
 * the table lacks read as absent ({@link PreparedScan#ordinal} = -1).
 */
final class DeltaTableReader {
  private final Engine engine;

  DeltaTableReader(Engine engine) {
    this.engine = engine;
  }

  /** The latest committed version of the table at {@code path}. */
  long latestVersion(String path) {
    return TableManager.loadSnapshot(path).build(engine).getVersion();
  }

  interface RowSink {
    void row(ColumnarBatch batch, int rowId);
  }

  /**
   * Prepares a scan of {@code table} ({@code schema.table}, for messages) at {@code path} and
   * {@code version}, reading {@code required} (a missing one fails) and {@code optional} columns.
   * {@code buildId}, when given, skips files by statistics; rows must still be checked.
   */
  PreparedScan prepare(
      String table,
      String path,
      long version,
      List<String> required,
      List<String> optional,
      String buildId) {
    Snapshot snapshot = TableManager.loadSnapshot(path).atVersion(version).build(engine);
    StructType tableSchema = snapshot.getSchema();
    List<StructField> fields = new ArrayList<>();
    for (String name : required) {
      int i = tableSchema.indexOf(name);
      if (i < 0) {
        throw ServingException.snapshot(
            table
                + " at version "
                + version
                + " has no column '"
                + name
                + "' (columns: "
                + tableSchema.fieldNames()
                + "); the gold schema in docs/architecture.md requires it",
            null);
      }
      fields.add(tableSchema.at(i));
    }
    for (String name : optional) {
      int i = tableSchema.indexOf(name);
      if (i >= 0) {
        fields.add(tableSchema.at(i));
      }
    }
    StructType readSchema = new StructType(fields);
    ScanBuilder builder = snapshot.getScanBuilder().withReadSchema(readSchema);
    if (buildId != null && readSchema.indexOf("build_id") >= 0) {
      builder =
          builder.withFilter(new Predicate("=", new Column("build_id"), Literal.ofString(buildId)));
    }
    return new PreparedScan(table, version, readSchema, builder.build());
  }

  /** A scan whose columns are resolved: ordinals are known before rows flow. */
  final class PreparedScan {
    private final String table;
    private final long version;
    private final StructType readSchema;
    private final Scan scan;

    private PreparedScan(String table, long version, StructType readSchema, Scan scan) {
      this.table = table;
      this.version = version;
      this.readSchema = readSchema;
      this.scan = scan;
    }

    /** The ordinal of {@code name} in each batch, or -1 if the table has no such column. */
    int ordinal(String name) {
      return readSchema.indexOf(name);
    }

    void forEach(RowSink sink) {
      Row scanState = scan.getScanState(engine);
      StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
      try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
        while (scanFiles.hasNext()) {
          FilteredColumnarBatch files = scanFiles.next();
          try (CloseableIterator<Row> fileRows = files.getRows()) {
            while (fileRows.hasNext()) {
              readFile(scanState, physicalSchema, fileRows.next(), sink);
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + table + " at version " + version, e);
      }
    }
  }

  private void readFile(Row scanState, StructType physicalSchema, Row scanFile, RowSink sink)
      throws IOException {
    FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
    CloseableIterator<ColumnarBatch> physical =
        engine
            .getParquetHandler()
            .readParquetFiles(
                Utils.singletonCloseableIterator(file), physicalSchema, Optional.empty())
            .map(FileReadResult::getData);
    try (CloseableIterator<FilteredColumnarBatch> logical =
        Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
      while (logical.hasNext()) {
        FilteredColumnarBatch batch = logical.next();
        ColumnarBatch data = batch.getData();
        Optional<ColumnVector> selection = batch.getSelectionVector();
        int size = data.getSize();
        for (int i = 0; i < size; i++) {
          if (selection.isPresent()) {
            ColumnVector sel = selection.get();
            if (sel.isNullAt(i) || !sel.getBoolean(i)) {
              continue;
            }
          }
          sink.row(data, i);
        }
      }
    }
  }

  // --- typed, null-tolerant accessors (ordinal -1 = column absent) ---

  static String string(ColumnarBatch b, int ordinal, int row) {
    if (ordinal < 0) {
      return null;
    }
    ColumnVector v = b.getColumnVector(ordinal);
    return v.isNullAt(row) ? null : v.getString(row);
  }

  static boolean isNull(ColumnarBatch b, int ordinal, int row) {
    return ordinal < 0 || b.getColumnVector(ordinal).isNullAt(row);
  }

  static Integer intOrNull(ColumnarBatch b, int ordinal, int row) {
    if (isNull(b, ordinal, row)) {
      return null;
    }
    ColumnVector v = b.getColumnVector(ordinal);
    DataType t = v.getDataType();
    if (t instanceof LongType) {
      return Math.toIntExact(v.getLong(row));
    } else if (t instanceof ShortType) {
      return (int) v.getShort(row);
    } else if (t instanceof ByteType) {
      return (int) v.getByte(row);
    }
    return v.getInt(row);
  }

  static Long longOrNull(ColumnarBatch b, int ordinal, int row) {
    if (isNull(b, ordinal, row)) {
      return null;
    }
    ColumnVector v = b.getColumnVector(ordinal);
    DataType t = v.getDataType();
    if (t instanceof IntegerType) {
      return (long) v.getInt(row);
    } else if (t instanceof ShortType) {
      return (long) v.getShort(row);
    } else if (t instanceof ByteType) {
      return (long) v.getByte(row);
    }
    return v.getLong(row);
  }

  static Double doubleOrNull(ColumnarBatch b, int ordinal, int row) {
    if (isNull(b, ordinal, row)) {
      return null;
    }
    ColumnVector v = b.getColumnVector(ordinal);
    return v.getDataType() instanceof FloatType ? (double) v.getFloat(row) : v.getDouble(row);
  }

  static Boolean boolOrNull(ColumnarBatch b, int ordinal, int row) {
    return isNull(b, ordinal, row) ? null : b.getColumnVector(ordinal).getBoolean(row);
  }

  /** DATE columns hold days since 1970-01-01. */
  static Integer epochDayOrNull(ColumnarBatch b, int ordinal, int row) {
    return isNull(b, ordinal, row) ? null : b.getColumnVector(ordinal).getInt(row);
  }
}
