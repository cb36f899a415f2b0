package org.policyreach.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.ingestion.spark.ScalaValues;
import org.policyreach.ingestion.spark.SparkSessions;

class LakehouseSqlTest {
  final SparkSession spark = SparkSessions.shared();

  static String print(org.apache.spark.sql.Dataset<Row> df, LakehouseSql.Format format) {
    StringWriter w = new StringWriter();
    LakehouseSql.print(df, format, new PrintWriter(w));
    return w.toString();
  }

  @Test
  void queriesTablesByContractNameInEveryFormat(@TempDir Path dir) throws Exception {
    Lakehouse lakehouse = Lakehouse.at(dir);
    StructType schema =
        new StructType()
            .add("corporate_number", DataTypes.StringType)
            .add("name", DataTypes.StringType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType));
    spark
        .createDataFrame(
            List.of(
                RowFactory.create("4010401098455", "株式会社サンプル", ScalaValues.seq(List.of("a", "b"))),
                RowFactory.create("7123456789012", "A, \"B\" Ltd.", null)),
            schema)
        .write()
        .format("delta")
        .save(lakehouse.path("silver", "firms"));

    var df =
        LakehouseSql.query(
            spark, lakehouse, "SELECT * FROM silver.firms ORDER BY corporate_number");
    String table = print(df, LakehouseSql.Format.TABLE);
    assertThat(table).contains("| corporate_number | name", "株式会社サンプル", "[\"a\",\"b\"]", "2 rows");
    String[] lines = table.split("\n");
    assertThat(LakehouseSql.width(lines[3])).isEqualTo(LakehouseSql.width(lines[4]));

    String csv = print(df, LakehouseSql.Format.CSV);
    assertThat(csv)
        .startsWith(LakehouseSql.BOM + "corporate_number,name,tags\n")
        .contains("\"A, \"\"B\"\" Ltd.\"");

    JsonNode json = new ObjectMapper().readTree(print(df, LakehouseSql.Format.JSON));
    assertThat(json.isArray()).isTrue();
    assertThat(json.get(0).get("name").asText()).isEqualTo("株式会社サンプル");
    assertThat(json.get(0).get("tags").get(1).asText()).isEqualTo("b");

    assertThatThrownBy(() -> LakehouseSql.query(spark, lakehouse, "SELECT * FROM silver.nope"))
        .isInstanceOf(IngestionException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("silver.firms");
    assertThatThrownBy(() -> LakehouseSql.query(spark, lakehouse, "SELEC 1"))
        .isInstanceOf(IngestionException.class)
        .satisfies(e -> assertThat(((IngestionException) e).isBadInput()).isTrue());
  }
}
