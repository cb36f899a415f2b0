package org.policyreach.serving.events;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.policyreach.core.EventType;

/**
 * A validated engagement event as written to the landing log (INPUT-FORMATS §5, plus {@code
 * received_at}): the corporate number in its 13-digit form, the type by its code.
 */
public record LandingEvent(
    String eventId,
    String corporateNumber,
    String programId,
    EventType type,
    OffsetDateTime at,
    String channel,
    Instant receivedAt) {
  public LandingEvent {
    requireNonNull(eventId, "eventId is null");
    requireNonNull(corporateNumber, "corporateNumber is null");
    requireNonNull(type, "type is null");
    requireNonNull(at, "at is null");
    requireNonNull(channel, "channel is null");
    requireNonNull(receivedAt, "receivedAt is null");
  }

  public boolean isConsent() {
    return type == EventType.OPT_OUT || type == EventType.OPT_IN;
  }
}
