package org.policyreach.serving.bench;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.policyreach.core.ConfPaths;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.serving.fixture.GoldFixture;

/**
 * Writes a synthetic published build for the serving benchmark with Delta Kernel: N firms with
 * profiles, K recommendations each (open programs of the real catalog, templated Japanese reasons),
 * target lists, segments, and a publication; plus a sample of corporate numbers for wrk.
 *
 * <pre>
 * SyntheticSnapshotMain LAKEHOUSE CONF FIRMS [RECS_PER_FIRM] [CN_SAMPLE_FILE]
 * </pre>
 */
public final class SyntheticSnapshotMain {
  private static final String[] JSIC = {
    "E", "E", "E", "D", "G", "I", "I", "K", "L", "M", "N", "P", "R", "H"
  };
  private static final String[] MAJOR = {
    "29", "24", "09", "06", "39", "58", "56", "69", "72", "76", "78", "83", "92", "44"
  };
  private static final String[] SIZES = {
    "small_scale", "small_scale", "sme", "sme", "sme", "large"
  };
  private static final String[] SOURCES = {"registry", "firm_attributes", "application", "legacy"};

  private SyntheticSnapshotMain() {}

  public static void main(String[] args) throws Exception {
    Path lake = Path.of(args[0]);
    Path conf = Path.of(args[1]);
    int firms = Integer.parseInt(args[2]);
    int perFirm = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Path sample = args.length > 4 ? Path.of(args[4]) : lake.resolve("cn-sample.txt");
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
    NeedCatalog needs = NeedCatalog.load(ConfPaths.needsFile(conf));
    ProgramCatalog catalog = ProgramCatalog.load(ConfPaths.programsDir(conf), needs);
    List<Program> open = catalog.openOrOpeningWithin(today, 60);
    if (open.isEmpty()) {
      throw new IllegalStateException("no program is open or opening within 60 days of " + today);
    }
    perFirm = Math.min(perFirm, open.size());
    List<String> needIds = new ArrayList<>(needs.ids());
    String build = "bench-" + firms;
    GoldFixture gold = new GoldFixture(lake);
    long t0 = System.nanoTime();

    String[] cns = new String[firms];
    for (int i = 0; i < firms; i++) {
      cns[i] = CorporateNumber.ofBase(String.format("%012d", 100_000_000_000L + 7L * i)).value();
    }

    Map<String, Long> versions = new LinkedHashMap<>();
    versions.put(
        "gold.firm_profiles",
        gold.appendRows(
            "gold.firm_profiles",
            GoldFixture.FIRM_PROFILES,
            rows(firms, i -> firm(i, cns[i], needIds, open, today, build))));
    System.out.printf("firm_profiles: %d rows (%.1f s)%n", firms, (System.nanoTime() - t0) / 1e9);

    int k = perFirm;
    versions.put(
        "gold.recommendations",
        gold.appendRows(
            "gold.recommendations",
            GoldFixture.RECOMMENDATIONS,
            rows(
                firms * k,
                j -> recommendation(j / k, j % k, cns[j / k], open, needs, today, build))));
    System.out.printf(
        "recommendations: %d rows (%.1f s)%n", (long) firms * k, (System.nanoTime() - t0) / 1e9);

    int targetsPerProgram = Math.min(firms, 100_000);
    int programsWithTargets = Math.min(10, open.size());
    versions.put(
        "gold.program_targets",
        gold.appendRows(
            "gold.program_targets",
            GoldFixture.PROGRAM_TARGETS,
            rows(
                programsWithTargets * targetsPerProgram,
                j ->
                    target(
                        j / targetsPerProgram, j % targetsPerProgram, firms, cns, open, build))));
    versions.put(
        "gold.segments",
        gold.appendRows(
            "gold.segments",
            GoldFixture.SEGMENTS,
            rows(
                20,
                i ->
                    new Object[] {
                      "seg-" + i,
                      i < 10 ? "rule" : "cluster",
                      "セグメント" + i,
                      "Segment " + i,
                      "synthetic",
                      (long) firms / 20,
                      build
                    })));
    versions.put(
        "gold.segment_reports",
        gold.appendRows(
            "gold.segment_reports",
            GoldFixture.SEGMENT_REPORTS,
            rows(
                20 * 30,
                i ->
                    new Object[] {
                      "seg-" + (i / 30),
                      build,
                      "needs",
                      "need",
                      needIds.get(i % needIds.size()) + "-" + (i % 30),
                      (long) (i % 7 == 0 ? 3 : 100 + i),
                      0.1 * (i % 10),
                      i % 7 == 0
                    })));
    String publication = "pub-bench-" + firms;
    gold.publishRow(publication, build, today, Instant.now(), versions);
    System.out.printf("published %s (%.1f s)%n", publication, (System.nanoTime() - t0) / 1e9);

    SplittableRandom r = new SplittableRandom(7);
    try (BufferedWriter w = Files.newBufferedWriter(sample, StandardCharsets.UTF_8)) {
      for (int i = 0; i < 100_000; i++) {
        w.write(cns[r.nextInt(firms)]);
        w.newLine();
      }
    }
  }

  private static Iterator<Object[]> rows(int n, IntFunction<Object[]> row) {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        return i < n;
      }

      @Override
      public Object[] next() {
        return row.apply(i++);
      }
    };
  }

  private static Object[] firm(
      int i, String cn, List<String> needIds, List<Program> open, LocalDate today, String build) {
    SplittableRandom r = new SplittableRandom(i * 31L + 1);
    int j = r.nextInt(JSIC.length);
    String size = SIZES[r.nextInt(SIZES.length)];
    int employees =
        size.equals("small_scale")
            ? 1 + r.nextInt(20)
            : size.equals("sme") ? 21 + r.nextInt(280) : 301 + r.nextInt(5000);
    long capital =
        size.equals("large")
            ? 500_000_000L + r.nextInt(1_000_000) * 1000L
            : 1_000_000L + r.nextInt(100_000) * 1000L;
    LocalDate established =
        LocalDate.of(1950 + r.nextInt(75), 1 + r.nextInt(12), 1 + r.nextInt(28));
    Map<String, Double> needScores = new LinkedHashMap<>();
    for (int n = 0; n < 3; n++) {
      needScores.put(
          needIds.get(r.nextInt(needIds.size())), Math.round(r.nextDouble() * 100) / 100.0);
    }
    List<String> applied =
        r.nextInt(4) == 0 ? List.of(open.get(r.nextInt(open.size())).id()) : List.of();
    Map<String, Object> sources = new LinkedHashMap<>();
    for (String f :
        List.of(
            "name",
            "prefecture_code",
            "jsic_division",
            "jsic_major",
            "capital_yen",
            "employees",
            "established")) {
      sources.put(
          f, new Object[] {SOURCES[r.nextInt(SOURCES.length)], today.minusDays(r.nextInt(400))});
    }
    String pref = String.format("%02d", 1 + r.nextInt(47));
    return new Object[] {
      cn,
      "株式会社サンプル" + i,
      pref,
      JSIC[j],
      MAJOR[j],
      size,
      today.getYear() - established.getYear(),
      capital,
      employees,
      established,
      "active",
      !applied.isEmpty(),
      applied.size(),
      0,
      0.0,
      null,
      applied,
      List.of(),
      needScores,
      Map.of(),
      r.nextInt(200) == 0,
      sources,
      today,
      build
    };
  }

  private static Object[] recommendation(
      int firm,
      int rank,
      String cn,
      List<Program> open,
      NeedCatalog needs,
      LocalDate today,
      String build) {
    Program p = open.get((firm + rank * 7) % open.size());
    String label = needs.find(p.needs().get(0)).map(n -> n.labelJa()).orElse(p.needs().get(0));
    List<Object[]> reasons = new ArrayList<>();
    reasons.add(new Object[] {"NEED_MATCH", "「" + label + "」のニーズが高い（過去の申請より）"});
    long days = p.window().daysLeft(today);
    if (days <= 30) {
      reasons.add(new Object[] {"DEADLINE_SOON", "締切まであと" + days + "日"});
    } else {
      reasons.add(new Object[] {"PEER_UPTAKE", "同業・同規模の企業の利用が多い"});
    }
    double score = Math.round((0.95 - rank * 0.07 - (firm % 13) * 0.003) * 10_000) / 10_000.0;
    return new Object[] {
      cn, p.id(), rank + 1, score, reasons, p.window().closes(), "ranker-bench", build
    };
  }

  private static Object[] target(
      int program, int rank, int firms, String[] cns, List<Program> open, String build) {
    int firm = (int) ((rank * 7919L + program * 104_729L) % firms);
    SplittableRandom r = new SplittableRandom(firm);
    List<Object[]> reasons = List.<Object[]>of(new Object[] {"PEER_UPTAKE", "同業の企業の利用が多い"});
    return new Object[] {
      open.get(program).id(),
      cns[firm],
      rank + 1,
      0.9 - rank * 1e-6,
      reasons,
      r.nextInt(3) == 0,
      rank % 10 == 0,
      String.format("%02d", 1 + r.nextInt(47)),
      SIZES[r.nextInt(3)],
      build
    };
  }
}
