package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusAndEventTypeTest {

  @ParameterizedTest
  @CsvSource({
    "申請中, SUBMITTED", "採択, ACCEPTED", "不採択, REJECTED", "交付決定, AWARDED",
    "取下げ, WITHDRAWN", "取り下げ, WITHDRAWN", "submitted, SUBMITTED", "Awarded, AWARDED",
    "' 採択 ', ACCEPTED", "withdrawn, WITHDRAWN"
  })
  void parsesCodesAndJapanese(String text, ApplicationStatus expected) {
    assertThat(ApplicationStatus.parse(text)).isSameAs(expected);
  }

  @Test
  void statusPredicates() {
    assertThat(ApplicationStatus.SUBMITTED.isPending()).isTrue();
    assertThat(ApplicationStatus.ACCEPTED.isPending()).isFalse();
    assertThat(ApplicationStatus.ACCEPTED.isWon()).isTrue();
    assertThat(ApplicationStatus.AWARDED.isWon()).isTrue();
    assertThat(ApplicationStatus.REJECTED.isWon()).isFalse();
    assertThat(ApplicationStatus.WITHDRAWN.isFinal()).isTrue();
    assertThat(ApplicationStatus.AWARDED.code()).isEqualTo("awarded");
    assertThat(ApplicationStatus.AWARDED.labelJa()).isEqualTo("交付決定");
  }

  @Test
  void unknownStatusNamesInputAndChoices() {
    assertThatThrownBy(() -> ApplicationStatus.parse("保留"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("STATUS_UNKNOWN"))
        .hasMessageContaining("'保留'")
        .hasMessageContaining("申請中, 採択, 不採択, 交付決定");
  }

  @Test
  void eventTypes() {
    for (EventType t : EventType.values()) {
      assertThat(EventType.parse(t.code())).isSameAs(t);
    }
    assertThat(EventType.OPT_OUT.code()).isEqualTo("opt_out");
    assertThat(EventType.parse("OPT-IN")).isSameAs(EventType.OPT_IN);
    assertThatThrownBy(() -> EventType.parse("view"))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("EVENT_TYPE_UNKNOWN"))
        .hasMessageContaining("'view'");
  }
}
