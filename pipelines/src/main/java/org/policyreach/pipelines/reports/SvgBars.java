package org.policyreach.pipelines.reports;

import java.util.List;
import java.util.Locale;

/** Horizontal bar charts as inline SVG (no scripts, no external resources). */
final class SvgBars {
  private SvgBars() {}

  /**
   * One bar; {@code value} in [0, max] or null for a suppressed or unknown value; {@code compareTo}
   * is drawn as a thin marker (e.g. the value for all firms).
   */
  record Bar(String label, Double value, String text, Double compareTo) {}

  private static final int LABEL_WIDTH = 260;
  private static final int BAR_WIDTH = 320;
  private static final int ROW = 22;

  static String chart(String title, List<Bar> bars, double max) {
    int height = ROW * bars.size() + 28;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg role=\"img\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\"><title>%s</title>",
            LABEL_WIDTH + BAR_WIDTH + 110,
            height,
            LABEL_WIDTH + BAR_WIDTH + 110,
            height,
            Html.escape(title)));
    svg.append(
        String.format(
            Locale.ROOT, "<text x=\"0\" y=\"14\" class=\"t\">%s</text>", Html.escape(title)));
    double scale = max <= 0 ? 0 : BAR_WIDTH / max;
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int y = 24 + i * ROW;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"l\">%s</text>",
              LABEL_WIDTH - 6,
              y + 14,
              Html.escape(b.label())));
      if (b.value() != null) {
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" class=\"b\"/>",
                LABEL_WIDTH,
                y + 2,
                Math.max(0.5, b.value() * scale)));
      } else {
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" class=\"s\"/>",
                LABEL_WIDTH,
                y + 2,
                BAR_WIDTH / 8));
      }
      if (b.compareTo() != null) {
        double x = LABEL_WIDTH + b.compareTo() * scale;
        svg.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" class=\"c\"/>",
                x,
                x,
                y,
                y + 20));
      }
      double textX = LABEL_WIDTH + (b.value() == null ? BAR_WIDTH / 8.0 : b.value() * scale) + 6;
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" class=\"v\">%s</text>",
              textX,
              y + 14,
              Html.escape(b.text())));
    }
    return svg.append("</svg>").toString();
  }
}
