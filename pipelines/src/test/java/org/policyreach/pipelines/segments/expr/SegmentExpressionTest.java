package org.policyreach.pipelines.segments.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.policyreach.core.ConfigException;

class SegmentExpressionTest {

  private final SegmentFields fields =
      new SegmentFields(Set.of("digitalization", "equipment_investment", "succession"));

  private SegmentExpression parse(String text) {
    return SegmentExpression.parse(ExpressionSource.of(text), fields);
  }

  @Test
  void parsesTheDocumentedExample() {
    SegmentExpression e =
        parse("size_class == \"small_scale\" and jsic in [\"E\"] and need.digitalization >= 0.5");
    assertThat(e.toString())
        .isEqualTo(
            "((size_class == \"small_scale\" and jsic in [\"E\"]) and need.digitalization >= 0.5)");
  }

  @Test
  void andBindsTighterThanOrAndNotTighterThanAnd() {
    assertThat(parse("reached or awards > 0 and not employees < 5").toString())
        .isEqualTo("(reached or (awards > 0 and not employees < 5))");
    assertThat(parse("(reached or awards > 0) and jsic not in ['E', 'D']").toString())
        .isEqualTo("((reached or awards > 0) and jsic not in [\"E\", \"D\"])");
  }

  @Test
  void normalizesCodesThroughCore() {
    assertThat(parse("jsic in [\"製造業\", \"d\"] and prefecture == \"東京都\"").toString())
        .isEqualTo("(jsic in [\"E\", \"D\"] and prefecture == \"13\")");
    assertThat(parse("capital_yen <= 300_000_000").toString())
        .isEqualTo("capital_yen <= 300000000");
  }

  @Test
  void misspelledKeywordNamesLineColumnTokenAndExpectation() {
    assertThatThrownBy(() -> parse("size_class == \"small_scale\"\n  adn jsic in [\"E\"]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("<expression>:2:3: ")
        .hasMessageContaining("'adn'")
        .hasMessageContaining("expected 'and', 'or' or end of expression");
  }

  @Test
  void unknownFieldAndUnknownNeedAreErrors() {
    assertThatThrownBy(() -> parse("sise_class == \"sme\""))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("<expression>:1:1: ")
        .hasMessageContaining("unknown field 'sise_class'")
        .hasMessageContaining("size_class");
    assertThatThrownBy(() -> parse("reached and need.digitalisation >= 0.5"))
        .hasMessageStartingWith("<expression>:1:13: ")
        .hasMessageContaining("unknown need 'need.digitalisation'")
        .hasMessageContaining("digitalization, equipment_investment, succession");
  }

  @Test
  void typeErrorsAndUnknownCodesAreErrors() {
    assertThatThrownBy(() -> parse("employees >= \"many\""))
        .hasMessageStartingWith("<expression>:1:14: ")
        .hasMessageContaining("expected a number");
    assertThatThrownBy(() -> parse("size_class < \"sme\""))
        .hasMessageStartingWith("<expression>:1:12: ")
        .hasMessageContaining("expected '==' or '!='");
    assertThatThrownBy(() -> parse("size_class == \"tiny\""))
        .hasMessageStartingWith("<expression>:1:15: ")
        .hasMessageContaining("unknown size_class value \"tiny\"")
        .hasMessageContaining("small_scale, sme, large");
    assertThatThrownBy(() -> parse("need.succession"))
        .hasMessageContaining("is a number, not a condition");
    assertThatThrownBy(() -> parse("jsic in [\"E\", 3]"))
        .hasMessageStartingWith("<expression>:1:15: ")
        .hasMessageContaining("list value 3 is a number");
  }

  @Test
  void syntaxErrorsSayWhatWasExpected() {
    assertThatThrownBy(() -> parse("(reached or awards > 0"))
        .hasMessageStartingWith("<expression>:1:23: ")
        .hasMessageContaining("unexpected token end of expression")
        .hasMessageContaining("expected 'and', 'or' or ')'");
    assertThatThrownBy(() -> parse("employees = 5"))
        .hasMessageStartingWith("<expression>:1:11: ")
        .hasMessageContaining("write '==' to compare");
    assertThatThrownBy(() -> parse("jsic in \"E\""))
        .hasMessageContaining("unexpected token 'E'")
        .hasMessageContaining("expected '['");
    assertThatThrownBy(() -> parse("jsic in [\"E\" \"D\"]"))
        .hasMessageStartingWith("<expression>:1:14: ")
        .hasMessageContaining("expected ',' or ']'");
    assertThatThrownBy(() -> parse("employees > "))
        .hasMessageContaining("expected a field, a value");
    assertThatThrownBy(() -> parse("size_class \"sme\""))
        .hasMessageContaining("expected an operator (== != < <= > >= in)");
    assertThatThrownBy(() -> parse("employees > 5 #"))
        .hasMessageStartingWith("<expression>:1:15: ")
        .hasMessageContaining("unexpected character '#'");
    assertThatThrownBy(() -> parse("jsic == \"E")).hasMessageContaining("unterminated string");
    assertThatThrownBy(() -> parse("  ")).hasMessageContaining("the expression is empty");
  }
}
