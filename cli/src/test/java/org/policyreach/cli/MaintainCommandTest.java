package org.policyreach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code policyreach maintain}: its options are checked before any Spark starts. */
class MaintainCommandTest {

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PolicyReach.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void isListedAndExplainsItself() {
    assertThat(run("--help").out()).contains("maintain");
    Run r = run("maintain", "--help");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("--dry-run", "--keep-publications", "meta.publications");
  }

  @Test
  void badOptionsAreBadInput() {
    Run keep = run("maintain", "--keep-publications", "0");
    assertThat(keep.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(keep.err()).contains("--keep-publications 0");
    Run retention = run("maintain", "--min-retention-hours", "0");
    assertThat(retention.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(retention.err()).contains("--min-retention-hours 0", "at least 1 hour");
    assertThat(run("maintain", "--keep-publications", "x").code()).isEqualTo(ExitCodes.BAD_INPUT);
  }
}
