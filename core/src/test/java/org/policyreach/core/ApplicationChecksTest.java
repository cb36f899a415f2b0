package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationChecksTest {

  @Test
  void missingAttachmentsKeepTheProgramsOrderAndIgnoreBlanksAroundTypes() {
    List<String> required = List.of("business_plan", "quote", "financial_statements");
    assertThat(ApplicationChecks.missingAttachments(required, List.of(" quote ", "business_plan")))
        .containsExactly("financial_statements");
    assertThat(ApplicationChecks.missingAttachments(required, Arrays.asList(null, "x")))
        .containsExactly("business_plan", "quote", "financial_statements");
    assertThat(ApplicationChecks.missingAttachments(required, null)).hasSize(3);
    assertThat(ApplicationChecks.missingAttachments(List.of(), List.of())).isEmpty();
  }

  @Test
  void amountOverMaxOnlyWhenKnownAndAbove() {
    assertThat(ApplicationChecks.amountOverMax(10_000_001L, 10_000_000L)).isTrue();
    assertThat(ApplicationChecks.amountOverMax(10_000_000L, 10_000_000L)).isFalse();
    assertThat(ApplicationChecks.amountOverMax(null, 10_000_000L)).isFalse();
  }
}
