package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeedCatalogTest {
  @TempDir Path dir;

  @Test
  void theRealNeedsLoad() {
    NeedCatalog needs = NeedCatalog.load(ProjectConf.dir().resolve("needs.yaml"));
    assertThat(needs.ids())
        .contains(
            "equipment_investment",
            "digitalization",
            "sales_channels",
            "succession",
            "overseas_expansion",
            "energy_gx",
            "hiring_training",
            "cash_flow",
            "rnd",
            "new_business",
            "startup",
            "resilience_bcp");
    for (Need n : needs.needs()) {
      assertThat(n.keywords()).as("keywords of %s", n.id()).hasSizeBetween(10, 20);
      assertThat(n.labelJa()).isNotBlank();
      assertThat(n.labelEn()).isNotBlank();
    }
    assertThat(needs.find("succession").orElseThrow().keywords())
        .contains("後継者", "承継", "事業譲渡", "M&A");
    assertThat(needs.find("nope")).isEmpty();
  }

  @Test
  void loadsAMinimalFileAndNormalisesKeywords() throws IOException {
    Path f =
        write(
            "needs:\n"
                + "  - id: rnd\n"
                + "    label_ja: 研究開発\n"
                + "    label_en: R&D\n"
                + "    keywords: [研究, ＤＸ, 研究]\n");
    NeedCatalog needs = NeedCatalog.load(f);
    assertThat(needs.needs()).containsExactly(new Need("rnd", "研究開発", "R&D", List.of("研究", "DX")));
    assertThat(needs.size()).isEqualTo(1);
  }

  @Test
  void unknownKeyNamesFileLineAndAllowedKeys() throws IOException {
    Path f =
        write(
            "needs:\n"
                + "  - id: rnd\n"
                + "    label_ja: 研究開発\n"
                + "    lable_en: R&D\n"
                + "    keywords: [研究]\n");
    assertThatThrownBy(() -> NeedCatalog.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(f + ":4:")
        .hasMessageContaining("unknown key 'lable_en' in need 'rnd'")
        .hasMessageContaining("Did you mean 'label_en'?")
        .hasMessageContaining("Allowed keys: id, keywords, label_en, label_ja");
  }

  @Test
  void duplicateIdAndBadIdAreRejected() throws IOException {
    String need = "    label_ja: a\n    label_en: b\n    keywords: [x]\n";
    Path dup = write("needs:\n  - id: rnd\n" + need + "  - id: rnd\n" + need);
    assertThatThrownBy(() -> NeedCatalog.load(dup))
        .hasMessageStartingWith(dup + ":6:")
        .hasMessageContaining("duplicate need id 'rnd' (first at line 2)");
    Path bad = write("needs:\n  - id: R&D\n" + need);
    assertThatThrownBy(() -> NeedCatalog.load(bad))
        .hasMessageContaining(":2:")
        .hasMessageContaining("not snake_case");
  }

  @Test
  void missingKeywordsAndEmptyFileAreRejected() throws IOException {
    Path f = write("needs:\n  - id: rnd\n    label_ja: a\n    label_en: b\n");
    assertThatThrownBy(() -> NeedCatalog.load(f))
        .hasMessageContaining(f + ":2:")
        .hasMessageContaining("missing required key 'keywords' in need 'rnd'");
    Path empty = write("");
    assertThatThrownBy(() -> NeedCatalog.load(empty)).hasMessageContaining("empty");
    Path broken = write("needs:\n  - id: [unclosed\n");
    assertThatThrownBy(() -> NeedCatalog.load(broken))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> NeedCatalog.load(dir.resolve("missing.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Cannot read");
  }

  private Path write(String content) throws IOException {
    Path f = Files.createTempFile(dir, "needs", ".yaml");
    Files.writeString(f, content);
    return f;
  }
}
