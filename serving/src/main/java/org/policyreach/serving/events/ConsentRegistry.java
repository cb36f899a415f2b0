package org.policyreach.serving.events;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.policyreach.core.EventType;

/**
 * The latest consent event (opt_out / opt_in) per firm in the shared landing log, applied on top of
 * the snapshot's {@code opted_out} so that consent takes effect from the next request on.
 *
 * <p>Order (the same in the build, {@code ConsentOrder} in pipelines): consent events are ordered
 * by the time a server received them ({@code received_at} in the landing log, the server's clock),
 * never by the client's {@code at}, which the client can set at will. Among events received at the
 * same instant, the one applied last here wins (the later line of a segment). {@code at} itself is
 * refused more than 5 minutes ahead of the server clock or more than 30 days behind it.
 *
 * <p>Shared: every server reads the other servers' new lines in the landing folder every {@link
 * EventLog#followEvery()} (2 s by default), so an opt-out sent to one replica is honoured by all
 * within that interval. Replicas' clocks should agree to well under that interval (NTP).
 *
 * <p>Rule (privacy first): a firm is suppressed if its latest consent event is an opt-out; or if
 * the snapshot says it opted out, unless an opt-in was received after the publication was created
 * (an opt-in received earlier may already be reflected, and overridden, in the build).
 */
public final class ConsentRegistry {
  private final ConcurrentHashMap<String, Consent> latest = new ConcurrentHashMap<>();

  /** One consent event: its type and the time a server received it. */
  public record Consent(EventType type, Instant receivedAt) {}

  /** Keeps the event unless one received later is already known for the firm. */
  void record(String corporateNumber, EventType type, Instant receivedAt) {
    Consent c = new Consent(type, receivedAt);
    latest.merge(
        corporateNumber, c, (old, now) -> now.receivedAt().isBefore(old.receivedAt()) ? old : now);
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
    return snapshotOptedOut && !c.receivedAt().isAfter(publishedAt);
  }

  public int size() {
    return latest.size();
  }
}
