package org.policyreach.serving.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonBytesTest {
  private static String decimal(double v) {
    return JsonBytes.utf8(new JsonBytes(8).decimal4(v).toByteArray());
  }

  @Test
  void scoresHaveAtMostFourDecimalsAndNoTrailingZeros() {
    assertThat(decimal(0.81)).isEqualTo("0.81");
    assertThat(decimal((double) 0.81f)).isEqualTo("0.81");
    assertThat(decimal(0.12345)).isEqualTo("0.1235");
    assertThat(decimal(0.05)).isEqualTo("0.05");
    assertThat(decimal(0.0005)).isEqualTo("0.0005");
    assertThat(decimal(1.0)).isEqualTo("1.0");
    assertThat(decimal(0.0)).isEqualTo("0.0");
    assertThat(decimal(12.5)).isEqualTo("12.5");
    assertThat(decimal(-0.25)).isEqualTo("-0.25");
    assertThat(decimal(Double.NaN)).isEqualTo("0");
  }

  @Test
  void stringsAreEscapedUtf8() {
    assertThat(JsonBytes.utf8(JsonBytes.quoted("「設備投資」\"\n"))).isEqualTo("\"「設備投資」\\\"\\n\"");
    assertThat(JsonBytes.utf8(JsonBytes.quoted(null))).isEqualTo("null");
  }
}
