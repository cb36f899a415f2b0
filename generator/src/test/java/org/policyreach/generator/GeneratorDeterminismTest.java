package org.policyreach.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorDeterminismTest {
  private static final int FIRMS = 700;

  @TempDir Path tmp;

  private GeneratorConfig config(String dir) {
    return GeneratorConfig.defaults(tmp.resolve(dir), TestData.conf()).withFirms(FIRMS);
  }

  @Test
  void sameSeedGivesByteIdenticalFilesWhateverTheThreadCount() throws IOException {
    new Generator(config("a").withThreads(1)).run();
    new Generator(config("b").withThreads(3)).run();
    List<Path> a = relative(tmp.resolve("a"));
    List<Path> b = relative(tmp.resolve("b"));
    assertThat(a).isEqualTo(b).hasSizeGreaterThan(50);
    for (Path p : a) {
      assertThat(Files.readAllBytes(tmp.resolve("b").resolve(p)))
          .as(p.toString())
          .isEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(p)));
    }
  }

  @Test
  void differentSeedGivesDifferentData() throws IOException {
    new Generator(config("a")).run();
    new Generator(config("c").withSeed(7)).run();
    for (String f :
        List.of(
            "applications/applications.jsonl",
            "truth/latent_needs.csv",
            "registry/13_tokyo_all_20261031.csv")) {
      assertThat(Files.readAllBytes(tmp.resolve("c").resolve(f)))
          .as(f)
          .isNotEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(f)));
    }
  }

  @Test
  void rerunReplacesThePreviousOutput() throws IOException {
    Path out = tmp.resolve("r");
    new Generator(config("r").withAsOf(java.time.LocalDate.of(2026, 6, 15))).run();
    assertThat(out.resolve("registry/13_tokyo_all_20260531.csv")).exists();
    new Generator(config("r")).run();
    assertThat(out.resolve("registry/13_tokyo_all_20260531.csv")).doesNotExist();
    assertThat(out.resolve("registry/13_tokyo_all_20261031.csv")).exists();
  }

  private static List<Path> relative(Path root) {
    return TestData.files(root).stream().map(root::relativize).toList();
  }
}
