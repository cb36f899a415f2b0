package org.policyreach.ingestion;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.ingestion.HostileCorpus.Batch;
import org.policyreach.ingestion.HostileCorpus.Fate;
import org.policyreach.ingestion.HostileCorpus.HostileFile;
import org.policyreach.ingestion.HostileCorpus.Line;

/**
 * Ingests the hostile corpus ({@link HostileCorpus}: truncated files, invalid UTF-8 and Shift_JIS,
 * BOMs, CRLF, 10 MB lines, NUL bytes, wrong column counts, deeply nested JSON, numbers with
 * exponents, 令和0年 and 2月30日) through every reader, one batch per file set, into one lakehouse. No
 * batch fails; every bad line is quarantined with an expected reason; read = accepted + quarantined
 * + duplicates, and the ledger, bronze, quarantine and silver agree with it.
 */
class HostileInputTest {

  @Test
  void everyReaderQuarantinesHostileLinesAndReconciles(@TempDir Path dir) {
    TestLake lake = new TestLake(dir);
    SoftAssertions soft = new SoftAssertions();
    for (Batch batch : HostileCorpus.all()) {
      Path folder = dir.resolve("in").resolve(batch.name());
      for (HostileFile f : batch.files()) {
        f.write(folder);
      }
      IngestResult r = lake.ingest(batch.source(), folder);
      check(soft, lake, batch, r);
      IngestResult again = lake.ingest(batch.source(), folder);
      soft.assertThat(again.alreadyIngested()).as(batch.name() + ": second ingest").isTrue();
      soft.assertThat(again.batchId()).isEqualTo(r.batchId());
    }
    // the second ingests added nothing
    soft.assertThat(lake.table("meta", "batches").count()).isEqualTo(HostileCorpus.all().size());
    soft.assertAll();
  }

  private static void check(SoftAssertions soft, TestLake lake, Batch batch, IngestResult r) {
    String b = batch.name() + " (" + r.batchId() + ")";
    long accept = batch.files().stream().mapToLong(f -> f.count(Fate.ACCEPT)).sum();
    long dup = batch.files().stream().mapToLong(f -> f.count(Fate.DUPLICATE)).sum();
    long quarantine = batch.files().stream().mapToLong(f -> f.count(Fate.QUARANTINE)).sum();
    soft.assertThat(r.read()).as(b + ": read").isEqualTo(batch.read());
    soft.assertThat(r.read())
        .as(b + ": read = accepted + quarantined + duplicates")
        .isEqualTo(r.accepted() + r.quarantined() + r.duplicates());
    soft.assertThat(List.of(r.accepted(), r.quarantined(), r.duplicates()))
        .as(b + ": accepted, quarantined, duplicates")
        .isEqualTo(List.of(accept, quarantine, dup));

    // the ledger says the same
    List<Row> ledger =
        lake.table("meta", "batches").filter(col("batch_id").equalTo(r.batchId())).collectAsList();
    soft.assertThat(ledger).as(b + ": ledger rows").hasSize(1);
    if (ledger.size() == 1) {
      Row l = ledger.get(0);
      soft.assertThat(l.<String>getAs("status")).as(b + ": ledger status").isEqualTo("committed");
      soft.assertThat(
              List.of(
                  l.<Long>getAs("read"),
                  l.<Long>getAs("accepted"),
                  l.<Long>getAs("quarantined"),
                  l.<Long>getAs("duplicates")))
          .as(b + ": ledger counts")
          .isEqualTo(List.of(r.read(), r.accepted(), r.quarantined(), r.duplicates()));
    }

    // bronze: every physical line once
    long bronze =
        lake.table("bronze", batch.source().tableName())
            .filter(col("batch_id").equalTo(r.batchId()))
            .count();
    long bronzeDistinct =
        lake.table("bronze", batch.source().tableName())
            .filter(col("batch_id").equalTo(r.batchId()))
            .select("source_file", "line")
            .distinct()
            .count();
    soft.assertThat(bronze).as(b + ": bronze lines").isEqualTo(batch.physicalLines());
    soft.assertThat(bronzeDistinct).as(b + ": bronze lines once").isEqualTo(bronze);

    // quarantine: exactly the bad lines, each with a reason we expect
    Map<String, List<String>> quarantined = new HashMap<>();
    for (Row q :
        lake.table("quarantine", "records")
            .filter(col("batch_id").equalTo(r.batchId()))
            .select(col("source_file"), col("line"), col("reasons.code"))
            .collectAsList()) {
      String where = q.getString(0) + ":" + q.getLong(1);
      soft.assertThat(quarantined.put(where, q.getList(2))).as(b + ": " + where + " once").isNull();
    }
    Set<String> expected = new HashSet<>();
    for (HostileFile f : batch.files()) {
      for (int i = 0; i < f.lines().size(); i++) {
        Line line = f.lines().get(i);
        String where = f.name() + ":" + (i + 1);
        if (line.fate() != Fate.QUARANTINE) {
          soft.assertThat(quarantined)
              .as(b + ": " + where + " (" + line.what() + ") must not be quarantined")
              .doesNotContainKey(where);
          continue;
        }
        expected.add(where);
        List<String> codes = quarantined.get(where);
        soft.assertThat(codes)
            .as(b + ": " + where + " (" + line.what() + ") quarantined")
            .isNotNull();
        if (codes != null) {
          soft.assertThat(codes)
              .as(b + ": " + where + " (" + line.what() + ") has a reason")
              .isNotEmpty();
          soft.assertThat(codes)
              .as(b + ": " + where + " (" + line.what() + ") reasons")
              .containsAnyElementsOf(line.codes());
        }
      }
    }
    soft.assertThat(quarantined.keySet()).as(b + ": quarantined lines").isEqualTo(expected);

    // silver: the accepted records are there
    List<String> keys = new ArrayList<>();
    for (HostileFile f : batch.files()) {
      for (Line line : f.lines()) {
        if (line.fate() == Fate.ACCEPT && line.key() != null) {
          keys.add(line.key());
        }
      }
    }
    String table;
    String key;
    switch (batch.source()) {
      case REGISTRY, FIRM_ATTRIBUTES -> {
        table = Tables.FIRMS;
        key = "corporate_number";
      }
      case APPLICATIONS, LEGACY -> {
        table = "applications";
        key = "application_id";
      }
      default -> {
        table = "events";
        key = "event_id";
      }
    }
    Set<String> inSilver = new HashSet<>();
    for (Row row : lake.table("silver", table).select(key).collectAsList()) {
      inSilver.add(row.getString(0));
    }
    soft.assertThat(inSilver).as(b + ": accepted keys in silver." + table).containsAll(keys);
    long rows = lake.table("silver", table).count();
    long distinct = lake.table("silver", table).select(key).distinct().count();
    soft.assertThat(rows).as(b + ": silver." + table + " one row per key").isEqualTo(distinct);
  }
}
