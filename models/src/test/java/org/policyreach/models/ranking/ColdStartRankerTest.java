package org.policyreach.models.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ColdStartRankerTest {

  /** Makers in Tokyo want equipment and use "mono"; retailers want sales channels. */
  static PeerStats peers() {
    PeerStats.Builder b = PeerStats.builder(Fixtures.NEEDS, PeerStats.Options.defaults());
    for (int i = 0; i < 50; i++) {
      b.addFirm(
          Fixtures.MAKER_TOKYO,
          Map.of("equipment", 0.8, "digital", 0.3),
          i < 20 ? Set.of("mono") : i < 23 ? Set.of("jizokuka") : Set.of());
      b.addFirm(
          new PeerKey("I", "small_scale", "27"),
          Map.of("sales", 0.9),
          i < 25 ? Set.of("jizokuka") : Set.of());
    }
    return b.build();
  }

  static final List<ProgramSignals> PROGRAMS =
      List.of(
          Fixtures.program("mono-2026", "mono", List.of("equipment"), 0, 30),
          Fixtures.program("mono-2025b", "mono", List.of("equipment"), 0, 10),
          Fixtures.program("jizokuka-17", "jizokuka", List.of("sales"), 0, 20),
          Fixtures.program("it-2026", "it", List.of("digital"), 10, 60));

  @Test
  void ranksByPeerUptakeAndPeerNeedsWithReasons() {
    ColdStartRanker ranker =
        new ColdStartRanker(
            peers(),
            Fixtures.NEED_LABELS,
            Diversifier.defaults(),
            ColdStartRanker.Options.defaults());
    List<RankedProgram> ranked = ranker.rank(Fixtures.MAKER_TOKYO, PROGRAMS, 3);

    assertThat(ranked).extracting(RankedProgram::rank).containsExactly(1, 2, 3);
    assertThat(ranked.get(0).programId()).startsWith("mono-");
    assertThat(ranked)
        .extracting(RankedProgram::programId)
        .filteredOn(id -> id.startsWith("mono"))
        .hasSize(1);
    assertThat(ranked.get(0).reasons())
        .extracting(Reason::message)
        .containsExactlyInAnyOrder("「設備投資」のニーズが見込まれる（同業の企業の傾向より）", "同業・同規模・同地域の企業の利用が多い");

    List<RankedProgram> retail = ranker.rank(new PeerKey("I", "small_scale", "27"), PROGRAMS, 3);
    assertThat(retail.get(0).programId()).isEqualTo("jizokuka-17");
  }

  @Test
  void anUnknownPeerGroupFallsBackToEveryone() {
    ColdStartRanker ranker =
        new ColdStartRanker(
            peers(),
            Fixtures.NEED_LABELS,
            Diversifier.defaults(),
            ColdStartRanker.Options.defaults());
    List<RankedProgram> ranked = ranker.rank(new PeerKey("Q", null, null), PROGRAMS, 2);

    // overall, jizokuka (48 of 100 firms) beats mono (20 of 100)
    assertThat(ranked.get(0).programId()).isEqualTo("jizokuka-17");
    assertThat(ranked.get(0).reasons())
        .extracting(Reason::code)
        .contains(ReasonCode.POPULAR_PROGRAM)
        .doesNotContain(ReasonCode.PEER_UPTAKE);
  }
}
