package org.policyreach.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The checks of an application against its program that flag, but never invalidate, a record:
 * missing required attachments and an amount above the program's maximum. Ingestion flags them on
 * silver records and serving reports them on drafts; both call these so the rule is one.
 */
public final class ApplicationChecks {
  private ApplicationChecks() {}

  /**
   * The required attachment types that {@code given} lacks, in the order the program lists them.
   * Given types are compared after trimming; null entries are ignored.
   */
  public static List<String> missingAttachments(
      Collection<String> required, Collection<String> given) {
    Objects.requireNonNull(required, "required is null");
    Set<String> have = new HashSet<>();
    if (given != null) {
      for (String type : given) {
        if (type != null) {
          have.add(type.strip());
        }
      }
    }
    List<String> missing = new ArrayList<>();
    for (String type : required) {
      if (!have.contains(type)) {
        missing.add(type);
      }
    }
    return missing;
  }

  /** True when a requested amount is known and above the program's maximum. */
  public static boolean amountOverMax(Long requestedYen, long maxAmountYen) {
    return requestedYen != null && requestedYen > maxAmountYen;
  }
}
