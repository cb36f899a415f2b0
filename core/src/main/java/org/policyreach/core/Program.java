package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One round of a support program from the catalog.
 *
 * @param id unique id, for example {@code monozukuri-2026-r2}
 * @param name Japanese name
 * @param nameEn English name, or null
 * @param family groups the rounds of one scheme (near-duplicate suppression); the id when the
 *     catalog gives none
 * @param needs need ids from {@code conf/needs.yaml}, at least one
 * @param subsidyRate share of eligible cost covered, in (0, 1]
 * @param url public page of the program
 * @param summary short Japanese description, or null
 */
public record Program(
    String id,
    String name,
    String nameEn,
    String family,
    List<String> needs,
    ProgramWindow window,
    EligibilityRules eligibility,
    List<String> requiredAttachments,
    long maxAmountYen,
    double subsidyRate,
    String url,
    String summary) {

  public Program {
    requireNonNull(id, "id is null");
    requireNonNull(name, "name is null");
    requireNonNull(family, "family is null");
    needs = List.copyOf(requireNonNull(needs, "needs is null"));
    requireNonNull(window, "window is null");
    requireNonNull(eligibility, "eligibility is null");
    requiredAttachments =
        List.copyOf(requireNonNull(requiredAttachments, "requiredAttachments is null"));
    requireNonNull(url, "url is null");
    if (id.isBlank()) {
      throw new IllegalArgumentException("Program id is blank");
    }
    if (needs.isEmpty()) {
      throw new IllegalArgumentException(
          "Program " + id + " has no needs: list at least one need id");
    }
    if (maxAmountYen < 0) {
      throw new IllegalArgumentException(
          "Program " + id + " maxAmountYen must be >= 0, got " + maxAmountYen);
    }
    if (!(subsidyRate > 0 && subsidyRate <= 1)) {
      throw new IllegalArgumentException(
          "Program " + id + " subsidyRate must be in (0, 1], got " + subsidyRate);
    }
  }

  /** The label shown to users: the Japanese name. */
  public String displayName() {
    return name;
  }
}
