package org.policyreach.models.ranking;

import java.io.Serializable;

/**
 * A firm's peer group: JSIC division letter, size class id and prefecture code (e.g. {@code E},
 * {@code small_scale}, {@code 13}). A missing attribute is kept as {@code "?"}, its own group.
 */
public record PeerKey(String industry, String sizeClass, String region) implements Serializable {
  static final String UNKNOWN = "?";

  public PeerKey {
    industry = normalize(industry);
    sizeClass = normalize(sizeClass);
    region = normalize(region);
  }

  private static String normalize(String value) {
    return value == null || value.isBlank() ? UNKNOWN : value.strip();
  }

  /** The key of this firm's group at {@code level} ({@code ""} for {@link PeerLevel#ALL}). */
  public String at(PeerLevel level) {
    return switch (level) {
      case INDUSTRY_SIZE_REGION -> industry + "|" + sizeClass + "|" + region;
      case INDUSTRY_SIZE -> industry + "|" + sizeClass;
      case INDUSTRY -> industry;
      case ALL -> "";
    };
  }
}
