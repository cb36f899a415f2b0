package org.policyreach.pipelines.segments.expr;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.plans.logical.Filter;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.policyreach.core.ConfigException;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.pipelines.profiles.ProfileStage;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Segment expressions that try to escape the language (reliability requirement): SQL injection,
 * Spark SQL functions, backticked or dotted names, lakehouse columns that are not segment fields,
 * templates, control and bidi characters, lone surrogates, full-width operators, deep nesting,
 * megabyte inputs and out-of-range numbers are all rejected with the language's own error (a {@link
 * ConfigException} naming line and column, short, with invisible characters spelled out). Hostile
 * text inside a string literal stays data: the compiled column filters a DataFrame with the real
 * {@code gold.firm_profiles} schema exactly as a Java evaluation of the checked tree says, on the
 * driver, in tasks and in a projection as SegmentStage uses it. Arbitrary text is parsed or
 * rejected cleanly, and whatever compiles reads only the columns of the segment fields.
 */
class HostileSegmentExpressionTest {

  static final SegmentFields FIELDS =
      new SegmentFields(Set.of("digitalization", "equipment_investment", "succession"));

  /** {@code <expression>:<line>:<column>: セグメント式の誤り: …}. */
  static final String ERROR = "(?s)<expression>:\\d+:\\d+: セグメント式の誤り: .+";

  static final int MAX_MESSAGE = 4_000;

  static final int MB = 1 << 20;

  static SegmentExpression parse(String text) {
    return SegmentExpression.parse(ExpressionSource.of(text), FIELDS);
  }

  /**
   * The expression, or null when rejected with the language's error: line and column, bounded
   * length, no invisible or bidi characters echoed. Anything else thrown fails the caller.
   */
  static SegmentExpression parseOrReject(String text) {
    try {
      return parse(text);
    } catch (ConfigException e) {
      assertCleanError(e);
      return null;
    }
  }

  static void assertCleanError(ConfigException e) {
    String m = e.getMessage();
    assertThat(m).matches(ERROR);
    assertThat(m.length()).as("message length").isLessThan(MAX_MESSAGE);
    assertThat(m.codePoints().filter(HostileSegmentExpressionTest::invisible).toArray())
        .as("invisible, bidi or lone surrogate characters echoed in %s", m)
        .isEmpty();
  }

  static boolean invisible(int cp) {
    int type = Character.getType(cp);
    return Character.isISOControl(cp)
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  static ConfigException rejected(String text) {
    Throwable t = catchThrowable(() -> parse(text));
    assertThat(t).as("parsing must fail with ConfigException").isInstanceOf(ConfigException.class);
    assertCleanError((ConfigException) t);
    return (ConfigException) t;
  }

  // ---------------------------------------------------------------------------------------------
  // 1. A corpus of hostile expressions: each rejected with the language's error.

  static Stream<Named<String>> hostileExpressions() {
    List<Named<String>> c = new ArrayList<>();
    // SQL injection
    c.add(Named.of("sql: = and OR 1=1", "prefecture = '13') OR 1=1 --"));
    c.add(Named.of("sql: close paren early", "prefecture == '13') OR 1=1 --"));
    c.add(Named.of("sql: upper-case OR", "prefecture == \"13\" OR 1=1 --"));
    c.add(Named.of("sql: or 1=1", "jsic == \"E\" or 1=1"));
    c.add(Named.of("sql: drop table", "'; DROP TABLE silver.firms; --"));
    c.add(Named.of("sql: statement separator", "size_class == \"sme\"; DROP TABLE silver.firms"));
    c.add(Named.of("sql: union select", "reached UNION SELECT contact_email FROM silver.firms"));
    c.add(Named.of("sql: escaped quote closes early", "jsic == \"E\\\" or \\\"1\\\" == \\\"1\""));
    c.add(Named.of("sql: escaped single quote", "jsic == 'E\\' or 1 == 1 or \\'x'"));
    c.add(Named.of("sql: backslash before quote", "jsic == \"E\\\\\" or 1 == 1"));
    c.add(Named.of("sql: unterminated after injection", "jsic == \"E\" or \"1\" == \"1"));
    c.add(Named.of("sql: block comment", "/* */ reached"));
    c.add(Named.of("sql: comment hides condition", "reached /* or 1 == 1 */"));
    c.add(Named.of("sql: line comment", "reached -- and awards > 0"));
    c.add(Named.of("sql: subquery", "employees > (SELECT max(employees) FROM silver.firms)"));
    c.add(Named.of("sql: cast", "employees > cast(\"1\" as int)"));
    c.add(Named.of("sql: double pipe", "reached || awards > 0"));
    c.add(Named.of("sql: double ampersand", "reached && awards > 0"));
    c.add(Named.of("sql: bang", "!reached"));
    c.add(Named.of("sql: like", "size_class like \"s%\""));
    c.add(Named.of("sql: is null", "employees is null"));
    // Spark SQL functions
    c.add(Named.of("fn: reflect", "reflect('java.lang.Runtime','exec','id')"));
    c.add(Named.of("fn: java_method", "java_method('java.lang.Runtime', 'getRuntime') == \"x\""));
    c.add(Named.of("fn: input_file_name", "input_file_name() == \"x\""));
    c.add(Named.of("fn: current_user on the right", "size_class == current_user()"));
    c.add(Named.of("fn: rand", "employees > rand()"));
    c.add(Named.of("fn: concat", "size_class == concat(\"s\", \"me\")"));
    c.add(Named.of("fn: lambda", "exists(need_scores, x -> true)"));
    c.add(Named.of("fn: map subscript", "need_scores['digitalization'] > 0.5"));
    // backticked or dotted identifiers
    c.add(Named.of("ident: backticked table", "`silver`.`firms`"));
    c.add(Named.of("ident: backticked field", "`size_class` == \"sme\""));
    c.add(Named.of("ident: table.column", "silver.firms.name == \"x\""));
    c.add(Named.of("ident: a.b", "a.b == 1"));
    c.add(Named.of("ident: field.x", "size_class.x == \"sme\""));
    c.add(Named.of("ident: need.id.x", "need.digitalization.x >= 0.5"));
    c.add(Named.of("ident: need_scores.id", "need_scores.digitalization >= 0.5"));
    c.add(Named.of("ident: unknown need", "need.contact_email >= 0.5"));
    c.add(Named.of("ident: need. alone", "need. >= 0.5"));
    // lakehouse columns that are not segment fields
    for (String column :
        List.of(
            "name",
            "contact_email",
            "contact_name",
            "phone",
            "corporate_number",
            "prefecture_code",
            "jsic_division",
            "jsic_major",
            "firm_age_years",
            "status",
            "opted_out",
            "need_scores",
            "need_evidence",
            "field_sources",
            "build_id",
            "as_of")) {
      c.add(Named.of("column: " + column, column + " == \"x\""));
    }
    c.add(Named.of("column: opted_out as condition", "opted_out"));
    c.add(Named.of("column: case-folded field", "Size_Class == \"sme\""));
    // templates
    c.add(Named.of("template: ${}", "${size_class} == \"sme\""));
    c.add(Named.of("template: #{}", "#{T(java.lang.Runtime).getRuntime().exec('id')}"));
    c.add(Named.of("template: {{}}", "{{size_class}} == \"sme\""));
    c.add(Named.of("template: $name", "$size_class == \"sme\""));
    c.add(Named.of("template: %s", "size_class == %s"));
    // NUL and control characters
    c.add(Named.of("control: NUL alone", "\u0000"));
    c.add(Named.of("control: NUL after field", "reached\u0000"));
    c.add(Named.of("control: NUL as separator", "reached\u0000or awards > 0"));
    c.add(Named.of("control: unit separator", "reached\u001for awards > 0"));
    c.add(Named.of("control: file separator", "reached\u001cor awards > 0"));
    c.add(Named.of("control: vertical tab", "reached\u000bor awards > 0"));
    c.add(Named.of("control: form feed", "reached\u000cor awards > 0"));
    c.add(Named.of("control: NEL", "reached\u0085or awards > 0"));
    c.add(Named.of("control: escape sequence", "reached\u001b[31m"));
    c.add(Named.of("control: line separator", "reached\u2028or awards > 0"));
    c.add(Named.of("control: only a unit separator", "\u001f"));
    c.add(Named.of("control: BEL", "employees > 5\u0007"));
    // lone surrogates, bidi and invisible characters
    c.add(Named.of("surrogate: lone high", "reached and \uD800"));
    c.add(Named.of("surrogate: lone low", "\uDC00"));
    c.add(Named.of("surrogate: high at end", "jsic == \"E\"\uD83D"));
    c.add(Named.of("bidi: RTL override", "reached \u202E or awards > 0"));
    c.add(Named.of("bidi: RTL override after value", "jsic == \"E\"\u202E"));
    c.add(Named.of("bidi: isolate", "reached\u2067 or awards > 0"));
    c.add(Named.of("invisible: zero width space", "\u200Breached"));
    c.add(Named.of("invisible: BOM", "\uFEFFreached"));
    c.add(Named.of("invisible: no-break space", "reached\u00A0or awards > 0"));
    // full-width operators and look-alikes
    c.add(Named.of("fullwidth: >", "employees ＞ 5"));
    c.add(Named.of("fullwidth: ==", "employees ＝＝ 5"));
    c.add(Named.of("fullwidth: parens", "（reached）"));
    c.add(Named.of("fullwidth: and", "reached ａｎｄ awards > 0"));
    c.add(Named.of("fullwidth: digits", "employees > １０"));
    c.add(Named.of("fullwidth: quotes", "size_class == ＂sme＂"));
    c.add(Named.of("fullwidth: pipes", "reached ｜｜ awards > 0"));
    c.add(Named.of("homoglyph: cyrillic a", "re\u0430ched"));
    c.add(Named.of("homoglyph: fullwidth field", "ｓｉｚｅ_class == \"sme\""));
    // deep nesting
    int deep = 100_000;
    c.add(Named.of("deep: parentheses", "(".repeat(deep) + "reached" + ")".repeat(deep)));
    c.add(Named.of("deep: unclosed parentheses", "(".repeat(deep) + "reached"));
    c.add(Named.of("deep: not", "not ".repeat(deep) + "reached"));
    c.add(Named.of("deep: not and parentheses", "not (".repeat(deep / 2) + "reached"));
    c.add(Named.of("deep: brackets", "jsic in " + "[".repeat(deep)));
    c.add(Named.of("deep: or chain", "reached or ".repeat(deep) + "reached"));
    c.add(Named.of("deep: and chain", "reached and ".repeat(deep) + "reached"));
    c.add(Named.of("deep: 5,000 parentheses", "(".repeat(5_000) + "reached" + ")".repeat(5_000)));
    c.add(Named.of("deep: 4,000 not", "not ".repeat(4_000) + "reached"));
    c.add(Named.of("deep: 1,500 or", "reached or ".repeat(1_500) + "reached"));
    c.add(Named.of("deep: 1,000 and", "employees > 5 and ".repeat(1_000) + "reached"));
    c.add(Named.of("deep: 2,000 not (", "not (".repeat(2_000) + "reached"));
    c.add(
        Named.of(
            "deep: comparison chain",
            "employees > 5 and ".repeat(deep) + "employees > 5 or reached"));
    // a megabyte of text
    c.add(Named.of("1MB: unknown field", "a".repeat(MB)));
    c.add(Named.of("1MB: jsic value", "jsic == \"" + "x".repeat(MB) + "\""));
    c.add(Named.of("1MB: unterminated string", "jsic == \"" + "x".repeat(MB)));
    c.add(Named.of("1MB: digits", "employees > " + "1".repeat(MB)));
    c.add(Named.of("1MB: or chain", repeatTo("reached or ", MB) + "reached"));
    c.add(Named.of("1MB: type error", "(" + repeatTo("reached or ", MB) + "reached) == 5"));
    c.add(Named.of("1MB: trailing garbage", "reached " + "x ".repeat(MB / 2)));
    c.add(Named.of("1MB: NULs", "\u0000".repeat(MB)));
    c.add(Named.of("1MB: string literal", "\"" + "x".repeat(MB) + "\" == \"y\""));
    c.add(Named.of("1MB: list", "jsic in [" + repeatTo("\"G\", ", MB) + "\"P\"]"));
    c.add(Named.of("1MB: of spaces", "reached" + " ".repeat(MB)));
    // numbers
    c.add(Named.of("number: exponent", "capital_yen > 1e999999999"));
    c.add(Named.of("number: 26 digits", "capital_yen > 99999999999999999999999999"));
    c.add(Named.of("number: 400 digits", "employees > " + "9".repeat(400)));
    c.add(Named.of("number: negative 400 digits", "employees > -" + "9".repeat(400)));
    c.add(Named.of("number: 2^53 + 1", "capital_yen == 9_007_199_254_740_993"));
    c.add(Named.of("number: underflow", "need.digitalization > 0." + "0".repeat(400) + "1"));
    c.add(Named.of("number: hex", "employees > 0x10"));
    c.add(Named.of("number: two dots", "employees > 1.5.3"));
    c.add(Named.of("number: Infinity", "employees > Infinity"));
    c.add(Named.of("number: NaN", "employees > NaN"));
    c.add(Named.of("number: double minus", "employees > --5"));
    c.add(Named.of("number: plus", "employees > +5"));
    c.add(Named.of("number: trailing dot", "employees > 5."));
    // empty
    c.add(Named.of("empty", ""));
    c.add(Named.of("blank: spaces", "   "));
    c.add(Named.of("blank: tabs and newlines", "\t\n \r\n"));
    c.add(Named.of("blank: ideographic space", "\u3000\u3000"));
    return c.stream();
  }

  static String repeatTo(String unit, int length) {
    return unit.repeat(length / unit.length() + 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileExpressions")
  void everyHostileExpressionIsRejectedWithTheLanguagesError(String text) {
    rejected(text);
  }

  @Test
  void errorsNameTheOffendingTokenOrTheLimit() {
    assertThat(rejected("contact_email == \"x\"").getMessage())
        .startsWith("<expression>:1:1: ")
        .contains("unknown field 'contact_email'");
    assertThat(rejected("reflect('java.lang.Runtime','exec','id')").getMessage())
        .startsWith("<expression>:1:8: ")
        .contains("unexpected token '('");
    assertThat(rejected("reached \u202E or awards > 0").getMessage())
        .startsWith("<expression>:1:9: ")
        .contains("U+202E");
    assertThat(rejected("reached\u001for awards > 0").getMessage())
        .startsWith("<expression>:1:8: ")
        .contains("U+001F");
    assertThat(rejected("reached and \uD800").getMessage()).contains("U+D800");
    assertThat(rejected("(".repeat(5_000) + "reached").getMessage())
        .startsWith("<expression>:1:" + (Parser.MAX_NESTING + 1) + ": ")
        .contains("nested deeper than " + Parser.MAX_NESTING);
    assertThat(rejected("not ".repeat(4_000) + "reached").getMessage())
        .startsWith("<expression>:1:" + (4 * Parser.MAX_NESTING + 1) + ": ")
        .contains("nested deeper than " + Parser.MAX_NESTING);
    assertThat(rejected("reached or ".repeat(1_500) + "reached").getMessage())
        .startsWith("<expression>:1:" + (11 * Parser.MAX_OPERATORS + 9) + ": ")
        .contains("more than " + Parser.MAX_OPERATORS + " and/or/not");
    assertThat(rejected("(".repeat(100_000) + "reached").getMessage())
        .contains("more than " + Parser.MAX_LENGTH);
    assertThat(rejected("capital_yen > 99999999999999999999999999").getMessage())
        .startsWith("<expression>:1:15: ")
        .contains("too large");
    assertThat(rejected("jsic == \"" + "x".repeat(10_000) + "\"").getMessage())
        .startsWith("<expression>:1:9: ")
        .contains("unknown jsic value \"" + "x".repeat(ExpressionErrors.MAX_SHOWN - 1) + "…");
    assertThat(rejected("size_class == \"sme\"\n\n  and name == \"x\"").getMessage())
        .startsWith("<expression>:3:7: ")
        .contains("'name'");
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void limitsLeaveRoomForRealConditions() {
    String nested = "(".repeat(Parser.MAX_NESTING) + "reached" + ")".repeat(Parser.MAX_NESTING);
    assertThat(parseOrReject(nested)).isNotNull();
    assertThat(parseOrReject("(".repeat(Parser.MAX_NESTING + 1) + "reached")).isNull();
    String chain = "employees > 5 or ".repeat(Parser.MAX_OPERATORS) + "reached";
    SegmentExpression longest = parseOrReject(chain);
    assertThat(longest).isNotNull();
    assertSelects(longest, Lake.ids(f -> f.reached() || nz(f.employees()) > 5));
    assertThat(parseOrReject("reached or " + chain)).isNull();
    // the deepest tree the limits allow: an even number of 'not' around a chain of 'and'
    int nots = Parser.MAX_NESTING - 2;
    String deepest =
        "not ".repeat(nots)
            + "("
            + "employees > 5 and ".repeat(Parser.MAX_OPERATORS - nots)
            + "reached)";
    SegmentExpression worst = parseOrReject(deepest);
    assertThat(worst).isNotNull();
    assertSelects(worst, Lake.ids(f -> f.reached() && nz(f.employees()) > 5));
    assertThat(parseOrReject("capital_yen <= 9_000_000_000_000_000")).isNotNull();
    assertThat(parseOrReject("capital_yen <= -9_000_000_000_000_000")).isNotNull();
    assertThat(parseOrReject("capital_yen <= 9_000_000_000_000_001")).isNull();
    assertThat(parseOrReject("need.digitalization >= 0.000_000_001")).isNotNull();
  }

  static int nz(Integer i) {
    return i == null ? Integer.MIN_VALUE : i;
  }

  // ---------------------------------------------------------------------------------------------
  // 2. Hostile values inside string literals stay data.

  @Test
  void injectionInsideALiteralMatchesNothing() {
    assertSelects("\"') OR 1=1 --\" == \"x\"");
    assertSelects("'x\\' OR \\'1\\'=\\'1' == \"x\"");
    assertSelects(
        "not (\"\u0000'; DROP TABLE silver.firms; --\" == \"\u0000'; DROP TABLE silver.firms; --\")");
    assertSelects("\"${size_class}\" == \"sme\"");
    assertSelects("\"reflect('java.lang.Runtime','exec','id')\" == \"true\"");
  }

  @Test
  void injectionInsideALiteralDoesNotWidenTheCondition() {
    assertSelects(
        "jsic == \"E\" and \"') OR 1=1 --\" != \"x\"",
        Lake.ids(f -> "E".equals(f.jsic())).toArray(String[]::new));
    assertSelects(
        "jsic == \"E\" or \"x' OR '1'='1\" == \"x\"",
        Lake.ids(f -> "E".equals(f.jsic())).toArray(String[]::new));
    assertSelects(
        "size_class == \"sme\" and \"`silver`.`firms`\" == '`silver`.`firms`'",
        Lake.ids(f -> "sme".equals(f.sizeClass())).toArray(String[]::new));
    assertSelects(
        "prefecture == \"東京都\" and \"\\\\\" == '\\\\' and \"\u202E\" != \"\uD800\"",
        Lake.ids(f -> "13".equals(f.prefecture())).toArray(String[]::new));
  }

  @Test
  void aHostileFirmNameIsNeverCompared() {
    // the names of the test firms are injection strings; the same text as a literal matches
    // nothing because no segment field holds it
    for (Firm f : Lake.FIRMS) {
      String literal = "\"" + f.name().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      assertSelects(literal + " == \"x\"");
      assertThat(parseOrReject("size_class == " + literal)).isNull();
    }
  }

  @Test
  void textUpToTheLengthLimitIsStillData() {
    String big = "x".repeat(Parser.MAX_LENGTH / 2 - 30);
    String text = "jsic == \"E\" and \"" + big + "\" != \"" + big + "y\"";
    assertThat(text.length()).isLessThanOrEqualTo(Parser.MAX_LENGTH);
    assertSelects(text, Lake.ids(f -> "E".equals(f.jsic())).toArray(String[]::new));
    int items = (Parser.MAX_LENGTH - "jsic in [\"P\"]".length()) / "\"G\", ".length();
    String list = "jsic in [" + "\"G\", ".repeat(items) + "\"P\"]";
    assertThat(list.length()).isLessThanOrEqualTo(Parser.MAX_LENGTH);
    assertSelects(
        list, Lake.ids(f -> "G".equals(f.jsic()) || "P".equals(f.jsic())).toArray(String[]::new));
    String tooLong = list + " ".repeat(Parser.MAX_LENGTH + 1 - list.length());
    assertThat(rejected(tooLong).getMessage())
        .startsWith("<expression>:1:" + (Parser.MAX_LENGTH + 1) + ": ")
        .contains("more than " + Parser.MAX_LENGTH);
  }

  static void assertSelects(String text, String... expected) {
    SegmentExpression e = parseOrReject(text);
    assertThat(e).as("valid: %s", text).isNotNull();
    assertSelects(e, List.of(expected));
  }

  static void assertSelects(SegmentExpression e, List<String> expected) {
    List<String> actual = Lake.run(e);
    assertThat(actual).as("rows selected by %s", abbreviate(e.text())).isEqualTo(sorted(expected));
    assertThat(Lake.expected(e)).as("reference evaluation").isEqualTo(sorted(expected));
  }

  static List<String> sorted(List<String> l) {
    return l.stream().sorted().toList();
  }

  static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  // ---------------------------------------------------------------------------------------------
  // 3. Properties.

  @Property(tries = 1000)
  void arbitraryTextIsParsedOrRejectedWithTheLanguagesError(@ForAll("anyText") String text) {
    SegmentExpression e = parseOrReject(text);
    Statistics.label("outcome").collect(e == null ? "rejected" : "parsed");
    if (e != null) {
      assertThat(e.tree()).isNotNull();
    }
  }

  @Property(tries = 600)
  void everyParsedExpressionReadsOnlySegmentFieldsAndFiltersLikeTheReference(
      @ForAll("expressions") String text) {
    SegmentExpression e = parseOrReject(text);
    Statistics.label("outcome")
        .collect(e == null ? "rejected" : "compiled")
        .coverage(c -> c.check("compiled").percentage(p -> p > 10));
    if (e == null) {
      return;
    }
    Column column = e.toColumn(FIELDS);
    Dataset<Row> filtered = Lake.df().filter(column);
    LogicalPlan plan = filtered.queryExecution().analyzed();
    assertThat(plan).isInstanceOf(Filter.class);
    assertThat(((Filter) plan).condition().deterministic()).isTrue();
    assertThat(referencedColumns(plan)).isSubsetOf(Lake.allowedColumns());
    assertThat(Lake.ids(filtered)).as("rows of %s", text).isEqualTo(Lake.expected(e));
  }

  @Provide
  Arbitrary<String> anyText() {
    Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(200);
    Arbitrary<String> languageChars =
        Arbitraries.strings()
            .withChars("()[],=!<>\"'\\-._ 0123456789aeinodrtscfl\u3000\n\t\u0000\u202e`$#{};*/")
            .ofMaxLength(120);
    Arbitrary<String> tokens =
        Arbitraries.of(TOKENS)
            .list()
            .ofMaxSize(25)
            .flatMap(
                ts ->
                    Arbitraries.of(" ", "", "\n", "\u3000", "\t")
                        .list()
                        .ofSize(ts.size())
                        .map(seps -> join(ts, seps)));
    Arbitrary<String> mutated =
        Combinators.combine(
                Arbitraries.of(VALID),
                Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 2),
                Arbitraries.oneOf(
                    Arbitraries.of(TOKENS),
                    Arbitraries.strings().all().ofMinLength(1).ofMaxLength(2)))
            .as(HostileSegmentExpressionTest::mutate);
    return Arbitraries.frequencyOf(
        Tuple.of(2, anyChars),
        Tuple.of(2, languageChars),
        Tuple.of(4, tokens),
        Tuple.of(4, mutated));
  }

  /** Expressions of conf/segments.yaml (with this test's need ids) and a few more. */
  static final List<String> VALID =
      List.of(
          "size_class == \"small_scale\" and jsic in [\"E\"] and need.equipment_investment >= 0.5",
          "not reached and size_class in [\"small_scale\", \"sme\"] and need.digitalization >= 0.4",
          "firm_age >= 30 and need.succession >= 0.4",
          "size_class != \"large\" and jsic in [\"D\", \"E\", \"H\"] and need.digitalization >= 0.4",
          "not reached and size_class == \"small_scale\"",
          "(reached or awards > 0) and prefecture == '東京都' and capital_yen <= 300_000_000",
          "jsic not in ['製造業', 'G'] or employees < 5");

  /** {@code valid} with the text at a position deleted (0), replaced (1) or inserted before (2). */
  static String mutate(String valid, int at, int how, String text) {
    int i = at % (valid.length() + 1);
    int end = Math.min(valid.length(), i + 1);
    return switch (how) {
      case 0 -> valid.substring(0, i) + valid.substring(end);
      case 1 -> valid.substring(0, i) + text + valid.substring(end);
      default -> valid.substring(0, i) + text + valid.substring(i);
    };
  }

  static final List<String> TOKENS =
      List.of(
          "and",
          "or",
          "not",
          "in",
          "true",
          "false",
          "(",
          ")",
          "[",
          "]",
          ",",
          "==",
          "!=",
          "<",
          "<=",
          ">",
          ">=",
          "=",
          "!",
          "\"",
          "'",
          "\\",
          "-",
          ".",
          "_",
          "0",
          "1",
          "-5",
          "0.5",
          "1_000",
          "1e9",
          "9".repeat(30),
          "size_class",
          "jsic",
          "prefecture",
          "firm_age",
          "employees",
          "capital_yen",
          "reached",
          "applications",
          "awards",
          "need.digitalization",
          "need.",
          "need.x",
          "name",
          "contact_email",
          "a.b",
          "`",
          "$",
          "{",
          "}",
          "#",
          ";",
          "--",
          "/*",
          "*/",
          "\u0000",
          "\u202E",
          "\uD800",
          "＝",
          "（",
          "\"E\"",
          "\"13\"",
          "'sme'",
          "\"東京都\"",
          "\"') OR 1=1 --\"",
          "reflect(",
          "current_user()",
          "\"\\\"\"");

  static String join(List<String> tokens, List<String> separators) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      sb.append(tokens.get(i)).append(separators.get(i));
    }
    return sb.toString();
  }

  /** Grammar-shaped expressions, mostly well typed, with hostile names, values and spacing. */
  @Provide
  Arbitrary<String> expressions() {
    return Arbitraries.frequencyOf(Tuple.of(9, condition(4)), Tuple.of(1, anyText()));
  }

  Arbitrary<String> condition(int depth) {
    if (depth == 0) {
      return predicate();
    }
    Arbitrary<String> sub = Arbitraries.lazy(() -> condition(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(4, predicate()),
        Tuple.of(1, Combinators.combine(space(), sub).as((s, x) -> "not" + s + x)),
        Tuple.of(1, sub.map(x -> "(" + x + ")")),
        Tuple.of(
            2,
            Combinators.combine(sub, space(), Arbitraries.of("and", "or"), space(), sub)
                .as((a, s1, op, s2, b) -> a + s1 + op + s2 + b)));
  }

  record Spec(String name, ExprType type, List<String> values) {}

  static final List<Spec> SPECS =
      List.of(
          new Spec(
              "size_class",
              ExprType.STRING,
              List.of("small_scale", "sme", "large", "SME", "小規模事業者")),
          new Spec("jsic", ExprType.STRING, List.of("E", "e", "G", "I", "P", "製造業", "Ｅ")),
          new Spec("prefecture", ExprType.STRING, List.of("13", "27", "1", "東京都", "大阪", "47")),
          new Spec("firm_age", ExprType.NUMBER, List.of()),
          new Spec("employees", ExprType.NUMBER, List.of()),
          new Spec("capital_yen", ExprType.NUMBER, List.of()),
          new Spec("applications", ExprType.NUMBER, List.of()),
          new Spec("awards", ExprType.NUMBER, List.of()),
          new Spec("need.digitalization", ExprType.NUMBER, List.of()),
          new Spec("need.equipment_investment", ExprType.NUMBER, List.of()),
          new Spec("need.succession", ExprType.NUMBER, List.of()),
          new Spec("reached", ExprType.BOOLEAN, List.of()));

  static final List<String> COMPARE_OPS = List.of("==", "!=", "<", "<=", ">", ">=");

  static final List<String> FOREIGN_NAMES =
      List.of(
          "name",
          "contact_email",
          "phone",
          "corporate_number",
          "prefecture_code",
          "jsic_division",
          "opted_out",
          "need_scores",
          "need.unknown",
          "a.b",
          "silver.firms.name",
          "OR",
          "Reached");

  static final List<String> HOSTILE_STRINGS =
      List.of(
          "') OR 1=1 --",
          "'; DROP TABLE silver.firms; --",
          "`silver`.`firms`",
          "${size_class}",
          "#{1+1}",
          "\\",
          "\"",
          "'",
          "\u0000",
          "\u202E",
          "\uD800",
          "",
          " ",
          "reflect('java.lang.Runtime','exec','id')");

  Arbitrary<String> predicate() {
    Arbitrary<Spec> spec = Arbitraries.of(SPECS);
    Arbitrary<String> typed =
        spec.flatMap(
            s ->
                Combinators.combine(operator(s.type()), literal(s), space(), space(), flip())
                    .as(
                        (op, lit, s1, s2, flip) ->
                            flip ? lit + s1 + op + s2 + s.name() : s.name() + s1 + op + s2 + lit));
    Arbitrary<String> membership =
        spec.flatMap(
            s ->
                Combinators.combine(
                        Arbitraries.of(" in ", " not in ", "\nin\n"),
                        literal(s).list().ofMinSize(1).ofMaxSize(4))
                    .as((in, items) -> s.name() + in + "[" + String.join(", ", items) + "]"));
    Arbitrary<String> bare = Arbitraries.of("reached", "true", "false", "not reached");
    Arbitrary<String> foreign =
        Combinators.combine(
                Arbitraries.of(FOREIGN_NAMES), Arbitraries.of(COMPARE_OPS), anyLiteral())
            .as((n, op, lit) -> n + " " + op + " " + lit);
    Arbitrary<String> loose =
        Combinators.combine(anyOperand(), Arbitraries.of(COMPARE_OPS), anyOperand())
            .as((a, op, b) -> a + " " + op + " " + b);
    return Arbitraries.frequencyOf(
        Tuple.of(8, typed),
        Tuple.of(3, membership),
        Tuple.of(2, bare),
        Tuple.of(1, foreign),
        Tuple.of(2, loose));
  }

  Arbitrary<Boolean> flip() {
    return Arbitraries.of(false, false, false, true);
  }

  Arbitrary<String> space() {
    return Arbitraries.of(" ", " ", " ", "  ", "\n    ", "\t", "\u3000");
  }

  Arbitrary<String> operator(ExprType type) {
    if (type == ExprType.NUMBER) {
      return Arbitraries.of(COMPARE_OPS);
    }
    return Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.of("==", "!=")), Tuple.of(1, Arbitraries.of("<", ">=")));
  }

  Arbitrary<String> literal(Spec s) {
    Arbitrary<String> right =
        switch (s.type()) {
          case NUMBER -> number();
          case BOOLEAN -> Arbitraries.of("true", "false");
          case STRING -> Arbitraries.of(s.values()).flatMap(HostileSegmentExpressionTest::quoted);
        };
    return Arbitraries.frequencyOf(Tuple.of(9, right), Tuple.of(1, anyLiteral()));
  }

  Arbitrary<String> anyLiteral() {
    return Arbitraries.oneOf(
        number(),
        Arbitraries.of("true", "false"),
        Arbitraries.of(HOSTILE_STRINGS).flatMap(HostileSegmentExpressionTest::quoted),
        Arbitraries.strings().all().ofMaxLength(8).flatMap(HostileSegmentExpressionTest::quoted));
  }

  Arbitrary<String> anyOperand() {
    return Arbitraries.oneOf(
        anyLiteral(), Arbitraries.of(SPECS).map(Spec::name), Arbitraries.of(FOREIGN_NAMES));
  }

  Arbitrary<String> number() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "0",
            "1",
            "3",
            "5",
            "8",
            "25",
            "40",
            "70",
            "120",
            "300",
            "-1",
            "0.4",
            "0.5",
            "0.7",
            "0.9",
            "10_000_000",
            "300_000_000",
            "3_000_000",
            "-0",
            "0.0"),
        Arbitraries.integers().between(-10, 400).map(String::valueOf),
        Arbitraries.integers().between(0, 100).map(i -> "0." + String.format("%02d", i)));
  }

  static Arbitrary<String> quoted(String value) {
    return Arbitraries.of('"', '\'')
        .map(q -> q + value.replace("\\", "\\\\").replace(String.valueOf(q), "\\" + q) + q);
  }

  static Set<String> referencedColumns(LogicalPlan plan) {
    return CollectionConverters.asJava(plan.references().toSeq()).stream()
        .map(Attribute::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  // ---------------------------------------------------------------------------------------------
  // The tiny firm-profile table and a reference evaluator of the expression tree.

  /** The segment-relevant attributes of a test firm; the name is hostile text. */
  record Firm(
      String id,
      String name,
      String prefecture,
      String jsic,
      String sizeClass,
      Integer age,
      Long capital,
      Integer employees,
      boolean reached,
      int applications,
      int awards,
      Map<String, Double> needs) {

    Object value(String field) {
      if (field.startsWith(SegmentFields.NEED_PREFIX)) {
        return needs.get(field.substring(SegmentFields.NEED_PREFIX.length()));
      }
      return switch (field) {
        case "size_class" -> sizeClass;
        case "jsic" -> jsic;
        case "prefecture" -> prefecture;
        case "firm_age" -> age;
        case "employees" -> employees;
        case "capital_yen" -> capital;
        case "reached" -> reached;
        case "applications" -> applications;
        case "awards" -> awards;
        default -> throw new AssertionError("not a segment field: " + field);
      };
    }

    Row row() {
      Object[] v = new Object[ProfileStage.SCHEMA.size()];
      v[ProfileStage.SCHEMA.fieldIndex("corporate_number")] = id;
      v[ProfileStage.SCHEMA.fieldIndex("name")] = name;
      v[ProfileStage.SCHEMA.fieldIndex("prefecture_code")] = prefecture;
      v[ProfileStage.SCHEMA.fieldIndex("jsic_division")] = jsic;
      v[ProfileStage.SCHEMA.fieldIndex("jsic_major")] = name;
      v[ProfileStage.SCHEMA.fieldIndex("size_class")] = sizeClass;
      v[ProfileStage.SCHEMA.fieldIndex("firm_age_years")] = age;
      v[ProfileStage.SCHEMA.fieldIndex("capital_yen")] = capital;
      v[ProfileStage.SCHEMA.fieldIndex("employees")] = employees;
      v[ProfileStage.SCHEMA.fieldIndex("status")] = "') OR 1=1 --";
      v[ProfileStage.SCHEMA.fieldIndex("reached")] = reached;
      v[ProfileStage.SCHEMA.fieldIndex("applications")] = applications;
      v[ProfileStage.SCHEMA.fieldIndex("awards")] = awards;
      v[ProfileStage.SCHEMA.fieldIndex("need_scores")] =
          CollectionConverters.asScala(new LinkedHashMap<>(needs));
      v[ProfileStage.SCHEMA.fieldIndex("opted_out")] = false;
      v[ProfileStage.SCHEMA.fieldIndex("as_of")] = Date.valueOf("2026-10-01");
      v[ProfileStage.SCHEMA.fieldIndex("build_id")] = "hostile-test";
      return RowFactory.create(v);
    }
  }

  static final class Lake {
    static final List<Firm> FIRMS =
        List.of(
            new Firm(
                "1000000000001",
                "') OR 1=1 --",
                "13",
                "E",
                "small_scale",
                12,
                10_000_000L,
                8,
                true,
                2,
                1,
                Map.of("digitalization", 0.7, "equipment_investment", 0.2, "succession", 0.1)),
            new Firm(
                "1000000000002",
                "`silver`.`firms`",
                "27",
                "I",
                "sme",
                40,
                50_000_000L,
                120,
                false,
                0,
                0,
                Map.of("digitalization", 0.3, "succession", 0.8)),
            new Firm(
                "1000000000003",
                "Robert'); DROP TABLE silver.firms;--",
                null,
                "E",
                "large",
                null,
                null,
                null,
                false,
                0,
                0,
                Map.of()),
            new Firm(
                "1000000000004",
                "${jndi:ldap://x}",
                "01",
                "G",
                "sme",
                3,
                3_000_000L,
                25,
                true,
                5,
                3,
                Map.of("digitalization", 0.5, "equipment_investment", 0.5, "succession", 0.5)),
            new Firm(
                "1000000000005",
                "\u202Eevil\u0000",
                "47",
                null,
                null,
                70,
                300_000_000L,
                300,
                true,
                1,
                0,
                Map.of("equipment_investment", 0.9)),
            new Firm(
                "1000000000006",
                "普通の会社 \\ \"",
                "13",
                "P",
                "small_scale",
                0,
                0L,
                0,
                false,
                0,
                0,
                Map.of("digitalization", 0.4, "equipment_investment", 0.4, "succession", 0.4)));

    private static Dataset<Row> df;
    private static Dataset<Row> distributed;
    private static Set<String> allowed;

    static synchronized Dataset<Row> df() {
      if (df == null) {
        df =
            SparkSessions.shared()
                .createDataFrame(FIRMS.stream().map(Firm::row).toList(), ProfileStage.SCHEMA);
      }
      return df;
    }

    /** The same rows as an RDD-backed DataFrame, so filters run as generated code in tasks. */
    static synchronized Dataset<Row> distributed() {
      if (distributed == null) {
        SparkSession spark = SparkSessions.shared();
        distributed =
            spark.createDataFrame(
                JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(FIRMS.stream().map(Firm::row).toList(), 2),
                ProfileStage.SCHEMA);
      }
      return distributed;
    }

    /** The columns the segment fields themselves read. */
    static synchronized Set<String> allowedColumns() {
      if (allowed == null) {
        Set<String> names = new TreeSet<>();
        List<String> all = new ArrayList<>(FIELDS.fixedNames());
        FIELDS.needIds().forEach(id -> all.add(SegmentFields.NEED_PREFIX + id));
        for (String field : all) {
          Column c = FIELDS.find(field).orElseThrow().column();
          names.addAll(referencedColumns(df().select(c).queryExecution().analyzed()));
        }
        assertThat(names).doesNotContain("name", "corporate_number", "status", "opted_out");
        allowed = names;
      }
      return allowed;
    }

    static List<String> ids(Dataset<Row> rows) {
      return rows.select("corporate_number").collectAsList().stream()
          .map(r -> r.getString(0))
          .sorted()
          .toList();
    }

    /**
     * The rows the compiled column selects, checked to be the same when Spark evaluates it on the
     * driver (local relation) and in a generated-code task.
     */
    static List<String> run(SegmentExpression e) {
      Dataset<Row> filtered = df().filter(e.toColumn(FIELDS));
      assertThat(referencedColumns(filtered.queryExecution().analyzed()))
          .isSubsetOf(allowedColumns());
      List<String> local = ids(filtered);
      List<String> inTask = ids(distributed().filter(e.toColumn(FIELDS)));
      assertThat(inTask).as("rows selected in a task").isEqualTo(local);
      // as SegmentStage uses it: when(condition, segment id) in a projection
      List<String> projected =
          ids(
              distributed()
                  .select(
                      col("corporate_number"),
                      when(e.toColumn(FIELDS), lit("rule:hostile")).as("segment_id"))
                  .filter(col("segment_id").isNotNull()));
      assertThat(projected).as("rows given the segment in a projection").isEqualTo(local);
      return local;
    }

    static List<String> ids(java.util.function.Predicate<Firm> p) {
      return FIRMS.stream().filter(p).map(Firm::id).sorted().toList();
    }

    /** What the expression should select, evaluated in Java on the checked tree. */
    static List<String> expected(SegmentExpression e) {
      return ids(f -> known(e.tree(), f));
    }

    static boolean known(Expr e, Firm f) {
      return Boolean.TRUE.equals(truth(e, f));
    }

    /** Three-valued: null when a compared attribute is unknown. */
    static Boolean truth(Expr e, Firm f) {
      if (e instanceof Expr.And a) {
        return known(a.left(), f) && known(a.right(), f);
      }
      if (e instanceof Expr.Or o) {
        return known(o.left(), f) || known(o.right(), f);
      }
      if (e instanceof Expr.Not n) {
        return !known(n.operand(), f);
      }
      if (e instanceof Expr.Compare c) {
        Object l = value(c.left(), f);
        Object r = value(c.right(), f);
        if (l == null || r == null) {
          return null;
        }
        if (l instanceof Number a && r instanceof Number b) {
          double x = a.doubleValue();
          double y = b.doubleValue();
          return switch (c.op()) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
          };
        }
        return switch (c.op()) {
          case EQ -> l.equals(r);
          case NE -> !l.equals(r);
          default -> throw new AssertionError("ordering on " + l);
        };
      }
      if (e instanceof Expr.In in) {
        Object v = value(in.operand(), f);
        if (v == null) {
          return in.negated() ? false : null;
        }
        boolean member = in.list().items().stream().anyMatch(i -> same(v, i.value()));
        return in.negated() != member;
      }
      return (Boolean) value(e, f);
    }

    static boolean same(Object a, Object b) {
      if (a instanceof Number x && b instanceof Number y) {
        return x.doubleValue() == y.doubleValue();
      }
      return a.equals(b);
    }

    static Object value(Expr e, Firm f) {
      if (e instanceof Expr.Field field) {
        return f.value(field.name());
      }
      if (e instanceof Expr.Literal l) {
        return l.value();
      }
      return truth(e, f);
    }
  }
}
