package org.policyreach.serving.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.policyreach.core.DomainException;
import org.policyreach.core.EligibilityRules;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.core.Program;
import org.policyreach.core.SizeClass;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.http.ApiRequest;
import org.policyreach.serving.http.ApiResponse;
import org.policyreach.serving.snapshot.FirmTable;
import org.policyreach.serving.snapshot.Reason;
import org.policyreach.serving.snapshot.SegmentCatalog;
import org.policyreach.serving.snapshot.Snapshot;
import org.policyreach.serving.snapshot.TargetTable.ProgramTargets;

/**
 * Officer routes: the program catalog, a program's push target list (JSON, or CSV with a UTF-8 BOM
 * for Excel), segments and their reports. Target lists never contain holdout firms (kept out of
 * contact to measure uplift) or firms that opted out.
 */
public final class OfficerApi {
  public static final int DEFAULT_TARGET_PAGE = 100;
  public static final int MAX_TARGET_PAGE = 10_000;

  /** First characters that make a spreadsheet read a cell as a formula. */
  static final String FORMULA_STARTS = "=+-@\t\r";

  /** The CSV export's row limit (a whole list fits; the cap guards the response size). */
  public static final int MAX_CSV_ROWS = 1_000_000;

  private static final String[] CSV_HEADER = {
    "順位", "法人番号", "法人名", "都道府県コード", "都道府県", "規模", "スコア", "接触済み", "推薦理由"
  };

  private final ServingContext ctx;

  public OfficerApi(ServingContext ctx) {
    this.ctx = ctx;
  }

  // ------------------------------------------------------------------ programs

  public ApiResponse programs(ApiRequest r) {
    Snapshot s = r.snapshot();
    List<Map<String, Object>> list = new ArrayList<>();
    for (Program p : ctx.programs().programs()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("program_id", p.id());
      m.put("name", p.name());
      m.put("name_en", p.nameEn());
      m.put("family", p.family());
      m.put("needs", p.needs());
      m.put("opens", p.window().opens().toString());
      m.put("closes", p.window().closes().toString());
      m.put("open", p.window().isOpenOn(r.today()));
      m.put("days_left", p.window().isClosedOn(r.today()) ? null : p.window().daysLeft(r.today()));
      m.put("eligibility", eligibility(p.eligibility()));
      m.put("required_attachments", p.requiredAttachments());
      m.put("max_amount_yen", p.maxAmountYen());
      m.put("subsidy_rate", p.subsidyRate());
      m.put("url", p.url());
      m.put("summary", p.summary());
      m.put("targets", s.targets().of(p.id()).size());
      list.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("publication", s.publicationId());
    body.put("catalog_version", ctx.programs().version());
    body.put("programs", list);
    return ApiResponse.ok(body);
  }

  private static Map<String, Object> eligibility(EligibilityRules e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("size_classes", e.sizeClasses().stream().map(SizeClass::id).toList());
    m.put("jsic_divisions", e.jsicDivisions().stream().map(Jsic::letter).toList());
    m.put("prefectures", e.prefectures().stream().map(Prefecture::code).toList());
    m.put("min_years_established", e.minYearsEstablished());
    m.put("max_employees", e.maxEmployees());
    m.put("max_capital_yen", e.maxCapitalYen());
    return m;
  }

  // ------------------------------------------------------------------ targets

  public ApiResponse targets(ApiRequest r) {
    Snapshot s = r.snapshot();
    String programId = r.pathParam("id");
    Program program = ctx.programs().find(programId).orElse(null);
    ProgramTargets t = s.targets().of(programId);
    if (program == null && t.size() == 0) {
      throw ServingException.notFound(
          "PROGRAM_UNKNOWN",
          "Program '"
              + programId
              + "' is neither in the catalog nor in publication "
              + s.publicationId()
              + ": see /v1/programs");
    }
    String prefecture = prefectureFilter(r.query("prefecture"));
    String size = sizeFilter(r.query("size_class"));
    Boolean reached = boolFilter("reached", r.query("reached"));
    boolean csv = wantsCsv(r);
    r.audit("export", "target_list");
    r.audit("program_id", programId);
    r.audit("format", csv ? "csv" : "json");
    r.audit("filters", filters(prefecture, size, reached));
    int offset = intParam("offset", r.query("offset"), 0, 0, Integer.MAX_VALUE);
    int limit =
        csv
            ? intParam("limit", r.query("limit"), MAX_CSV_ROWS, 1, MAX_CSV_ROWS)
            : intParam("limit", r.query("limit"), DEFAULT_TARGET_PAGE, 1, MAX_TARGET_PAGE);
    r.audit("offset", Integer.toString(offset));
    r.audit("limit", Integer.toString(limit));

    FirmTable firms = s.firms();
    // page entries: {row, rank in the officer's list}. That rank counts the firms the list shows
    // (no holdout, no opted-out firm), so it has no gaps where those were left out; the filters
    // below keep each firm's rank in the whole list.
    List<int[]> page = new ArrayList<>();
    int matched = 0;
    int listRank = 0;
    int holdout = 0;
    int optedOut = 0;
    for (int i = 0; i < t.size(); i++) {
      if (t.holdout(i)) {
        holdout++;
        continue;
      }
      String cn = t.corporateNumber(i);
      if (Firms.suppressed(ctx, s, cn)) {
        optedOut++;
        continue;
      }
      listRank++;
      if (prefecture != null && !prefecture.equals(t.prefectureCode(i))) {
        continue;
      }
      if (size != null && !size.equals(t.sizeClass(i))) {
        continue;
      }
      if (reached != null && reached != t.reached(i)) {
        continue;
      }
      if (matched >= offset && page.size() < limit) {
        page.add(new int[] {i, listRank});
      }
      matched++;
    }
    String name = program == null ? null : program.name();
    if (csv) {
      return csv(s, programId, t, firms, page);
    }
    List<Map<String, Object>> rows = new ArrayList<>(page.size());
    for (int[] entry : page) {
      int i = entry[0];
      Map<String, Object> m = new LinkedHashMap<>();
      String cn = t.corporateNumber(i);
      int slot = firms.slotOf(cn);
      m.put("rank", entry[1]);
      m.put("corporate_number", cn);
      m.put("name", slot < 0 ? null : firms.name(slot));
      m.put("prefecture_code", t.prefectureCode(i));
      m.put("prefecture", prefectureName(t.prefectureCode(i)));
      m.put("size_class", t.sizeClass(i));
      m.put("score", round(t.score(i)));
      m.put("reached", t.reached(i));
      m.put("reasons", reasons(t.reasons(i)));
      rows.add(m);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("publication", s.publicationId());
    body.put("program_id", programId);
    body.put("name", name);
    body.put("total", matched);
    body.put("offset", offset);
    body.put("limit", limit);
    body.put("excluded", Map.of("holdout", holdout, "opted_out", optedOut));
    body.put("targets", rows);
    return ApiResponse.ok(body);
  }

  private static boolean wantsCsv(ApiRequest r) {
    String format = r.query("format");
    if (format != null) {
      String f = format.toLowerCase(Locale.ROOT);
      if (f.equals("csv")) {
        return true;
      }
      if (f.equals("json")) {
        return false;
      }
      throw ServingException.badRequest(
          "INVALID_PARAMETER", "format=" + format + " is not supported: use json or csv");
    }
    String accept = r.header("Accept");
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
  }

  private static ApiResponse csv(
      Snapshot s, String programId, ProgramTargets t, FirmTable firms, List<int[]> page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + page.size() * 120);
    out.write(0xEF);
    out.write(0xBB);
    out.write(0xBF);
    StringBuilder line = new StringBuilder(256);
    appendRow(line, CSV_HEADER);
    write(out, line);
    for (int[] entry : page) {
      int i = entry[0];
      String cn = t.corporateNumber(i);
      int slot = firms.slotOf(cn);
      String pref = t.prefectureCode(i);
      String size = t.sizeClass(i);
      appendRow(
          line,
          new String[] {
            Integer.toString(entry[1]),
            cn,
            slot < 0 ? "" : nullToEmpty(firms.name(slot)),
            nullToEmpty(pref),
            nullToEmpty(prefectureName(pref)),
            size == null ? "" : sizeLabel(size),
            Double.toString(round(t.score(i))),
            t.reached(i) ? "済" : "未",
            t.reasons(i).stream().map(Reason::message).collect(Collectors.joining(" / "))
          });
      write(out, line);
    }
    String file = "targets-" + programId + "-" + s.publicationId() + ".csv";
    return ApiResponse.bytes(200, "text/csv; charset=utf-8", out.toByteArray())
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + file.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
  }

  /** The filters of a target-list export as the audit line records them ("all" for none). */
  private static String filters(String prefecture, String size, Boolean reached) {
    List<String> f = new ArrayList<>();
    if (prefecture != null) {
      f.add("prefecture=" + prefecture);
    }
    if (size != null) {
      f.add("size_class=" + size);
    }
    if (reached != null) {
      f.add("reached=" + reached);
    }
    return f.isEmpty() ? "all" : String.join("&", f);
  }

  private static void write(ByteArrayOutputStream out, StringBuilder line) {
    out.writeBytes(line.toString().getBytes(StandardCharsets.UTF_8));
    line.setLength(0);
  }

  /**
   * RFC 4180: quote fields with commas, quotes or line breaks; CRLF ends a record. A field that
   * starts with =, +, -, @, a tab or a carriage return would run as a formula in Excel (or
   * LibreOffice, which drops a leading tab or CR before reading the formula): it gets a leading
   * quote.
   */
  static void appendRow(StringBuilder sb, String[] fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields[i];
      if (!f.isEmpty() && FORMULA_STARTS.indexOf(f.charAt(0)) >= 0) {
        f = "'" + f;
      }
      if (f.indexOf(',') >= 0
          || f.indexOf('"') >= 0
          || f.indexOf('\n') >= 0
          || f.indexOf('\r') >= 0) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    sb.append("\r\n");
  }

  private static String prefectureFilter(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Prefecture.parse(raw).code();
    } catch (DomainException e) {
      throw ServingException.badRequest("INVALID_PARAMETER", "prefecture: " + e.getMessage());
    }
  }

  private static String sizeFilter(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return SizeClass.ofId(raw).id();
    } catch (DomainException e) {
      throw ServingException.badRequest("INVALID_PARAMETER", "size_class: " + e.getMessage());
    }
  }

  private static Boolean boolFilter(String name, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default ->
          throw ServingException.badRequest(
              "INVALID_PARAMETER", name + "=" + raw + " is not a boolean: use true or false");
    };
  }

  static int intParam(String name, String raw, int dflt, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return dflt;
    }
    int v;
    try {
      v = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw ServingException.badRequest(
          "INVALID_PARAMETER",
          name + "=" + raw + " is not a whole number: give " + min + " to " + max);
    }
    if (v < min || v > max) {
      throw ServingException.badRequest(
          "INVALID_PARAMETER", name + "=" + v + " is out of range: give " + min + " to " + max);
    }
    return v;
  }

  private static List<Map<String, String>> reasons(List<Reason> reasons) {
    List<Map<String, String>> out = new ArrayList<>(reasons.size());
    for (Reason r : reasons) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("code", r.code());
      m.put("message", r.message());
      out.add(m);
    }
    return out;
  }

  private static double round(double score) {
    return Double.isNaN(score) ? 0.0 : Math.round(score * 10_000) / 10_000.0;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String prefectureName(String code) {
    if (code == null) {
      return null;
    }
    try {
      return Prefecture.ofCode(code).nameJa();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String sizeLabel(String id) {
    try {
      return SizeClass.ofId(id).labelJa();
    } catch (RuntimeException e) {
      return id;
    }
  }

  // ------------------------------------------------------------------ segments

  public ApiResponse segments(ApiRequest r) {
    Snapshot s = r.snapshot();
    List<Map<String, Object>> list = new ArrayList<>();
    SegmentCatalog catalog = s.segments();
    for (SegmentCatalog.Segment seg : catalog.segments()) {
      list.add(segment(catalog, seg, minCell()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("publication", s.publicationId());
    body.put("build_id", s.publication().buildId());
    body.put("previous_publication", previousPublication(catalog.previous()));
    body.put("segments", list);
    return ApiResponse.ok(body);
  }

  public ApiResponse segment(ApiRequest r) {
    Snapshot s = r.snapshot();
    String id = r.pathParam("id");
    r.audit("export", "segment_report");
    r.audit("format", "json");
    SegmentCatalog.Segment seg =
        s.segments()
            .find(id)
            .orElseThrow(
                () ->
                    ServingException.notFound(
                        "SEGMENT_UNKNOWN",
                        "Segment '"
                            + id
                            + "' is not in publication "
                            + s.publicationId()
                            + ": see /v1/segments"));
    r.audit("segment_id", id); // a known id only: the path of a refused call can be anything
    List<Map<String, Object>> report = new ArrayList<>();
    for (SegmentCatalog.ReportCell c : s.segments().report(id)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("section", c.section());
      row.put("dimension", c.dimension());
      row.put("key", c.key());
      row.put("count", c.count());
      row.put("value", c.value());
      row.put("suppressed", c.suppressed());
      report.add(row);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("publication", s.publicationId());
    body.put("segment", segment(s.segments(), seg, minCell()));
    body.put("report", report);
    return ApiResponse.ok(body);
  }

  /**
   * A segment with its unreached share (from the published reach cells; null when suppressed) and
   * {@code previous}: the same segment's figures in the previous publication's build, null when
   * there is no previous publication or the segment was not in it. A size below {@code
   * report.min_cell} is published as null with {@code size_suppressed: true}, as in the report.
   */
  private static Map<String, Object> segment(
      SegmentCatalog catalog, SegmentCatalog.Segment seg, int minCell) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("segment_id", seg.id());
    m.put("kind", seg.kind());
    m.put("label_ja", seg.labelJa());
    m.put("label_en", seg.labelEn());
    m.put("definition", seg.definition());
    m.put("size", publishable(seg.size(), minCell));
    m.put("size_suppressed", seg.size() < minCell);
    m.put("unreached_share", catalog.unreachedShare(seg.id()));
    SegmentCatalog.PreviousBuild prev = catalog.previous();
    SegmentCatalog.Figures before = prev == null ? null : prev.of(seg.id());
    if (before == null) {
      m.put("previous", null);
    } else {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("publication", prev.publicationId());
      p.put("build_id", prev.buildId());
      p.put("label_ja", before.labelJa());
      p.put("size", publishable(before.size(), minCell));
      p.put("unreached_share", before.unreachedShare());
      m.put("previous", p);
    }
    return m;
  }

  private int minCell() {
    return ctx.config().report().minCell();
  }

  /** A firm count as published: null below the minimum cell size (small-cell suppression). */
  private static Long publishable(long count, int minCell) {
    return count < minCell ? null : count;
  }

  private static Map<String, Object> previousPublication(SegmentCatalog.PreviousBuild prev) {
    if (prev == null) {
      return null;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("publication", prev.publicationId());
    p.put("build_id", prev.buildId());
    p.put("as_of", prev.asOf() == null ? null : prev.asOf().toString());
    return p;
  }
}
