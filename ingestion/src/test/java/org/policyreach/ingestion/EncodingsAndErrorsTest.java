package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry files in UTF-8 and Shift_JIS, and the errors a user can fix (exit code 2). */
class EncodingsAndErrorsTest {

  static List<String> firms(TestLake lake) {
    return lake
        .table("silver", "firms")
        .orderBy("corporate_number")
        .select(col("corporate_number"), col("name"), col("name_kana"), col("city"), col("status"))
        .collectAsList()
        .stream()
        .map(Row::toString)
        .toList();
  }

  @Test
  void shiftJisAndUtf8RegistryFilesGiveTheSameFirms(@TempDir Path dir) {
    GeneratedData utf8 =
        GeneratedData.generate(dir.resolve("utf8"), 60, 0.0, StandardCharsets.UTF_8);
    GeneratedData sjis = GeneratedData.generate(dir.resolve("sjis"), 60, 0.0, Source.CP932);
    TestLake a = new TestLake(dir.resolve("a"));
    TestLake b = new TestLake(dir.resolve("b"));
    IngestResult ra = a.ingest(Source.REGISTRY, utf8.folder("registry"));
    IngestResult rb = b.ingest(Source.REGISTRY, sjis.folder("registry"));
    assertThat(rb.read()).isEqualTo(ra.read()).isPositive();
    assertThat(rb.quarantined()).isZero();
    assertThat(firms(b)).isEqualTo(firms(a)).anyMatch(f -> f.contains("株式会社"));
    assertThat(b.table("bronze", "registry").select("encoding").distinct().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactly("windows-31j");
  }

  @Test
  void userErrorsAreBadInputThatNameTheFileAndTheFix(@TempDir Path dir) {
    TestLake lake = new TestLake(dir);
    Path sjisRegistry =
        lake.write(
            "reg/13_tokyo.csv",
            "1,4010401098455,01,0,2024-05-01,2024-04-30,\"株式会社サンプル\"\n",
            Source.CP932);
    assertBadInput(
        () -> lake.ingest(IngestRequest.of(Source.REGISTRY, sjisRegistry).withEncoding("UTF-8")),
        "13_tokyo.csv",
        "--encoding CP932");
    Path sjisApps = lake.write("apps.jsonl", "{\"purpose\":\"設備投資\"}\n", Source.CP932);
    assertBadInput(() -> lake.ingest(Source.APPLICATIONS, sjisApps), "apps.jsonl", "UTF-8");
    assertBadInput(
        () -> lake.ingest(Source.EVENTS, dir.resolve("missing.jsonl")),
        "missing.jsonl",
        "does not exist");
    assertBadInput(() -> Source.parse("applicaton"), "applicaton", "applications");
    Path utf8Legacy = lake.write("forms.csv", "受付番号,施策コード\n", StandardCharsets.UTF_8);
    assertBadInput(() -> lake.ingest(Source.LEGACY, utf8Legacy), "forms.csv", "受付番号");
    assertBadInput(
        () -> IngestRequest.of(Source.APPLICATIONS, (String) null), "--input", "applications");
    assertThat(lake.lakehouse.exists(lake.spark, "meta", "batches")).isFalse();
  }

  static void assertBadInput(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String... messageParts) {
    assertThatThrownBy(call)
        .isInstanceOf(IngestionException.class)
        .satisfies(e -> assertThat(((IngestionException) e).exitCode()).isEqualTo(2))
        .satisfies(e -> assertThat(e.getMessage()).contains(messageParts));
  }
}
