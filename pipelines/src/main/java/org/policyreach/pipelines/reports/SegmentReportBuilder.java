package org.policyreach.pipelines.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns per-segment aggregates into the long-format report cells, with small-cell suppression (see
 * {@link CellSuppressor}). Sections:
 *
 * <ul>
 *   <li>{@code size / firms / total}: members;
 *   <li>{@code distribution / jsic|prefecture|size_class / <code or unknown>}: members and share;
 *   <li>{@code reach / reached / reached|unreached}: members and share;
 *   <li>{@code needs / mean_score / <need id>}: mean need score;
 *   <li>{@code uptake / applied / <program>}: firms that applied and their share of the segment;
 *       {@code uptake / awarded / <program>}: firms awarded and the award rate among applicants;
 *   <li>{@code underused / program / <program>}: the programs the segment uses least compared with
 *       all firms, value = segment uptake rate ÷ overall uptake rate (lowest first, at most 5).
 * </ul>
 *
 * Counts that could be recovered by subtraction are suppressed too: the cells of a distribution add
 * up to the segment size, applied + not applied = size, awarded + not awarded = applied.
 */
public final class SegmentReportBuilder {

  /** The pseudo-segment of every active firm: the baseline rates come from it. */
  public static final String ALL = "all";

  public static final int UNDERUSED_TOP = 5;

  private final CellSuppressor suppressor;
  private final List<String> needIds;
  private final List<String> programIds;
  private final Map<String, Long> sizes = new LinkedHashMap<>();
  private final Map<String, Map<String, Map<String, Long>>> distributions = new LinkedHashMap<>();
  private final Map<String, Map<String, Double>> needMeans = new LinkedHashMap<>();
  private final Map<String, Map<String, long[]>> uptake = new LinkedHashMap<>();

  public SegmentReportBuilder(int minCell, List<String> needIds, List<String> programIds) {
    this.suppressor = new CellSuppressor(minCell);
    this.needIds = List.copyOf(needIds);
    this.programIds = List.copyOf(programIds);
  }

  public void size(String segment, long firms) {
    sizes.put(segment, firms);
  }

  /**
   * Adds firms to a distribution cell ({@code dimension} jsic, prefecture, size_class, reached).
   */
  public void distribution(String segment, String dimension, String key, long firms) {
    distributions
        .computeIfAbsent(segment, s -> new LinkedHashMap<>())
        .computeIfAbsent(dimension, d -> new TreeMap<>())
        .merge(key == null ? "unknown" : key, firms, Long::sum);
  }

  public void needMean(String segment, String need, double mean) {
    needMeans.computeIfAbsent(segment, s -> new LinkedHashMap<>()).put(need, mean);
  }

  public void uptake(String segment, String program, long applied, long awarded) {
    uptake
        .computeIfAbsent(segment, s -> new LinkedHashMap<>())
        .put(program, new long[] {applied, awarded});
  }

  public List<ReportCell> build() {
    List<ReportCell> out = new ArrayList<>();
    for (Map.Entry<String, Long> e : sizes.entrySet()) {
      segment(e.getKey(), e.getValue(), out);
    }
    return out;
  }

  private void segment(String seg, long size, List<ReportCell> out) {
    boolean tooSmall = !suppressor.publishable(size);
    out.add(
        tooSmall
            ? ReportCell.hidden(seg, "size", "firms", "total")
            : new ReportCell(seg, "size", "firms", "total", size, null, false));

    Map<String, Map<String, Long>> dims = distributions.getOrDefault(seg, Map.of());
    for (String dim : List.of("jsic", "prefecture", "size_class", "reached")) {
      Map<String, Long> cells = dims.getOrDefault(dim, Map.of());
      if (cells.isEmpty()) {
        continue;
      }
      String section = dim.equals("reached") ? "reach" : "distribution";
      Set<String> hidden = suppressor.suppressPartition(cells, size);
      for (Map.Entry<String, Long> c : cells.entrySet()) {
        out.add(
            hidden.contains(c.getKey())
                ? ReportCell.hidden(seg, section, dim, c.getKey())
                : new ReportCell(
                    seg, section, dim, c.getKey(), c.getValue(), share(c.getValue(), size), false));
      }
    }

    Map<String, Double> means = needMeans.getOrDefault(seg, Map.of());
    for (String need : needIds) {
      Double mean = means.get(need);
      out.add(
          tooSmall
              ? ReportCell.hidden(seg, "needs", "mean_score", need)
              : new ReportCell(seg, "needs", "mean_score", need, null, round(mean), false));
    }

    Map<String, long[]> programs = uptake.getOrDefault(seg, Map.of());
    Map<String, Long> overall = new LinkedHashMap<>();
    Map<String, Boolean> appliedShown = new LinkedHashMap<>();
    for (String program : programIds) {
      long[] v = programs.getOrDefault(program, new long[2]);
      long applied = v[0];
      long awarded = v[1];
      boolean showApplied =
          suppressor
              .suppressPartition(Map.of("applied", applied, "not_applied", size - applied), size)
              .isEmpty();
      appliedShown.put(program, showApplied);
      out.add(
          showApplied
              ? new ReportCell(
                  seg, "uptake", "applied", program, applied, share(applied, size), false)
              : ReportCell.hidden(seg, "uptake", "applied", program));
      boolean showAwarded =
          showApplied
              && suppressor
                  .suppressPartition(
                      Map.of("awarded", awarded, "not_awarded", applied - awarded), applied)
                  .isEmpty();
      out.add(
          showAwarded
              ? new ReportCell(
                  seg, "uptake", "awarded", program, awarded, share(awarded, applied), false)
              : ReportCell.hidden(seg, "uptake", "awarded", program));
      overall.put(program, applied);
    }
    if (!seg.equals(ALL)) {
      underused(seg, size, overall, appliedShown, out);
    }
  }

  private void underused(
      String seg,
      long size,
      Map<String, Long> applied,
      Map<String, Boolean> shown,
      List<ReportCell> out) {
    Long allSize = sizes.get(ALL);
    Map<String, long[]> all = uptake.getOrDefault(ALL, Map.of());
    if (allSize == null || allSize == 0 || size == 0) {
      return;
    }
    record Lift(String program, double lift) {}
    List<Lift> lifts = new ArrayList<>();
    for (String program : programIds) {
      long[] a = all.get(program);
      if (a == null || a[0] == 0) {
        continue;
      }
      double overallRate = (double) a[0] / allSize;
      double rate = (double) applied.get(program) / size;
      if (rate < overallRate) {
        lifts.add(new Lift(program, rate / overallRate));
      }
    }
    lifts.sort(Comparator.comparingDouble(Lift::lift).thenComparing(Lift::program));
    for (Lift l : lifts.subList(0, Math.min(UNDERUSED_TOP, lifts.size()))) {
      out.add(
          shown.get(l.program())
              ? new ReportCell(
                  seg, "underused", "program", l.program(), null, round(l.lift()), false)
              : ReportCell.hidden(seg, "underused", "program", l.program()));
    }
  }

  private static Double share(long part, long whole) {
    return whole == 0 ? null : round((double) part / whole);
  }

  private static Double round(Double v) {
    return v == null ? null : Math.round(v * 10_000) / 10_000.0;
  }
}
