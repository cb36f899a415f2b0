package org.policyreach.ingestion.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Packing chunks into the groups Spark tasks read. */
class ChunkGroupsTest {

  static List<FileChunk> chunks(List<Long> sizes) {
    List<FileChunk> out = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      out.add(new FileChunk("file:/in/f" + i, "f" + i, "UTF-8", 0, sizes.get(i), 1));
    }
    return out;
  }

  static long bytes(Collection<FileChunk> g) {
    return g.stream().mapToLong(c -> c.end() - c.start()).sum();
  }

  @Property(tries = 300)
  void everyChunkOnceInEvenNonEmptyGroupsOfScanOrder(
      @ForAll @Size(min = 1, max = 80) List<@LongRange(min = 0, max = 100_000) Long> sizes,
      @ForAll @IntRange(min = 1, max = 8) int slots,
      @ForAll @LongRange(min = 1, max = 200_000) long target) {
    List<FileChunk> in = chunks(sizes);
    List<List<FileChunk>> groups = ChunkGroups.of(in, slots, target);

    long total = bytes(in);
    long wanted = Math.max(slots, (total + target - 1) / target);
    assertThat(groups).hasSize((int) Math.min(in.size(), wanted));
    assertThat(groups).allSatisfy(g -> assertThat(g).isNotEmpty());
    assertThat(groups.stream().flatMap(List::stream).toList())
        .containsExactlyInAnyOrderElementsOf(in);
    for (List<FileChunk> g : groups) {
      assertThat(g).isSortedAccordingTo((a, b) -> Integer.compare(in.indexOf(a), in.indexOf(b)));
    }
    // largest first to the lightest group: no group exceeds the mean by more than one chunk
    long largest = sizes.stream().mapToLong(Long::longValue).max().orElse(0);
    for (List<FileChunk> g : groups) {
      assertThat(bytes(g)).isLessThanOrEqualTo(total / groups.size() + largest);
    }
  }

  @Test
  void manySmallFilesBecomeOneGroupPerSlot() {
    List<Long> sizes = new ArrayList<>();
    for (int i = 0; i < 47; i++) {
      sizes.add(3_000L + i);
    }
    List<List<FileChunk>> groups = ChunkGroups.of(chunks(sizes), 4, 32L << 20);
    assertThat(groups).hasSize(4);
    assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(47);
  }

  @Test
  void largeInputKeepsAGroupPerChunkOfTargetSize() {
    List<List<FileChunk>> groups = ChunkGroups.of(chunks(List.of(100L, 100L, 100L)), 1, 100);
    assertThat(groups).hasSize(3).allSatisfy(g -> assertThat(g).hasSize(1));
    assertThat(ChunkGroups.of(List.of(), 4, 100)).isEmpty();
  }
}
