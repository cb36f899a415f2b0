package org.policyreach.ingestion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.policyreach.core.CorporateNumber;

/**
 * A corpus of hostile input files for every reader (issue 9), generated into a folder at test time
 * (no committed binaries). Each file is a list of physical lines with what must become of each:
 * accepted, a duplicate, quarantined (with one of the expected reason codes), blank, or a header.
 */
final class HostileCorpus {

  static final Charset CP932 = Source.CP932;

  /** What must happen to one physical line. */
  enum Fate {
    ACCEPT,
    DUPLICATE,
    QUARANTINE,
    BLANK,
    HEADER
  }

  /** One physical line: its bytes (without the line break) and its expected fate. */
  record Line(byte[] bytes, Fate fate, Set<String> codes, String key, String what) {
    static Line accept(String text, Charset cs, String key) {
      return new Line(text.getBytes(cs), Fate.ACCEPT, Set.of(), key, "valid");
    }

    static Line bad(byte[] bytes, String what, String... codes) {
      return new Line(bytes, Fate.QUARANTINE, Set.of(codes), null, what);
    }

    static Line bad(String text, Charset cs, String what, String... codes) {
      return bad(text.getBytes(cs), what, codes);
    }
  }

  /** A file of the corpus. */
  record HostileFile(String name, List<Line> lines, String separator, boolean trailingBreak) {

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i < lines.size(); i++) {
        out.writeBytes(lines.get(i).bytes());
        if (i < lines.size() - 1 || trailingBreak) {
          out.writeBytes(separator.getBytes(StandardCharsets.US_ASCII));
        }
      }
      return out.toByteArray();
    }

    Path write(Path dir) {
      try {
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.write(p, bytes());
        return p;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** 1-based physical line numbers of the lines with this fate. */
    List<Long> lineNumbers(Fate fate) {
      List<Long> out = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).fate() == fate) {
          out.add(i + 1L);
        }
      }
      return out;
    }

    long count(Fate... fates) {
      Set<Fate> set = Set.of(fates);
      return lines.stream().filter(l -> set.contains(l.fate())).count();
    }
  }

  /** One batch: a source and its files (ingested as a folder). */
  record Batch(String name, Source source, List<HostileFile> files) {
    long read() {
      return files.stream()
          .mapToLong(f -> f.count(Fate.ACCEPT, Fate.DUPLICATE, Fate.QUARANTINE))
          .sum();
    }

    long physicalLines() {
      return files.stream().mapToLong(f -> f.lines().size()).sum();
    }
  }

  /** Characters of the runaway line (10 MB). */
  static final int HUGE = 10 << 20;

  private HostileCorpus() {}

  static String cn(int i) {
    return CorporateNumber.ofBase(String.format("%012d", 701000000000L + i)).value();
  }

  /** A corporate number whose check digit is wrong. */
  static String badCn(int i) {
    String good = cn(i);
    char check = good.charAt(0);
    char wrong = check == '9' ? '1' : (char) (check + 1);
    return wrong + good.substring(1);
  }

  // ------------------------------------------------------------------ registry

  static String registryRow(int seq, String cn, String process, String updateDate, String name) {
    String[] f = new String[30];
    Arrays.fill(f, "");
    f[0] = Integer.toString(seq);
    f[1] = cn;
    f[2] = process;
    f[3] = "0";
    f[4] = updateDate;
    f[5] = updateDate;
    f[6] = "\"" + name.replace("\"", "\"\"") + "\"";
    f[8] = "301";
    f[9] = "\"東京都\"";
    f[10] = "\"千代田区\"";
    f[11] = "\"霞が関１丁目３－１\"";
    f[13] = "13";
    f[14] = "101";
    f[15] = "1000013";
    f[22] = "2015-10-05";
    f[23] = "1";
    f[28] = "\"サンプル\"";
    return String.join(",", f);
  }

  static List<Line> validRegistry(int from, int n, Charset cs) {
    List<Line> out = new ArrayList<>();
    for (int i = from; i < from + n; i++) {
      out.add(Line.accept(registryRow(i, cn(i), "01", "2026-10-01", "株式会社試験" + i), cs, cn(i)));
    }
    return out;
  }

  /** The hostile lines every registry file gets, in the file's encoding. */
  static List<Line> hostileRegistry(int base, Charset cs) {
    List<Line> l = new ArrayList<>();
    String row = registryRow(base, cn(base), "01", "2026-10-01", "株式会社敵対");
    l.add(Line.bad(row + ",extra", cs, "31 columns", "COLUMN_COUNT"));
    l.add(Line.bad(row.substring(0, row.lastIndexOf(',')), cs, "29 columns", "COLUMN_COUNT"));
    l.add(Line.bad("just some text", cs, "1 column", "COLUMN_COUNT"));
    l.add(
        Line.bad(
            registryRow(base + 1, cn(base + 1), "01", "2026-10-01", "株式会社\u0000ヌル"),
            cs,
            "NUL byte",
            "FIELD_INVALID"));
    l.add(
        Line.bad(
            registryRow(base + 2, cn(base + 2), "01", "令和0年4月1日", "株式会社令和零年"),
            cs,
            "令和0年",
            "DATE_ERA_YEAR"));
    l.add(
        Line.bad(
            registryRow(base + 3, cn(base + 3), "01", "令和6年2月30日", "株式会社二月三十日"),
            cs,
            "2月30日",
            "DATE_INVALID"));
    l.add(
        Line.bad(
            registryRow(base + 4, cn(base + 4), "01", "2023-02-29", "株式会社閏年"),
            cs,
            "2023-02-29",
            "DATE_INVALID"));
    l.add(
        Line.bad(
            registryRow(base + 5, cn(base + 5), "01", "2026-10-01", "株式会社指数")
                .replaceFirst("^\\d+", "1e5"),
            cs,
            "sequence number with an exponent",
            "FIELD_INVALID"));
    l.add(
        Line.bad(
            registryRow(base + 6, badCn(base + 6), "01", "2026-10-01", "株式会社検査数字"),
            cs,
            "bad check digit",
            "CN_CHECK_DIGIT"));
    l.add(
        Line.bad(
            // the last column opens a quote that never closes
            registryRow(base + 7, cn(base + 7), "01", "2026-10-01", "株式会社引用符") + "\"未閉",
            cs,
            "unclosed quote",
            "PARSE_ERROR"));
    l.add(
        Line.bad(
            registryRow(base + 8, cn(base + 8), "01", "2026-10-01", "株式会社" + "長".repeat(HUGE / 3)),
            cs,
            "10 MB line",
            "PARSE_ERROR"));
    l.add(
        Line.bad(
            ("\uFEFF" + registryRow(base + 9, cn(base + 9), "01", "2026-10-01", "株式会社途中BOM")),
            StandardCharsets.UTF_8.equals(cs) ? cs : StandardCharsets.UTF_8,
            "a byte-order mark in the middle of the file",
            "FIELD_INVALID",
            "ENCODING_ERROR",
            "MOJIBAKE"));
    l.add(new Line(new byte[0], Fate.BLANK, Set.of(), null, "empty line"));
    l.add(new Line("   ".getBytes(cs), Fate.BLANK, Set.of(), null, "spaces"));
    return l;
  }

  /** A line with bytes that are not valid in {@code cs}, around valid text. */
  static byte[] invalidBytes(String before, Charset cs, byte[] junk, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(cs));
    out.writeBytes(junk);
    out.writeBytes(after.getBytes(cs));
    return out.toByteArray();
  }

  /** Bytes that are never valid UTF-8: a lone continuation byte, an overlong form, 0xFF. */
  static final byte[] BAD_UTF8 = {(byte) 0x80, (byte) 0xC0, (byte) 0xAF, (byte) 0xFF};

  /** Bytes that are never valid Shift_JIS (CP932): a lead byte followed by a space, 0xFD. */
  static final byte[] BAD_SJIS = {(byte) 0x81, (byte) 0x20, (byte) 0xFD};

  static Batch registryUtf8() {
    Charset cs = StandardCharsets.UTF_8;
    List<Line> full = new ArrayList<>();
    // a byte-order mark before the first row is not part of it
    Line first = validRegistry(0, 1, cs).get(0);
    full.add(
        new Line(
            invalidBytes(
                "",
                cs,
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                new String(first.bytes(), cs)),
            Fate.ACCEPT,
            Set.of(),
            first.key(),
            "first row after a BOM"));
    full.addAll(validRegistry(1, 150, cs));
    full.addAll(hostileRegistry(1000, cs));
    String half = registryRow(1100, cn(1100), "01", "2026-10-01", "株式会社不正バイト");
    full.add(
        Line.bad(
            invalidBytes(half.substring(0, 40), cs, BAD_UTF8, half.substring(40)),
            "invalid UTF-8 bytes",
            "ENCODING_ERROR"));
    full.add(new Line(full.get(5).bytes(), Fate.DUPLICATE, Set.of(), null, "exact duplicate"));
    // a file cut short: the last row stops mid-way, without a line break
    String cut = registryRow(1200, cn(1200), "01", "2026-10-01", "株式会社途中切れ");
    full.add(
        Line.bad(
            cut.substring(0, cut.length() / 2),
            cs,
            "truncated last line",
            "COLUMN_COUNT",
            "PARSE_ERROR"));

    // the daily diff: several rows for one firm, the latest wins
    List<Line> diff = new ArrayList<>();
    diff.add(Line.accept(registryRow(5001, cn(3), "11", "2026-11-20", "株式会社新商号"), cs, cn(3)));
    diff.add(Line.accept(registryRow(5000, cn(3), "11", "2026-11-10", "株式会社旧商号"), cs, cn(3)));
    diff.add(Line.accept(registryRow(5002, cn(4), "21", "2026-11-21", "株式会社閉鎖"), cs, cn(4)));
    diff.addAll(validRegistry(200, 30, cs));
    diff.add(
        Line.bad(
            registryRow(5003, cn(5), "55", "2026-11-21", "株式会社処理"),
            cs,
            "unknown process",
            "PROCESS_UNKNOWN"));
    diff.add(
        Line.bad(
            registryRow(5004, cn(6), "11", "平成0年1月8日", "株式会社平成零"), cs, "平成0年", "DATE_ERA_YEAR"));
    return new Batch(
        "registry-utf8",
        Source.REGISTRY,
        List.of(
            new HostileFile("13_tokyo_all_20261031.csv", full, "\r\n", false),
            new HostileFile("diff_20261125.csv", diff, "\r\n", true)));
  }

  static Batch registryCp932() {
    Charset cs = CP932;
    List<Line> lines = new ArrayList<>(validRegistry(300, 200, cs));
    lines.addAll(hostileRegistry(2000, cs));
    String half = registryRow(2100, cn(2100), "01", "2026-10-01", "株式会社不正シフトJIS");
    lines.add(
        Line.bad(
            invalidBytes(half.substring(0, 40), cs, BAD_SJIS, half.substring(40)),
            "invalid Shift_JIS bytes",
            "ENCODING_ERROR"));
    // cut inside a double-byte character
    byte[] cut = registryRow(2200, cn(2200), "01", "2026-10-01", "株式会社二重").getBytes(cs);
    int at = new String(cut, cs).indexOf("二重");
    byte[] prefix =
        (registryRow(2200, cn(2200), "01", "2026-10-01", "株式会社二重").substring(0, at)).getBytes(cs);
    lines.add(
        Line.bad(
            Arrays.copyOf(cut, prefix.length + 1),
            "truncated inside a double-byte character",
            "ENCODING_ERROR",
            "COLUMN_COUNT",
            "PARSE_ERROR"));
    return new Batch(
        "registry-cp932",
        Source.REGISTRY,
        List.of(new HostileFile("27_osaka_all_20261031.csv", lines, "\r\n", false)));
  }

  // ------------------------------------------------------------------ JSON Lines

  static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  static String firm(String cn, String capital, String employees, String established) {
    return "{\"corporate_number\":\""
        + cn
        + "\",\"capital_stock\":"
        + capital
        + ",\"employee_number\":"
        + employees
        + ",\"jsic_division\":\"E\",\"jsic_major\":\"29\",\"date_of_establishment\":\""
        + established
        + "\",\"business_summary\":\"金属製品の加工\",\"update_date\":\"2026-10-01\"}";
  }

  static Batch firmAttributes() {
    Charset cs = StandardCharsets.UTF_8;
    List<Line> l = new ArrayList<>();
    Line first = Line.accept(firm(cn(0), "30000000", "45", "2004-06-01"), cs, cn(0));
    l.add(
        new Line(
            invalidBytes(
                "",
                cs,
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                new String(first.bytes(), cs)),
            Fate.ACCEPT,
            Set.of(),
            cn(0),
            "first line after a BOM"));
    for (int i = 1; i < 120; i++) {
      l.add(
          Line.accept(
              firm(cn(i), Integer.toString(1_000_000 * i), Integer.toString(i), "2004-06-01"),
              cs,
              cn(i)));
    }
    l.add(Line.accept(firm(cn(120), "3e7", "4.5e1", "2004-06-01"), cs, cn(120)));
    l.add(Line.accept(firm(cn(121), "3.0E+7", "45.000", "2004-06-01"), cs, cn(121)));
    List<Line> hostile = jsonHostiles(cs, i -> firm(cn(i), "30000000", "45", "2004-06-01"));
    Line crlf = hostile.get(hostile.size() - 1);
    hostile.set(
        hostile.size() - 1, new Line(crlf.bytes(), Fate.ACCEPT, Set.of(), cn(903), crlf.what()));
    l.addAll(hostile);
    l.add(
        Line.bad(
            firm(cn(130), "1e-400", "45", "2004-06-01"), cs, "1e-400 capital", "FIELD_INVALID"));
    l.add(
        Line.bad(
            firm(cn(131), "1e999999999", "45", "2004-06-01"),
            cs,
            "1e999999999 capital",
            "FIELD_INVALID"));
    l.add(
        Line.bad(firm(cn(132), "1.5", "45", "2004-06-01"), cs, "fractional yen", "AMOUNT_INVALID"));
    l.add(
        Line.bad(firm(cn(133), "3e7", "1e7", "2004-06-01"), cs, "1e7 employees", "AMOUNT_ABSURD"));
    l.add(Line.bad(firm(cn(134), "30000000", "45", "令和0年4月1日"), cs, "令和0年", "DATE_ERA_YEAR"));
    l.add(Line.bad(firm(cn(135), "30000000", "45", "2024年2月30日"), cs, "2月30日", "DATE_INVALID"));
    l.add(
        Line.bad(
            firm(cn(136), "30000000", "45", "2004-06-01").replace("\"E\"", nested(50_000)),
            cs,
            "deeply nested JSON",
            "PARSE_ERROR"));
    l.add(new Line(l.get(3).bytes(), Fate.DUPLICATE, Set.of(), null, "exact duplicate"));
    String cut = firm(cn(137), "30000000", "45", "2004-06-01");
    l.add(Line.bad(cut.substring(0, cut.length() - 20), cs, "truncated last line", "PARSE_ERROR"));
    return new Batch(
        "firm-attributes",
        Source.FIRM_ATTRIBUTES,
        List.of(new HostileFile("firm_attributes.jsonl", l, "\n", false)));
  }

  /** Hostile lines every JSON Lines file gets; {@code valid} makes a valid line for an index. */
  static List<Line> jsonHostiles(Charset cs, java.util.function.IntFunction<String> valid) {
    List<Line> l = new ArrayList<>();
    String v = valid.apply(900);
    l.add(Line.bad(v.replaceFirst(":", ": \u0000"), cs, "raw NUL byte", "PARSE_ERROR"));
    l.add(
        Line.bad(
            valid.apply(901).replaceFirst("(\"corporate_number\":\")", "$1\\\\u0000"),
            cs,
            "escaped NUL in a field",
            "FIELD_INVALID",
            "CN_NON_DIGIT",
            "CN_LENGTH"));
    l.add(Line.bad(nested(100_000), cs, "100,000 nested arrays", "PARSE_ERROR"));
    l.add(
        Line.bad(
            "{\"a\":" + "{\"a\":".repeat(5000) + "1" + "}".repeat(5001),
            cs,
            "5,000 nested objects",
            "PARSE_ERROR"));
    l.add(Line.bad("[1,2,3]", cs, "an array, not an object", "PARSE_ERROR"));
    l.add(Line.bad("null", cs, "null", "PARSE_ERROR"));
    l.add(Line.bad(v + v, cs, "two objects on one line", "PARSE_ERROR"));
    l.add(Line.bad(v.substring(0, v.length() / 2), cs, "cut in half", "PARSE_ERROR"));
    l.add(
        Line.bad(
            v.substring(0, v.length() - 1) + ",\"padding\":\"" + "あ".repeat(HUGE / 3) + "\"}",
            cs,
            "10 MB line",
            "PARSE_ERROR"));
    l.add(
        Line.bad(
            invalidBytes(v.substring(0, 20), cs, BAD_UTF8, v.substring(20)),
            "invalid UTF-8 bytes",
            "ENCODING_ERROR"));
    l.add(
        Line.bad(
            "\uFEFF" + valid.apply(902),
            cs,
            "a byte-order mark in the middle of the file",
            "PARSE_ERROR"));
    l.add(new Line("\r".getBytes(cs), Fate.BLANK, Set.of(), null, "a lone CR"));
    l.add(new Line(new byte[0], Fate.BLANK, Set.of(), null, "empty line"));
    // CRLF on one line of an LF file: the CR is part of the line break
    l.add(
        new Line((valid.apply(903) + "\r").getBytes(cs), Fate.ACCEPT, Set.of(), null, "CRLF line"));
    return l;
  }

  static String application(String id, String cn, String submitted, String requested) {
    return "{\"application_id\":\""
        + id
        + "\",\"program_id\":\"monozukuri-20\",\"submitted_at\":\""
        + submitted
        + "\",\"status\":\"submitted\",\"decided_at\":null,\"applicant\":{\"corporate_number\":\""
        + cn
        + "\",\"name\":\"株式会社サンプル\",\"prefecture_code\":\"13\",\"city\":\"千代田区\","
        + "\"jsic_division\":\"E\",\"jsic_major\":\"29\",\"capital_yen\":30000000,\"employees\":45,"
        + "\"established\":\"2004-06-01\"},\"requested_amount_yen\":"
        + requested
        + ",\"awarded_amount_yen\":null,\"purpose\":\"老朽化した加工機を更新し生産性を高める\","
        + "\"purpose_tags\":[\"equipment_investment\"],\"attachments\":[{\"type\":\"business_plan\","
        + "\"file_name\":\"plan.pdf\"}],\"contact\":{\"name\":\"山田太郎\",\"email\":\"taro@example.co.jp\","
        + "\"phone\":\"03-0000-0000\"}}";
  }

  static Batch applications() {
    Charset cs = StandardCharsets.UTF_8;
    List<Line> l = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String id = "A-H-" + i;
      l.add(Line.accept(application(id, cn(i), "2026-04-01T10:15:00+09:00", "5000000"), cs, id));
    }
    l.add(
        Line.accept(
            application("A-H-120", cn(120), "2026-04-01T10:15:00+09:00", "5e6"), cs, "A-H-120"));
    List<Line> hostile =
        jsonHostiles(
            cs, i -> application("A-H-" + i, cn(i), "2026-04-01T10:15:00+09:00", "5000000"));
    Line crlf = hostile.get(hostile.size() - 1);
    hostile.set(
        hostile.size() - 1, new Line(crlf.bytes(), Fate.ACCEPT, Set.of(), "A-H-903", crlf.what()));
    l.addAll(hostile);
    l.add(
        Line.bad(
            application("A-H-130", cn(130), "令和0年4月1日", "5000000"), cs, "令和0年", "DATE_ERA_YEAR"));
    l.add(
        Line.bad(
            application("A-H-131", cn(131), "2026-02-30T10:00:00+09:00", "5000000"),
            cs,
            "2月30日 as ISO",
            "DATE_INVALID"));
    l.add(
        Line.bad(
            application("A-H-132", cn(132), "令和6年2月30日", "5000000"), cs, "2月30日", "DATE_INVALID"));
    l.add(
        Line.bad(
            application("A-H-133", cn(133), "2026-04-01T10:15:00+09:00", "1e999999999"),
            cs,
            "1e999999999 yen",
            "FIELD_INVALID"));
    l.add(
        Line.bad(
            application("A-H-134", cn(134), "2026-04-01T10:15:00+09:00", "-5e6"),
            cs,
            "negative exponent amount",
            "AMOUNT_NEGATIVE"));
    l.add(
        Line.bad(
            application("A-H-135", cn(135), "2026-04-01T10:15:00+09:00", "5e-1"),
            cs,
            "half a yen",
            "AMOUNT_INVALID"));
    l.add(
        Line.bad(
            application("A-H-136", cn(136), "2026-04-01T10:15:00+09:00", "5000000")
                .replace("\"business_plan\"", nested(20_000)),
            cs,
            "deeply nested attachment",
            "PARSE_ERROR"));
    l.add(new Line(l.get(7).bytes(), Fate.DUPLICATE, Set.of(), null, "exact duplicate"));
    return new Batch(
        "applications",
        Source.APPLICATIONS,
        List.of(new HostileFile("applications.jsonl", l, "\n", true)));
  }

  static String event(String id, String cn, String at) {
    return "{\"event_id\":\""
        + id
        + "\",\"corporate_number\":\""
        + cn
        + "\",\"program_id\":\"monozukuri-20\",\"type\":\"click\",\"at\":\""
        + at
        + "\",\"channel\":\"ポータル\"}";
  }

  static Batch events() {
    Charset cs = StandardCharsets.UTF_8;
    List<Line> l = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      l.add(Line.accept(event("e-h-" + i, cn(i), "2026-11-01T09:00:00+09:00"), cs, "e-h-" + i));
    }
    List<Line> hostile =
        jsonHostiles(cs, i -> event("e-h-" + i, cn(i), "2026-11-01T09:00:00+09:00"));
    Line crlf = hostile.get(hostile.size() - 1);
    hostile.set(
        hostile.size() - 1, new Line(crlf.bytes(), Fate.ACCEPT, Set.of(), "e-h-903", crlf.what()));
    l.addAll(hostile);
    l.add(Line.bad(event("e-h-130", cn(130), "令和0年11月1日"), cs, "令和0年", "DATE_ERA_YEAR"));
    l.add(Line.bad(event("e-h-131", cn(131), "2026年2月30日"), cs, "2月30日", "DATE_INVALID"));
    l.add(
        Line.bad(
            event("e-h-132", badCn(132), "2026-11-01T09:00:00+09:00"),
            cs,
            "bad check digit",
            "CN_CHECK_DIGIT"));
    l.add(
        Line.bad(
            event("e-h-133", cn(133), "2026-11-01T09:00:00+09:00").replace("click", "like"),
            cs,
            "unknown type",
            "EVENT_TYPE_UNKNOWN"));
    l.add(
        new Line(
            event("e-h-5", cn(77), "2026-11-02T09:00:00+09:00").getBytes(cs),
            Fate.DUPLICATE,
            Set.of(),
            null,
            "event id seen before"));
    return new Batch(
        "events", Source.EVENTS, List.of(new HostileFile("events.jsonl", l, "\n", false)));
  }

  // ------------------------------------------------------------------ legacy CSV

  static String legacyRow(String id, String date, String cn, String capital, String extra) {
    return id
        + ",monozukuri-20,"
        + date
        + ","
        + cn
        + ",株式会社サンプル,東京,"
        + capital
        + ",４５人,製造業,\"1,000万円\",設備更新"
        + extra
        + ",business_plan;quote,交付決定";
  }

  static List<Line> legacyLines(Charset cs, String prefix) {
    List<Line> l = new ArrayList<>();
    l.add(
        new Line(
            String.join(",", org.policyreach.ingestion.parse.LegacyParser.HEADER).getBytes(cs),
            Fate.HEADER,
            Set.of(),
            null,
            "header"));
    for (int i = 0; i < 150; i++) {
      String id = prefix + i;
      String date = i % 3 == 0 ? "令和6年4月1日" : i % 3 == 1 ? "R6.4.1" : "2024/04/01";
      l.add(Line.accept(legacyRow(id, date, cn(i), "\"１，０００，０００\"", ""), cs, id));
    }
    l.add(
        Line.bad(
            legacyRow(prefix + "z0", "令和0年4月1日", cn(200), "1000000", ""),
            cs,
            "令和0年",
            "DATE_ERA_YEAR"));
    l.add(
        Line.bad(
            legacyRow(prefix + "z1", "令和6年2月30日", cn(201), "1000000", ""),
            cs,
            "2月30日",
            "DATE_INVALID"));
    l.add(
        Line.bad(
            legacyRow(prefix + "z2", "R6.2.30", cn(202), "1000000", ""),
            cs,
            "R6.2.30",
            "DATE_INVALID"));
    l.add(
        Line.bad(
            legacyRow(prefix + "z3", "令和元年4月1日", cn(203), "1000000", ""),
            cs,
            "令和元年4月1日 (before Reiwa began)",
            "DATE_ERA_YEAR"));
    l.add(
        Line.bad(
            legacyRow(prefix + "z4", "令和6年4月1日", cn(204), "1e6", ""),
            cs,
            "1e6 capital",
            "AMOUNT_INVALID"));
    l.add(
        Line.bad(
            legacyRow(prefix + "z5", "令和6年4月1日", cn(205), "1000000", ",余分"),
            cs,
            "14 columns",
            "COLUMN_COUNT"));
    l.add(Line.bad(prefix + "z6,monozukuri-20", cs, "2 columns", "COLUMN_COUNT"));
    l.add(
        Line.bad(
            legacyRow(prefix + "z7", "令和6年4月1日", cn(207), "1000000", "\u0000"),
            cs,
            "NUL byte",
            "FIELD_INVALID"));
    l.add(
        Line.bad(
            legacyRow(prefix + "z8", "令和6年4月1日", cn(208), "1000000", "長".repeat(HUGE / 3)),
            cs,
            "10 MB line",
            "PARSE_ERROR"));
    l.add(
        Line.bad(
            legacyRow(prefix + "z9", "令和6年4月1日", badCn(209), "1000000", ""),
            cs,
            "bad check digit",
            "CN_CHECK_DIGIT"));
    l.add(new Line(new byte[0], Fate.BLANK, Set.of(), null, "empty line"));
    l.add(new Line(l.get(4).bytes(), Fate.DUPLICATE, Set.of(), null, "exact duplicate"));
    return l;
  }

  static Batch legacyCp932() {
    Charset cs = CP932;
    List<Line> l = legacyLines(cs, "L-S-");
    String row = legacyRow("L-S-bad", "令和6年4月1日", cn(300), "1000000", "");
    l.add(
        Line.bad(
            invalidBytes(row.substring(0, 30), cs, BAD_SJIS, row.substring(30)),
            "invalid Shift_JIS bytes",
            "ENCODING_ERROR"));
    String cut = legacyRow("L-S-cut", "令和6年4月1日", cn(301), "1000000", "");
    l.add(Line.bad(cut.substring(0, cut.length() - 12), cs, "truncated last line", "COLUMN_COUNT"));
    return new Batch(
        "legacy-cp932",
        Source.LEGACY,
        List.of(new HostileFile("legacy_sjis.csv", l, "\r\n", false)));
  }

  static Batch legacyUtf8WithBom() {
    Charset cs = StandardCharsets.UTF_8;
    List<Line> l = legacyLines(cs, "L-U-");
    Line header = l.get(0);
    l.set(
        0,
        new Line(
            invalidBytes(
                "",
                cs,
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                new String(header.bytes(), cs)),
            Fate.HEADER,
            Set.of(),
            null,
            "header after a BOM"));
    String row = legacyRow("L-U-bad", "令和6年4月1日", cn(300), "1000000", "");
    l.add(
        Line.bad(
            invalidBytes(row.substring(0, 30), cs, BAD_UTF8, row.substring(30)),
            "invalid UTF-8 bytes",
            "ENCODING_ERROR"));
    return new Batch(
        "legacy-utf8-bom",
        Source.LEGACY,
        List.of(new HostileFile("legacy_utf8.csv", l, "\r\n", true)));
  }

  /**
   * The batches: one per source; the registry folder mixes UTF-8 and Shift_JIS files (full and
   * diff), the legacy folder a CP932 file and a UTF-8 one with a byte-order mark.
   */
  static List<Batch> all() {
    return List.of(
        merge("registry", registryUtf8(), registryCp932()),
        firmAttributes(),
        applications(),
        merge("legacy", legacyCp932(), legacyUtf8WithBom()),
        events());
  }

  static Batch merge(String name, Batch a, Batch b) {
    List<HostileFile> files = new ArrayList<>(a.files());
    files.addAll(b.files());
    return new Batch(name, a.source(), files);
  }
}
