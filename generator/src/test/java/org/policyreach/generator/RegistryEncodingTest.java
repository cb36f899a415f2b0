package org.policyreach.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.core.CorporateNumber;

class RegistryEncodingTest {
  @TempDir Path tmp;

  @Test
  void cp932RegistryDecodesStrictlyAndKeepsThirtyColumns() {
    GeneratorConfig config =
        GeneratorConfig.defaults(tmp, TestData.conf())
            .withFirms(800)
            .withErrorRate(0.05)
            .withRegistryEncoding(GeneratorConfig.encoding("cp932"));
    TestData.Generated data = TestData.generate(config);
    List<Path> files = TestData.files(tmp.resolve("registry"));
    assertThat(files).hasSize(48);
    LineChecks checks = new LineChecks(TestData.programs());
    int rows = 0;
    for (Path file : files) {
      String name = "registry/" + file.getFileName();
      List<String> lines = TestData.lines(file, Text.CP932);
      for (int i = 0; i < lines.size(); i++) {
        String fault = data.faultAt(name, i + 1);
        var problems = checks.registry(lines.get(i), i > 0 ? lines.get(i - 1) : null);
        if (fault == null) {
          assertThat(problems).as(name + ":" + (i + 1)).isEmpty();
          assertThat(CorporateNumber.isValid(TestData.csvFields(lines.get(i)).get(1))).isTrue();
          rows++;
        } else {
          assertThat(problems).as(name + ":" + (i + 1)).contains(fault);
        }
      }
    }
    assertThat(rows).isGreaterThan(700);
    assertThat(data.summary().toMap().get("registry_encoding")).isEqualTo("cp932");
  }

  @Test
  void encodingNamesAreForgivingAndUnknownOnesExplainTheChoice() {
    assertThat(GeneratorConfig.encoding("UTF8")).isEqualTo(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(GeneratorConfig.encoding("Shift_JIS")).isEqualTo(Text.CP932);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GeneratorConfig.encoding("latin1"))
        .isInstanceOf(GeneratorException.class)
        .hasMessageContaining("use utf-8 or cp932");
  }
}
