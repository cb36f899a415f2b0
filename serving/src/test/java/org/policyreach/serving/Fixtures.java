package org.policyreach.serving;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.policyreach.core.CorporateNumber;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.fixture.GoldFixture.Firm;

/** The standard test build: a few firms, recommendations, targets and a segment report. */
public final class Fixtures {
  /** 東京, manufacturing (E/29), SME: recommendations incl. one whose window has closed. */
  public static final String MAKER = CorporateNumber.ofBase("010401098455").value();

  /** Opted out when the build ran. */
  public static final String OPTED_OUT = CorporateNumber.ofBase("010401000001").value();

  /** 大阪, retail, small-scale; its name has a comma (CSV quoting). */
  public static final String SHOP = CorporateNumber.ofBase("120001000002").value();

  /** For consent tests. */
  public static final String CONSENT = CorporateNumber.ofBase("010401000003").value();

  /** For consent-across-restart tests. */
  public static final String CONSENT2 = CorporateNumber.ofBase("010401000004").value();

  /** In a holdout of monozukuri-21. */
  public static final String HOLDOUT = CorporateNumber.ofBase("010401000005").value();

  /** Valid, but not in any build. */
  public static final String UNKNOWN = CorporateNumber.ofBase("999999999999").value();

  public static final String PUB1 = "pub-000001";
  public static final String PUB2 = "pub-000002";
  public static final Instant PUB1_AT = Instant.parse("2026-11-19T12:00:00Z");
  public static final Instant PUB2_AT = Instant.parse("2026-11-19T18:00:00Z");

  static final LocalDate MONO_21_CLOSES = LocalDate.of(2026, 12, 18);
  static final LocalDate SMART_CLOSES = LocalDate.of(2027, 1, 22);

  private Fixtures() {}

  public static GoldFixture.Build standard(GoldFixture gold, String buildId) {
    GoldFixture.Build b = gold.build(buildId);
    b.firm(
        Firm.of(
                MAKER,
                "株式会社テスト製作所",
                "13",
                "E",
                "29",
                "sme",
                30_000_000L,
                45,
                LocalDate.of(2004, 6, 1))
            .applied(List.of("monozukuri-19")));
    b.firm(
        Firm.of(
                OPTED_OUT,
                "株式会社オプトアウト",
                "13",
                "E",
                "29",
                "sme",
                30_000_000L,
                40,
                LocalDate.of(2010, 4, 1))
            .optedOut(true));
    b.firm(
        Firm.of(
            SHOP,
            "株式会社大阪,商店",
            "27",
            "I",
            "58",
            "small_scale",
            5_000_000L,
            4,
            LocalDate.of(2015, 1, 15)));
    b.firm(
        Firm.of(
            CONSENT,
            "同意テスト株式会社",
            "13",
            "G",
            "39",
            "sme",
            10_000_000L,
            20,
            LocalDate.of(2012, 7, 1)));
    b.firm(
        Firm.of(
            CONSENT2,
            "同意テスト２株式会社",
            "13",
            "G",
            "39",
            "sme",
            10_000_000L,
            20,
            LocalDate.of(2012, 7, 1)));
    b.firm(
        Firm.of(
            HOLDOUT,
            "ホールドアウト株式会社",
            "13",
            "E",
            "29",
            "sme",
            20_000_000L,
            30,
            LocalDate.of(2000, 1, 1)));
    for (String cn : List.of(MAKER, OPTED_OUT, CONSENT, CONSENT2)) {
      b.recommendation(
          cn,
          "monozukuri-21",
          1,
          0.81,
          MONO_21_CLOSES,
          "NEED_MATCH",
          "「設備投資」のニーズが高い（過去の申請より）",
          "DEADLINE_SOON",
          "締切まであと28日");
      b.recommendation(
          cn, "smart-factory-2026", 2, 0.62, SMART_CLOSES, "PEER_UPTAKE", "同業・同規模の企業の利用が多い");
      b.recommendation(
          cn,
          "monozukuri-20",
          3,
          0.55,
          LocalDate.of(2025, 10, 24),
          "NEED_MATCH",
          "「設備投資」のニーズが高い（過去の申請より）");
    }
    b.recommendation(
        SHOP,
        "it-donyu-2026-r2",
        1,
        0.7,
        LocalDate.of(2026, 12, 25),
        "NEED_MATCH",
        "「デジタル化」のニーズが見込まれる（同業の企業の傾向より）");
    b.target(
        "monozukuri-21",
        MAKER,
        1,
        0.81,
        false,
        false,
        "13",
        "sme",
        "NEED_MATCH",
        "「設備投資」のニーズが高い（過去の申請より）");
    b.target(
        "monozukuri-21",
        SHOP,
        2,
        0.6,
        true,
        false,
        "27",
        "small_scale",
        "PEER_UPTAKE",
        "同業の企業の利用が多い");
    b.target("monozukuri-21", OPTED_OUT, 3, 0.5, false, false, "13", "sme");
    b.target("monozukuri-21", HOLDOUT, 4, 0.45, false, true, "13", "sme");
    b.target("monozukuri-21", CONSENT, 5, 0.4, false, false, "13", "sme");
    b.segment("seg-mfg-sme", "rule", "製造業・中小企業", "Manufacturing SMEs", 1200);
    b.segment("seg-cluster-1", "cluster", "設備投資志向", "Equipment-minded", 800);
    b.reportCell("seg-mfg-sme", "needs", "need", "equipment_investment", 720L, 0.6, false);
    b.reportCell("seg-mfg-sme", "needs", "need", "rnd", 3L, 0.002, true);
    b.reportCell("seg-mfg-sme", "prefectures", "prefecture", "13", 400L, null, false);
    b.reportCell("seg-mfg-sme", "reach", "reached", "reached", 420L, 0.35, false);
    b.reportCell("seg-mfg-sme", "reach", "reached", "unreached", 780L, 0.65, false);
    // The cluster's reach cells are suppressed: its unreached share is not publishable.
    b.reportCell("seg-cluster-1", "reach", "reached", "reached", null, null, true);
    b.reportCell("seg-cluster-1", "reach", "reached", "unreached", null, null, true);
    b.members("seg-mfg-sme", MAKER, OPTED_OUT, HOLDOUT);
    b.members("seg-cluster-1", MAKER);
    return b;
  }

  /** Publishes the standard build as pub-000001. */
  public static Map<String, Long> publishStandard(GoldFixture gold) {
    campaignSamples(gold.root());
    return standard(gold, "build-1").publish(PUB1, PUB1_AT);
  }

  /** A planned campaign's status file and a queued request (RouteSamples' ids). */
  public static final String SAMPLE_CAMPAIGN = "cmp-20261119-sample01";

  public static final String SAMPLE_REQUEST = "req-20261119T030000000Z-00000001";

  public static void campaignSamples(java.nio.file.Path lake) {
    try {
      java.nio.file.Path dir = lake.resolve("_push").resolve(SAMPLE_CAMPAIGN);
      java.nio.file.Files.createDirectories(dir);
      java.nio.file.Files.writeString(
          dir.resolve("status.json"),
          "{\"campaign_id\": \""
              + SAMPLE_CAMPAIGN
              + "\", \"program_id\": \"monozukuri-21\", \"status\": \"planned\","
              + " \"channels\": [\"inbox\"], \"created_at\": \"2026-11-19T03:00:00Z\","
              + " \"audience\": null, \"delivery\": {\"by_channel\": {}, \"holdout_recorded\": 0},"
              + " \"report\": null}");
      java.nio.file.Path req = lake.resolve("_push").resolve("requests");
      java.nio.file.Files.createDirectories(req);
      java.nio.file.Files.writeString(
          req.resolve(SAMPLE_REQUEST + ".json"),
          "{\"request_id\": \""
              + SAMPLE_REQUEST
              + "\", \"action\": \"plan\", \"program_id\": \"monozukuri-21\","
              + " \"channels\": [\"inbox\"], \"max\": 3}");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
