package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReachConfigTest {
  @TempDir Path dir;

  @Test
  void defaults() {
    PolicyReachConfig c = PolicyReachConfig.defaults();
    assertThat(c.report().minCell()).isEqualTo(10);
    assertThat(c.recommend().topK()).isEqualTo(10);
    assertThat(c.recommend().horizonDays()).isEqualTo(60);
    assertThat(c.recommend().perFamilyMax()).isEqualTo(1);
    assertThat(c.targets().holdoutShare()).isEqualTo(0.10);
    assertThat(c.targets().holdoutSeed()).isEqualTo(20261126L);
    assertThat(c.targets().contactCap()).isEqualTo(3);
    assertThat(c.targets().contactWindowDays()).isEqualTo(30);
    assertThat(c.quality().maxQuarantineShare()).isEqualTo(0.2);
    assertThat(c.evaluate().horizonDays()).isEqualTo(180);
  }

  @Test
  void rankerAndTargetListDefaults() {
    PolicyReachConfig c = PolicyReachConfig.defaults();
    assertThat(c.ranker()).isEqualTo(new PolicyReachConfig.Ranker(180, 3, 91, 20_000, 20261126L));
    assertThat(c.targets().maxPerProgram()).isEqualTo(1000);
  }

  @Test
  void rankerSectionOverridesAndRejectsBadValues() throws IOException {
    write("ranker:\n  label_days: 90\n  train_seed: 7\ntargets:\n  max_per_program: 50\n");
    PolicyReachConfig c = PolicyReachConfig.load(dir);
    assertThat(c.ranker()).isEqualTo(new PolicyReachConfig.Ranker(90, 3, 91, 20_000, 7L));
    assertThat(c.targets().maxPerProgram()).isEqualTo(50);
    assertThat(c.targets().contactCap()).isEqualTo(3);
    Path f = write("ranker:\n  train_firms: 0\n");
    assertThatThrownBy(() -> PolicyReachConfig.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(f + ":2:")
        .hasMessageContaining("ranker.train_firms must be at least 1, got 0");
    write("ranker:\n  label_day: 90\n");
    assertThatThrownBy(() -> PolicyReachConfig.load(dir))
        .hasMessageContaining("unknown key 'label_day' in section 'ranker'")
        .hasMessageContaining("Did you mean 'label_days'?");
  }

  @Test
  void absentFileGivesDefaultsAndTheRealFileEqualsTheDefaults() {
    assertThat(PolicyReachConfig.load(dir)).isEqualTo(PolicyReachConfig.defaults());
    assertThat(PolicyReachConfig.load(ProjectConf.dir())).isEqualTo(PolicyReachConfig.defaults());
  }

  @Test
  void partialFileOverridesOnlyWhatItSays() throws IOException {
    write("recommend:\n  top_k: 5\ntargets:\n  holdout_share: 0\n");
    PolicyReachConfig c = PolicyReachConfig.load(dir);
    assertThat(c.recommend()).isEqualTo(new PolicyReachConfig.Recommend(5, 60, 1));
    assertThat(c.targets().holdoutShare()).isZero();
    assertThat(c.report()).isEqualTo(PolicyReachConfig.Report.DEFAULT);
  }

  @Test
  void unknownKeyNamesFileLineAndAllowedKeys() throws IOException {
    Path f = write("report:\n  min_cell: 10\nrecommend:\n  topk: 5\n");
    assertThatThrownBy(() -> PolicyReachConfig.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(f + ":4:3: unknown key 'topk' in section 'recommend'")
        .hasMessageContaining("Did you mean 'top_k'?")
        .hasMessageContaining("Allowed keys: horizon_days, per_family_max, top_k");
    write("reports:\n  min_cell: 10\n");
    assertThatThrownBy(() -> PolicyReachConfig.load(dir))
        .hasMessageStartingWith(f + ":1:1: unknown key 'reports'")
        .hasMessageContaining("Did you mean 'report'?");
  }

  @Test
  void badValuesNameTheKey() throws IOException {
    Path f = write("quality:\n  max_quarantine_share: 1.5\n");
    assertThatThrownBy(() -> PolicyReachConfig.load(dir))
        .hasMessageStartingWith(f + ":2:")
        .hasMessageContaining("quality.max_quarantine_share must be a share in (0, 1], got 1.5");
    write("report:\n  min_cell: ten\n");
    assertThatThrownBy(() -> PolicyReachConfig.load(dir))
        .hasMessageStartingWith(f + ":2:")
        .hasMessageContaining("report.min_cell must be a whole number, found 'ten'");
    write("recommend: 5\n");
    assertThatThrownBy(() -> PolicyReachConfig.load(dir))
        .hasMessageContaining("section 'recommend' must be a mapping");
  }

  private Path write(String content) throws IOException {
    Path f = dir.resolve(PolicyReachConfig.FILE_NAME);
    Files.writeString(f, content);
    return f;
  }
}
