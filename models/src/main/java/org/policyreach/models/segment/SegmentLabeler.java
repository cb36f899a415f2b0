package org.policyreach.models.segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.policyreach.models.ModelException;

/**
 * Names each segment by its most distinguishing features.
 *
 * <p>A term is a candidate when the segment mean is at least {@code minZ} standard deviations away
 * from the population mean: for a one-hot group, the category most members share (and at least
 * {@code minCategoryShare} of them) if it is over-represented; for needs, a need score above the
 * mean; for a numeric feature, its high or low label. Each group gives at most one term; the {@code
 * maxTerms} strongest are written in the order the groups first appear in the feature list, joined
 * by "・". Segments that would share a label get more terms; if they are still equal, a number
 * "（1）", "（2）" in segment order. A segment with no candidate is 一般企業群.
 */
public final class SegmentLabeler {
  static final String GENERAL_JA = "一般企業群";
  static final String GENERAL_EN = "general firms";

  public record Options(int maxTerms, double minZ, double minCategoryShare) {
    public Options {
      ModelException.check(
          maxTerms >= 1, "configure segment labeler", "maxTerms must be ≥ 1, got %d", maxTerms);
      ModelException.check(
          minZ >= 0 && minCategoryShare >= 0 && minCategoryShare <= 1,
          "configure segment labeler",
          "minZ (%s) must be ≥ 0 and minCategoryShare (%s) in [0, 1]",
          minZ,
          minCategoryShare);
    }

    public static Options defaults() {
      return new Options(3, 0.5, 0.5);
    }
  }

  private record Term(
      String group, int groupOrder, String feature, String ja, String en, double z) {}

  private SegmentLabeler() {}

  public static List<SegmentLabel> label(SegmentModel model) {
    return label(model, Options.defaults());
  }

  public static List<SegmentLabel> label(SegmentModel model, Options options) {
    Map<String, Integer> groupOrder = new LinkedHashMap<>();
    for (SegmentFeature f : model.features()) {
      groupOrder.putIfAbsent(f.group(), groupOrder.size());
    }
    List<List<Term>> candidates = new ArrayList<>();
    for (int s = 0; s < model.k(); s++) {
      candidates.add(candidates(model, s, groupOrder, options));
    }
    int[] termCount = new int[model.k()];
    java.util.Arrays.fill(termCount, options.maxTerms());
    List<List<Term>> chosen = new ArrayList<>();
    for (int s = 0; s < model.k(); s++) {
      chosen.add(take(candidates.get(s), termCount[s]));
    }
    // Lengthen clashing labels while any clashing segment still has unused candidates.
    boolean changed = true;
    while (changed) {
      changed = false;
      Map<String, List<Integer>> byLabel = groupByLabel(chosen);
      for (List<Integer> clash : byLabel.values()) {
        if (clash.size() < 2) {
          continue;
        }
        for (int s : clash) {
          if (termCount[s] < candidates.get(s).size()) {
            termCount[s]++;
            chosen.set(s, take(candidates.get(s), termCount[s]));
            changed = true;
          }
        }
      }
    }
    return number(chosen);
  }

  private static List<Term> candidates(
      SegmentModel model, int segment, Map<String, Integer> groupOrder, Options options) {
    double[] z = model.centroidZ(segment);
    double[] raw = model.centroidRaw(segment);
    List<SegmentFeature> features = model.features();
    Map<String, Term> bestPerGroup = new HashMap<>();
    Map<String, Double> bestShare = new HashMap<>();
    for (int j = 0; j < features.size(); j++) {
      SegmentFeature f = features.get(j);
      int order = groupOrder.get(f.group());
      Term term = null;
      switch (f.kind()) {
        case CATEGORY -> {
          // the category most members share, named only if it is also over-represented
          if (raw[j] > bestShare.getOrDefault(f.group(), -1.0)) {
            bestShare.put(f.group(), raw[j]);
            bestPerGroup.remove(f.group());
            if (raw[j] >= options.minCategoryShare() && z[j] >= options.minZ()) {
              bestPerGroup.put(
                  f.group(), new Term(f.group(), order, f.name(), f.labelJa(), f.labelEn(), z[j]));
            }
          }
          continue;
        }
        case NEED -> {
          // every need is its own term: a segment may be known by two needs
          if (z[j] >= options.minZ()) {
            bestPerGroup.put(
                f.group() + "/" + f.name(),
                new Term(f.group(), order, f.name(), f.labelJa(), f.labelEn(), z[j]));
          }
          continue;
        }
        case NUMERIC -> {
          if (z[j] >= options.minZ()) {
            term = new Term(f.group(), order, f.name(), f.labelJa(), f.labelEn(), z[j]);
          } else if (-z[j] >= options.minZ()) {
            term = new Term(f.group(), order, f.name(), f.lowLabelJa(), f.lowLabelEn(), -z[j]);
          }
        }
      }
      if (term != null) {
        Term current = bestPerGroup.get(f.group());
        if (current == null || term.z() > current.z()) {
          bestPerGroup.put(f.group(), term);
        }
      }
    }
    List<Term> terms = new ArrayList<>(bestPerGroup.values());
    terms.sort(Comparator.comparingDouble(Term::z).reversed().thenComparingInt(Term::groupOrder));
    return terms;
  }

  private static List<Term> take(List<Term> candidates, int n) {
    List<Term> taken = new ArrayList<>(candidates.subList(0, Math.min(n, candidates.size())));
    taken.sort(
        Comparator.comparingInt(Term::groupOrder)
            .thenComparing(Comparator.comparingDouble(Term::z).reversed()));
    return taken;
  }

  private static String ja(List<Term> terms) {
    if (terms.isEmpty()) {
      return GENERAL_JA;
    }
    return String.join("・", terms.stream().map(Term::ja).toList());
  }

  private static String en(List<Term> terms) {
    if (terms.isEmpty()) {
      return GENERAL_EN;
    }
    return String.join(" / ", terms.stream().map(Term::en).toList());
  }

  private static Map<String, List<Integer>> groupByLabel(List<List<Term>> chosen) {
    Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
    for (int s = 0; s < chosen.size(); s++) {
      byLabel.computeIfAbsent(ja(chosen.get(s)), key -> new ArrayList<>()).add(s);
    }
    return byLabel;
  }

  private static List<SegmentLabel> number(List<List<Term>> chosen) {
    Map<String, List<Integer>> byLabel = groupByLabel(chosen);
    List<SegmentLabel> labels = new ArrayList<>();
    for (int s = 0; s < chosen.size(); s++) {
      List<Term> terms = chosen.get(s);
      String ja = ja(terms);
      String en = en(terms);
      List<Integer> same = byLabel.get(ja);
      if (same.size() > 1) {
        int n = same.indexOf(s) + 1;
        ja = ja + "（" + n + "）";
        en = en + " (" + n + ")";
      }
      labels.add(new SegmentLabel(s, ja, en, terms.stream().map(Term::feature).toList()));
    }
    return List.copyOf(labels);
  }
}
