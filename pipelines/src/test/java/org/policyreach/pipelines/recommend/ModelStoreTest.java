package org.policyreach.pipelines.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.ingestion.Lakehouse;
import org.policyreach.ingestion.spark.SparkSessions;
import org.policyreach.models.ranking.PeerKey;
import org.policyreach.models.ranking.PeerStats;
import org.policyreach.models.registry.ModelArtifact;
import org.policyreach.models.registry.ModelKind;
import org.policyreach.models.registry.TrainingInfo;

class ModelStoreTest {
  @TempDir Path dir;

  static PeerStats peers() {
    return PeerStats.builder(List.of("succession"), PeerStats.Options.defaults())
        .addFirm(new PeerKey("E", "sme", "13"), Map.of("succession", 0.4), List.of("shokei"))
        .build();
  }

  static TrainingInfo info() {
    return new TrainingInfo(null, LocalDate.parse("2026-11-26"), Map.of("firms", 1L), Map.of());
  }

  @Test
  void aLocalLakehouseKeepsModelsUnderItsRoot() {
    assertThat(ModelStore.localRoot("/data/lake")).isEqualTo(Path.of("/data/lake/_models"));
    assertThat(ModelStore.localRoot("file:/data/lake")).isEqualTo(Path.of("/data/lake/_models"));
    assertThat(ModelStore.localRoot("s3a://bucket/lake")).isNull();
    assertThat(ModelStore.localRoot("hdfs:///policyreach/lake")).isNull();
  }

  @Test
  void aRemoteLakehouseIsMirroredAndNewModelsArePushed() throws Exception {
    SparkSession spark = SparkSessions.shared();
    Lakehouse lakehouse = Lakehouse.at("file:" + dir.resolve("lake"));
    ModelStore first = ModelStore.mirrored(spark, lakehouse, dir.resolve("mirror-1"));
    ModelArtifact<PeerStats> saved =
        first.registry().save(ModelKind.PEER_STATS, peers(), info(), Map.of());
    Path remote =
        dir.resolve("lake")
            .resolve("_models")
            .resolve("peer-stats")
            .resolve(saved.modelId() + ".json");
    assertThat(remote).doesNotExist();
    first.push();
    assertThat(remote).exists();

    // another machine's mirror starts from what the lakehouse holds
    ModelStore second = ModelStore.mirrored(spark, lakehouse, dir.resolve("mirror-2"));
    assertThat(second.registry().load(ModelKind.PEER_STATS, saved.modelId()).model())
        .isEqualTo(peers());
    assertThat(Files.list(dir.resolve("mirror-2").resolve("peer-stats"))).hasSize(1);
  }
}
