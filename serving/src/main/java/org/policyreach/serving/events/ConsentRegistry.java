package org.policyreach.serving.events;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.policyreach.core.EventType;

/**
 * The latest consent event (opt_out / opt_in) this server received per firm, applied on top of the
 * snapshot's {@code opted_out} so that consent takes effect from the next request on.
 *
 * <p>Rule (privacy first): a firm is suppressed if its latest local consent event is an opt-out; or
 * if the snapshot says it opted out, unless a local opt-in arrived that is newer than the
 * publication (an older opt-in may already be reflected, and overridden, in the build).
 */
public final class ConsentRegistry {
  private final ConcurrentHashMap<String, Consent> latest = new ConcurrentHashMap<>();

  /** One consent event: its type and the time the firm gave it. */
  public record Consent(EventType type, Instant at) {}

  void record(LandingEvent e) {
    if (e.isConsent()) {
      latest.put(e.corporateNumber(), new Consent(e.type(), e.at().toInstant()));
    }
  }

  /**
   * @param snapshotOptedOut the build's opted_out for the firm (false if unknown to the build)
   * @param publishedAt the created_at of the publication being served
   */
  public boolean suppressed(String corporateNumber, boolean snapshotOptedOut, Instant publishedAt) {
    Consent c = latest.get(corporateNumber);
    if (c == null) {
      return snapshotOptedOut;
    }
    if (c.type() == EventType.OPT_OUT) {
      return true;
    }
    return snapshotOptedOut && !c.at().isAfter(publishedAt);
  }

  public int size() {
    return latest.size();
  }
}
