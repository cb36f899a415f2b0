package org.policyreach.serving.snapshot;

import java.util.List;
import java.util.Map;

/** {@code gold.program_targets}: per program, its target firms in rank order. */
public final class TargetTable {
  private final Map<String, ProgramTargets> byProgram;

  TargetTable(Map<String, ProgramTargets> byProgram) {
    this.byProgram = Map.copyOf(byProgram);
  }

  /** The targets of one program; an empty list if the build made none. */
  public ProgramTargets of(String programId) {
    ProgramTargets t = byProgram.get(programId);
    return t == null ? ProgramTargets.EMPTY : t;
  }

  public int programCount() {
    return byProgram.size();
  }

  long estimatedBytes() {
    long b = 0;
    for (ProgramTargets t : byProgram.values()) {
      b += (long) t.size() * (8 + 2 + 4 + 4 + 1 + 1 + 1);
    }
    return b;
  }

  /** One program's targets, column-wise, sorted by rank. */
  public static final class ProgramTargets {
    static final ProgramTargets EMPTY =
        new ProgramTargets(
            new long[0],
            new int[0],
            new float[0],
            new int[0],
            new byte[0],
            new byte[0],
            new byte[0],
            new String[0],
            List.<List<Reason>>of().toArray(new List[0]));

    static final byte REACHED = 1;
    static final byte HOLDOUT = 2;

    final long[] cn;
    final int[] rank;
    final float[] score;
    final int[] reasons;
    final byte[] flags;
    final byte[] prefecture;
    final byte[] sizeClass;
    final String[] sizeClasses;
    final List<Reason>[] reasonLists;

    ProgramTargets(
        long[] cn,
        int[] rank,
        float[] score,
        int[] reasons,
        byte[] flags,
        byte[] prefecture,
        byte[] sizeClass,
        String[] sizeClasses,
        List<Reason>[] reasonLists) {
      this.cn = cn;
      this.rank = rank;
      this.score = score;
      this.reasons = reasons;
      this.flags = flags;
      this.prefecture = prefecture;
      this.sizeClass = sizeClass;
      this.sizeClasses = sizeClasses;
      this.reasonLists = reasonLists;
    }

    public int size() {
      return cn.length;
    }

    public String corporateNumber(int i) {
      return CorporateNumbers.format(cn[i]);
    }

    public long corporateNumberLong(int i) {
      return cn[i];
    }

    public int rank(int i) {
      return rank[i];
    }

    public double score(int i) {
      return score[i];
    }

    public List<Reason> reasons(int i) {
      return reasonLists[reasons[i]];
    }

    public boolean reached(int i) {
      return (flags[i] & REACHED) != 0;
    }

    public boolean holdout(int i) {
      return (flags[i] & HOLDOUT) != 0;
    }

    public String prefectureCode(int i) {
      int p = prefecture[i];
      return p == 0 ? null : (p < 10 ? "0" + p : Integer.toString(p));
    }

    public String sizeClass(int i) {
      int s = sizeClass[i];
      return s < 0 ? null : sizeClasses[s];
    }
  }
}
