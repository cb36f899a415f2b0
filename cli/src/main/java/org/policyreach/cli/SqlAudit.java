package org.policyreach.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * The append-only record of every {@code policyreach sql} statement: one JSON object per line in
 * {@code <lakehouse>/_audit/sql.jsonl} with the time, the OS user, the statement, the flags and the
 * outcome ({@code refused}, {@code started}, then {@code ok} or {@code failed}). A statement that
 * may run is recorded as {@code started} before it runs, and does not run if that record cannot be
 * written. On a store without append (S3) each record is its own file {@code
 * _audit/sql-<time>-<id>.jsonl}.
 */
final class SqlAudit {
  static final String DIR = "_audit";
  static final String FILE = "sql.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String lakehouseRoot;

  SqlAudit(String lakehouseRoot) {
    this.lakehouseRoot = lakehouseRoot;
  }

  /** The OS user who runs the CLI (the one behind sudo when there is one). */
  static String osUser() {
    String sudo = System.getenv("SUDO_USER");
    String user = System.getProperty("user.name");
    return sudo != null && !sudo.isBlank() && !sudo.equals(user)
        ? user + " (sudo by " + sudo + ")"
        : user;
  }

  /** Appends one record; throws when it cannot be written. */
  void record(
      String statement, Map<String, Object> flags, String outcome, Map<String, Object> detail) {
    ObjectNode rec = JSON.createObjectNode();
    rec.put("time", Instant.now().toString());
    rec.put("user", osUser());
    rec.put("statement", statement);
    rec.set("flags", JSON.valueToTree(flags));
    rec.put("outcome", outcome);
    detail.forEach((k, v) -> rec.set(k, JSON.valueToTree(v)));
    byte[] line = (rec.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      append(line);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "Cannot write the SQL audit log "
              + lakehouseRoot
              + "/"
              + DIR
              + "/"
              + FILE
              + " ("
              + e.getMessage()
              + "); every statement is recorded before it runs, so nothing ran: make the"
              + " folder writable and run the same command again",
          e);
    }
  }

  private void append(byte[] line) throws IOException {
    if (isLocal(lakehouseRoot)) {
      Path dir = localPath(lakehouseRoot).resolve(DIR);
      Files.createDirectories(dir);
      Files.write(
          dir.resolve(FILE),
          line,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
      return;
    }
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path(lakehouseRoot + "/" + DIR + "/" + FILE);
    FileSystem fs = file.getFileSystem(new Configuration());
    try (OutputStream out = fs.exists(file) ? fs.append(file) : fs.create(file, false)) {
      out.write(line);
    } catch (UnsupportedOperationException e) {
      org.apache.hadoop.fs.Path own =
          new org.apache.hadoop.fs.Path(
              lakehouseRoot
                  + "/"
                  + DIR
                  + "/sql-"
                  + System.currentTimeMillis()
                  + "-"
                  + UUID.randomUUID()
                  + ".jsonl");
      try (OutputStream out = fs.create(own, false)) {
        out.write(line);
      }
    }
  }

  static boolean isLocal(String root) {
    return !root.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || root.startsWith("file:");
  }

  static Path localPath(String root) {
    return root.startsWith("file:") ? Path.of(URI.create(root)) : Path.of(root);
  }
}
