package org.policyreach.serving.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The firms of {@code gold.firm_profiles}, column-wise and sorted by corporate number: a lookup is
 * a binary search over a {@code long[]}, and a firm costs a few dozen bytes instead of a map of
 * strings. A firm is addressed by its slot (0..size-1).
 */
public final class FirmTable {
  /** The prefill attributes whose source and as-of date the table keeps. */
  public static final List<String> PREFILL_FIELDS =
      List.of(
          "name",
          "prefecture_code",
          "jsic_division",
          "jsic_major",
          "capital_yen",
          "employees",
          "established");

  static final long NO_LONG = Long.MIN_VALUE;
  static final int NO_INT = Integer.MIN_VALUE;
  static final byte FLAG_REACHED = 1;
  static final byte FLAG_OPTED_OUT = 2;

  /** A need score is kept as a byte: round(score × NEED_SCALE), 0..200; 0xFF = no score. */
  static final int NEED_SCALE = 200;

  static final byte NO_NEED = (byte) 0xFF;

  /** Counts (applications, awards) are kept unsigned in a short; 0xFFFF = unknown. */
  static final short NO_COUNT = (short) 0xFFFF;

  final long[] cns;
  final byte[] nameBytes;
  final int[] nameOffsets;
  final byte[] prefecture; // JIS code 1..47, 0 = unknown
  final byte[] jsic; // division letter, 0 = unknown
  final byte[] jsicMajor; // 0..99, -1 = unknown
  final byte[] sizeClass; // index into sizeClasses, -1 = unknown
  final String[] sizeClasses;
  final long[] capital;
  final int[] employees;
  final int[] established; // epoch day
  final byte[] status; // index into statuses, -1 = unknown
  final String[] statuses;
  final byte[] flags;
  final byte[][] fieldSource; // [PREFILL_FIELDS index][slot] → index into sources, -1 = unknown
  final int[][] fieldAsOf; // [PREFILL_FIELDS index][slot] → epoch day
  final String[] sources;
  final List<String> needIds;
  final byte[] needScores; // [slot * needIds.size() + need]
  final short[] applications;
  final short[] awards;

  FirmTable(
      long[] cns,
      byte[] nameBytes,
      int[] nameOffsets,
      byte[] prefecture,
      byte[] jsic,
      byte[] jsicMajor,
      byte[] sizeClass,
      String[] sizeClasses,
      long[] capital,
      int[] employees,
      int[] established,
      byte[] status,
      String[] statuses,
      byte[] flags,
      byte[][] fieldSource,
      int[][] fieldAsOf,
      String[] sources,
      List<String> needIds,
      byte[] needScores,
      short[] applications,
      short[] awards) {
    this.cns = cns;
    this.nameBytes = nameBytes;
    this.nameOffsets = nameOffsets;
    this.prefecture = prefecture;
    this.jsic = jsic;
    this.jsicMajor = jsicMajor;
    this.sizeClass = sizeClass;
    this.sizeClasses = sizeClasses;
    this.capital = capital;
    this.employees = employees;
    this.established = established;
    this.status = status;
    this.statuses = statuses;
    this.flags = flags;
    this.fieldSource = fieldSource;
    this.fieldAsOf = fieldAsOf;
    this.sources = sources;
    this.needIds = List.copyOf(needIds);
    this.needScores = needScores;
    this.applications = applications;
    this.awards = awards;
  }

  public int size() {
    return cns.length;
  }

  /** The slot of a 13-digit corporate number, or -1. */
  public int slotOf(long corporateNumber) {
    int i = Arrays.binarySearch(cns, corporateNumber);
    return i < 0 ? -1 : i;
  }

  public int slotOf(String corporateNumber13) {
    long cn = CorporateNumbers.toLong(corporateNumber13);
    return cn < 0 ? -1 : slotOf(cn);
  }

  public String corporateNumber(int slot) {
    return CorporateNumbers.format(cns[slot]);
  }

  public String name(int slot) {
    int from = nameOffsets[slot];
    int to = nameOffsets[slot + 1];
    return from == to ? null : new String(nameBytes, from, to - from, StandardCharsets.UTF_8);
  }

  /** Two-digit JIS prefecture code ({@code "13"}) or null. */
  public String prefectureCode(int slot) {
    int p = prefecture[slot];
    return p == 0 ? null : (p < 10 ? "0" + p : Integer.toString(p));
  }

  public String jsicDivision(int slot) {
    byte j = jsic[slot];
    return j == 0 ? null : String.valueOf((char) j);
  }

  public String jsicMajor(int slot) {
    int m = jsicMajor[slot];
    return m < 0 ? null : (m < 10 ? "0" + m : Integer.toString(m));
  }

  public String sizeClass(int slot) {
    int s = sizeClass[slot];
    return s < 0 ? null : sizeClasses[s];
  }

  public Long capitalYen(int slot) {
    long c = capital[slot];
    return c == NO_LONG ? null : c;
  }

  public Integer employees(int slot) {
    int e = employees[slot];
    return e == NO_INT ? null : e;
  }

  public LocalDate established(int slot) {
    int d = established[slot];
    return d == NO_INT ? null : LocalDate.ofEpochDay(d);
  }

  public String status(int slot) {
    int s = status[slot];
    return s < 0 ? null : statuses[s];
  }

  public boolean reached(int slot) {
    return (flags[slot] & FLAG_REACHED) != 0;
  }

  /** The firm had opted out of pushes when the build ran. */
  public boolean optedOut(int slot) {
    return (flags[slot] & FLAG_OPTED_OUT) != 0;
  }

  /**
   * The firm's need scores in [0, 1] (taxonomy order, needs without a score left out), to three
   * decimals: kept at a resolution of {@code 1 / NEED_SCALE}.
   */
  public Map<String, Double> needScores(int slot) {
    Map<String, Double> out = new LinkedHashMap<>();
    int k = needIds.size();
    for (int i = 0; i < k; i++) {
      byte b = needScores[slot * k + i];
      if (b != NO_NEED) {
        out.put(needIds.get(i), Math.round((b & 0xFF) * 1000.0 / NEED_SCALE) / 1000.0);
      }
    }
    return out;
  }

  /** Applications the firm made (gold.firm_profiles.applications), or null if unknown. */
  public Integer applications(int slot) {
    short v = applications[slot];
    return v == NO_COUNT ? null : v & 0xFFFF;
  }

  /** Applications awarded, or null if unknown. */
  public Integer awards(int slot) {
    short v = awards[slot];
    return v == NO_COUNT ? null : v & 0xFFFF;
  }

  /** Where a prefill attribute came from; null when the build did not record it. */
  public FieldSource fieldSource(int slot, String field) {
    int f = PREFILL_FIELDS.indexOf(field);
    if (f < 0) {
      return null;
    }
    int s = fieldSource[f][slot];
    if (s < 0) {
      return null;
    }
    int asOf = fieldAsOf[f][slot];
    return new FieldSource(sources[s], asOf == NO_INT ? null : LocalDate.ofEpochDay(asOf));
  }

  /** The source ({@code registry}, {@code firm_attributes}, …) and as-of date of one attribute. */
  public record FieldSource(String source, LocalDate asOf) {}

  long estimatedBytes() {
    long n = cns.length;
    long perFirm = 8 + 4 + 1 + 1 + 1 + 1 + 8 + 4 + 4 + 1 + 1;
    long sourcesBytes = (long) PREFILL_FIELDS.size() * n * 5;
    return n * perFirm + nameBytes.length + sourcesBytes + needScores.length + 4 * n;
  }
}
