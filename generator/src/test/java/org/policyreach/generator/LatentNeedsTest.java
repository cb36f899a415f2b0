package org.policyreach.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.policyreach.core.Jsic;
import org.policyreach.core.Need;

class LatentNeedsTest {
  private final List<Need> needs = TestData.needs().needs();
  private final LatentNeeds latent = new LatentNeeds(42, needs, GeneratorConfig.DEFAULT_AS_OF);
  private final FirmPopulation population =
      new FirmPopulation(42, GeneratorConfig.DEFAULT_AS_OF, LocalDate.of(2026, 10, 31));

  @Test
  void firmsOfOneClusterShareTheirPriorAndDifferIndividually() {
    Firm a = null;
    Firm b = null;
    for (int i = 0; b == null; i++) {
      Firm f = population.firm(i);
      if (a == null) {
        a = f;
      } else if (f.jsic() == a.jsic()
          && f.sizeClass() == a.sizeClass()
          && Places.region(f.prefecture()) == Places.region(a.prefecture())) {
        b = f;
      }
    }
    assertThat(latent.prior(b)).isEqualTo(latent.prior(a));
    assertThat(latent.strengths(b)).isNotEqualTo(latent.strengths(a));
    double[] s = latent.strengths(a);
    assertThat(s).hasSize(needs.size());
    assertThat(java.util.Arrays.stream(s).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
    assertThat(java.util.Arrays.stream(s).max().orElseThrow()).isLessThanOrEqualTo(1.0);
  }

  @Test
  void industryAndAgeShapeTheNeeds() {
    int equipment = index("equipment_investment");
    int succession = index("succession");
    double manufacturing = 0;
    double realEstate = 0;
    double oldFirms = 0;
    double youngFirms = 0;
    int m = 0;
    int k = 0;
    int old = 0;
    int young = 0;
    for (int i = 0; i < 6_000; i++) {
      Firm f = population.firm(i);
      double[] s = latent.strengths(f);
      if (f.jsic() == Jsic.E) {
        manufacturing += s[equipment];
        m++;
      } else if (f.jsic() == Jsic.K) {
        realEstate += s[equipment];
        k++;
      }
      int age = GeneratorConfig.DEFAULT_AS_OF.getYear() - f.established().getYear();
      if (age > 45) {
        oldFirms += s[succession];
        old++;
      } else if (age < 10) {
        youngFirms += s[succession];
        young++;
      }
    }
    assertThat(manufacturing / m).isGreaterThan(realEstate / k + 0.2);
    assertThat(oldFirms / old).isGreaterThan(youngFirms / young + 0.2);
  }

  private int index(String id) {
    for (int i = 0; i < needs.size(); i++) {
      if (needs.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new AssertionError(id);
  }
}
