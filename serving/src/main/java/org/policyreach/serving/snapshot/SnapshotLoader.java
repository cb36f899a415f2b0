package org.policyreach.serving.snapshot;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.snapshot.DeltaTableReader.PreparedScan;
import org.policyreach.serving.snapshot.SegmentCatalog.Figures;
import org.policyreach.serving.snapshot.SegmentCatalog.PreviousBuild;
import org.policyreach.serving.snapshot.SegmentCatalog.ReportCell;
import org.policyreach.serving.snapshot.SegmentCatalog.Segment;
import org.policyreach.serving.snapshot.TargetTable.ProgramTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@link Snapshot}: the latest row of {@code meta.publications}, then each gold table at
 * exactly the version that row records (Delta Kernel time travel), keeping only the rows of the
 * publication's build.
 */
public final class SnapshotLoader {
  public static final String PUBLICATIONS = "meta.publications";
  public static final String FIRM_PROFILES = "gold.firm_profiles";
  public static final String RECOMMENDATIONS = "gold.recommendations";
  public static final String PROGRAM_TARGETS = "gold.program_targets";
  public static final String SEGMENTS = "gold.segments";
  public static final String SEGMENT_REPORTS = "gold.segment_reports";
  public static final String SEGMENT_MEMBERSHIP = "gold.segment_membership";
  public static final List<String> REQUIRED_TABLES = List.of(FIRM_PROFILES, RECOMMENDATIONS);

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotLoader.class);

  private final String root;
  private final DeltaTableReader reader;
  private final List<String> needIds;
  private final Function<String, String> familyOfProgram;
  private final Clock clock;

  /**
   * @param needIds the need taxonomy, for the peer statistics of cold-start recommendations
   * @param familyOfProgram program id → family (the id itself when the catalog lacks it)
   */
  public SnapshotLoader(
      String lakehouseRoot, List<String> needIds, Function<String, String> familyOfProgram) {
    this(
        lakehouseRoot,
        DefaultEngine.create(new Configuration()),
        needIds,
        familyOfProgram,
        Clock.systemUTC());
  }

  public SnapshotLoader(
      String lakehouseRoot,
      Engine engine,
      List<String> needIds,
      Function<String, String> familyOfProgram,
      Clock clock) {
    this.root = stripTrailingSlash(lakehouseRoot);
    this.reader = new DeltaTableReader(engine);
    this.needIds = List.copyOf(needIds);
    this.familyOfProgram = familyOfProgram;
    this.clock = clock;
  }

  private static String stripTrailingSlash(String s) {
    return s.endsWith("/") && s.length() > 1 ? s.substring(0, s.length() - 1) : s;
  }

  /** {@code <root>/<schema>/<table>} for {@code schema.table}. */
  public String tablePath(String table) {
    return root + "/" + table.replace('.', '/');
  }

  /** Publication order: created_at, then id. */
  private static int byCreation(Publication a, Publication c) {
    int byTime = a.createdAt().compareTo(c.createdAt());
    return byTime != 0 ? byTime : a.publicationId().compareTo(c.publicationId());
  }

  /** The newest publication (greatest created_at, then id); empty if nothing is published yet. */
  public Optional<Publication> latestPublication() {
    return publications().stream().max(SnapshotLoader::byCreation);
  }

  /**
   * The publication before {@code p}: the newest one created before it whose build differs (a
   * re-publication of the same build is not a previous build); empty if there is none.
   */
  public Optional<Publication> previousPublication(Publication p) {
    return publications().stream()
        .filter(o -> byCreation(o, p) < 0 && !o.buildId().equals(p.buildId()))
        .max(SnapshotLoader::byCreation);
  }

  /** Every row of {@code meta.publications} (latest version); empty if there is no table yet. */
  public List<Publication> publications() {
    String path = tablePath(PUBLICATIONS);
    long version;
    try {
      version = reader.latestVersion(path);
    } catch (TableNotFoundException e) {
      return List.of();
    }
    PreparedScan scan =
        reader.prepare(
            PUBLICATIONS,
            path,
            version,
            List.of("publication_id", "build_id", "created_at", "tables"),
            List.of("as_of"),
            null);
    int id = scan.ordinal("publication_id");
    int build = scan.ordinal("build_id");
    int created = scan.ordinal("created_at");
    int tables = scan.ordinal("tables");
    int asOf = scan.ordinal("as_of");
    List<Publication> all = new ArrayList<>();
    scan.forEach(
        (b, r) -> {
          String pid = DeltaTableReader.string(b, id, r);
          String bid = DeltaTableReader.string(b, build, r);
          if (pid == null || bid == null || DeltaTableReader.isNull(b, created, r)) {
            return;
          }
          long micros = b.getColumnVector(created).getLong(r);
          Instant createdAt = Instant.EPOCH.plusNanos(micros * 1000);
          Integer day = DeltaTableReader.epochDayOrNull(b, asOf, r);
          all.add(
              new Publication(
                  pid,
                  bid,
                  day == null ? null : LocalDate.ofEpochDay(day),
                  createdAt,
                  tableVersions(b, tables, r)));
        });
    return all;
  }

  private static Map<String, Long> tableVersions(ColumnarBatch b, int ordinal, int row) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (DeltaTableReader.isNull(b, ordinal, row)) {
      return out;
    }
    MapValue m = b.getColumnVector(ordinal).getMap(row);
    ColumnVector keys = m.getKeys();
    ColumnVector values = m.getValues();
    for (int i = 0; i < m.getSize(); i++) {
      if (!keys.isNullAt(i) && !values.isNullAt(i)) {
        out.put(keys.getString(i), values.getLong(i));
      }
    }
    return out;
  }

  /** Loads every table of {@code p}; throws {@link ServingException} if one cannot be served. */
  public Snapshot load(Publication p) {
    long t0 = System.nanoTime();
    for (String t : REQUIRED_TABLES) {
      if (!p.tables().containsKey(t)) {
        throw ServingException.snapshot(
            "Publication "
                + p.publicationId()
                + " records no version of "
                + t
                + " (tables: "
                + p.tables().keySet()
                + "); re-run the publish step",
            null);
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long cpu0 = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
    PeerStatsCollector peers = new PeerStatsCollector(needIds, familyOfProgram);
    FirmTable firms = loadFirms(p, peers);
    long t1 = System.nanoTime();
    RecommendationTable recs = loadRecommendations(p, firms);
    long t2 = System.nanoTime();
    TargetTable targets = loadTargets(p);
    SegmentCatalog segments = loadSegments(p, firms, loadPrevious(p));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    long cpuMillis =
        mx.isCurrentThreadCpuTimeSupported()
            ? (mx.getCurrentThreadCpuTime() - cpu0) / 1_000_000
            : -1;
    Snapshot s =
        new Snapshot(p, firms, recs, targets, segments, peers.build(), Instant.now(clock), millis);
    LOG.info(
        "Loaded publication {} (build {}): {} firms, {} recommendations, {} programs with"
            + " targets, {} segments (previous publication {}) in {} ms (loader thread CPU {}"
            + " ms; profiles {} ms, recommendations {} ms, rest {} ms), ~{} MB of index arrays",
        p.publicationId(),
        p.buildId(),
        firms.size(),
        recs.size(),
        targets.programCount(),
        segments.segments().size(),
        segments.previous() == null ? "none" : segments.previous().publicationId(),
        millis,
        cpuMillis,
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        millis - (t2 - t0) / 1_000_000,
        s.estimatedBytes() / (1024 * 1024));
    return s;
  }

  private PreparedScan prepare(
      Publication p, String table, List<String> required, List<String> optional) {
    long version = p.tables().get(table);
    return reader.prepare(table, tablePath(table), version, required, optional, p.buildId());
  }

  /**
   * Fails when a table has no row of the publication's build: the publish step recorded a wrong
   * version or build id (rows of other builds are skipped by file statistics, so they are usually
   * not even counted).
   */
  private static void requireBuildRows(Publication p, String table, long matched, long other) {
    if (matched == 0) {
      throw ServingException.snapshot(
          table
              + " at version "
              + p.tables().get(table)
              + " has no rows of build "
              + p.buildId()
              + " named by publication "
              + p.publicationId()
              + (other > 0 ? " (" + other + " rows of other builds)" : "")
              + "; the publish step recorded a wrong version or build id",
          null);
    }
  }

  // ---------------------------------------------------------------- firms

  private FirmTable loadFirms(Publication p, PeerStatsCollector peers) {
    PreparedScan scan =
        prepare(
            p,
            FIRM_PROFILES,
            List.of("corporate_number", "build_id"),
            List.of(
                "name",
                "prefecture_code",
                "jsic_division",
                "jsic_major",
                "size_class",
                "capital_yen",
                "employees",
                "established",
                "status",
                "reached",
                "opted_out",
                "field_sources",
                "need_scores",
                "programs_applied",
                "applications",
                "awards"));
    int oCn = scan.ordinal("corporate_number");
    int oBuild = scan.ordinal("build_id");
    int oName = scan.ordinal("name");
    int oPref = scan.ordinal("prefecture_code");
    int oJsic = scan.ordinal("jsic_division");
    int oMajor = scan.ordinal("jsic_major");
    int oSize = scan.ordinal("size_class");
    int oCapital = scan.ordinal("capital_yen");
    int oEmployees = scan.ordinal("employees");
    int oEstablished = scan.ordinal("established");
    int oStatus = scan.ordinal("status");
    int oReached = scan.ordinal("reached");
    int oOptedOut = scan.ordinal("opted_out");
    int oSources = scan.ordinal("field_sources");
    int oNeeds = scan.ordinal("need_scores");
    int oApplied = scan.ordinal("programs_applied");
    int oApplications = scan.ordinal("applications");
    int oAwards = scan.ordinal("awards");
    int needCount = needIds.size();
    Map<String, Integer> needIndex = new HashMap<>();
    for (int i = 0; i < needCount; i++) {
      needIndex.put(needIds.get(i), i);
    }
    GrowableArrays.Bytes needScores = new GrowableArrays.Bytes();
    GrowableArrays.Shorts applications = new GrowableArrays.Shorts();
    GrowableArrays.Shorts awards = new GrowableArrays.Shorts();
    byte[] rowNeeds = new byte[needCount];

    int fieldCount = FirmTable.PREFILL_FIELDS.size();
    GrowableArrays.Longs cns = new GrowableArrays.Longs();
    GrowableArrays.Bytes names = new GrowableArrays.Bytes();
    GrowableArrays.Ints nameEnds = new GrowableArrays.Ints();
    GrowableArrays.Bytes pref = new GrowableArrays.Bytes();
    GrowableArrays.Bytes jsic = new GrowableArrays.Bytes();
    GrowableArrays.Bytes major = new GrowableArrays.Bytes();
    GrowableArrays.Bytes size = new GrowableArrays.Bytes();
    GrowableArrays.Longs capital = new GrowableArrays.Longs();
    GrowableArrays.Ints employees = new GrowableArrays.Ints();
    GrowableArrays.Ints established = new GrowableArrays.Ints();
    GrowableArrays.Bytes status = new GrowableArrays.Bytes();
    GrowableArrays.Bytes flags = new GrowableArrays.Bytes();
    GrowableArrays.Bytes[] srcs = new GrowableArrays.Bytes[fieldCount];
    GrowableArrays.Ints[] asOfs = new GrowableArrays.Ints[fieldCount];
    for (int f = 0; f < fieldCount; f++) {
      srcs[f] = new GrowableArrays.Bytes();
      asOfs[f] = new GrowableArrays.Ints();
    }
    Dictionary<String> sizeClasses = new Dictionary<>();
    Dictionary<String> statuses = new Dictionary<>();
    Dictionary<String> sources = new Dictionary<>();
    long[] counts = new long[3]; // matched, other builds, bad keys
    String build = p.buildId();

    scan.forEach(
        (b, r) -> {
          if (!build.equals(DeltaTableReader.string(b, oBuild, r))) {
            counts[1]++;
            return;
          }
          long cn = CorporateNumbers.toLong(DeltaTableReader.string(b, oCn, r));
          if (cn < 0) {
            counts[2]++;
            return;
          }
          counts[0]++;
          cns.add(cn);
          String name = DeltaTableReader.string(b, oName, r);
          if (name != null) {
            names.addAll(name.getBytes(StandardCharsets.UTF_8));
          }
          nameEnds.add(names.size);
          String prefCode = DeltaTableReader.string(b, oPref, r);
          String jsicLetter = DeltaTableReader.string(b, oJsic, r);
          String sc = DeltaTableReader.string(b, oSize, r);
          peers.add(jsicLetter, sc, prefCode, b, oNeeds, oApplied, r);
          pref.add(prefectureByte(prefCode));
          jsic.add(jsicByte(jsicLetter));
          major.add(majorByte(DeltaTableReader.string(b, oMajor, r)));
          size.add(sc == null ? -1 : (byte) sizeClasses.id(sc));
          Long cap = DeltaTableReader.longOrNull(b, oCapital, r);
          capital.add(cap == null ? FirmTable.NO_LONG : cap);
          Integer emp = DeltaTableReader.intOrNull(b, oEmployees, r);
          employees.add(emp == null ? FirmTable.NO_INT : emp);
          Integer est = DeltaTableReader.epochDayOrNull(b, oEstablished, r);
          established.add(est == null ? FirmTable.NO_INT : est);
          String st = DeltaTableReader.string(b, oStatus, r);
          status.add(st == null ? -1 : (byte) statuses.id(st));
          byte fl = 0;
          if (Boolean.TRUE.equals(DeltaTableReader.boolOrNull(b, oReached, r))) {
            fl |= FirmTable.FLAG_REACHED;
          }
          if (Boolean.TRUE.equals(DeltaTableReader.boolOrNull(b, oOptedOut, r))) {
            fl |= FirmTable.FLAG_OPTED_OUT;
          }
          flags.add(fl);
          readFieldSources(b, oSources, r, srcs, asOfs, sources);
          readNeedScores(b, oNeeds, r, needIndex, rowNeeds);
          needScores.addAll(rowNeeds);
          applications.add(count(DeltaTableReader.intOrNull(b, oApplications, r)));
          awards.add(count(DeltaTableReader.intOrNull(b, oAwards, r)));
        });
    requireBuildRows(p, FIRM_PROFILES, counts[0], counts[1]);
    if (counts[2] > 0) {
      LOG.warn(
          "{}: skipped {} rows whose corporate_number is not 13 digits", FIRM_PROFILES, counts[2]);
    }
    if (sizeClasses.size() > 127 || statuses.size() > 127 || sources.size() > 127) {
      throw ServingException.snapshot(
          FIRM_PROFILES
              + " has more than 127 distinct size_class, status or source values; these are"
              + " small vocabularies, check the build",
          null);
    }
    return arrangeFirms(
        cns.toArray(),
        names,
        nameEnds.toArray(),
        pref,
        jsic,
        major,
        size,
        sizeClasses,
        capital,
        employees,
        established,
        status,
        statuses,
        flags,
        srcs,
        asOfs,
        sources,
        needIds,
        needScores,
        applications,
        awards);
  }

  private static short count(Integer v) {
    if (v == null || v < 0) {
      return FirmTable.NO_COUNT;
    }
    return (short) Math.min(v, 0xFFFE);
  }

  /** The row's need scores as bytes in taxonomy order (see {@link FirmTable#NEED_SCALE}). */
  private static void readNeedScores(
      ColumnarBatch b, int ordinal, int row, Map<String, Integer> needIndex, byte[] out) {
    Arrays.fill(out, FirmTable.NO_NEED);
    if (ordinal < 0 || b.getColumnVector(ordinal).isNullAt(row)) {
      return;
    }
    MapValue m = b.getColumnVector(ordinal).getMap(row);
    ColumnVector keys = m.getKeys();
    ColumnVector values = m.getValues();
    for (int i = 0; i < m.getSize(); i++) {
      if (keys.isNullAt(i) || values.isNullAt(i)) {
        continue;
      }
      Integer n = needIndex.get(keys.getString(i));
      double v = values.getDouble(i);
      if (n != null && Double.isFinite(v)) {
        long q = Math.round(Math.max(0.0, Math.min(1.0, v)) * FirmTable.NEED_SCALE);
        out[n] = (byte) q;
      }
    }
  }

  private static void readFieldSources(
      ColumnarBatch b,
      int ordinal,
      int row,
      GrowableArrays.Bytes[] srcs,
      GrowableArrays.Ints[] asOfs,
      Dictionary<String> sources) {
    int fieldCount = srcs.length;
    byte[] src = new byte[fieldCount];
    int[] asOf = new int[fieldCount];
    Arrays.fill(src, (byte) -1);
    Arrays.fill(asOf, FirmTable.NO_INT);
    if (!DeltaTableReader.isNull(b, ordinal, row)) {
      ColumnVector column = b.getColumnVector(ordinal);
      StructType valueType = (StructType) ((MapType) column.getDataType()).getValueType();
      int oSource = valueType.indexOf("source");
      int oAsOf = valueType.indexOf("as_of");
      MapValue m = column.getMap(row);
      ColumnVector keys = m.getKeys();
      ColumnVector values = m.getValues();
      for (int i = 0; i < m.getSize(); i++) {
        if (keys.isNullAt(i) || values.isNullAt(i)) {
          continue;
        }
        int f = FirmTable.PREFILL_FIELDS.indexOf(keys.getString(i));
        if (f < 0) {
          continue;
        }
        ColumnVector s = values.getChild(oSource);
        if (!s.isNullAt(i)) {
          src[f] = (byte) sources.id(s.getString(i));
        }
        if (oAsOf >= 0) {
          ColumnVector d = values.getChild(oAsOf);
          if (!d.isNullAt(i)) {
            asOf[f] = d.getInt(i);
          }
        }
      }
    }
    for (int f = 0; f < fieldCount; f++) {
      srcs[f].add(src[f]);
      asOfs[f].add(asOf[f]);
    }
  }

  /** Sorts the staged rows by corporate number (a duplicate key keeps its last row). */
  private static FirmTable arrangeFirms(
      long[] rowCn,
      GrowableArrays.Bytes names,
      int[] nameEnds,
      GrowableArrays.Bytes pref,
      GrowableArrays.Bytes jsic,
      GrowableArrays.Bytes major,
      GrowableArrays.Bytes size,
      Dictionary<String> sizeClasses,
      GrowableArrays.Longs capital,
      GrowableArrays.Ints employees,
      GrowableArrays.Ints established,
      GrowableArrays.Bytes status,
      Dictionary<String> statuses,
      GrowableArrays.Bytes flags,
      GrowableArrays.Bytes[] srcs,
      GrowableArrays.Ints[] asOfs,
      Dictionary<String> sources,
      List<String> needIds,
      GrowableArrays.Bytes needScores,
      GrowableArrays.Shorts applications,
      GrowableArrays.Shorts awards) {
    long[] keys = rowCn.clone();
    Arrays.sort(keys);
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (i == 0 || keys[i] != keys[i - 1]) {
        keys[n++] = keys[i];
      }
    }
    if (n < keys.length) {
      LOG.warn(
          "{}: {} duplicate corporate numbers, kept the last row of each",
          FIRM_PROFILES,
          keys.length - n);
      keys = Arrays.copyOf(keys, n);
    }
    int[] slotOfRow = new int[rowCn.length];
    int[] rowOfSlot = new int[n];
    for (int r = 0; r < rowCn.length; r++) {
      int slot = Arrays.binarySearch(keys, rowCn[r]);
      slotOfRow[r] = slot;
      rowOfSlot[slot] = r;
    }
    int fieldCount = srcs.length;
    byte[] oPref = new byte[n];
    byte[] oJsic = new byte[n];
    byte[] oMajor = new byte[n];
    byte[] oSize = new byte[n];
    long[] oCapital = new long[n];
    int[] oEmployees = new int[n];
    int[] oEstablished = new int[n];
    byte[] oStatus = new byte[n];
    byte[] oFlags = new byte[n];
    byte[][] oSrc = new byte[fieldCount][n];
    int[][] oAsOf = new int[fieldCount][n];
    int needCount = needIds.size();
    byte[] oNeeds = new byte[Math.multiplyExact(n, needCount)];
    short[] oApplications = new short[n];
    short[] oAwards = new short[n];
    int[] nameOffsets = new int[n + 1];
    long nameBytes = 0;
    for (int s = 0; s < n; s++) {
      int r = rowOfSlot[s];
      int from = r == 0 ? 0 : nameEnds[r - 1];
      nameBytes += nameEnds[r] - from;
    }
    byte[] oNames = new byte[Math.toIntExact(nameBytes)];
    int pos = 0;
    for (int s = 0; s < n; s++) {
      int r = rowOfSlot[s];
      int from = r == 0 ? 0 : nameEnds[r - 1];
      int len = nameEnds[r] - from;
      System.arraycopy(names.a, from, oNames, pos, len);
      nameOffsets[s] = pos;
      pos += len;
      oPref[s] = pref.a[r];
      oJsic[s] = jsic.a[r];
      oMajor[s] = major.a[r];
      oSize[s] = size.a[r];
      oCapital[s] = capital.a[r];
      oEmployees[s] = employees.a[r];
      oEstablished[s] = established.a[r];
      oStatus[s] = status.a[r];
      oFlags[s] = flags.a[r];
      System.arraycopy(needScores.a, r * needCount, oNeeds, s * needCount, needCount);
      oApplications[s] = applications.a[r];
      oAwards[s] = awards.a[r];
      for (int f = 0; f < fieldCount; f++) {
        oSrc[f][s] = srcs[f].a[r];
        oAsOf[f][s] = asOfs[f].a[r];
      }
    }
    nameOffsets[n] = pos;
    return new FirmTable(
        keys,
        oNames,
        nameOffsets,
        oPref,
        oJsic,
        oMajor,
        oSize,
        sizeClasses.values().toArray(new String[0]),
        oCapital,
        oEmployees,
        oEstablished,
        oStatus,
        statuses.values().toArray(new String[0]),
        oFlags,
        oSrc,
        oAsOf,
        sources.values().toArray(new String[0]),
        needIds,
        oNeeds,
        oApplications,
        oAwards);
  }

  static byte prefectureByte(String code) {
    if (code == null || code.length() != 2) {
      return 0;
    }
    int v = (code.charAt(0) - '0') * 10 + (code.charAt(1) - '0');
    return v >= 1 && v <= 47 ? (byte) v : 0;
  }

  private static byte jsicByte(String letter) {
    if (letter == null || letter.length() != 1) {
      return 0;
    }
    char c = letter.charAt(0);
    return c >= 'A' && c <= 'Z' ? (byte) c : 0;
  }

  private static byte majorByte(String code) {
    if (code == null || code.length() != 2) {
      return -1;
    }
    int v = (code.charAt(0) - '0') * 10 + (code.charAt(1) - '0');
    return v >= 0 && v <= 99 ? (byte) v : -1;
  }

  // ---------------------------------------------------------------- recommendations

  private RecommendationTable loadRecommendations(Publication p, FirmTable firms) {
    PreparedScan scan =
        prepare(
            p,
            RECOMMENDATIONS,
            List.of("corporate_number", "program_id", "rank", "score", "build_id"),
            List.of("reasons", "deadline"));
    int oCn = scan.ordinal("corporate_number");
    int oProgram = scan.ordinal("program_id");
    int oRank = scan.ordinal("rank");
    int oScore = scan.ordinal("score");
    int oBuild = scan.ordinal("build_id");
    int oReasons = scan.ordinal("reasons");
    int oDeadline = scan.ordinal("deadline");
    GrowableArrays.Ints slots = new GrowableArrays.Ints();
    GrowableArrays.Shorts programs = new GrowableArrays.Shorts();
    GrowableArrays.Shorts ranks = new GrowableArrays.Shorts();
    GrowableArrays.Floats scores = new GrowableArrays.Floats();
    GrowableArrays.Shorts deadlines = new GrowableArrays.Shorts();
    GrowableArrays.Ints reasons = new GrowableArrays.Ints();
    Dictionary<String> programIds = new Dictionary<>();
    Dictionary<Integer> deadlineDays = new Dictionary<>();
    ReasonReader reasonReader = new ReasonReader();
    long[] counts = new long[3]; // matched, other builds, unknown firms
    String build = p.buildId();
    scan.forEach(
        (b, r) -> {
          if (!build.equals(DeltaTableReader.string(b, oBuild, r))) {
            counts[1]++;
            return;
          }
          counts[0]++;
          int slot = firms.slotOf(DeltaTableReader.string(b, oCn, r));
          String program = DeltaTableReader.string(b, oProgram, r);
          Integer rank = DeltaTableReader.intOrNull(b, oRank, r);
          if (slot < 0 || program == null || rank == null) {
            counts[2]++;
            return;
          }
          slots.add(slot);
          programs.add(checkedShort(programIds.id(program), "program ids"));
          ranks.add((short) Math.min(Short.MAX_VALUE, Math.max(0, rank)));
          Double score = DeltaTableReader.doubleOrNull(b, oScore, r);
          scores.add(score == null ? Float.NaN : score.floatValue());
          Integer day = DeltaTableReader.epochDayOrNull(b, oDeadline, r);
          deadlines.add(
              day == null ? -1 : checkedShort(deadlineDays.id(day), "distinct deadlines"));
          reasons.add(reasonReader.read(b, oReasons, r));
        });
    requireBuildRows(p, RECOMMENDATIONS, counts[0], counts[1]);
    if (counts[2] > 0) {
      LOG.warn(
          "{}: skipped {} rows of firms not in {} or without program_id/rank",
          RECOMMENDATIONS,
          counts[2],
          FIRM_PROFILES);
    }
    int m = slots.size;
    int n = firms.size();
    int[] start = new int[n + 1];
    for (int i = 0; i < m; i++) {
      start[slots.a[i] + 1]++;
    }
    for (int s = 0; s < n; s++) {
      start[s + 1] += start[s];
    }
    int[] next = Arrays.copyOf(start, n);
    short[] oProgram2 = new short[m];
    short[] oRank2 = new short[m];
    float[] oScore2 = new float[m];
    short[] oDeadline2 = new short[m];
    int[] oReasons2 = new int[m];
    for (int i = 0; i < m; i++) {
      int at = next[slots.a[i]]++;
      oProgram2[at] = programs.a[i];
      oRank2[at] = ranks.a[i];
      oScore2[at] = scores.a[i];
      oDeadline2[at] = deadlines.a[i];
      oReasons2[at] = reasons.a[i];
    }
    for (int s = 0; s < n; s++) {
      sortByRank(start[s], start[s + 1], oProgram2, oRank2, oScore2, oDeadline2, oReasons2);
    }
    int[] days = new int[deadlineDays.size()];
    for (int i = 0; i < days.length; i++) {
      days[i] = deadlineDays.values().get(i);
    }
    return new RecommendationTable(
        start,
        oProgram2,
        programIds.values().toArray(new String[0]),
        oRank2,
        oScore2,
        oDeadline2,
        days,
        oReasons2,
        reasonReader.toArray());
  }

  private static short checkedShort(int id, String what) {
    if (id > Short.MAX_VALUE) {
      throw ServingException.snapshot(
          RECOMMENDATIONS + " has more than " + Short.MAX_VALUE + " " + what, null);
    }
    return (short) id;
  }

  /** Insertion sort of one firm's few entries by rank. */
  private static void sortByRank(
      int from,
      int to,
      short[] program,
      short[] rank,
      float[] score,
      short[] deadline,
      int[] reasons) {
    for (int i = from + 1; i < to; i++) {
      for (int j = i; j > from && rank[j - 1] > rank[j]; j--) {
        swap(program, j, j - 1);
        swap(rank, j, j - 1);
        float f = score[j];
        score[j] = score[j - 1];
        score[j - 1] = f;
        swap(deadline, j, j - 1);
        int x = reasons[j];
        reasons[j] = reasons[j - 1];
        reasons[j - 1] = x;
      }
    }
  }

  private static void swap(short[] a, int i, int j) {
    short t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  // ---------------------------------------------------------------- targets

  private TargetTable loadTargets(Publication p) {
    if (!p.tables().containsKey(PROGRAM_TARGETS)) {
      LOG.warn(
          "Publication {} has no {}: target lists are empty", p.publicationId(), PROGRAM_TARGETS);
      return new TargetTable(Map.of());
    }
    PreparedScan scan =
        prepare(
            p,
            PROGRAM_TARGETS,
            List.of("program_id", "corporate_number", "rank", "build_id"),
            List.of("score", "reasons", "reached", "holdout", "prefecture_code", "size_class"));
    int oProgram = scan.ordinal("program_id");
    int oCn = scan.ordinal("corporate_number");
    int oRank = scan.ordinal("rank");
    int oBuild = scan.ordinal("build_id");
    int oScore = scan.ordinal("score");
    int oReasons = scan.ordinal("reasons");
    int oReached = scan.ordinal("reached");
    int oHoldout = scan.ordinal("holdout");
    int oPref = scan.ordinal("prefecture_code");
    int oSize = scan.ordinal("size_class");
    Map<String, TargetStaging> staging = new HashMap<>();
    Dictionary<String> sizeClasses = new Dictionary<>();
    ReasonReader reasonReader = new ReasonReader();
    long[] counts = new long[2];
    String build = p.buildId();
    scan.forEach(
        (b, r) -> {
          if (!build.equals(DeltaTableReader.string(b, oBuild, r))) {
            counts[1]++;
            return;
          }
          String program = DeltaTableReader.string(b, oProgram, r);
          long cn = CorporateNumbers.toLong(DeltaTableReader.string(b, oCn, r));
          Integer rank = DeltaTableReader.intOrNull(b, oRank, r);
          if (program == null || cn < 0 || rank == null) {
            return;
          }
          counts[0]++;
          TargetStaging t = staging.computeIfAbsent(program, k -> new TargetStaging());
          t.cn.add(cn);
          t.rank.add(rank);
          Double score = DeltaTableReader.doubleOrNull(b, oScore, r);
          t.score.add(score == null ? Float.NaN : score.floatValue());
          t.reasons.add(reasonReader.read(b, oReasons, r));
          byte fl = 0;
          if (Boolean.TRUE.equals(DeltaTableReader.boolOrNull(b, oReached, r))) {
            fl |= ProgramTargets.REACHED;
          }
          if (Boolean.TRUE.equals(DeltaTableReader.boolOrNull(b, oHoldout, r))) {
            fl |= ProgramTargets.HOLDOUT;
          }
          t.flags.add(fl);
          t.pref.add(prefectureByte(DeltaTableReader.string(b, oPref, r)));
          String sc = DeltaTableReader.string(b, oSize, r);
          t.size.add(sc == null ? -1 : (byte) sizeClasses.id(sc));
        });
    if (counts[0] == 0) {
      LOG.warn(
          "{} at version {} has no rows of build {}: target lists are empty",
          PROGRAM_TARGETS,
          p.tables().get(PROGRAM_TARGETS),
          p.buildId());
    }
    String[] sizes = sizeClasses.values().toArray(new String[0]);
    List<Reason>[] lists = reasonReader.toArray();
    Map<String, ProgramTargets> byProgram = new HashMap<>();
    staging.forEach((program, t) -> byProgram.put(program, t.build(sizes, lists)));
    return new TargetTable(byProgram);
  }

  private static final class TargetStaging {
    final GrowableArrays.Longs cn = new GrowableArrays.Longs();
    final GrowableArrays.Ints rank = new GrowableArrays.Ints();
    final GrowableArrays.Floats score = new GrowableArrays.Floats();
    final GrowableArrays.Ints reasons = new GrowableArrays.Ints();
    final GrowableArrays.Bytes flags = new GrowableArrays.Bytes();
    final GrowableArrays.Bytes pref = new GrowableArrays.Bytes();
    final GrowableArrays.Bytes size = new GrowableArrays.Bytes();

    ProgramTargets build(String[] sizeClasses, List<Reason>[] reasonLists) {
      int n = cn.size;
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(
          order,
          (a, b) -> {
            int c = Integer.compare(rank.a[a], rank.a[b]);
            return c != 0 ? c : Long.compare(cn.a[a], cn.a[b]);
          });
      long[] oCn = new long[n];
      int[] oRank = new int[n];
      float[] oScore = new float[n];
      int[] oReasons = new int[n];
      byte[] oFlags = new byte[n];
      byte[] oPref = new byte[n];
      byte[] oSize = new byte[n];
      for (int i = 0; i < n; i++) {
        int r = order[i];
        oCn[i] = cn.a[r];
        oRank[i] = rank.a[r];
        oScore[i] = score.a[r];
        oReasons[i] = reasons.a[r];
        oFlags[i] = flags.a[r];
        oPref[i] = pref.a[r];
        oSize[i] = size.a[r];
      }
      return new ProgramTargets(
          oCn, oRank, oScore, oReasons, oFlags, oPref, oSize, sizeClasses, reasonLists);
    }
  }

  // ---------------------------------------------------------------- segments

  private SegmentCatalog loadSegments(Publication p, FirmTable firms, PreviousBuild previous) {
    List<Segment> segments = p.tables().containsKey(SEGMENTS) ? readSegments(p) : List.of();
    Map<String, List<ReportCell>> reports =
        p.tables().containsKey(SEGMENT_REPORTS) ? readReports(p, false) : Map.of();
    int[] memberStart = null;
    short[] memberSegment = null;
    if (p.tables().containsKey(SEGMENT_MEMBERSHIP)) {
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < segments.size(); i++) {
        index.put(segments.get(i).id(), i);
      }
      if (segments.size() > Short.MAX_VALUE) {
        throw ServingException.snapshot(
            SEGMENTS + " has more than " + Short.MAX_VALUE + " segments; check the build", null);
      }
      GrowableArrays.Ints slots = new GrowableArrays.Ints();
      GrowableArrays.Shorts segs = new GrowableArrays.Shorts();
      PreparedScan scan =
          prepare(
              p,
              SEGMENT_MEMBERSHIP,
              List.of("segment_id", "corporate_number", "build_id"),
              List.of());
      int oId = scan.ordinal("segment_id");
      int oCn = scan.ordinal("corporate_number");
      int oBuild = scan.ordinal("build_id");
      long[] skipped = new long[1];
      scan.forEach(
          (b, r) -> {
            if (!p.buildId().equals(DeltaTableReader.string(b, oBuild, r))) {
              return;
            }
            Integer seg = index.get(DeltaTableReader.string(b, oId, r));
            int slot = firms.slotOf(DeltaTableReader.string(b, oCn, r));
            if (seg == null || slot < 0) {
              skipped[0]++;
              return;
            }
            slots.add(slot);
            segs.add((short) (int) seg);
          });
      if (skipped[0] > 0) {
        LOG.warn(
            "{}: skipped {} rows of segments not in {} or firms not in {}",
            SEGMENT_MEMBERSHIP,
            skipped[0],
            SEGMENTS,
            FIRM_PROFILES);
      }
      int n = firms.size();
      int m = slots.size;
      memberStart = new int[n + 1];
      for (int i = 0; i < m; i++) {
        memberStart[slots.a[i] + 1]++;
      }
      for (int i = 0; i < n; i++) {
        memberStart[i + 1] += memberStart[i];
      }
      int[] next = Arrays.copyOf(memberStart, n);
      memberSegment = new short[m];
      for (int i = 0; i < m; i++) {
        memberSegment[next[slots.a[i]]++] = segs.a[i];
      }
      for (int i = 0; i < n; i++) {
        Arrays.sort(memberSegment, memberStart[i], memberStart[i + 1]);
      }
    } else {
      LOG.warn(
          "Publication {} has no {}: firm profiles list no segments",
          p.publicationId(),
          SEGMENT_MEMBERSHIP);
    }
    return new SegmentCatalog(segments, reports, memberStart, memberSegment, previous);
  }

  /**
   * The segment figures of the publication before {@code p} (size, label, unreached share), read
   * from that publication's own versions of gold.segments and gold.segment_reports (its reach cells
   * only); null when there is none or it cannot be read (logged: the list then shows no trend).
   */
  private PreviousBuild loadPrevious(Publication p) {
    Publication q;
    try {
      q = previousPublication(p).orElse(null);
    } catch (RuntimeException e) {
      LOG.warn("Cannot list {} for the previous publication: {}", PUBLICATIONS, e.toString());
      return null;
    }
    if (q == null) {
      return null;
    }
    try {
      List<Segment> segments = q.tables().containsKey(SEGMENTS) ? readSegments(q) : List.of();
      Map<String, List<ReportCell>> reach =
          q.tables().containsKey(SEGMENT_REPORTS) ? readReports(q, true) : Map.of();
      Map<String, Figures> figures = new HashMap<>();
      for (Segment s : segments) {
        figures.put(
            s.id(),
            new Figures(
                s.labelJa(),
                s.size(),
                SegmentCatalog.unreachedShareOf(reach.getOrDefault(s.id(), List.of()))));
      }
      return new PreviousBuild(q.publicationId(), q.buildId(), q.asOf(), figures);
    } catch (RuntimeException e) {
      LOG.warn(
          "Previous publication {} (build {}) cannot be read: {}; the segment list shows no trend",
          q.publicationId(),
          q.buildId(),
          e.toString());
      return null;
    }
  }

  private List<Segment> readSegments(Publication p) {
    List<Segment> segments = new ArrayList<>();
    PreparedScan scan =
        prepare(
            p,
            SEGMENTS,
            List.of("segment_id", "build_id"),
            List.of("kind", "label_ja", "label_en", "definition", "size"));
    int oId = scan.ordinal("segment_id");
    int oBuild = scan.ordinal("build_id");
    int oKind = scan.ordinal("kind");
    int oJa = scan.ordinal("label_ja");
    int oEn = scan.ordinal("label_en");
    int oDef = scan.ordinal("definition");
    int oSize = scan.ordinal("size");
    scan.forEach(
        (b, r) -> {
          String id = DeltaTableReader.string(b, oId, r);
          if (id == null || !p.buildId().equals(DeltaTableReader.string(b, oBuild, r))) {
            return;
          }
          Long size = DeltaTableReader.longOrNull(b, oSize, r);
          segments.add(
              new Segment(
                  id,
                  DeltaTableReader.string(b, oKind, r),
                  DeltaTableReader.string(b, oJa, r),
                  DeltaTableReader.string(b, oEn, r),
                  DeltaTableReader.string(b, oDef, r),
                  size == null ? 0 : size));
        });
    segments.sort((a, b) -> a.id().compareTo(b.id()));
    return segments;
  }

  /** The report cells of {@code p}'s build by segment; {@code reachOnly}: the reach cells only. */
  private Map<String, List<ReportCell>> readReports(Publication p, boolean reachOnly) {
    Map<String, List<ReportCell>> reports = new HashMap<>();
    PreparedScan scan =
        prepare(
            p,
            SEGMENT_REPORTS,
            List.of("segment_id", "build_id", "section", "dimension", "key"),
            List.of("count", "value", "suppressed"));
    int oId = scan.ordinal("segment_id");
    int oBuild = scan.ordinal("build_id");
    int oSection = scan.ordinal("section");
    int oDim = scan.ordinal("dimension");
    int oKey = scan.ordinal("key");
    int oCount = scan.ordinal("count");
    int oValue = scan.ordinal("value");
    int oSuppressed = scan.ordinal("suppressed");
    scan.forEach(
        (b, r) -> {
          String id = DeltaTableReader.string(b, oId, r);
          if (id == null || !p.buildId().equals(DeltaTableReader.string(b, oBuild, r))) {
            return;
          }
          String section = DeltaTableReader.string(b, oSection, r);
          if (reachOnly && !"reach".equals(section)) {
            return;
          }
          boolean suppressed = Boolean.TRUE.equals(DeltaTableReader.boolOrNull(b, oSuppressed, r));
          // A suppressed cell never carries its small count or value out of the server.
          reports
              .computeIfAbsent(id, k -> new ArrayList<>())
              .add(
                  new ReportCell(
                      section,
                      DeltaTableReader.string(b, oDim, r),
                      DeltaTableReader.string(b, oKey, r),
                      suppressed ? null : DeltaTableReader.longOrNull(b, oCount, r),
                      suppressed ? null : DeltaTableReader.doubleOrNull(b, oValue, r),
                      suppressed));
        });
    reports
        .values()
        .forEach(
            cells ->
                cells.sort(
                    (a, b) -> {
                      int c = nullSafe(a.section()).compareTo(nullSafe(b.section()));
                      if (c == 0) {
                        c = nullSafe(a.dimension()).compareTo(nullSafe(b.dimension()));
                      }
                      return c != 0 ? c : nullSafe(a.key()).compareTo(nullSafe(b.key()));
                    }));
    return reports;
  }

  private static String nullSafe(String s) {
    return s == null ? "" : s;
  }
}
