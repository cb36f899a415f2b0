package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Contacts typed into free text are masked wherever they sit; nothing else changes. */
class ContactMaskTest {

  /** Free text around a contact: Japanese, Latin, punctuation, but no digits and no @. */
  @Provide
  Arbitrary<String> prose() {
    return Arbitraries.strings()
        .withChars("申請目的設備投資のため新工場を建設するお問い合わせはまでご連絡ください、。 ")
        .withChars('a', 'z')
        .withChars("()[]「」:：/")
        .ofMaxLength(30);
  }

  static String toFullWidth(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c >= '0' && c <= '9' ? (char) ('０' + (c - '0')) : c == '-' ? '－' : c);
    }
    return sb.toString();
  }

  /** Japanese phone numbers as people write them, with the digits they carry. */
  @Provide
  Arbitrary<String[]> phones() {
    Arbitrary<String> d4 = Arbitraries.strings().numeric().ofLength(4);
    Arbitrary<String> d3 = Arbitraries.strings().numeric().ofLength(3);
    Arbitrary<String> area = Arbitraries.of("3", "6", "45", "52", "92", "11", "75", "466");
    Arbitrary<String> mobile = Arbitraries.of("90", "80", "70");
    Arbitrary<String> fixed =
        Combinators.combine(area, d4, d4, Arbitraries.of("-", " ", "(", ""))
            .as(
                (a, x, y, sep) -> {
                  String sub = x.substring(0, 5 - a.length()); // 10 digits in all
                  return switch (sep) {
                    case "(" -> "(0" + a + ")" + sub + "-" + y;
                    case "" -> "0" + a + sub + y;
                    default -> "0" + a + sep + sub + sep + y;
                  };
                });
    Arbitrary<String> cell =
        Combinators.combine(mobile, d4, d4, Arbitraries.of("-", " ", "", "－", "ー"))
            .as((m, x, y, sep) -> "0" + m + sep + x + sep + y);
    Arbitrary<String> intl =
        Combinators.combine(mobile, d4, d4, Arbitraries.of("-", " ", ""))
            .as((m, x, y, sep) -> "+81" + sep + m + sep + x + sep + y);
    Arbitrary<String> free = Combinators.combine(d3, d3).as((x, y) -> "0120-" + x + "-" + y);
    return Arbitraries.oneOf(fixed, cell, intl, free, cell.map(ContactMaskTest::toFullWidth))
        .map(p -> new String[] {p, p.replaceAll("[^0-9０-９]", "")});
  }

  @Provide
  Arbitrary<String> emails() {
    Arbitrary<String> local =
        Arbitraries.strings()
            .withChars('a', 'z')
            .withChars("._-")
            .ofMinLength(1)
            .ofMaxLength(12)
            .filter(s -> Character.isLetter(s.charAt(0)));
    Arbitrary<String> host =
        Arbitraries.strings().withChars('a', 'z').ofMinLength(2).ofMaxLength(10);
    Arbitrary<String> tld = Arbitraries.of("jp", "co.jp", "com", "ne.jp", "go.jp");
    return Combinators.combine(local, host, tld).as((l, h, t) -> l + "@" + h + "." + t);
  }

  @Property(tries = 500)
  void aPhoneNumberInFreeTextIsMasked(
      @ForAll("prose") String before,
      @ForAll("phones") String[] phone,
      @ForAll("prose") String after) {
    String masked = ContactMask.mask(before + phone[0] + after);
    assertThat(masked).contains(ContactMask.PHONE).doesNotContain(phone[0]);
    assertThat(masked.replaceAll("[^0-9０-９]", ""))
        .doesNotContain(phone[1].substring(phone[1].length() - 4));
    assertThat(ContactMask.containsContact(before + phone[0] + after)).isTrue();
  }

  @Property(tries = 500)
  void anEmailInFreeTextIsMasked(
      @ForAll("prose") String before,
      @ForAll("emails") String email,
      @ForAll("prose") String after) {
    String masked = ContactMask.mask(before + " " + email + " " + after);
    assertThat(masked).isEqualTo(before + " " + ContactMask.EMAIL + " " + after);
  }

  @Property(tries = 300)
  void textWithoutContactsIsUnchanged(@ForAll("prose") String text) {
    assertThat(ContactMask.mask(text)).isEqualTo(text);
  }

  @Property(tries = 300)
  void maskingIsIdempotent(
      @ForAll("prose") String a, @ForAll("phones") String[] phone, @ForAll("emails") String email) {
    String once = ContactMask.mask(a + phone[0] + "、" + email);
    assertThat(ContactMask.mask(once)).isEqualTo(once);
  }

  /** Numbers that are not phones stay: corporate numbers, dates, amounts, postcodes, ids. */
  @Property(tries = 300)
  void corporateNumbersAmountsAndDatesAreKept(@ForAll("prose") String text) {
    String cn = CorporateNumber.parse("4010401098455").value();
    String s =
        text
            + " 法人番号"
            + cn
            + " 申請額12000000円 資本金1,200,000円 2026-11-20 09:00:00 〒100-0001"
            + " 受付番号APP-2026-000123 従業員数120";
    assertThat(ContactMask.mask(s)).isEqualTo(s);
  }

  @Example
  void formsPeopleWrite() {
    assertThat(ContactMask.mask("連絡先は03-1234-5678まで")).isEqualTo("連絡先は〔電話〕まで");
    assertThat(ContactMask.mask("携帯090-1234-5678 2026年に")).isEqualTo("携帯〔電話〕 2026年に");
    assertThat(ContactMask.mask("TEL:09012345678です")).isEqualTo("TEL:〔電話〕です");
    assertThat(ContactMask.mask("(03)1234-5678")).isEqualTo("〔電話〕");
    assertThat(ContactMask.mask("+81 90 1234 5678")).isEqualTo("〔電話〕");
    assertThat(ContactMask.mask("+819012345678")).isEqualTo("〔電話〕");
    assertThat(ContactMask.mask("０９０－１２３４－５６７８")).isEqualTo("〔電話〕");
    assertThat(ContactMask.mask("taro.yamada@example.co.jp まで")).isEqualTo("〔メール〕 まで");
    assertThat(ContactMask.mask(null)).isNull();
  }
}
