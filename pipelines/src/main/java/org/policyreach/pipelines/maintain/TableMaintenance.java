package org.policyreach.pipelines.maintain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@code maintain} did (or, in a dry run, would do) to one Delta table.
 *
 * @param table {@code schema.table}
 * @param optimize why the table was or was not compacted: {@code appended} (it grows by appends,
 *     merges or partial overwrites since its last whole rewrite), {@code rewritten whole} (every
 *     write replaces it: the next build compacts it anyway), {@code one file}
 * @param compacted whether OPTIMIZE ran (false in a dry run)
 * @param activeFilesBefore data files of the latest version before
 * @param activeFilesAfter data files of the latest version after (-1 in a dry run)
 * @param diskFilesBefore data files in the table's folder before (every version's)
 * @param diskBytesBefore their bytes
 * @param diskFilesAfter data files in the folder after (-1 in a dry run)
 * @param diskBytesAfter their bytes (-1 in a dry run)
 * @param filesCompacted small files OPTIMIZE replaced
 * @param filesWritten files OPTIMIZE wrote in their place
 * @param retentionHours the VACUUM retention used
 * @param pinnedVersion the oldest version a kept publication pins (-1: none)
 * @param pinnedBy that publication's id (null: none)
 * @param filesRemoved files VACUUM deleted (in a dry run: would delete)
 * @param bytesRemoved their bytes (-1 when unknown: a dry run)
 * @param error why this table's maintenance failed (null: it did not)
 */
public record TableMaintenance(
    String table,
    String optimize,
    boolean compacted,
    long activeFilesBefore,
    long activeFilesAfter,
    long diskFilesBefore,
    long diskBytesBefore,
    long diskFilesAfter,
    long diskBytesAfter,
    long filesCompacted,
    long filesWritten,
    long retentionHours,
    long pinnedVersion,
    String pinnedBy,
    long filesRemoved,
    long bytesRemoved,
    String error) {

  static TableMaintenance failed(String table, String error) {
    return new TableMaintenance(
        table, "-", false, -1, -1, -1, -1, -1, -1, 0, 0, -1, -1, null, 0, -1, error);
  }

  void writeTo(ObjectNode o) {
    o.put("table", table);
    o.put("optimize", optimize);
    o.put("compacted", compacted);
    o.put("active_files_before", activeFilesBefore);
    putKnown(o, "active_files_after", activeFilesAfter);
    putKnown(o, "files_before", diskFilesBefore);
    putKnown(o, "bytes_before", diskBytesBefore);
    putKnown(o, "files_after", diskFilesAfter);
    putKnown(o, "bytes_after", diskBytesAfter);
    o.put("files_compacted", filesCompacted);
    o.put("files_written", filesWritten);
    putKnown(o, "retention_hours", retentionHours);
    putKnown(o, "pinned_version", pinnedVersion);
    o.put("pinned_by", pinnedBy);
    o.put("files_removed", filesRemoved);
    putKnown(o, "bytes_removed", bytesRemoved);
    o.put("error", error);
  }

  private static void putKnown(ObjectNode o, String key, long value) {
    if (value < 0) {
      o.putNull(key);
    } else {
      o.put(key, value);
    }
  }
}
