package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfPathsTest {
  @TempDir Path dir;

  @Test
  void explicitOptionWins() throws IOException {
    Files.writeString(dir.resolve("needs.yaml"), "needs: []\n");
    Files.createDirectory(dir.resolve("programs"));
    assertThat(ConfPaths.locate(dir.toString())).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(ConfPaths.needsFile(dir)).isEqualTo(dir.resolve("needs.yaml"));
    assertThat(ConfPaths.programsDir(dir)).isEqualTo(dir.resolve("programs"));
    assertThat(ConfPaths.configFile(dir)).isEqualTo(dir.resolve("policyreach.yaml"));
  }

  @Test
  void anExplicitFolderThatIsNotConfIsAnErrorNotAFallback() {
    assertThatThrownBy(() -> ConfPaths.locate(dir.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("(from --conf) is not a configuration folder")
        .hasMessageContaining("needs.yaml");
  }

  @Test
  void withoutOptionTheProjectConfIsFound() {
    assertThat(ConfPaths.locate()).isEqualTo(ProjectConf.dir().toAbsolutePath().normalize());
  }
}
