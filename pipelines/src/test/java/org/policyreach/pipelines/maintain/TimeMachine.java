package org.policyreach.pipelines.maintain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * Ages a local lakehouse as if everything in it had happened {@code by} earlier: every file's
 * modification time, and in every Delta commit the commit's timestamp, each added file's
 * modification time and each removed file's deletion time. VACUUM compares those with the real
 * clock, so a test can put its builds hours apart without waiting. Checksum files ({@code .crc},
 * Delta's and Hadoop's) are deleted rather than recomputed: both are optional. Tables must stay
 * below Delta's first checkpoint (10 commits): checkpoints are not rewritten.
 */
final class TimeMachine {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TimeMachine() {}

  static void age(Path lakehouse, Duration by) throws IOException {
    long ms = by.toMillis();
    List<Path> files;
    try (Stream<Path> s = Files.walk(lakehouse)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      boolean log = f.getParent().getFileName().toString().equals("_delta_log");
      if (log && name.endsWith(".crc")) {
        Files.delete(f);
        continue;
      }
      if (log && name.contains("checkpoint")) {
        throw new IllegalStateException(f + ": keep the test's tables below 10 commits");
      }
      FileTime mtime = Files.getLastModifiedTime(f);
      if (log && name.endsWith(".json")) {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          ObjectNode action = (ObjectNode) JSON.readTree(line);
          shift(action, "commitInfo", "timestamp", ms);
          shift(action, "commitInfo", "inCommitTimestamp", ms);
          shift(action, "add", "modificationTime", ms);
          shift(action, "remove", "deletionTimestamp", ms);
          out.add(JSON.writeValueAsString(action));
        }
        Files.writeString(f, String.join("\n", out) + "\n", StandardCharsets.UTF_8);
      }
      Files.setLastModifiedTime(f, FileTime.fromMillis(mtime.toMillis() - ms));
    }
    DeltaLog.clearCache();
  }

  private static void shift(ObjectNode action, String kind, String field, long ms) {
    if (action.get(kind) instanceof ObjectNode o && o.hasNonNull(field)) {
      o.put(field, o.get(field).asLong() - ms);
    }
  }
}
