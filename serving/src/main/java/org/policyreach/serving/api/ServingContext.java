package org.policyreach.serving.api;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import org.policyreach.core.NeedCatalog;
import org.policyreach.core.PolicyReachConfig;
import org.policyreach.core.ProgramCatalog;
import org.policyreach.serving.events.EventLog;

/** What the endpoints share besides the snapshot: configuration, catalogs, the event log. */
public record ServingContext(
    ProgramCatalog programs,
    NeedCatalog needs,
    PolicyReachConfig config,
    EventLog events,
    ColdStart coldStart,
    Clock clock) {
  public ServingContext {
    requireNonNull(programs, "programs is null");
    requireNonNull(needs, "needs is null");
    requireNonNull(config, "config is null");
    requireNonNull(events, "events is null");
    requireNonNull(coldStart, "coldStart is null");
    requireNonNull(clock, "clock is null");
  }
}
