package org.policyreach.models.segment;

import java.io.Serializable;
import java.util.Objects;
import org.policyreach.models.ModelException;

/**
 * One clustering feature with what the labeler needs to name a segment by it.
 *
 * <ul>
 *   <li>{@link Kind#CATEGORY}: one column of a one-hot group ({@code group} "industry", "size",
 *       "region", …); a segment is named by the category most of its members share, e.g. 製造業.
 *   <li>{@link Kind#NEED}: a need score in [0, 1]; a high segment mean gives e.g. 設備投資志向.
 *   <li>{@link Kind#NUMERIC}: any other number; a high mean gives {@code labelJa} (老舗), a low one
 *       {@code lowLabelJa} (創業間もない).
 * </ul>
 *
 * {@code weight} scales the standardized column in the distance (e.g. 1/√m for each of the m
 * columns of a large one-hot group, so that one attribute does not dominate the clustering).
 */
public record SegmentFeature(
    String name,
    Kind kind,
    String group,
    String labelJa,
    String labelEn,
    String lowLabelJa,
    String lowLabelEn,
    double weight)
    implements Serializable {

  public enum Kind {
    CATEGORY,
    NEED,
    NUMERIC
  }

  public SegmentFeature {
    Objects.requireNonNull(kind, "kind is null");
    ModelException.check(
        name != null && !name.isBlank(), "define segment feature", "the name is blank");
    ModelException.check(
        group != null && !group.isBlank(), "define segment feature " + name, "the group is blank");
    ModelException.check(
        labelJa != null && !labelJa.isBlank() && labelEn != null && !labelEn.isBlank(),
        "define segment feature " + name,
        "Japanese and English labels are required");
    ModelException.check(
        kind != Kind.NUMERIC || (lowLabelJa != null && !lowLabelJa.isBlank() && lowLabelEn != null),
        "define segment feature " + name,
        "a numeric feature needs labels for low values too");
    ModelException.check(
        Double.isFinite(weight) && weight > 0,
        "define segment feature " + name,
        "weight must be finite and > 0, got %s",
        weight);
  }

  /** A one-hot column, e.g. {@code category("jsic_E", "industry", "製造業", "manufacturing")}. */
  public static SegmentFeature category(String name, String group, String labelJa, String labelEn) {
    return new SegmentFeature(name, Kind.CATEGORY, group, labelJa, labelEn, null, null, 1.0);
  }

  /** A need score; labels become "{label}志向" / "{label}-oriented". */
  public static SegmentFeature need(String name, String needLabelJa, String needLabelEn) {
    return new SegmentFeature(
        name, Kind.NEED, "need", needLabelJa + "志向", needLabelEn + "-oriented", null, null, 1.0);
  }

  /** A number with a label for high and for low segment means. */
  public static SegmentFeature numeric(
      String name, String highJa, String highEn, String lowJa, String lowEn) {
    return new SegmentFeature(name, Kind.NUMERIC, name, highJa, highEn, lowJa, lowEn, 1.0);
  }

  public SegmentFeature withWeight(double newWeight) {
    return new SegmentFeature(
        name, kind, group, labelJa, labelEn, lowLabelJa, lowLabelEn, newWeight);
  }
}
