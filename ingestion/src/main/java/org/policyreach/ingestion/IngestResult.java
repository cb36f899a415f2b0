package org.policyreach.ingestion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The outcome of one ingest: the batch, its reconciliation ({@code read = accepted + quarantined +
 * duplicates}), findings by kind, the Delta versions of the tables written, and the time taken.
 *
 * @param alreadyIngested the same content was committed before; nothing was written and the counts
 *     are those of that batch
 */
public record IngestResult(
    String batchId,
    Source source,
    long read,
    long accepted,
    long quarantined,
    long duplicates,
    Map<String, Long> findings,
    Map<String, Long> versions,
    double seconds,
    boolean alreadyIngested) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public IngestResult {
    Objects.requireNonNull(batchId, "batchId is null");
    Objects.requireNonNull(source, "source is null");
    findings = Map.copyOf(new TreeMap<>(findings));
    versions = Map.copyOf(new TreeMap<>(versions));
  }

  /** Whether the counts add up: every record read ended somewhere. */
  public boolean reconciles() {
    return read == accepted + quarantined + duplicates;
  }

  /** The findings count of one kind (0 if none). */
  public long findings(String kind) {
    return findings.getOrDefault(kind, 0L);
  }

  /** One line for people, Japanese first. */
  public String summary() {
    String head =
        alreadyIngested
            ? "取込済みのため処理なし (already ingested as batch " + batchId + "): "
            : "バッチ " + batchId + " (" + source.id() + "): ";
    return head
        + String.format(
            Locale.ROOT,
            "読込 %,d = 受理 %,d + 隔離 %,d + 重複 %,d (read = accepted + quarantined + duplicates)%s",
            read,
            accepted,
            quarantined,
            duplicates,
            reconciles() ? "" : " — 不一致 (DOES NOT RECONCILE)");
  }

  /** The CLI contract's JSON object (one line). */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("batch_id", batchId);
    o.put("source", source.id());
    o.put("read", read);
    o.put("accepted", accepted);
    o.put("quarantined", quarantined);
    o.put("duplicates", duplicates);
    ObjectNode f = o.putObject("findings");
    new TreeMap<>(findings).forEach(f::put);
    ObjectNode v = o.putObject("versions");
    new TreeMap<>(versions).forEach(v::put);
    o.put("seconds", Math.round(seconds * 1000) / 1000.0);
    o.put("already_ingested", alreadyIngested);
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("serializing a JSON tree cannot fail", e);
    }
  }
}
