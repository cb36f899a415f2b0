package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The programs catalog, loaded strictly from {@code conf/programs/*.yaml} (INPUT-FORMATS §6). Each
 * file is
 *
 * <pre>
 * family: monozukuri          # optional default family for the programs of this file
 * programs:
 *   - id: monozukuri-2026-r1
 *     name: ものづくり補助金（第1次）
 *     name_en: Monozukuri subsidy, round 1     # optional
 *     family: monozukuri                        # optional, overrides the file's
 *     summary: 革新的な設備投資を支援              # optional
 *     needs: [equipment_investment]
 *     window: {opens: 2026-04-01, closes: 2026-06-30}
 *     eligibility:                               # any of these, all optional
 *       size_classes: [small_scale, sme]
 *       jsic_divisions: [E]
 *       prefectures: ["13", "14"]
 *       min_years_established: 3
 *       max_employees: 300
 *       max_capital_yen: 300000000
 *     required_attachments: [business_plan, quote]
 *     max_amount_yen: 12500000
 *     subsidy_rate: 1/2                          # or 0.5
 *     url: https://portal.monodukuri-hojo.jp/
 * </pre>
 *
 * Unknown keys, missing keys, bad dates, a window that opens after it closes, unknown need ids,
 * size classes, JSIC letters or prefecture codes, and duplicate program ids all raise {@link
 * ConfigException} naming the file, the line and the fix.
 */
public final class ProgramCatalog {
  static final Set<String> FILE_KEYS = Set.of("family", "programs");
  static final Set<String> PROGRAM_KEYS =
      Set.of(
          "id",
          "name",
          "name_en",
          "family",
          "summary",
          "needs",
          "window",
          "eligibility",
          "required_attachments",
          "max_amount_yen",
          "subsidy_rate",
          "url");
  static final Set<String> WINDOW_KEYS = Set.of("opens", "closes");
  static final Set<String> ELIGIBILITY_KEYS =
      Set.of(
          "size_classes",
          "jsic_divisions",
          "prefectures",
          "min_years_established",
          "max_employees",
          "max_capital_yen");

  private static final Pattern PROGRAM_ID = Pattern.compile("[a-z0-9][a-z0-9_\\-]*");
  private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)*");
  private static final Pattern RATE_FRACTION = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)");

  private final Map<String, Program> byId;
  private final String version;

  private ProgramCatalog(List<Program> programs, String version) {
    Map<String, Program> m = new LinkedHashMap<>();
    programs.stream()
        .sorted((a, b) -> a.id().compareTo(b.id()))
        .forEach(
            p -> {
              if (m.put(p.id(), p) != null) {
                throw new IllegalArgumentException("duplicate program id " + p.id());
              }
            });
    this.byId = Collections.unmodifiableMap(m);
    this.version = version;
  }

  /** A catalog from values (tests, generators); the version hashes the ids. */
  public static ProgramCatalog of(List<Program> programs) {
    requireNonNull(programs, "programs is null");
    String ids = programs.stream().map(Program::id).sorted().collect(Collectors.joining("\n"));
    return new ProgramCatalog(programs, hash(List.of(ids.getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * Loads every {@code *.yaml}/{@code *.yml} file of {@code programsDir} (in name order).
   *
   * @throws ConfigException for any problem, naming file and line
   */
  public static ProgramCatalog load(Path programsDir, NeedCatalog needs) {
    requireNonNull(programsDir, "programsDir is null");
    requireNonNull(needs, "needs is null");
    List<Path> files = listFiles(programsDir);
    List<Program> programs = new ArrayList<>();
    Map<String, String> firstSeen = new LinkedHashMap<>();
    List<byte[]> content = new ArrayList<>();
    for (Path file : files) {
      content.add(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      content.add(readBytes(file));
      for (LoadedProgram lp : loadFile(file, needs)) {
        String where = file + ":" + lp.line;
        String previous = firstSeen.putIfAbsent(lp.program.id(), where);
        if (previous != null) {
          throw ConfigException.at(
              file,
              lp.line,
              -1,
              "duplicate program id '" + lp.program.id() + "' (first defined at " + previous + ")",
              "give every round its own id, for example by adding the year and round: "
                  + lp.program.id()
                  + "-r2");
        }
        programs.add(lp.program);
      }
    }
    if (programs.isEmpty()) {
      throw new ConfigException(
          programsDir
              + ": no programs found in "
              + files.size()
              + " file(s). Add at least one *.yaml file with a 'programs:' list");
    }
    return new ProgramCatalog(programs, hash(content));
  }

  private record LoadedProgram(Program program, int line) {}

  private static List<LoadedProgram> loadFile(Path file, NeedCatalog needs) {
    YamlNode root = YamlNode.read(file);
    if (root.isNull()) {
      throw root.error("the file is empty", "add a 'programs:' list or delete the file");
    }
    root.checkKeys(FILE_KEYS);
    String fileFamily = root.get("family").map(YamlNode::nonBlankString).orElse(null);
    List<LoadedProgram> out = new ArrayList<>();
    for (YamlNode raw : root.require("programs").items()) {
      out.add(new LoadedProgram(program(raw, fileFamily, needs), raw.line()));
    }
    return out;
  }

  private static Program program(YamlNode raw, String fileFamily, NeedCatalog needs) {
    if (raw.requireMap().get("id").isEmpty()) {
      raw.checkKeys(PROGRAM_KEYS); // a misspelt id key is reported as such
    }
    YamlNode idNode = raw.require("id");
    String id = idNode.nonBlankString();
    if (!PROGRAM_ID.matcher(id).matches()) {
      throw idNode.error(
          "program id '" + id + "' has characters other than a-z, 0-9, '-' and '_'",
          "use a lower-case id such as monozukuri-2026-r1");
    }
    YamlNode p = raw.withContext("program '" + id + "'").checkKeys(PROGRAM_KEYS);
    String ctx = "program '" + id + "'";
    String family =
        p.get("family").map(YamlNode::nonBlankString).orElse(fileFamily == null ? id : fileFamily);

    List<String> needIds = new ArrayList<>();
    YamlNode needsNode = p.require("needs").withContext("needs of " + ctx);
    for (YamlNode n : needsNode.items()) {
      String need = n.nonBlankString();
      if (!needs.contains(need)) {
        String suggestion =
            YamlNode.closest(need, needs.ids()).map(s -> "Did you mean '" + s + "'? ").orElse("");
        throw n.error(
            "unknown need '" + need + "' in " + ctx,
            suggestion + "Use an id from needs.yaml: " + String.join(", ", needs.ids()));
      }
      needIds.add(need);
    }
    if (needIds.isEmpty()) {
      throw needsNode.error(ctx + " lists no needs", "list at least one need id from needs.yaml");
    }

    ProgramWindow window = window(p.require("window").withContext("window of " + ctx), ctx);
    EligibilityRules rules =
        p.get("eligibility")
            .map(e -> eligibility(e.withContext("eligibility of " + ctx), ctx))
            .orElse(EligibilityRules.NONE);

    List<String> attachments = new ArrayList<>();
    Optional<YamlNode> att = p.get("required_attachments");
    if (att.isPresent()) {
      for (YamlNode a : att.get().withContext("required_attachments of " + ctx).items()) {
        String s = a.nonBlankString();
        if (!SNAKE.matcher(s).matches()) {
          throw a.error(
              "attachment type '" + s + "' in " + ctx + " is not snake_case",
              "use ids such as business_plan, financial_statements, quote");
        }
        attachments.add(s);
      }
    }

    YamlNode amountNode = p.require("max_amount_yen").withContext("max_amount_yen of " + ctx);
    long maxAmount = amountNode.longValue();
    if (maxAmount <= 0) {
      throw amountNode.error(
          "max_amount_yen of " + ctx + " must be positive, got " + maxAmount,
          "give the maximum grant in yen, for example 12500000");
    }
    double rate = rate(p.require("subsidy_rate").withContext("subsidy_rate of " + ctx));
    YamlNode urlNode = p.require("url").withContext("url of " + ctx);
    String url = urlNode.nonBlankString();
    if (!url.startsWith("https://") && !url.startsWith("http://")) {
      throw urlNode.error(
          "url of " + ctx + " is not an http(s) URL: '" + url + "'",
          "give the program's public page, starting with https://");
    }
    return new Program(
        id,
        p.require("name").withContext("name of " + ctx).nonBlankString(),
        p.get("name_en").map(YamlNode::nonBlankString).orElse(null),
        family,
        needIds,
        window,
        rules,
        attachments,
        maxAmount,
        rate,
        url,
        p.get("summary").map(YamlNode::nonBlankString).orElse(null));
  }

  private static ProgramWindow window(YamlNode w, String ctx) {
    w.requireMap().checkKeys(WINDOW_KEYS);
    YamlNode opensNode = w.require("opens").withContext("window.opens of " + ctx);
    YamlNode closesNode = w.require("closes").withContext("window.closes of " + ctx);
    LocalDate opens = opensNode.date();
    LocalDate closes = closesNode.date();
    if (opens.isAfter(closes)) {
      throw opensNode.error(
          "window of " + ctx + " opens " + opens + " after it closes " + closes,
          "correct the dates so that opens is on or before closes");
    }
    return new ProgramWindow(opens, closes);
  }

  private static EligibilityRules eligibility(YamlNode e, String ctx) {
    e.requireMap().checkKeys(ELIGIBILITY_KEYS);
    Set<SizeClass> sizes = EnumSet.noneOf(SizeClass.class);
    for (YamlNode n : list(e, "size_classes", ctx)) {
      sizes.add(parse(n, SizeClass::ofId));
    }
    Set<Jsic> divisions = EnumSet.noneOf(Jsic.class);
    for (YamlNode n : list(e, "jsic_divisions", ctx)) {
      String s = n.nonBlankString();
      if (s.length() != 1) {
        throw n.error(
            "jsic_divisions of " + ctx + " must hold division letters, found '" + s + "'",
            "use letters A..T, for example E for 製造業");
      }
      divisions.add(parse(n, Jsic::ofLetter));
    }
    Set<Prefecture> prefectures = EnumSet.noneOf(Prefecture.class);
    for (YamlNode n : list(e, "prefectures", ctx)) {
      String s = n.nonBlankString();
      if (!s.matches("\\d{1,2}")) {
        throw n.error(
            "prefectures of " + ctx + " must hold JIS codes, found '" + s + "'",
            "use two-digit codes 01..47 in quotes, for example \"13\" for 東京都");
      }
      prefectures.add(parse(n, Prefecture::ofCode));
    }
    return new EligibilityRules(
        sizes,
        divisions,
        prefectures,
        nonNegativeInt(e, "min_years_established", ctx),
        nonNegativeInt(e, "max_employees", ctx),
        e.get("max_capital_yen")
            .map(
                n -> {
                  long v = n.withContext("eligibility.max_capital_yen of " + ctx).longValue();
                  if (v < 0) {
                    throw n.error("max_capital_yen of " + ctx + " is negative", "give 0 or more");
                  }
                  return v;
                })
            .orElse(null));
  }

  private static List<YamlNode> list(YamlNode e, String key, String ctx) {
    return e.get(key)
        .map(n -> n.withContext("eligibility." + key + " of " + ctx).items())
        .orElse(List.of());
  }

  private static Integer nonNegativeInt(YamlNode e, String key, String ctx) {
    return e.get(key)
        .map(
            n -> {
              int v = n.withContext("eligibility." + key + " of " + ctx).intValue();
              if (v < 0) {
                throw n.error(key + " of " + ctx + " is negative: " + v, "give 0 or more");
              }
              return v;
            })
        .orElse(null);
  }

  private static <T> T parse(YamlNode n, Function<String, T> parser) {
    try {
      return parser.apply(n.nonBlankString());
    } catch (DomainException ex) {
      throw new ConfigException(
          ConfigException.location(n.file(), n.line(), -1)
              + ": "
              + n.context()
              + ": "
              + ex.getMessage(),
          ex);
    }
  }

  private static double rate(YamlNode n) {
    String s = n.nonBlankString();
    Double value = null;
    var m = RATE_FRACTION.matcher(s);
    if (m.matches()) {
      double den = Double.parseDouble(m.group(2));
      value = den == 0 ? Double.NaN : Double.parseDouble(m.group(1)) / den;
    } else {
      try {
        value = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        value = Double.NaN;
      }
    }
    if (!(value > 0 && value <= 1)) {
      throw n.error(
          n.context() + " must be a share in (0, 1], found '" + s + "'",
          "write it as a fraction like 1/2 or 2/3, or a decimal like 0.5");
    }
    return value;
  }

  private static List<Path> listFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException(
          dir + ": programs directory not found. Point --conf at a folder holding programs/*.yaml");
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(
              f -> {
                String n = f.getFileName().toString();
                return (n.endsWith(".yaml") || n.endsWith(".yml")) && !n.startsWith(".");
              })
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new ConfigException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String hash(List<byte[]> parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        md.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) 0);
        md.update(part);
      }
      return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** Programs ordered by id. */
  public List<Program> programs() {
    return List.copyOf(byId.values());
  }

  public Optional<Program> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Ids ordered. */
  public Set<String> ids() {
    return Collections.unmodifiableSet(new TreeSet<>(byId.keySet()));
  }

  /** First 16 hex digits of a SHA-256 over the catalog files' names and contents. */
  public String version() {
    return version;
  }

  public int size() {
    return byId.size();
  }

  /** Programs open on {@code date} or opening within {@code days}, ordered by id. */
  public List<Program> openOrOpeningWithin(LocalDate date, int days) {
    return byId.values().stream()
        .filter(p -> p.window().isOpenOrOpensWithin(date, days))
        .collect(Collectors.toList());
  }

  /** Every attachment type some program requires, sorted. */
  public Set<String> attachmentTypes() {
    return byId.values().stream()
        .flatMap(p -> p.requiredAttachments().stream())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
