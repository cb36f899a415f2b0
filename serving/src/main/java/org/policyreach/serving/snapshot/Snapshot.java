package org.policyreach.serving.snapshot;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.policyreach.models.ranking.PeerStats;

/**
 * Everything one publication serves, loaded completely before it is swapped in; immutable after. A
 * request takes the current snapshot once and answers from it alone.
 */
public final class Snapshot {
  private final Publication publication;
  private final FirmTable firms;
  private final RecommendationTable recommendations;
  private final TargetTable targets;
  private final SegmentCatalog segments;
  private final PeerStats peers;
  private final Instant loadedAt;
  private final long loadMillis;

  Snapshot(
      Publication publication,
      FirmTable firms,
      RecommendationTable recommendations,
      TargetTable targets,
      SegmentCatalog segments,
      PeerStats peers,
      Instant loadedAt,
      long loadMillis) {
    this.publication = requireNonNull(publication, "publication is null");
    this.firms = requireNonNull(firms, "firms is null");
    this.recommendations = requireNonNull(recommendations, "recommendations is null");
    this.targets = requireNonNull(targets, "targets is null");
    this.segments = requireNonNull(segments, "segments is null");
    this.peers = requireNonNull(peers, "peers is null");
    this.loadedAt = loadedAt;
    this.loadMillis = loadMillis;
  }

  public Publication publication() {
    return publication;
  }

  public String publicationId() {
    return publication.publicationId();
  }

  public FirmTable firms() {
    return firms;
  }

  public RecommendationTable recommendations() {
    return recommendations;
  }

  public TargetTable targets() {
    return targets;
  }

  public SegmentCatalog segments() {
    return segments;
  }

  /** Peer statistics of the build's firms (industry × size × region), for cold start. */
  public PeerStats peers() {
    return peers;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  public long loadMillis() {
    return loadMillis;
  }

  /**
   * The size of the index arrays, segment membership included (not counting JVM object headers and
   * the small catalogs).
   */
  public long estimatedBytes() {
    return firms.estimatedBytes()
        + recommendations.estimatedBytes()
        + targets.estimatedBytes()
        + segments.estimatedBytes();
  }
}
