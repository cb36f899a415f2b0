package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.policyreach.core.OnBehalfAssertion.Verdict;

class OnBehalfAssertionTest {
  static final byte[] SECRET = "portal-secret-of-some-length".getBytes(StandardCharsets.UTF_8);
  static final String CN = CorporateNumber.ofBase("010401098455").value();
  static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

  @Test
  void aFreshAssertionForTheFirmIsValidAndEveryOtherOneSaysWhy() {
    Instant soon = NOW.plus(Duration.ofMinutes(5));
    String ok = OnBehalfAssertion.sign(SECRET, CN, soon);
    assertThat(ok).startsWith("v1." + CN + "." + soon.getEpochSecond() + ".");
    assertThat(OnBehalfAssertion.verify(SECRET, ok, CN, NOW)).isEqualTo(Verdict.OK);
    assertThat(OnBehalfAssertion.verify(SECRET, null, CN, NOW)).isEqualTo(Verdict.MISSING);
    assertThat(OnBehalfAssertion.verify(SECRET, " ", CN, NOW)).isEqualTo(Verdict.MISSING);
    String other = CorporateNumber.ofBase("120001000002").value();
    assertThat(OnBehalfAssertion.verify(SECRET, ok, other, NOW)).isEqualTo(Verdict.OTHER_FIRM);
    assertThat(OnBehalfAssertion.verify(SECRET, ok, CN, soon)).isEqualTo(Verdict.EXPIRED);
    assertThat(
            OnBehalfAssertion.verify(
                SECRET,
                OnBehalfAssertion.sign(SECRET, CN, NOW.plus(Duration.ofMinutes(11))),
                CN,
                NOW))
        .isEqualTo(Verdict.TOO_LONG);
    assertThat(
            OnBehalfAssertion.verify(
                "another-secret-entirely".getBytes(StandardCharsets.UTF_8), ok, CN, NOW))
        .isEqualTo(Verdict.BAD_SIGNATURE);
    // a changed claim breaks the signature before any claim is looked at
    String moved =
        ok.replace("." + soon.getEpochSecond() + ".", "." + (soon.getEpochSecond() + 60) + ".");
    assertThat(OnBehalfAssertion.verify(SECRET, moved, CN, NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
    for (String bad :
        new String[] {
          "v1", "v2." + ok.substring(3), ok + ".x", "v1.123." + soon.getEpochSecond() + ".sig"
        }) {
      assertThat(OnBehalfAssertion.verify(SECRET, bad, CN, NOW))
          .as(bad)
          .isEqualTo(Verdict.MALFORMED);
    }
  }

  @Property(tries = 200)
  void onlyTheExactSignedHeaderIsAccepted(
      @ForAll @IntRange(min = 0, max = 62) int position,
      @ForAll @StringLength(min = 1, max = 1) String replacement) {
    String ok = OnBehalfAssertion.sign(SECRET, CN, NOW.plus(Duration.ofMinutes(5)));
    int at = position % ok.length();
    String changed = ok.substring(0, at) + replacement + ok.substring(at + 1);
    Verdict v = OnBehalfAssertion.verify(SECRET, changed, CN, NOW);
    assertThat(v == Verdict.OK).isEqualTo(changed.equals(ok));
  }
}
