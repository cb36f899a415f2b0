package org.policyreach.ingestion.parse;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;

/**
 * What the parsers need of the programs catalog, in a form that travels to Spark executors: the
 * known ids, each program's maximum amount, required attachments and window.
 */
public final class ProgramRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /** One program's checks. */
  public record Rules(
      long maxAmountYen, List<String> requiredAttachments, LocalDate opens, LocalDate closes)
      implements Serializable {}

  private final Map<String, Rules> byId;
  private final String version;

  private ProgramRules(Map<String, Rules> byId, String version) {
    this.byId = byId;
    this.version = version;
  }

  public static ProgramRules of(ProgramCatalog catalog) {
    Map<String, Rules> m = new HashMap<>();
    for (Program p : catalog.programs()) {
      m.put(
          p.id(),
          new Rules(
              p.maxAmountYen(),
              List.copyOf(p.requiredAttachments()),
              p.window().opens(),
              p.window().closes()));
    }
    return new ProgramRules(m, catalog.version());
  }

  public Optional<Rules> find(String programId) {
    return Optional.ofNullable(programId == null ? null : byId.get(programId));
  }

  public boolean knows(String programId) {
    return programId != null && byId.containsKey(programId);
  }

  /** The catalog's content hash. */
  public String version() {
    return version;
  }
}
