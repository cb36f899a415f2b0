package org.policyreach.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorConfigTest {
  private final GeneratorConfig defaults =
      GeneratorConfig.defaults(Path.of("out"), Path.of("conf"));

  @Test
  void defaults() {
    assertThat(defaults.firms()).isEqualTo(2_000);
    assertThat(defaults.seed()).isEqualTo(42);
    assertThat(defaults.errorRate()).isEqualTo(0.02);
    assertThat(defaults.registryEncoding()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(defaults.registryEncodingName()).isEqualTo("utf-8");
    assertThat(defaults.asOf()).isEqualTo(LocalDate.of(2026, 11, 26));
    assertThat(defaults.threads()).isBetween(1, 2);
  }

  @Test
  void badValuesAreRejectedWithWhatToDo() {
    assertThatThrownBy(() -> defaults.withFirms(0))
        .isInstanceOf(GeneratorException.class)
        .hasMessageContaining("between 1 and 10000000")
        .satisfies(e -> assertThat(((GeneratorException) e).isBadInput()).isTrue());
    assertThatThrownBy(() -> defaults.withErrorRate(0.9)).hasMessageContaining("between 0 and 0.5");
    assertThatThrownBy(() -> defaults.withErrorRate(Double.NaN)).hasMessageContaining("error rate");
    assertThatThrownBy(() -> defaults.withAsOf(LocalDate.of(2010, 1, 1)))
        .hasMessageContaining("2020-01-01");
    assertThatThrownBy(() -> defaults.withThreads(0)).hasMessageContaining("1 or more");
  }

  @Test
  void outputThatIsAFileIsBadInput(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path file = java.nio.file.Files.writeString(tmp.resolve("x"), "x");
    assertThatThrownBy(
            () -> new Generator(GeneratorConfig.defaults(file, TestData.conf()).withFirms(5)).run())
        .isInstanceOf(GeneratorException.class)
        .hasMessageContaining("it is a file, not a folder");
  }
}
