package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramCatalogTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

  @TempDir Path dir;
  private NeedCatalog needs;

  @BeforeEach
  void needs() {
    needs =
        NeedCatalog.of(
            List.of(
                new Need("equipment_investment", "設備投資", "Equipment", List.of("設備")),
                new Need("digitalization", "デジタル化", "Digital", List.of("DX"))));
  }

  private static final String GOOD =
      "family: mono\n"
          + "programs:\n"
          + "  - id: mono-1\n"
          + "    name: ものづくり補助金（第1次）\n"
          + "    needs: [equipment_investment]\n"
          + "    window: {opens: 2026-04-01, closes: 2026-06-30}\n"
          + "    eligibility:\n"
          + "      size_classes: [small_scale, sme]\n"
          + "      jsic_divisions: [E, D]\n"
          + "      prefectures: [\"13\", \"01\"]\n"
          + "      min_years_established: 3\n"
          + "      max_employees: 300\n"
          + "      max_capital_yen: 300_000_000\n"
          + "    required_attachments: [business_plan, quote]\n"
          + "    max_amount_yen: 12500000\n"
          + "    subsidy_rate: 2/3\n"
          + "    url: https://example.go.jp/mono\n";

  @Test
  void loadsAProgramWithEveryField() throws IOException {
    write("a.yaml", GOOD);
    ProgramCatalog catalog = ProgramCatalog.load(dir, needs);
    Program p = catalog.find("mono-1").orElseThrow();
    assertThat(p.name()).isEqualTo("ものづくり補助金（第1次）");
    assertThat(p.family()).isEqualTo("mono");
    assertThat(p.nameEn()).isNull();
    assertThat(p.summary()).isNull();
    assertThat(p.window())
        .isEqualTo(new ProgramWindow(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30)));
    assertThat(p.eligibility())
        .isEqualTo(
            new EligibilityRules(
                Set.of(SizeClass.SMALL_SCALE, SizeClass.SME),
                Set.of(Jsic.D, Jsic.E),
                Set.of(Prefecture.TOKYO, Prefecture.HOKKAIDO),
                3,
                300,
                300_000_000L));
    assertThat(p.requiredAttachments()).containsExactly("business_plan", "quote");
    assertThat(p.maxAmountYen()).isEqualTo(12_500_000L);
    assertThat(p.subsidyRate()).isEqualTo(2.0 / 3.0);
    assertThat(catalog.version()).hasSize(16);
    assertThat(catalog.attachmentTypes()).containsExactly("business_plan", "quote");
  }

  @Test
  void versionChangesWithContentOnly() throws IOException {
    write("a.yaml", GOOD);
    String v1 = ProgramCatalog.load(dir, needs).version();
    assertThat(ProgramCatalog.load(dir, needs).version()).isEqualTo(v1);
    write("a.yaml", GOOD.replace("12500000", "12500001"));
    assertThat(ProgramCatalog.load(dir, needs).version()).isNotEqualTo(v1);
  }

  @Test
  void familyDefaultsToTheIdWithoutAFileFamily() throws IOException {
    write("a.yaml", GOOD.replace("family: mono\n", ""));
    assertThat(ProgramCatalog.load(dir, needs).find("mono-1").orElseThrow().family())
        .isEqualTo("mono-1");
  }

  @Test
  void unknownKeyNamesFileLineTheFixAndAllowedKeys() throws IOException {
    Path f = write("a.yaml", GOOD.replace("    max_amount_yen:", "    max_amout_yen:"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(f + ":15:5: unknown key 'max_amout_yen' in program 'mono-1'")
        .hasMessageContaining("Did you mean 'max_amount_yen'?")
        .hasMessageContaining(
            "Allowed keys: eligibility, family, id, max_amount_yen, name, name_en, needs,"
                + " required_attachments, subsidy_rate, summary, url, window");
  }

  @Test
  void aMisspeltIdKeyIsReportedAsUnknownKey() throws IOException {
    Path f = write("a.yaml", GOOD.replace("  - id: mono-1", "  - idd: mono-1"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageStartingWith(f + ":3:5: unknown key 'idd' in programs[0]")
        .hasMessageContaining("Did you mean 'id'?");
  }

  @Test
  void unknownEligibilityKeyListsTheEligibilityKeys() throws IOException {
    Path f = write("a.yaml", GOOD.replace("      max_employees:", "      max_staff:"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageStartingWith(
            f + ":12:7: unknown key 'max_staff' in eligibility of program 'mono-1'")
        .hasMessageContaining(
            "Allowed keys: jsic_divisions, max_capital_yen, max_employees, min_years_established,"
                + " prefectures, size_classes");
  }

  @Test
  void unknownNeedNamesTheNeedAndTheValidIds() throws IOException {
    Path f = write("a.yaml", GOOD.replace("[equipment_investment]", "[equipment_investmnt]"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageStartingWith(f + ":5:")
        .hasMessageContaining("unknown need 'equipment_investmnt' in program 'mono-1'")
        .hasMessageContaining("Did you mean 'equipment_investment'?")
        .hasMessageContaining("equipment_investment, digitalization");
  }

  @Test
  void badDateNamesTheFieldAndTheFormat() throws IOException {
    Path f = write("a.yaml", GOOD.replace("closes: 2026-06-30", "closes: 2026-06-31"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageStartingWith(f + ":6:")
        .hasMessageContaining(
            "window.closes of program 'mono-1' is not a valid ISO date: '2026-06-31'")
        .hasMessageContaining("YYYY-MM-DD");
    write("a.yaml", GOOD.replace("opens: 2026-04-01", "opens: 2026/04/01"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs)).hasMessageContaining("'2026/04/01'");
  }

  @Test
  void windowThatOpensAfterItClosesIsRejected() throws IOException {
    Path f = write("a.yaml", GOOD.replace("opens: 2026-04-01", "opens: 2026-07-01"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageStartingWith(f + ":6:")
        .hasMessageContaining("opens 2026-07-01 after it closes 2026-06-30");
  }

  @Test
  void unknownSizeClassJsicAndPrefectureAreRejected() throws IOException {
    Path f = write("a.yaml", GOOD.replace("[small_scale, sme]", "[small_scale, medium]"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageStartingWith(f + ":8:")
        .hasMessageContaining("Unknown size class 'medium'");
    write("a.yaml", GOOD.replace("[E, D]", "[E, Z]"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageStartingWith(f + ":9:")
        .hasMessageContaining("Unknown JSIC division letter 'Z'");
    write("a.yaml", GOOD.replace("[E, D]", "[製造業]"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageContaining("must hold division letters, found '製造業'");
    write("a.yaml", GOOD.replace("\"01\"]", "\"48\"]"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageStartingWith(f + ":10:")
        .hasMessageContaining("Unknown prefecture code '48'");
    write("a.yaml", GOOD.replace("\"01\"]", "東京都]"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageContaining("must hold JIS codes, found '東京都'");
  }

  @Test
  void duplicateIdsAcrossFilesNameBothPlaces() throws IOException {
    Path a = write("a.yaml", GOOD);
    Path b = write("b.yaml", GOOD);
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageStartingWith(b + ":3:")
        .hasMessageContaining("duplicate program id 'mono-1' (first defined at " + a + ":3)");
  }

  @Test
  void duplicateKeysInAMappingAreRejected() throws IOException {
    Path f = write("a.yaml", GOOD.replace("    url:", "    name: again\n    url:"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageStartingWith(f + ":17:")
        .hasMessageContaining("duplicate key 'name'")
        .hasMessageContaining("first at line 4");
  }

  @Test
  void missingKeysBadRatesAndBadUrls() throws IOException {
    Path f = write("a.yaml", GOOD.replace("    url: https://example.go.jp/mono\n", ""));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageStartingWith(f + ":3:")
        .hasMessageContaining("missing required key 'url' in program 'mono-1'");
    write("a.yaml", GOOD.replace("subsidy_rate: 2/3", "subsidy_rate: 3/2"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageContaining(
            "subsidy_rate of program 'mono-1' must be a share in (0, 1], found '3/2'");
    write("a.yaml", GOOD.replace("subsidy_rate: 2/3", "subsidy_rate: 0.5"));
    assertThat(ProgramCatalog.load(dir, needs).find("mono-1").orElseThrow().subsidyRate())
        .isEqualTo(0.5);
    write("a.yaml", GOOD.replace("https://example.go.jp/mono", "example.go.jp"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageContaining("not an http(s) URL");
    write("a.yaml", GOOD.replace("max_amount_yen: 12500000", "max_amount_yen: lots"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .hasMessageContaining(
            "max_amount_yen of program 'mono-1' must be a whole number, found 'lots'");
    write("a.yaml", GOOD.replace("id: mono-1", "id: Mono 1"));
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs)).hasMessageContaining("'Mono 1'");
  }

  @Test
  void emptyDirectoryAndMissingDirectory() {
    assertThatThrownBy(() -> ProgramCatalog.load(dir, needs))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no programs found");
    assertThatThrownBy(() -> ProgramCatalog.load(dir.resolve("nope"), needs))
        .hasMessageContaining("programs directory not found");
  }

  @Test
  void theRealCatalogLoadsAndHasPastOpenAndFutureWindows() {
    Path conf = ProjectConf.dir();
    NeedCatalog realNeeds = NeedCatalog.load(conf.resolve("needs.yaml"));
    ProgramCatalog catalog = ProgramCatalog.load(conf.resolve("programs"), realNeeds);
    List<Program> programs = catalog.programs();
    assertThat(programs).hasSizeGreaterThanOrEqualTo(20);
    assertThat(programs).anyMatch(p -> p.window().isClosedOn(TODAY));
    assertThat(programs.stream().filter(p -> p.window().isOpenOn(TODAY)).count())
        .isGreaterThanOrEqualTo(5);
    assertThat(programs).anyMatch(p -> p.window().opensWithin(TODAY, 60));
    assertThat(programs).anyMatch(p -> p.window().daysUntilOpen(TODAY) > 60);
    assertThat(programs).anyMatch(p -> p.window().opens().isBefore(LocalDate.of(2023, 11, 1)));
    // every need has a program, and families group several rounds
    Set<String> coveredNeeds =
        programs.stream().flatMap(p -> p.needs().stream()).collect(Collectors.toSet());
    assertThat(coveredNeeds).containsAll(realNeeds.ids());
    Map<String, Long> rounds =
        programs.stream().collect(Collectors.groupingBy(Program::family, Collectors.counting()));
    assertThat(rounds.values().stream().filter(n -> n >= 3).count()).isGreaterThanOrEqualTo(10);
    // the kinds of rule the issue asks for
    assertThat(programs).anyMatch(p -> !p.eligibility().prefectures().isEmpty());
    assertThat(programs).anyMatch(p -> p.eligibility().jsicDivisions().equals(Set.of(Jsic.E)));
    assertThat(programs).anyMatch(p -> p.eligibility().minYearsEstablished() != null);
    assertThat(programs)
        .anyMatch(p -> p.eligibility().sizeClasses().equals(Set.of(SizeClass.SMALL_SCALE)));
    assertThat(programs).anyMatch(p -> p.eligibility().sizeClasses().isEmpty());
    assertThat(catalog.attachmentTypes())
        .contains(
            "business_plan",
            "financial_statements",
            "quote",
            "support_form_chamber",
            "certified_support_letter",
            "tax_certificate");
  }

  private Path write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }
}
