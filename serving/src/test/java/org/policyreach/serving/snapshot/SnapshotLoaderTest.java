package org.policyreach.serving.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.fixture.GoldFixture;
import org.policyreach.serving.fixture.GoldFixture.Firm;

class SnapshotLoaderTest {
  @TempDir Path lake;

  private SnapshotLoader loader() {
    return new SnapshotLoader(
        lake.toString(), List.of("equipment_investment", "digitalization", "rnd"), id -> id);
  }

  @Test
  void noPublicationYetIsEmpty() {
    assertThat(loader().latestPublication()).isEmpty();
  }

  @Test
  void loadsEveryTableOfThePublishedBuild() {
    GoldFixture gold = new GoldFixture(lake);
    Fixtures.publishStandard(gold);

    Publication p = loader().latestPublication().orElseThrow();
    assertThat(p.publicationId()).isEqualTo(Fixtures.PUB1);
    assertThat(p.buildId()).isEqualTo("build-1");
    assertThat(p.asOf()).isEqualTo(LocalDate.of(2026, 11, 19));
    assertThat(p.createdAt()).isEqualTo(Fixtures.PUB1_AT);
    assertThat(p.tables()).containsKeys("gold.firm_profiles", "gold.recommendations");

    Snapshot s = loader().load(p);
    FirmTable f = s.firms();
    assertThat(f.size()).isEqualTo(6);
    int maker = f.slotOf(Fixtures.MAKER);
    assertThat(maker).isNotNegative();
    assertThat(f.name(maker)).isEqualTo("株式会社テスト製作所");
    assertThat(f.prefectureCode(maker)).isEqualTo("13");
    assertThat(f.jsicDivision(maker)).isEqualTo("E");
    assertThat(f.jsicMajor(maker)).isEqualTo("29");
    assertThat(f.sizeClass(maker)).isEqualTo("sme");
    assertThat(f.capitalYen(maker)).isEqualTo(30_000_000L);
    assertThat(f.employees(maker)).isEqualTo(45);
    assertThat(f.established(maker)).isEqualTo(LocalDate.of(2004, 6, 1));
    assertThat(f.fieldSource(maker, "employees"))
        .isEqualTo(new FirmTable.FieldSource("firm_attributes", LocalDate.of(2026, 10, 1)));
    assertThat(f.optedOut(f.slotOf(Fixtures.OPTED_OUT))).isTrue();
    assertThat(f.slotOf(Fixtures.UNKNOWN)).isEqualTo(-1);

    RecommendationTable r = s.recommendations();
    assertThat(r.end(maker) - r.first(maker)).isEqualTo(3);
    int first = r.first(maker);
    assertThat(r.programId(first)).isEqualTo("monozukuri-21");
    assertThat(r.rank(first)).isEqualTo(1);
    assertThat(r.score(first)).isCloseTo(0.81, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(r.deadline(first)).isEqualTo(LocalDate.of(2026, 12, 18));
    assertThat(r.reasons(first))
        .extracting(Reason::code)
        .containsExactly("NEED_MATCH", "DEADLINE_SOON");
    assertThat(r.programId(first + 2)).isEqualTo("monozukuri-20");

    TargetTable.ProgramTargets t = s.targets().of("monozukuri-21");
    assertThat(t.size()).isEqualTo(5);
    assertThat(t.corporateNumber(0)).isEqualTo(Fixtures.MAKER);
    assertThat(t.holdout(3)).isTrue();
    assertThat(t.reached(1)).isTrue();

    assertThat(s.segments().segments())
        .extracting(SegmentCatalog.Segment::id)
        .containsExactly("seg-cluster-1", "seg-mfg-sme");
    assertThat(s.segments().report("seg-mfg-sme"))
        .anySatisfy(
            c -> {
              assertThat(c.key()).isEqualTo("rnd");
              assertThat(c.suppressed()).isTrue();
              assertThat(c.count()).isNull();
              assertThat(c.value()).isNull();
            });
    assertThat(s.peers().totalFirms()).isEqualTo(6);
  }

  @Test
  void readsExactlyTheRecordedVersionsNotTheLatestRows() {
    GoldFixture gold = new GoldFixture(lake);
    Fixtures.publishStandard(gold);
    Publication first = loader().latestPublication().orElseThrow();
    // A second build appended to the same tables after the first publication.
    gold.build("build-2")
        .firm(Firm.of(Fixtures.UNKNOWN, "後から株式会社", "13", "E", "29", "sme", 1L, 1, null))
        .recommendation(Fixtures.UNKNOWN, "monozukuri-21", 1, 0.9, LocalDate.of(2026, 12, 18))
        .publish(Fixtures.PUB2, Fixtures.PUB2_AT);

    Snapshot old = loader().load(first);
    assertThat(old.firms().slotOf(Fixtures.UNKNOWN)).isEqualTo(-1);
    Snapshot latest = loader().load(loader().latestPublication().orElseThrow());
    assertThat(latest.publicationId()).isEqualTo(Fixtures.PUB2);
    assertThat(latest.firms().size()).isEqualTo(1); // only build-2's rows
    assertThat(latest.firms().slotOf(Fixtures.UNKNOWN)).isNotNegative();
  }

  @Test
  void loadsMembershipNeedScoresAndReachOfEachFirm() {
    Fixtures.publishStandard(new GoldFixture(lake));
    Snapshot s = loader().load(loader().latestPublication().orElseThrow());
    FirmTable f = s.firms();
    int maker = f.slotOf(Fixtures.MAKER);
    // Only the needs of the loader's taxonomy, in its order; a need without a score is left out.
    assertThat(f.needScores(maker))
        .containsExactly(Map.entry("equipment_investment", 0.8), Map.entry("digitalization", 0.3));
    assertThat(f.applications(maker)).isEqualTo(1);
    assertThat(f.awards(maker)).isZero();
    assertThat(f.reached(maker)).isTrue();
    SegmentCatalog c = s.segments();
    assertThat(c.hasMembership()).isTrue();
    assertThat(c.segmentsOf(maker))
        .extracting(SegmentCatalog.Segment::id)
        .containsExactly("seg-cluster-1", "seg-mfg-sme");
    assertThat(c.segmentsOf(f.slotOf(Fixtures.HOLDOUT)))
        .extracting(SegmentCatalog.Segment::id)
        .containsExactly("seg-mfg-sme");
    assertThat(c.segmentsOf(f.slotOf(Fixtures.SHOP))).isEmpty();
    assertThat(c.unreachedShare("seg-mfg-sme")).isEqualTo(0.65);
    assertThat(c.unreachedShare("seg-cluster-1")).isNull(); // suppressed
    assertThat(c.previous()).isNull(); // the first publication
  }

  @Test
  void thePreviousPublicationsSegmentFiguresAreLoadedAtItsVersions() {
    GoldFixture gold = new GoldFixture(lake);
    Fixtures.publishStandard(gold);
    gold.build("build-2")
        .firm(Firm.of(Fixtures.MAKER, "株式会社テスト製作所", "13", "E", "29", "sme", 1L, 1, null))
        .recommendation(Fixtures.MAKER, "monozukuri-21", 1, 0.9, LocalDate.of(2026, 12, 18))
        .segment("seg-mfg-sme", "rule", "製造業・中小企業", "Manufacturing SMEs", 1300)
        .publish(Fixtures.PUB2, Fixtures.PUB2_AT);
    Publication latest = loader().latestPublication().orElseThrow();
    assertThat(loader().previousPublication(latest))
        .hasValueSatisfying(p -> assertThat(p.publicationId()).isEqualTo(Fixtures.PUB1));
    SegmentCatalog.PreviousBuild prev = loader().load(latest).segments().previous();
    assertThat(prev.publicationId()).isEqualTo(Fixtures.PUB1);
    assertThat(prev.buildId()).isEqualTo("build-1");
    assertThat(prev.of("seg-mfg-sme"))
        .isEqualTo(new SegmentCatalog.Figures("製造業・中小企業", 1200, 0.65));
    assertThat(prev.of("seg-cluster-1")).isEqualTo(new SegmentCatalog.Figures("設備投資志向", 800, null));
    assertThat(prev.of("seg-other")).isNull();
  }

  @Test
  void anUnreadablePreviousPublicationOnlyDropsTheTrend() {
    GoldFixture gold = new GoldFixture(lake);
    Map<String, Long> versions = new LinkedHashMap<>(Fixtures.publishStandard(gold));
    versions.put("gold.segments", 99L); // vacuumed or never written
    gold.publishRow("pub-000000", "build-0", null, Instant.parse("2026-11-01T00:00:00Z"), versions);
    Publication latest = loader().latestPublication().orElseThrow();
    assertThat(latest.publicationId()).isEqualTo(Fixtures.PUB1);
    Snapshot s = loader().load(latest);
    assertThat(s.segments().previous()).isNull();
    assertThat(s.segments().segments()).hasSize(2);
  }

  @Test
  void aPublicationWithoutARequiredTableIsRefused() {
    GoldFixture gold = new GoldFixture(lake);
    gold.publishRow("pub-bad", "build-x", null, Instant.parse("2026-11-01T00:00:00Z"), Map.of());
    Publication p = loader().latestPublication().orElseThrow();
    assertThatThrownBy(() -> loader().load(p))
        .isInstanceOf(ServingException.class)
        .hasMessageContaining("pub-bad")
        .hasMessageContaining("gold.firm_profiles")
        .hasMessageContaining("re-run the publish step");
  }

  @Test
  void aBrokenNewPublicationKeepsTheLastGoodSnapshot() {
    GoldFixture gold = new GoldFixture(lake);
    Map<String, Long> versions = Fixtures.publishStandard(gold);
    SnapshotStore store =
        new SnapshotStore(
            loader(),
            Duration.ofHours(1),
            Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC));
    assertThat(store.pollOnce()).isTrue();
    assertThat(store.current().publicationId()).isEqualTo(Fixtures.PUB1);

    // Version 99 of the profiles does not exist: the load fails, pub-000001 stays.
    Map<String, Long> broken = new LinkedHashMap<>(versions);
    broken.put("gold.firm_profiles", 99L);
    gold.publishRow("pub-broken", "build-1", null, Instant.parse("2026-11-19T20:00:00Z"), broken);
    assertThat(store.pollOnce()).isFalse();
    assertThat(store.current().publicationId()).isEqualTo(Fixtures.PUB1);
    assertThat(store.lastError()).hasValueSatisfying(e -> assertThat(e).contains("pub-broken"));

    // A publication naming a build the tables do not hold is refused too.
    gold.publishRow(
        "pub-wrong-build", "build-9", null, Instant.parse("2026-11-19T21:00:00Z"), versions);
    assertThat(store.pollOnce()).isFalse();
    assertThat(store.lastError())
        .hasValueSatisfying(e -> assertThat(e).contains("no rows of build build-9"));
    assertThat(store.current().publicationId()).isEqualTo(Fixtures.PUB1);
  }
}
