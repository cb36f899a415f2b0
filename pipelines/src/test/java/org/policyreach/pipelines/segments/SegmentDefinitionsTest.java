package org.policyreach.pipelines.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.policyreach.core.ConfigException;
import org.policyreach.pipelines.segments.expr.SegmentFields;

class SegmentDefinitionsTest {

  private static final Path FILE = Path.of("conf/segments.yaml");
  private final SegmentFields fields = new SegmentFields(Set.of("digitalization", "succession"));

  @Test
  void loadsSegmentsWithTheirConditions() {
    List<RuleSegment> segments =
        SegmentDefinitions.parse(
            FILE,
            """
            segments:
              - id: small-digital
                label_ja: 小規模・デジタル化
                where: size_class == "small_scale" and need.digitalization >= 0.5
              - id: unreached
                label_ja: 未接触
                label_en: Never reached
                description: 一度も申請のない企業
                where: |
                  not reached
                  and employees >= 5
            """,
            fields);
    assertThat(segments)
        .extracting(RuleSegment::segmentId)
        .containsExactly("rule:small-digital", "rule:unreached");
    assertThat(segments.get(1).where().toString()).isEqualTo("(not reached and employees >= 5)");
  }

  @Test
  void expressionErrorsPointIntoTheYamlFile() {
    String yaml =
        """
        segments:
          - id: a
            label_ja: A
            where: size_class == "small_scale" adn jsic in ["E"]
        """;
    assertThatThrownBy(() -> SegmentDefinitions.parse(FILE, yaml, fields))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("conf/segments.yaml:4:40: segment 'a': ")
        .hasMessageContaining("'adn'")
        .hasMessageContaining("expected 'and', 'or' or end of expression");
  }

  @Test
  void errorsInBlockAndQuotedScalarsPointAtTheRightLine() {
    String block =
        """
        segments:
          - id: b
            label_ja: B
            where: >
              reached and
              need.digitalisaton >= 0.5
        """;
    assertThatThrownBy(() -> SegmentDefinitions.parse(FILE, block, fields))
        .hasMessageStartingWith("conf/segments.yaml:6:7: segment 'b': ")
        .hasMessageContaining("unknown need");
    String quoted =
        """
        segments:
          - id: c
            label_ja: C
            where: "employees >= 'x'"
        """;
    assertThatThrownBy(() -> SegmentDefinitions.parse(FILE, quoted, fields))
        .hasMessageStartingWith("conf/segments.yaml:4:26: ");
  }

  @Test
  void unknownKeysMissingKeysAndDuplicatesAreErrors() {
    assertThatThrownBy(
            () ->
                SegmentDefinitions.parse(
                    FILE, "segments:\n  - id: a\n    label_ja: A\n    wher: reached\n", fields))
        .hasMessageStartingWith("conf/segments.yaml:4:5: unknown key 'wher'");
    assertThatThrownBy(
            () -> SegmentDefinitions.parse(FILE, "segments:\n  - id: a\n    label_ja: A\n", fields))
        .hasMessageContaining("segment without 'where'");
    assertThatThrownBy(
            () ->
                SegmentDefinitions.parse(
                    FILE,
                    "segments:\n  - {id: a, label_ja: A, where: reached}\n  - {id: a, label_ja: B, where: reached}\n",
                    fields))
        .hasMessageContaining("duplicate segment id 'a'");
  }
}
