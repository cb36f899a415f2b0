package org.policyreach.serving.snapshot;

import java.time.LocalDate;
import java.util.List;

/**
 * The rows of {@code gold.recommendations} in compressed-sparse-row form: the recommendations of
 * the firm in slot {@code s} are entries {@code start[s]} (inclusive) to {@code start[s+1]}, in
 * rank order. Program ids, deadlines and reason lists are interned.
 */
public final class RecommendationTable {
  final int[] start;
  final short[] program;
  final String[] programIds;
  final short[] rank;
  final float[] score;
  final short[] deadline;
  final int[] deadlineDays;
  final int[] reasons;
  final List<Reason>[] reasonLists;

  RecommendationTable(
      int[] start,
      short[] program,
      String[] programIds,
      short[] rank,
      float[] score,
      short[] deadline,
      int[] deadlineDays,
      int[] reasons,
      List<Reason>[] reasonLists) {
    this.start = start;
    this.program = program;
    this.programIds = programIds;
    this.rank = rank;
    this.score = score;
    this.deadline = deadline;
    this.deadlineDays = deadlineDays;
    this.reasons = reasons;
    this.reasonLists = reasonLists;
  }

  public int size() {
    return program.length;
  }

  public int first(int slot) {
    return start[slot];
  }

  public int end(int slot) {
    return start[slot + 1];
  }

  public String programId(int entry) {
    return programIds[program[entry]];
  }

  public int rank(int entry) {
    return rank[entry];
  }

  public double score(int entry) {
    return score[entry];
  }

  /** The deadline as days since 1970-01-01, or {@link Integer#MIN_VALUE} if none. */
  public int deadlineEpochDay(int entry) {
    int d = deadline[entry];
    return d < 0 ? Integer.MIN_VALUE : deadlineDays[d];
  }

  public LocalDate deadline(int entry) {
    int d = deadlineEpochDay(entry);
    return d == Integer.MIN_VALUE ? null : LocalDate.ofEpochDay(d);
  }

  public List<Reason> reasons(int entry) {
    return reasonLists[reasons[entry]];
  }

  /** The interned program of an entry: an index into {@link #programId(int)}'s dictionary. */
  public int programIndex(int entry) {
    return program[entry];
  }

  /** The interned deadline of an entry (-1: none), see {@link #deadlineDayAt(int)}. */
  public int deadlineIndex(int entry) {
    return deadline[entry];
  }

  public int deadlineCount() {
    return deadlineDays.length;
  }

  public int deadlineDayAt(int index) {
    return deadlineDays[index];
  }

  public int programCount() {
    return programIds.length;
  }

  public String programIdAt(int index) {
    return programIds[index];
  }

  /** The interned reason list of an entry: an index into {@link #reasonListAt(int)}. */
  public int reasonListIndex(int entry) {
    return reasons[entry];
  }

  public int reasonListCount() {
    return reasonLists.length;
  }

  public List<Reason> reasonListAt(int index) {
    return reasonLists[index];
  }

  long estimatedBytes() {
    return (long) start.length * 4 + (long) program.length * (2 + 2 + 4 + 2 + 4);
  }
}
