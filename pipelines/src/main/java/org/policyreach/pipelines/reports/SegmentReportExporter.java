package org.policyreach.pipelines.reports;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.policyreach.pipelines.PipelineException;

/**
 * Writes a build's segment report for officers: {@code segment_reports.csv} (long format with
 * Japanese labels) and {@code segments.csv}, both UTF-8 with a byte-order mark so Excel reads the
 * Japanese correctly, and {@code segment_report.html}, one self-contained page with inline SVG
 * charts. Suppressed cells show as 秘匿 (HTML) or an empty count with {@code suppressed=true} (CSV).
 */
public final class SegmentReportExporter {

  public static final String CELLS_CSV = "segment_reports.csv";
  public static final String SEGMENTS_CSV = "segments.csv";
  public static final String HTML = "segment_report.html";

  private static final String BOM = "\uFEFF";
  private static final String HIDDEN = "秘匿";

  private final ReportLabels labels;
  private final int minCell;

  public SegmentReportExporter(ReportLabels labels, int minCell) {
    this.labels = Objects.requireNonNull(labels, "labels is null");
    this.minCell = minCell;
  }

  /** Writes the three files into {@code dir} (created if needed) and returns their paths. */
  public List<Path> write(SegmentReport report, Path dir) {
    try {
      Files.createDirectories(dir);
      Path cells = dir.resolve(CELLS_CSV);
      Path segments = dir.resolve(SEGMENTS_CSV);
      Path html = dir.resolve(HTML);
      writeCells(report, cells);
      writeSegments(report, segments);
      Files.writeString(html, html(report), StandardCharsets.UTF_8);
      return List.of(html, cells, segments);
    } catch (IOException e) {
      throw PipelineException.badInput(
          "Cannot write the segment report to "
              + dir
              + ": "
              + e.getMessage()
              + "; choose a writable --out folder",
          e);
    }
  }

  private void writeCells(SegmentReport report, Path file) throws IOException {
    Map<String, SegmentReport.Segment> segments = bySegment(report);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(BOM);
      csv(
          w,
          "build_id",
          "segment_id",
          "segment_label",
          "section",
          "section_label",
          "dimension",
          "dimension_label",
          "key",
          "key_label",
          "count",
          "value",
          "suppressed");
      for (ReportCell c : report.cells()) {
        SegmentReport.Segment s = segments.get(c.segmentId());
        csv(
            w,
            report.buildId(),
            c.segmentId(),
            s == null ? "全事業者" : s.labelJa(),
            c.section(),
            labels.section(c.section()),
            c.dimension(),
            labels.dimension(c.dimension()),
            c.key(),
            labels.key(c.dimension(), c.key()),
            c.count() == null ? "" : c.count().toString(),
            c.value() == null ? "" : number(c.value()),
            Boolean.toString(c.suppressed()));
      }
    }
  }

  private void writeSegments(SegmentReport report, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(BOM);
      csv(w, "build_id", "segment_id", "kind", "label_ja", "label_en", "firms", "definition");
      for (SegmentReport.Segment s : report.segments()) {
        csv(
            w,
            report.buildId(),
            s.segmentId(),
            s.kind(),
            s.labelJa(),
            s.labelEn(),
            size(report, s.segmentId()),
            s.definition());
      }
    }
  }

  private static String size(SegmentReport report, String segmentId) {
    return report
        .cell(segmentId, "size", "firms", "total")
        .filter(c -> c.count() != null)
        .map(c -> c.count().toString())
        .orElse(HIDDEN);
  }

  private static void csv(Writer w, String... fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        w.write(',');
      }
      String f = fields[i] == null ? "" : fields[i];
      if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
        w.write('"' + f.replace("\"", "\"\"") + '"');
      } else {
        w.write(f);
      }
    }
    w.write("\r\n");
  }

  // ---------------------------------------------------------------- HTML

  private String html(SegmentReport report) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">")
        .append("<title>セグメントレポート ")
        .append(Html.escape(report.buildId()))
        .append("</title><style>")
        .append(
            "body{font-family:'Hiragino Sans','Noto Sans JP','Yu Gothic',sans-serif;margin:24px;"
                + "color:#222}h1{font-size:22px}h2{font-size:18px;border-bottom:2px solid #1f5fa6;"
                + "padding-bottom:4px;margin-top:40px}h3{font-size:15px;margin:18px 0 6px}"
                + "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;"
                + "padding:3px 8px;font-size:13px}th{background:#eef3fa}td.n{text-align:right}"
                + ".hid{color:#999}.note{font-size:12px;color:#555}.grid{display:flex;"
                + "flex-wrap:wrap;gap:16px}svg .t{font-size:13px;font-weight:bold}"
                + "svg .l,svg .v{font-size:12px}svg .b{fill:#1f5fa6}svg .s{fill:#ddd}"
                + "svg .c{stroke:#e07b00;stroke-width:2}")
        .append("</style></head><body>\n");
    h.append("<h1>PolicyReach セグメントレポート</h1>\n<p>ビルド <b>")
        .append(Html.escape(report.buildId()))
        .append("</b>（作成 ")
        .append(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(ZoneId.of("Asia/Tokyo"))
                .format(report.builtAt()))
        .append("）</p>\n<p class=\"note\">")
        .append(minCell)
        .append("社未満の集計値は「秘匿」と表示しています。合計から差し引いて求められないよう、")
        .append("同じ区分の別のセルもあわせて秘匿しています（二次秘匿）。")
        .append("オレンジの線は全事業者の値です。</p>\n");
    overview(report, h);
    for (SegmentReport.Segment s : report.segments()) {
      segment(report, s, h);
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private void overview(SegmentReport report, StringBuilder h) {
    h.append("<h2>セグメント一覧</h2>\n<table><tr><th>セグメント</th><th>種別</th>")
        .append("<th>企業数</th><th>未接触の割合</th><th>定義</th></tr>\n");
    for (SegmentReport.Segment s : report.segments()) {
      h.append("<tr><td><a href=\"#")
          .append(Html.escape(anchor(s.segmentId())))
          .append("\">")
          .append(Html.escape(s.labelJa()))
          .append("</a></td><td>")
          .append(Html.escape(labels.kind(s.kind())))
          .append("</td><td class=\"n\">")
          .append(Html.escape(size(report, s.segmentId())))
          .append("</td><td class=\"n\">")
          .append(
              report
                  .cell(s.segmentId(), "reach", "reached", "unreached")
                  .filter(c -> c.value() != null)
                  .map(c -> percent(c.value()))
                  .orElse(HIDDEN))
          .append("</td><td class=\"note\">")
          .append(Html.escape(s.definition()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private void segment(SegmentReport report, SegmentReport.Segment s, StringBuilder h) {
    String id = s.segmentId();
    h.append("<h2 id=\"")
        .append(Html.escape(anchor(id)))
        .append("\">")
        .append(Html.escape(s.labelJa()))
        .append("</h2>\n<p>企業数 <b>")
        .append(Html.escape(size(report, id)))
        .append("</b>（")
        .append(Html.escape(labels.kind(s.kind())))
        .append("・<code>")
        .append(Html.escape(id))
        .append("</code>）</p>\n<div class=\"grid\">");
    h.append(shares(report, id, "reach", "reached", "接触状況", 5));
    h.append(shares(report, id, "distribution", "size_class", "企業規模", 5));
    h.append(shares(report, id, "distribution", "jsic", "業種（上位10）", 10));
    h.append(shares(report, id, "distribution", "prefecture", "都道府県（上位10）", 10));
    h.append(needs(report, id));
    h.append("</div>\n");
    uptake(report, id, h);
    underused(report, id, h);
  }

  private String shares(
      SegmentReport report, String id, String section, String dimension, String title, int top) {
    List<ReportCell> cells = new ArrayList<>(report.cells(id, section, dimension));
    if (cells.isEmpty()) {
      return "";
    }
    cells.sort(
        Comparator.comparing((ReportCell c) -> c.count() == null ? -1L : c.count())
            .reversed()
            .thenComparing(ReportCell::key));
    Map<String, Double> all =
        report.cells(SegmentReportBuilder.ALL, section, dimension).stream()
            .filter(c -> c.value() != null)
            .collect(Collectors.toMap(ReportCell::key, ReportCell::value));
    List<SvgBars.Bar> bars = new ArrayList<>();
    for (ReportCell c : cells.subList(0, Math.min(top, cells.size()))) {
      bars.add(
          new SvgBars.Bar(
              labels.key(dimension, c.key()),
              c.value(),
              c.value() == null ? HIDDEN : percent(c.value()) + "（" + c.count() + "社）",
              all.get(c.key())));
    }
    return SvgBars.chart(title, bars, 1.0);
  }

  private String needs(SegmentReport report, String id) {
    Map<String, Double> all =
        report.cells(SegmentReportBuilder.ALL, "needs", "mean_score").stream()
            .filter(c -> c.value() != null)
            .collect(Collectors.toMap(ReportCell::key, ReportCell::value));
    List<SvgBars.Bar> bars = new ArrayList<>();
    for (ReportCell c : report.cells(id, "needs", "mean_score")) {
      bars.add(
          new SvgBars.Bar(
              labels.need(c.key()),
              c.value(),
              c.value() == null ? HIDDEN : String.format(Locale.ROOT, "%.2f", c.value()),
              all.get(c.key())));
    }
    return bars.isEmpty() ? "" : SvgBars.chart("ニーズスコア平均（0〜1）", bars, 1.0);
  }

  private void uptake(SegmentReport report, String id, StringBuilder h) {
    Map<String, ReportCell> awarded =
        report.cells(id, "uptake", "awarded").stream()
            .collect(Collectors.toMap(ReportCell::key, Function.identity(), (a, b) -> a));
    List<ReportCell> applied = new ArrayList<>(report.cells(id, "uptake", "applied"));
    applied.removeIf(c -> c.suppressed());
    applied.sort(
        Comparator.comparing((ReportCell c) -> c.count())
            .reversed()
            .thenComparing(ReportCell::key));
    h.append("<h3>施策の利用（申請企業数の多い順、上位15）</h3>\n");
    if (applied.isEmpty()) {
      h.append("<p class=\"note\">公表できる利用実績はありません（").append(minCell).append("社未満は秘匿）。</p>\n");
      return;
    }
    h.append("<table><tr><th>施策</th><th>申請企業数</th><th>申請率</th><th>採択企業数</th>")
        .append("<th>採択率</th></tr>\n");
    for (ReportCell c : applied.subList(0, Math.min(15, applied.size()))) {
      ReportCell a = awarded.get(c.key());
      boolean aShown = a != null && !a.suppressed();
      h.append("<tr><td>")
          .append(Html.escape(labels.key("applied", c.key())))
          .append("</td><td class=\"n\">")
          .append(c.count())
          .append("</td><td class=\"n\">")
          .append(percent(c.value()))
          .append("</td><td class=\"n")
          .append(aShown ? "" : " hid")
          .append("\">")
          .append(aShown ? a.count().toString() : HIDDEN)
          .append("</td><td class=\"n")
          .append(aShown ? "" : " hid")
          .append("\">")
          .append(aShown ? percent(a.value()) : HIDDEN)
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private void underused(SegmentReport report, String id, StringBuilder h) {
    List<ReportCell> cells = report.cells(id, "underused", "program");
    if (cells.isEmpty()) {
      return;
    }
    h.append("<h3>全事業者と比べて利用の少ない施策</h3>\n<table><tr><th>施策</th>").append("<th>全体比の申請率</th></tr>\n");
    for (ReportCell c : cells) {
      h.append("<tr><td>")
          .append(Html.escape(labels.key("program", c.key())))
          .append("</td><td class=\"n")
          .append(c.value() == null ? " hid\">" + HIDDEN : "\">" + ratio(c.value()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static Map<String, SegmentReport.Segment> bySegment(SegmentReport report) {
    return report.segments().stream()
        .collect(Collectors.toMap(SegmentReport.Segment::segmentId, Function.identity()));
  }

  private static String anchor(String segmentId) {
    return "seg-" + segmentId.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  private static String percent(Double v) {
    return v == null ? HIDDEN : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  private static String ratio(double v) {
    return String.format(Locale.ROOT, "%.2f倍", v);
  }

  private static String number(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
