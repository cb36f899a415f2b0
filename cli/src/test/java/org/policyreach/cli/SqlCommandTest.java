package org.policyreach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.spark.SparkSessions;

/**
 * {@code policyreach sql} through the real command line, on real Delta tables in a temp lakehouse:
 * read-only unless --write, no bronze unless --allow-bronze, every statement audited.
 */
class SqlCommandTest {
  static final SparkSession spark = SparkSessions.shared();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Lakehouse lakehouse;

  private record Run(int code, String out, String err) {}

  @BeforeAll
  static void tables() {
    lakehouse = Lakehouse.at(dir.resolve("lake"));
    StructType schema =
        new StructType()
            .add("corporate_number", DataTypes.StringType)
            .add("name", DataTypes.StringType);
    for (String table : List.of("silver/firms", "bronze/applications")) {
      String[] st = table.split("/");
      spark
          .createDataFrame(
              List.of(
                  RowFactory.create("4010401098455", "株式会社サンプル"),
                  RowFactory.create("7123456789012", "山田 太郎 090-1234-5678")),
              schema)
          .write()
          .format("delta")
          .save(lakehouse.path(st[0], st[1]));
    }
  }

  /** Runs the CLI in this JVM without closing the shared SparkSession (the CLI would stop it). */
  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--lakehouse", lakehouse.root(), "sql"));
    all.addAll(List.of(args));
    PolicyReach root = new PolicyReach();
    int code =
        PolicyReach.newCommandLine(root, new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  private static long firms() {
    return spark.read().format("delta").load(lakehouse.path("silver", "firms")).count();
  }

  private static List<JsonNode> audit() throws Exception {
    Path file = Path.of(lakehouse.root(), "_audit", "sql.jsonl");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void readsRunWithoutFlags() {
    for (String sql :
        List.of(
            "SELECT count(*) AS n FROM silver.firms",
            "WITH f AS (SELECT * FROM silver.firms) SELECT count(*) AS n FROM f",
            "SHOW TABLES IN silver",
            "DESCRIBE silver.firms",
            "EXPLAIN SELECT * FROM silver.firms",
            "SELECT * FROM silver.firms WHERE corporate_number IN (SELECT corporate_number FROM silver.firms)")) {
      Run r = run(sql);
      assertThat(r.code()).as(sql + "\n" + r.err()).isEqualTo(ExitCodes.OK);
    }
    assertThat(run("SELECT name FROM silver.firms ORDER BY name").out()).contains("株式会社サンプル");
  }

  @Test
  void writesAreRefusedWithoutWriteAndNothingChanges() {
    long before = firms();
    for (String sql :
        List.of(
            "DELETE FROM silver.firms",
            "UPDATE silver.firms SET name = 'x'",
            "INSERT INTO silver.firms VALUES ('1', 'x')",
            "WITH v AS (SELECT '1' AS a, 'x' AS b) INSERT INTO silver.firms SELECT * FROM v",
            "MERGE INTO silver.firms t USING silver.firms s ON t.corporate_number ="
                + " s.corporate_number WHEN MATCHED THEN DELETE",
            "TRUNCATE TABLE silver.firms",
            "DROP TABLE silver.firms",
            "CREATE OR REPLACE TABLE silver.firms2 AS SELECT * FROM silver.firms",
            "VACUUM silver.firms RETAIN 0 HOURS",
            "OPTIMIZE silver.firms",
            "RESTORE TABLE silver.firms TO VERSION AS OF 0",
            "SET spark.sql.ansi.enabled = false",
            "CACHE TABLE silver.firms",
            "INSERT OVERWRITE DIRECTORY '"
                + dir.resolve("out")
                + "' USING parquet SELECT * FROM silver.firms",
            "SELECT TRANSFORM(name) USING 'cat' AS (n) FROM silver.firms",
            "EXECUTE IMMEDIATE 'DELETE FROM silver.firms'",
            "CALL spark_catalog.system.anything()")) {
      Run r = run(sql);
      assertThat(r.code()).as(sql).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err()).as(sql).contains("Refused", "--write", "policyreach sql: bad input");
    }
    assertThat(firms()).isEqualTo(before);
    assertThat(Files.exists(Path.of(lakehouse.root(), "silver", "firms2"))).isFalse();
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }

  @Test
  void writeFlagAllowsAChange() throws Exception {
    Path copy = Path.of(lakehouse.root(), "silver", "scratch");
    spark
        .read()
        .format("delta")
        .load(lakehouse.path("silver", "firms"))
        .write()
        .format("delta")
        .save(copy.toString());
    Run refused = run("DELETE FROM silver.scratch WHERE corporate_number = '4010401098455'");
    assertThat(refused.code()).isEqualTo(ExitCodes.BAD_INPUT);
    Run r = run("--write", "DELETE FROM silver.scratch WHERE corporate_number = '4010401098455'");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(spark.read().format("delta").load(copy.toString()).count()).isEqualTo(1);
  }

  @Test
  void bronzeIsRefusedUnlessAllowedWhereverItIsNamed() {
    for (String sql :
        List.of(
            "SELECT * FROM bronze.applications",
            "SELECT * FROM spark_catalog.bronze.applications",
            "SELECT * FROM `bronze`.`applications`",
            "WITH a AS (SELECT * FROM bronze.applications) SELECT count(*) FROM a",
            "SELECT * FROM silver.firms WHERE name IN (SELECT name FROM bronze.applications)",
            "SELECT * FROM silver.firms f JOIN bronze.applications a USING (corporate_number)",
            "SELECT * FROM delta.`" + lakehouse.path("bronze", "applications") + "`",
            "DESCRIBE bronze.applications",
            "SHOW TABLES IN bronze")) {
      Run r = run(sql);
      assertThat(r.code()).as(sql).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err()).as(sql).contains("--allow-bronze").doesNotContain("090-1234-5678");
      assertThat(r.out()).as(sql).doesNotContain("090-1234-5678");
    }
    Run allowed = run("--allow-bronze", "SELECT name FROM bronze.applications");
    assertThat(allowed.code()).as(allowed.err()).isEqualTo(ExitCodes.OK);
    assertThat(allowed.out()).contains("090-1234-5678");
    // --write does not open bronze
    assertThat(run("--write", "DELETE FROM bronze.applications").code())
        .isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void badSqlNamesTheInput() {
    Run r = run("SELEC 1");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("Cannot parse the SQL \"SELEC 1\"");
  }

  @Test
  void everyStatementIsAuditedWithUserFlagsAndOutcome() throws Exception {
    String marker = "audit-" + System.nanoTime();
    run("SELECT '" + marker + "' AS m");
    run("DELETE FROM silver.firms WHERE name = '" + marker + "'");
    run("--allow-bronze", "--format", "json", "SELECT '" + marker + "' FROM bronze.applications");
    List<JsonNode> mine =
        audit().stream().filter(n -> n.path("statement").asText().contains(marker)).toList();
    assertThat(mine)
        .extracting(n -> n.path("outcome").asText())
        .containsExactly("started", "ok", "refused", "started", "ok");
    for (JsonNode n : mine) {
      assertThat(n.path("user").asText()).contains(System.getProperty("user.name"));
      assertThat(n.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(n.path("flags").has("write")).isTrue();
    }
    assertThat(mine.get(1).path("rows").asLong()).isEqualTo(1);
    assertThat(mine.get(2).path("reason").asText()).contains("--write");
    assertThat(mine.get(4).path("flags").path("allow_bronze").asBoolean()).isTrue();
    assertThat(mine.get(4).path("flags").path("format").asText()).isEqualTo("json");
  }

  @Test
  void anUnwritableAuditLogStopsTheStatementBeforeItRuns(@TempDir Path other) throws Exception {
    // the audit file cannot be opened for append (a directory has its name; fails even for root)
    Files.createDirectories(other.resolve("_audit").resolve("sql.jsonl"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        PolicyReach.newCommandLine(
                new PolicyReach(), new PrintWriter(out, true), new PrintWriter(err, true))
            .execute("--lakehouse", other.toString(), "sql", "SELECT 'should-not-run' AS x");
    assertThat(code).isEqualTo(ExitCodes.FAILURE);
    assertThat(err.toString())
        .contains("Cannot write the SQL audit log", "nothing ran", other.toString());
    assertThat(out.toString()).doesNotContain("should-not-run");
  }
}
