package org.policyreach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code policyreach maintain}: its options are checked before any Spark starts. */
class MaintainCommandTest {

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void isListedAndExplainsItself() {
    assertThat(run("--help").out()).contains("maintain");
    CliRun r = run("maintain", "--help");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("--dry-run", "--keep-publications", "meta.publications");
  }

  @Test
  void badOptionsAreBadInput() {
    CliRun keep = run("maintain", "--keep-publications", "0");
    assertThat(keep.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(keep.err()).contains("--keep-publications 0");
    CliRun retention = run("maintain", "--min-retention-hours", "0");
    assertThat(retention.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(retention.err()).contains("--min-retention-hours 0", "at least 1 hour");
    assertThat(run("maintain", "--keep-publications", "x").code()).isEqualTo(ExitCodes.BAD_INPUT);
  }
}
