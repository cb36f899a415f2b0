package org.policyreach.pipelines.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.policyreach.core.EligibilityRules;
import org.policyreach.core.Jsic;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramWindow;
import org.policyreach.core.SizeClass;
import org.policyreach.pipelines.build.SilverFixture;

class FirmInputTest {
  static final LocalDate DAY = LocalDate.parse("2026-11-26");

  static final StructType FRAME =
      new StructType()
          .add("corporate_number", DataTypes.StringType)
          .add("prefecture_code", DataTypes.StringType)
          .add("jsic_division", DataTypes.StringType)
          .add("jsic_major", DataTypes.StringType)
          .add("size_class", DataTypes.StringType)
          .add("firm_age_years", DataTypes.IntegerType)
          .add("capital_yen", DataTypes.LongType)
          .add("employees", DataTypes.IntegerType)
          .add("established", DataTypes.DateType)
          .add("reached", DataTypes.BooleanType)
          .add("applications", DataTypes.IntegerType)
          .add("awards", DataTypes.IntegerType)
          .add("programs_applied", DataTypes.createArrayType(DataTypes.StringType))
          .add("need_scores", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType))
          .add("opted_out", DataTypes.BooleanType)
          .add("excluded", DataTypes.createArrayType(DataTypes.StringType))
          .add("contacts", DataTypes.IntegerType);

  static Row row(String pref, String jsic, String major, Boolean optedOut, List<String> excluded) {
    return new GenericRowWithSchema(
        new Object[] {
          SilverFixture.cn(7),
          pref,
          jsic,
          major,
          "sme",
          20,
          50_000_000L,
          40,
          Date.valueOf("2005-04-01"),
          true,
          2,
          1,
          Spark.array(List.of("monozukuri-19")),
          scala.jdk.javaapi.CollectionConverters.asScala(Map.of("equipment_investment", 0.8)),
          optedOut,
          excluded == null ? null : Spark.array(excluded),
          1
        },
        FRAME);
  }

  static ProgramSpec program(String id, Set<Jsic> jsic) {
    return ProgramSpec.of(
        new Program(
            id,
            "テスト補助金",
            null,
            "test",
            List.of("equipment_investment"),
            new ProgramWindow(DAY.minusDays(10), DAY.plusDays(30)),
            new EligibilityRules(
                Set.of(SizeClass.SMALL_SCALE, SizeClass.SME), jsic, Set.of(), 3, null, null),
            List.of(),
            10_000_000L,
            0.5,
            "https://example.jp/",
            null));
  }

  @Test
  void eligibilityIsCoresAndExclusionsAndOptOutRemovePrograms() {
    ProgramSpec manufacturing = program("m", Set.of(Jsic.E));
    ProgramSpec retail = program("r", Set.of(Jsic.I));
    ProgramSpec won = program("w", Set.of());
    FirmInput firm =
        FirmInput.of(
            row("13", "E", "29", false, List.of("w")), Map.of("monozukuri-19", "monozukuri"));
    assertThat(firm.eligible(List.of(manufacturing, retail, won), DAY))
        .extracting(ProgramSpec::id)
        .containsExactly("m");
    assertThat(firm.signals().familiesApplied()).containsExactly("monozukuri");
    assertThat(firm.signals().needScore("equipment_investment")).isEqualTo(0.8);
    assertThat(firm.contacts()).isEqualTo(1);

    FirmInput optedOut = FirmInput.of(row("13", "E", "29", true, null), Map.of());
    assertThat(optedOut.eligible(List.of(manufacturing, won), DAY)).isEmpty();
  }

  @Test
  void anAttributeCoreRejectsIsUnknownAndFailsItsRule() {
    ProgramSpec manufacturing = program("m", Set.of(Jsic.E));
    ProgramSpec anyIndustry = program("a", Set.of());
    // "Z" is no JSIC division: unknown industry fails the industry rule, not the others
    FirmInput unknown = FirmInput.of(row("13", "Z", null, false, null), Map.of());
    assertThat(unknown.eligible(List.of(manufacturing, anyIndustry), DAY))
        .extracting(ProgramSpec::id)
        .containsExactly("a");
    // a JSIC major outside the division is dropped, the division kept
    FirmInput inconsistent = FirmInput.of(row("13", "E", "56", false, null), Map.of());
    assertThat(inconsistent.facts().jsic()).isEqualTo(Jsic.E);
    assertThat(inconsistent.facts().jsicMajor()).isNull();
  }
}
