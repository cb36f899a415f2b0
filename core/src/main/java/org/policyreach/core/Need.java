package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A firm need from {@code conf/needs.yaml}: a snake_case id, labels, and Japanese keywords in
 * dictionary (base) form so that they match the base forms a morphological analyser (Kuromoji)
 * gives for application purposes.
 */
public record Need(String id, String labelJa, String labelEn, List<String> keywords) {
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)*");

  public Need {
    requireNonNull(id, "id is null");
    requireNonNull(labelJa, "labelJa is null");
    requireNonNull(labelEn, "labelEn is null");
    keywords = List.copyOf(requireNonNull(keywords, "keywords is null"));
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "Need id '" + id + "' is not snake_case: use lower-case letters, digits and '_'");
    }
  }
}
