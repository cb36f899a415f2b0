package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;
import static org.policyreach.ingestion.spark.ScalaValues.seq;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.policyreach.core.EligibilityRules;
import org.policyreach.core.Jsic;
import org.policyreach.core.Prefecture;
import org.policyreach.core.Program;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.core.SizeClass;

/**
 * {@code silver.programs}: the programs catalog of {@code conf/programs} as a table, replaced
 * whenever the catalog's version (content hash) changes. Every ingest syncs it first, because the
 * applications are checked against the same catalog.
 */
final class ProgramsTable {

  /** What a sync did. */
  record Sync(boolean changed, int programs, long version) {}

  private ProgramsTable() {}

  static Sync sync(SparkSession spark, Lakehouse lakehouse, ProgramCatalog catalog) {
    String path = lakehouse.path(Tables.SILVER, Tables.PROGRAMS);
    if (lakehouse.exists(spark, Tables.SILVER, Tables.PROGRAMS)
        && !spark
            .read()
            .format("delta")
            .load(path)
            .filter(col("catalog_version").equalTo(catalog.version()))
            .limit(1)
            .isEmpty()) {
      return new Sync(
          false,
          catalog.size(),
          lakehouse.version(spark, Tables.SILVER, Tables.PROGRAMS).orElseThrow());
    }
    List<Row> rows = new ArrayList<>();
    for (Program p : catalog.programs()) {
      rows.add(row(p, catalog.version()));
    }
    spark
        .createDataFrame(rows, Tables.PROGRAMS_SCHEMA)
        .write()
        .format("delta")
        .mode("overwrite")
        .save(path);
    return new Sync(
        true,
        catalog.size(),
        lakehouse.version(spark, Tables.SILVER, Tables.PROGRAMS).orElseThrow());
  }

  private static Row row(Program p, String version) {
    EligibilityRules e = p.eligibility();
    return RowFactory.create(
        p.id(),
        p.name(),
        p.nameEn(),
        p.family(),
        seq(List.copyOf(p.needs())),
        Date.valueOf(p.window().opens()),
        Date.valueOf(p.window().closes()),
        seq(e.sizeClasses().stream().map(SizeClass::id).toList()),
        seq(e.jsicDivisions().stream().map(Jsic::letter).toList()),
        seq(e.prefectures().stream().map(Prefecture::code).toList()),
        e.minYearsEstablished(),
        e.maxEmployees(),
        e.maxCapitalYen(),
        seq(List.copyOf(p.requiredAttachments())),
        p.maxAmountYen(),
        p.subsidyRate(),
        p.url(),
        version);
  }
}
