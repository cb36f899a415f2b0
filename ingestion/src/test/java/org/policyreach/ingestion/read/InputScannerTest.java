package org.policyreach.ingestion.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.ingestion.IngestionException;
import org.policyreach.ingestion.Source;

class InputScannerTest {
  final Configuration conf = new Configuration();

  static List<ChunkReader.Line> lines(InputScan scan, Configuration conf) {
    List<ChunkReader.Line> out = new ArrayList<>();
    for (FileChunk c : scan.chunks()) {
      for (Iterator<ChunkReader.Line> it = ChunkReader.lines(c, conf); it.hasNext(); ) {
        out.add(it.next());
      }
    }
    return out;
  }

  @Test
  void chunksStartOnLineBoundariesWithExactLineNumbers(@TempDir Path dir) throws Exception {
    StringBuilder sb = new StringBuilder("\uFEFF");
    for (int i = 1; i <= 500; i++) {
      sb.append("{\"n\":")
          .append(i)
          .append(",\"t\":\"株式会社")
          .append(i)
          .append("\"}")
          .append(i % 7 == 0 ? "\r\n" : "\n");
    }
    sb.append("{\"n\":501}"); // no final newline
    Path f = Files.writeString(dir.resolve("a.jsonl"), sb.toString());
    InputScan scan = new InputScanner(conf, 1000).scan(f.toString(), Source.APPLICATIONS, null);
    assertThat(scan.chunks().size()).isGreaterThan(10);
    assertThat(scan.lines()).isEqualTo(501);
    assertThat(scan.sha256()).hasSize(64);
    List<ChunkReader.Line> lines = lines(scan, conf);
    assertThat(lines).hasSize(501);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i).number()).isEqualTo(i + 1);
      assertThat(lines.get(i).text()).startsWith("{\"n\":" + (i + 1)).doesNotEndWith("\r");
    }
  }

  @Test
  void detectsShiftJisRegistryAndUtf8(@TempDir Path dir) throws Exception {
    String row = "1,4010401098455,01,0,2024-05-01,2024-04-30,\"株式会社サンプル\"\n";
    Path sjis = Files.write(dir.resolve("sjis.csv"), row.getBytes(Source.CP932));
    Path utf8 = Files.write(dir.resolve("utf8.csv"), row.getBytes(StandardCharsets.UTF_8));
    InputScanner scanner = new InputScanner(conf, 1 << 20);
    assertThat(scanner.scan(sjis.toString(), Source.REGISTRY, null).charsets())
        .containsValue("windows-31j");
    assertThat(scanner.scan(utf8.toString(), Source.REGISTRY, null).charsets())
        .containsValue("UTF-8");
    InputScan forced = scanner.scan(sjis.toString(), Source.REGISTRY, "Shift_JIS");
    assertThat(lines(forced, conf).get(0).text()).contains("株式会社サンプル");
  }

  @Test
  void aFileInTheWrongEncodingIsBadInputNamingTheFileAndTheFix(@TempDir Path dir) throws Exception {
    Path sjisJson =
        Files.write(dir.resolve("apps.jsonl"), "{\"purpose\":\"設備投資\"}\n".getBytes(Source.CP932));
    InputScanner scanner = new InputScanner(conf, 1 << 20);
    assertThatThrownBy(() -> scanner.scan(sjisJson.toString(), Source.APPLICATIONS, null))
        .isInstanceOf(IngestionException.class)
        .satisfies(e -> assertThat(((IngestionException) e).exitCode()).isEqualTo(2))
        .hasMessageContaining("apps.jsonl")
        .hasMessageContaining("Shift_JIS")
        .hasMessageContaining("iconv");
    Path sjisCsv = Files.write(dir.resolve("reg.csv"), "1,\"株式会社\"\n".getBytes(Source.CP932));
    assertThatThrownBy(() -> scanner.scan(sjisCsv.toString(), Source.REGISTRY, "UTF-8"))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("reg.csv")
        .hasMessageContaining("--encoding CP932");
  }

  @Test
  void foldersAreReadWholeAndMissingInputsNamed(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("b.jsonl"), "{}\n{}\n");
    Files.writeString(dir.resolve("a.jsonl"), "{}\n");
    Files.writeString(dir.resolve("notes.md"), "ignored\n");
    Files.writeString(dir.resolve(".hidden.jsonl"), "ignored\n");
    InputScanner scanner = new InputScanner(conf, 1 << 20);
    InputScan scan = scanner.scan(dir.toString(), Source.EVENTS, null);
    assertThat(scan.chunks()).extracting(FileChunk::fileName).containsExactly("a.jsonl", "b.jsonl");
    assertThat(scan.lines()).isEqualTo(3);
    assertThat(scan.sourceFile()).endsWith("/*");
    assertThatThrownBy(
            () -> scanner.scan(dir.resolve("nope.jsonl").toString(), Source.EVENTS, null))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("nope.jsonl")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> scanner.scan(dir.toString(), Source.LEGACY, null))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("no legacy files");
    assertThatThrownBy(() -> Source.parse("registery"))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("registery")
        .hasMessageContaining("firm-attributes");
  }

  @Test
  void malformedBytesAreMarkedNotLost(@TempDir Path dir) throws Exception {
    byte[] good = "{\"a\":\"株式\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {'{', '"', 'b', '"', ':', '"', (byte) 0xE6, (byte) 0xFF, '"', '}', '\n'};
    byte[] all = new byte[good.length * 600 + bad.length];
    for (int i = 0; i < 600; i++) {
      System.arraycopy(good, 0, all, i * good.length, good.length);
    }
    System.arraycopy(bad, 0, all, good.length * 600, bad.length);
    Path f = Files.write(dir.resolve("x.jsonl"), all);
    List<ChunkReader.Line> lines =
        lines(new InputScanner(conf, 1 << 20).scan(f.toString(), Source.EVENTS, null), conf);
    assertThat(lines).hasSize(601);
    assertThat(lines.get(600).malformed()).isTrue();
    assertThat(lines.get(599).malformed()).isFalse();
  }
}
