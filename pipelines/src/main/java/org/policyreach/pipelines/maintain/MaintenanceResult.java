package org.policyreach.pipelines.maintain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The outcome of one {@code maintain} run: which publications were kept readable, and what happened
 * to each table.
 */
public record MaintenanceResult(
    boolean dryRun,
    int keepPublications,
    long minRetentionHours,
    long marginHours,
    List<String> keptPublications,
    List<String> notKeptPublications,
    List<TableMaintenance> tables,
    double seconds) {

  public MaintenanceResult {
    keptPublications = List.copyOf(keptPublications);
    notKeptPublications = List.copyOf(notKeptPublications);
    tables = List.copyOf(tables);
  }

  /** The tables whose maintenance failed. */
  public List<TableMaintenance> failures() {
    return tables.stream().filter(t -> t.error() != null).toList();
  }

  public long filesBefore() {
    return tables.stream().filter(t -> t.error() == null).mapToLong(t -> t.diskFilesBefore()).sum();
  }

  public long filesAfter() {
    return dryRun
        ? -1
        : tables.stream().filter(t -> t.error() == null).mapToLong(t -> t.diskFilesAfter()).sum();
  }

  public long filesRemoved() {
    return tables.stream().mapToLong(TableMaintenance::filesRemoved).sum();
  }

  /** One JSON object: the CLI's {@code --json} line. */
  public String toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("dry_run", dryRun);
    root.put("keep_publications", keepPublications);
    root.put("min_retention_hours", minRetentionHours);
    root.put("margin_hours", marginHours);
    ArrayNode kept = root.putArray("kept_publications");
    keptPublications.forEach(kept::add);
    ArrayNode notKept = root.putArray("not_kept_publications");
    notKeptPublications.forEach(notKept::add);
    ArrayNode list = root.putArray("tables");
    for (TableMaintenance t : tables) {
      t.writeTo(list.addObject());
    }
    ObjectNode totals = root.putObject("totals");
    totals.put("tables", tables.size());
    totals.put("compacted", tables.stream().filter(TableMaintenance::compacted).count());
    totals.put("failed", failures().size());
    totals.put("files_before", filesBefore());
    if (dryRun) {
      totals.putNull("files_after");
    } else {
      totals.put("files_after", filesAfter());
    }
    totals.put("files_removed", filesRemoved());
    root.put("seconds", Math.round(seconds * 10) / 10.0);
    try {
      return mapper.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
