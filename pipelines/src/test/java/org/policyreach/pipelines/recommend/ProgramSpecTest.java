package org.policyreach.pipelines.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.models.ranking.ProgramSignals;
import org.policyreach.pipelines.build.SilverFixture;

class ProgramSpecTest {
  @TempDir static Path dir;
  static List<Program> catalog;

  @BeforeAll
  static void load() {
    Path conf = SilverFixture.projectConf(dir);
    catalog =
        ProgramCatalog.load(
                ConfPaths.programsDir(conf), NeedCatalog.load(ConfPaths.needsFile(conf)))
            .programs();
  }

  @Test
  void rulesSurviveSerializationUnchanged() throws Exception {
    for (Program p : catalog) {
      ProgramSpec spec = roundTrip(ProgramSpec.of(p));
      assertThat(spec.rules()).as(p.id()).isEqualTo(p.eligibility());
      assertThat(spec.window()).isEqualTo(p.window());
      assertThat(spec.family()).isEqualTo(p.family());
      assertThat(spec.needs()).isEqualTo(p.needs());
    }
  }

  @Test
  void candidatesAreOpenOrOpeningWithinTheHorizon() {
    LocalDate day = LocalDate.parse("2026-11-26");
    List<ProgramSpec> candidates = ProgramSpec.candidates(catalog, day, 60);
    assertThat(candidates).isNotEmpty();
    for (Program p : catalog) {
      boolean expected = p.window().isOpenOrOpensWithin(day, 60);
      assertThat(candidates.stream().anyMatch(c -> c.id().equals(p.id())))
          .as(p.id())
          .isEqualTo(expected);
    }
  }

  @Test
  void signalsDescribeTheWindowOnTheDay() {
    Program p = catalog.get(0);
    LocalDate before = p.window().opens().minusDays(10);
    ProgramSignals s = ProgramSpec.of(p).signals(before);
    assertThat(s.isOpen()).isFalse();
    assertThat(s.daysUntilOpen()).isEqualTo(10);
    assertThat(s.daysLeft()).isEqualTo(p.window().daysLeft(before));
    ProgramSignals open = ProgramSpec.of(p).signals(p.window().closes());
    assertThat(open.isOpen()).isTrue();
    assertThat(open.daysLeft()).isZero();
    assertThat(open.admittedSizeClasses()).isEqualTo(p.eligibility().sizeClasses().size());
  }

  private static ProgramSpec roundTrip(ProgramSpec spec) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(spec);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (ProgramSpec) in.readObject();
    }
  }
}
