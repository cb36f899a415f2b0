package org.policyreach.pipelines.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.core.Need;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.ProgramCatalog;

class SegmentReportExporterTest {

  @TempDir Path dir;

  @Test
  void writesCsvWithBomAndSelfContainedHtmlWithJapaneseLabels() throws Exception {
    SegmentReportBuilder b =
        new SegmentReportBuilder(10, List.of("digitalization"), List.of("it-donyu-2025"));
    for (String seg : List.of("all", "rule:small")) {
      b.size(seg, 120);
      b.distribution(seg, "jsic", "E", 100);
      b.distribution(seg, "jsic", "G", 15);
      b.distribution(seg, "jsic", "I", 5);
      b.distribution(seg, "prefecture", "13", 120);
      b.distribution(seg, "size_class", "small_scale", 120);
      b.distribution(seg, "reached", "reached", 40);
      b.distribution(seg, "reached", "unreached", 80);
      b.needMean(seg, "digitalization", 0.42);
      b.uptake(seg, "it-donyu-2025", 30, 12);
    }
    SegmentReport report =
        new SegmentReport(
            "b-20261126-abcdef12",
            Instant.parse("2026-11-26T01:00:00Z"),
            List.of(
                new SegmentReport.Segment(
                    "rule:small", "rule", "小規模・<テスト>", "Small", "size_class == \"small_scale\"")),
            b.build());
    NeedCatalog needs =
        NeedCatalog.of(
            List.of(new Need("digitalization", "デジタル化・IT導入", "Digitalization", List.of("IT"))));
    List<Path> files =
        new SegmentReportExporter(new ReportLabels(needs, ProgramCatalog.of(List.of())), 10)
            .write(report, dir);

    byte[] csv = Files.readAllBytes(dir.resolve(SegmentReportExporter.CELLS_CSV));
    assertThat(csv).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String text = new String(csv, StandardCharsets.UTF_8);
    assertThat(text)
        .contains("rule:small,小規模・<テスト>,distribution,分布,jsic")
        .contains("E 製造業")
        .contains("G 情報通信業")
        .contains("needs,ニーズスコア平均,mean_score,平均スコア,digitalization,デジタル化・IT導入,,0.42,false");
    assertThat(Files.readAllBytes(dir.resolve(SegmentReportExporter.SEGMENTS_CSV)))
        .startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);

    String html = Files.readString(files.get(0), StandardCharsets.UTF_8);
    assertThat(html)
        .contains("<svg", "秘匿", "小規模・&lt;テスト&gt;", "デジタル化・IT導入", "東京都", "未接触")
        .doesNotContain("<script", "http://", "https://", "小規模・<テスト>");
  }
}
