package org.policyreach.pipelines.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NeedTextMatcherTest {

  private static NeedTextMatcher matcher;

  @BeforeAll
  static void createMatcher() {
    matcher =
        new NeedTextMatcher(
            Map.of(
                "equipment_investment", List.of("設備", "更新", "老朽化", "加工機"),
                "digitalization", List.of("デジタル化", "IT", "クラウド", "システム導入"),
                "sales_channels", List.of("販路開拓", "ECサイト", "海外"),
                "succession", List.of("事業承継", "後継者"),
                "productivity", List.of("生産性を高める")));
  }

  @AfterAll
  static void closeMatcher() {
    matcher.close();
  }

  @Test
  void matchesInflectedVerbsOnTheirBaseForm() {
    assertThat(matcher.tokens("更新したい")).startsWith("更新");
    assertThat(matcher.matchesByNeed("古い機械を更新したい")).containsKey("equipment_investment");
    assertThat(matcher.matchesByNeed("生産性を高めたい").get("productivity")).containsExactly("生産性を高める");
    assertThat(matcher.matchesByNeed("生産性が高まった")).doesNotContainKey("productivity");
  }

  @Test
  void matchesMultiTokenKeywordsAsContiguousSequences() {
    Map<String, List<String>> found = matcher.matchesByNeed("老朽化した加工機を更新し生産性を高める");
    assertThat(found.get("equipment_investment")).containsExactly("老朽化", "加工機", "更新");
    assertThat(found.get("productivity")).containsExactly("生産性を高める");
    assertThat(matcher.matchesByNeed("販路を開拓する")).containsKey("sales_channels");
    assertThat(matcher.matchesByNeed("後継者への事業承継を進める").get("succession"))
        .containsExactly("後継者", "事業承継");
  }

  @Test
  void neverMatchesSubstringsOfOtherWords() {
    // 海外 is a keyword, 海 alone or 海外旅行's neighbours are not; 設備 must not match inside 設備費? it is
    // its own token
    assertThat(matcher.matchesByNeed("海で漁をする")).isEmpty();
    assertThat(matcher.matchesByNeed("ITALIAN料理店を開く")).doesNotContainKey("digitalization");
    assertThat(matcher.matchesByNeed("システムの説明会")).doesNotContainKey("digitalization");
  }

  @Test
  void normalizesFullWidthAndCase() {
    assertThat(matcher.matchesByNeed("ＩＴツールとクラウドを導入")).containsKey("digitalization");
    assertThat(matcher.matchesByNeed("ｅｃサイトを構築").get("sales_channels")).containsExactly("ECサイト");
  }

  @Test
  void emptyOrNullTextHasNoMatches() {
    assertThat(matcher.matches(null)).isEmpty();
    assertThat(matcher.matches("  ")).isEmpty();
  }
}
