package org.policyreach.generator;

/** Kinds of injected faults, as written in {@code truth/faults.csv}. */
public enum FaultKind {
  BAD_CHECK_DIGIT("bad_check_digit"),
  UNKNOWN_PROGRAM("unknown_program"),
  MISSING_ATTACHMENT("missing_attachment"),
  MALFORMED("malformed"),
  DUPLICATE("duplicate"),
  IMPOSSIBLE_DATE("impossible_date"),
  AMOUNT_OVER_MAX("amount_over_max"),
  NEGATIVE_AMOUNT("negative_amount"),
  MOJIBAKE("mojibake");

  private final String id;

  FaultKind(String id) {
    this.id = id;
  }

  /** The id used in truth files: {@code bad_check_digit}, {@code malformed}, … */
  public String id() {
    return id;
  }

  /** By id. */
  public static FaultKind ofId(String id) {
    for (FaultKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("Unknown fault kind '" + id + "'");
  }
}
