package org.policyreach.ingestion.read;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Packs the planned chunks of an input into the groups that Spark tasks read, one group per task:
 * as many groups as the input's bytes need at {@code targetBytes} a group, and at least {@code
 * slots} (the session's parallelism) when there are that many chunks, but never more groups than
 * chunks. Chunks go largest first to the lightest group, so the groups' bytes stay even; within a
 * group they keep the scan's order.
 *
 * <p>Without packing every chunk was a task, so a folder of many small files (the registry's file
 * per prefecture, a few kB each) cost a task per file in each of the batch's scans.
 */
public final class ChunkGroups {
  private ChunkGroups() {}

  /**
   * @param chunks the scan's chunks, in order
   * @param slots how many tasks can run at once (at least this many groups when there are chunks
   *     enough)
   * @param targetBytes bytes a group may hold before another group is wanted (the chunk size)
   */
  public static List<List<FileChunk>> of(List<FileChunk> chunks, int slots, long targetBytes) {
    if (chunks.isEmpty()) {
      return List.of();
    }
    long total = chunks.stream().mapToLong(ChunkGroups::bytes).sum();
    long byBytes = (total + Math.max(1, targetBytes) - 1) / Math.max(1, targetBytes);
    int n = (int) Math.min(chunks.size(), Math.max(Math.max(1, slots), byBytes));
    long[] load = new long[n];
    List<List<Integer>> members = new ArrayList<>();
    for (int g = 0; g < n; g++) {
      members.add(new ArrayList<>());
    }
    List<Integer> bySize =
        IntStream.range(0, chunks.size())
            .boxed()
            .sorted(
                Comparator.comparingLong((Integer i) -> bytes(chunks.get(i)))
                    .reversed()
                    .thenComparing(i -> i))
            .toList();
    for (int i : bySize) {
      int lightest = 0;
      for (int g = 1; g < n; g++) {
        // lightest by bytes, then by chunks (so empty chunks too spread over empty groups)
        if (load[g] < load[lightest]
            || (load[g] == load[lightest]
                && members.get(g).size() < members.get(lightest).size())) {
          lightest = g;
        }
      }
      load[lightest] += bytes(chunks.get(i));
      members.get(lightest).add(i);
    }
    List<List<FileChunk>> groups = new ArrayList<>(n);
    for (List<Integer> m : members) {
      groups.add(m.stream().sorted().map(chunks::get).toList());
    }
    return groups;
  }

  private static long bytes(FileChunk c) {
    return Math.max(0, c.end() - c.start());
  }
}
