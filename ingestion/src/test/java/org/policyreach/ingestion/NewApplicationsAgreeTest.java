package org.policyreach.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.policyreach.ingestion.parse.ApplicationParser;
import org.policyreach.ingestion.parse.ParsedLine;
import org.policyreach.ingestion.parse.ParsersTestAccess;
import org.policyreach.ingestion.spark.SparkSessions;

/** New applications are built in SQL; they must equal what the Java merger builds. */
class NewApplicationsAgreeTest {
  final SparkSession spark = SparkSessions.shared();

  @Test
  void sqlAndJavaBuildTheSameSilverRows() {
    ApplicationParser parser = new ApplicationParser(ParsersTestAccess.programs());
    String s = "2025-05-01T10:00:00+09:00";
    List<String> lines =
        List.of(
            ApplicationsIngestTest.app(
                "A-1",
                "4010401098455",
                "monozukuri-20",
                "awarded",
                s,
                "2025-08-01T09:00:00+09:00",
                7_500_000,
                ApplicationsIngestTest.ALL),
            ApplicationsIngestTest.app(
                "A-1",
                "4010401098455",
                "monozukuri-20",
                "submitted",
                s,
                null,
                7_500_000,
                "{\"type\":\"quote\"}"),
            ApplicationsIngestTest.app(
                "A-1",
                "4010401098455",
                "monozukuri-20",
                "submitted",
                s,
                null,
                7_500_000,
                "{\"type\":\"quote\"}"),
            ApplicationsIngestTest.app(
                "A-2",
                "7123456789012",
                "monozukuri-20",
                "rejected",
                s,
                s,
                99_000_000,
                "{\"type\":\"quote\"}"),
            ApplicationsIngestTest.app(
                "A-2",
                "7123456789012",
                "monozukuri-20",
                "submitted",
                s,
                null,
                99_000_000,
                "{\"type\":\"quote\"}"));
    List<Row> parsed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ParsedLine p = parser.parse("a.jsonl", i + 1, lines.get(i));
      parsed.add(ParseStage.row("a.jsonl", i + 1, p));
    }
    Dataset<Row> accepted =
        SilverStages.accepted(
            spark.createDataFrame(parsed, ParseStage.parsedSchema(parser.recordSchema())));

    Map<String, List<Row>> byId = new TreeMap<>();
    for (Row r : accepted.collectAsList()) {
      byId.computeIfAbsent(r.getAs("application_id"), k -> new ArrayList<>()).add(r);
    }
    List<String> java = new ArrayList<>();
    for (List<Row> group : byId.values()) {
      Row m = ApplicationMerger.merge(group.iterator(), Collections.emptyIterator(), "b1");
      java.add(silverValues(m));
    }
    List<String> sql = new ArrayList<>();
    for (Row r :
        SilverStages.newApplications(accepted, "b1").orderBy("application_id").collectAsList()) {
      sql.add(silverValues(r));
    }
    assertThat(sql).isEqualTo(java).hasSize(2);
    assertThat(sql.get(0)).contains("awarded", "MISSING_ATTACHMENT");
  }

  static String silverValues(Row r) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Tables.APPLICATIONS_SCHEMA.size(); i++) {
      Object v = r.get(i);
      sb.append(
              v instanceof scala.collection.Seq<?> seq
                  ? scala.jdk.javaapi.CollectionConverters.asJava(seq).toString()
                  : String.valueOf(v))
          .append(" | ");
    }
    return sb.toString();
  }
}
