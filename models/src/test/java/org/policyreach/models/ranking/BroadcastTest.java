package org.policyreach.models.ranking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Spark broadcasts fitted models with Java serialization (its default serializer); the registry
 * never does. The rankers must arrive on an executor and behave the same.
 */
class BroadcastTest {

  @Test
  void rankersSurviveSparkBroadcastSerialization() throws Exception {
    ProgramRanker ranker = ProgramRankerTest.ranker();
    ColdStartRanker cold =
        new ColdStartRanker(
            ColdStartRankerTest.peers(),
            Fixtures.NEED_LABELS,
            Diversifier.defaults(),
            ColdStartRanker.Options.defaults());
    FirmSignals firm = Fixtures.firm(Map.of("equipment", 0.7), true, 2, 1, Set.of("it"));
    List<ProgramSignals> programs = ColdStartRankerTest.PROGRAMS;

    assertThat(roundTrip(ranker).rank(firm, programs, 3)).isEqualTo(ranker.rank(firm, programs, 3));
    assertThat(roundTrip(cold).rank(Fixtures.MAKER_TOKYO, programs, 3))
        .isEqualTo(cold.rank(Fixtures.MAKER_TOKYO, programs, 3));
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
