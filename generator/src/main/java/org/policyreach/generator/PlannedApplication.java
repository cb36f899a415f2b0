package org.policyreach.generator;

import java.time.LocalDateTime;
import java.util.List;
import org.policyreach.core.ApplicationStatus;

/**
 * One application of a firm with its whole status history up to the as-of date.
 *
 * @param steps status changes in time order; the first is always SUBMITTED
 * @param decidedAt when the decision (採択/不採択) was made, or null while pending
 * @param awardedYen granted amount once awarded (交付決定), else null
 * @param tags purpose tags the applicant ticked, or null when the form had none
 * @param legacy true if filed on paper (written to the legacy CSV instead of the JSONL export)
 */
record PlannedApplication(
    String id,
    ProgramBook.Entry program,
    String needId,
    double match,
    List<Step> steps,
    LocalDateTime decidedAt,
    long requestedYen,
    Long awardedYen,
    String purpose,
    List<String> tags,
    List<String> attachments,
    boolean legacy) {

  /** A status and when it was reached. */
  record Step(ApplicationStatus status, LocalDateTime at) {}

  LocalDateTime submittedAt() {
    return steps.get(0).at();
  }

  ApplicationStatus finalStatus() {
    return steps.get(steps.size() - 1).status();
  }
}
