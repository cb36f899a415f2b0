package org.policyreach.models.registry;

import java.util.List;
import java.util.Optional;
import org.policyreach.models.ranking.PeerStats;
import org.policyreach.models.ranking.RankingModel;
import org.policyreach.models.segment.SegmentModel;
import org.policyreach.models.uplift.UpliftModel;

/** The kinds of model the registry stores, each with its Java type and JSON codec. */
public final class ModelKind<M> {
  public static final ModelKind<RankingModel> RANKER =
      new ModelKind<>("ranker", RankingModel.class, new Codecs.Ranker());
  public static final ModelKind<SegmentModel> SEGMENTER =
      new ModelKind<>("segmenter", SegmentModel.class, new Codecs.Segmenter());
  public static final ModelKind<PeerStats> PEER_STATS =
      new ModelKind<>("peer-stats", PeerStats.class, new Codecs.Peers());
  public static final ModelKind<UpliftModel> UPLIFT =
      new ModelKind<>("uplift", UpliftModel.class, new Codecs.Uplift());

  private static final List<ModelKind<?>> ALL = List.of(RANKER, SEGMENTER, PEER_STATS, UPLIFT);

  private final String id;
  private final Class<M> type;
  private final ModelCodec<M> codec;

  private ModelKind(String id, Class<M> type, ModelCodec<M> codec) {
    this.id = id;
    this.type = type;
    this.codec = codec;
  }

  public static List<ModelKind<?>> all() {
    return ALL;
  }

  public static Optional<ModelKind<?>> byId(String id) {
    return ALL.stream().filter(k -> k.id.equals(id)).findFirst();
  }

  /** The id used in model ids and directory names: {@code ranker}, {@code segmenter}, … */
  public String id() {
    return id;
  }

  public Class<M> type() {
    return type;
  }

  ModelCodec<M> codec() {
    return codec;
  }

  @Override
  public String toString() {
    return id;
  }
}
