package org.policyreach.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.policyreach.core.Need;

class PurposeTextTest {
  @Test
  void conjugatesIchidanGodanAndSuruVerbs() {
    PurposeText.Phrase ichidan = PurposeText.Phrase.parse("生産性を|高める|1");
    assertThat(ichidan.ending("", 1)).isEqualTo("生産性を高めたい");
    assertThat(ichidan.ending("", 3)).isEqualTo("生産性を高めることを目指す");
    assertThat(ichidan.clause("", 1)).isEqualTo("生産性を高めて");

    PurposeText.Phrase godan = PurposeText.Phrase.parse("商談の機会を|増やす|5");
    assertThat(godan.ending("", 1)).isEqualTo("商談の機会を増やしたい");
    assertThat(godan.clause("", 1)).isEqualTo("商談の機会を増やして");
    assertThat(PurposeText.Phrase.parse("省力化を|図る|5").clause("", 1)).isEqualTo("省力化を図って");
    assertThat(PurposeText.Phrase.parse("人材育成に|取り組む|5").ending("", 4)).isEqualTo("人材育成に取り組みます");
    assertThat(PurposeText.Phrase.parse("経営基盤を|引き継ぐ|5").clause("", 1)).isEqualTo("経営基盤を引き継いで");

    PurposeText.Phrase suru = PurposeText.Phrase.parse("老朽化した{o}を|更新する|s");
    assertThat(suru.clause("加工機", 0)).isEqualTo("老朽化した加工機を更新し");
    assertThat(suru.clause("加工機", 2)).isEqualTo("老朽化した加工機を更新することで");
    assertThat(suru.ending("加工機", 2)).isEqualTo("老朽化した加工機を更新したいと考えている");
  }

  @Test
  void purposesAreVariedSentencesThatMentionTheNeedsVocabulary() {
    List<Need> needs = TestData.needs().needs();
    PurposeText text = new PurposeText(needs);
    Firm firm =
        new FirmPopulation(1, GeneratorConfig.DEFAULT_AS_OF, LocalDate.of(2026, 10, 31)).firm(3);
    SplittableRandom rng = new SplittableRandom(5);
    for (Need need : needs) {
      Set<String> distinct = new HashSet<>();
      int withKeyword = 0;
      for (int i = 0; i < 40; i++) {
        String p =
            text.purpose(firm, need.id(), i % 4 == 0 ? "succession" : null, "金属部品の切削加工", rng);
        assertThat(p).endsWith("。").doesNotContain("{o}").doesNotContain("|");
        assertThat(Text.looksGarbled(p)).isFalse();
        distinct.add(p);
        if (need.keywords().stream().anyMatch(p::contains)) {
          withKeyword++;
        }
      }
      assertThat(distinct).as(need.id()).hasSizeGreaterThan(15);
      assertThat(withKeyword).as(need.id()).isGreaterThan(10);
    }
  }

  @Test
  void aFewPurposesCarryAPhoneNumberOrEmailForIngestionToMask() {
    List<Need> needs = TestData.needs().needs();
    PurposeText text = new PurposeText(needs);
    FirmPopulation firms =
        new FirmPopulation(1, GeneratorConfig.DEFAULT_AS_OF, LocalDate.of(2026, 10, 31));
    SplittableRandom rng = new SplittableRandom(7);
    int n = 4000;
    int withContact = 0;
    for (int i = 0; i < n; i++) {
      Need need = needs.get(i % needs.size());
      String p = text.purpose(firms.firm(i % 200), need.id(), null, "金属部品の切削加工", rng);
      if (org.policyreach.core.ContactMask.containsContact(p)) {
        withContact++;
        assertThat(org.policyreach.core.ContactMask.mask(p)).containsAnyOf("〔電話〕", "〔メール〕");
      }
    }
    // about 3 %: enough for the demo to exercise the masking, few enough to stay realistic
    assertThat(withContact).isBetween(n / 100, n * 6 / 100);
    for (int i = 0; i < 200; i++) {
      String s = PurposeText.contactSentence(new SplittableRandom(i));
      assertThat(org.policyreach.core.ContactMask.containsContact(s)).as(s).isTrue();
    }
  }
}
