package org.policyreach.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The target-list CSV writer neutralises every cell a spreadsheet would read as a formula. */
class CsvCellTest {
  static String row(String... cells) {
    StringBuilder sb = new StringBuilder();
    OfficerApi.appendRow(sb, cells);
    return sb.toString();
  }

  @Test
  void formulaStartsGetALeadingQuoteTabAndCarriageReturnIncluded() {
    assertThat(row("=1+1", "+1", "-1", "@SUM(A1)")).isEqualTo("'=1+1,'+1,'-1,'@SUM(A1)\r\n");
    assertThat(row("\t=cmd|' /C calc'!A0")).isEqualTo("'\t=cmd|' /C calc'!A0\r\n");
    assertThat(row("\r=1+1")).isEqualTo("\"'\r=1+1\"\r\n");
    assertThat(row("株式会社\tサンプル", "a\rb")).isEqualTo("株式会社\tサンプル,\"a\rb\"\r\n");
    assertThat(row("", "plain")).isEqualTo(",plain\r\n");
  }
}
