package org.policyreach.generator;

import java.util.List;

/** Writes a line to its part and records the fault it carries, if any. */
final class Emitter {
  private final Outputs.ChunkParts parts;
  private final List<FaultInjector.Recorded> faults;

  Emitter(Outputs.ChunkParts parts, List<FaultInjector.Recorded> faults) {
    this.parts = parts;
    this.faults = faults;
  }

  /** Writes a clean line. */
  void line(Outputs.FileSpec file, int bucket, CharSequence line) {
    parts.write(file, bucket, line);
  }

  /**
   * Writes a line that may carry {@code fault}. A DUPLICATE fault writes the line twice and the
   * second copy is the faulty one.
   */
  void line(
      Outputs.FileSpec file,
      int bucket,
      CharSequence line,
      FaultKind fault,
      String corporateNumber,
      String applicationId,
      String detail) {
    Outputs.Position pos = parts.write(file, bucket, line);
    if (fault == FaultKind.DUPLICATE) {
      pos = parts.write(file, bucket, line);
    }
    if (fault != null) {
      faults.add(new FaultInjector.Recorded(pos, fault, corporateNumber, applicationId, detail));
    }
  }
}
