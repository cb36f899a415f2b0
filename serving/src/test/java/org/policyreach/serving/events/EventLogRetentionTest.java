package org.policyreach.serving.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.core.EventType;
import org.policyreach.serving.Fixtures;
import org.policyreach.serving.TestServer;

/** Retention of the event log: dedup ids for a bounded window, segments by maintenance call. */
class EventLogRetentionTest {
  @TempDir Path dir;

  static LandingEvent event(String id, Instant received) {
    return new LandingEvent(
        id,
        Fixtures.MAKER,
        "monozukuri-21",
        EventType.CLICK,
        OffsetDateTime.ofInstant(received, ZoneOffset.UTC),
        "portal",
        received);
  }

  @Test
  void eventIdsAreRememberedForTheDedupWindowOnly() throws Exception {
    SharedConsentTest.MovingClock clock = new SharedConsentTest.MovingClock(TestServer.NOW);
    EventLog log = new EventLog(dir, clock, Duration.ofSeconds(1), Duration.ofDays(7));
    log.start();
    try {
      assertThat(log.append(List.of(event("old", clock.instant()))).accepted()).isEqualTo(1);
      clock.advance(Duration.ofDays(6));
      assertThat(log.append(List.of(event("new", clock.instant()))).accepted()).isEqualTo(1);
      assertThat(log.append(List.of(event("old", clock.instant()))).duplicates()).isEqualTo(1);

      clock.advance(Duration.ofDays(2)); // "old" was received 8 days ago, "new" 2
      assertThat(log.forgetOldIds()).isEqualTo(1);
      assertThat(log.seenCount()).isEqualTo(1);
      assertThat(log.append(List.of(event("new", clock.instant()))).duplicates()).isEqualTo(1);
    } finally {
      log.stop();
    }
    // A restart reads only the ids within the window.
    EventLog again = new EventLog(dir, clock, Duration.ofSeconds(1), Duration.ofDays(7));
    again.start();
    try {
      assertThat(again.seenCount()).isEqualTo(1);
    } finally {
      again.stop();
    }
  }

  @Test
  void segmentsArePurgedOnlyWhenIngestedAndPastRetention() throws Exception {
    Instant now = TestServer.NOW;
    SharedConsentTest.MovingClock clock = new SharedConsentTest.MovingClock(now);
    Path ingestedOld =
        sealed("events-20261001T000000000-1-0.jsonl", now.minus(Duration.ofDays(40)));
    Path notIngested =
        sealed("events-20261005T000000000-1-0.jsonl", now.minus(Duration.ofDays(36)));
    Path recent = sealed("events-20261115T000000000-1-0.jsonl", now.minus(Duration.ofDays(5)));
    Path open = dir.resolve("events-20260901T000000000-1-1" + EventLog.OPEN_SUFFIX);
    Files.writeString(open, "");
    Files.setLastModifiedTime(open, FileTime.from(now.minus(Duration.ofDays(80))));

    EventLog log = new EventLog(dir, clock, Duration.ofHours(1), Duration.ofDays(30));
    // the last committed ingest of the folder started 38 days ago; keep 30 days
    List<Path> deleted = log.purgeSegments(now.minus(Duration.ofDays(38)), Duration.ofDays(30));
    assertThat(deleted).containsExactly(ingestedOld);
    assertThat(notIngested).exists();
    assertThat(recent).exists();
    assertThat(open).exists();

    // Everything ingested, but the retention keeps the recent one.
    assertThat(log.purgeSegments(now, Duration.ofDays(30))).containsExactly(notIngested);
    assertThat(recent).exists();
    assertThat(open).exists();
  }

  @Test
  void sealingStampsTheSealTime() throws Exception {
    SharedConsentTest.MovingClock clock = new SharedConsentTest.MovingClock(TestServer.NOW);
    EventLog log = new EventLog(dir, clock, Duration.ofHours(1), Duration.ofDays(30));
    log.start();
    log.append(List.of(event("a", clock.instant())));
    clock.advance(Duration.ofMinutes(3));
    log.stop();
    try (var files = Files.list(dir)) {
      Path f = files.findFirst().orElseThrow();
      assertThat(f.getFileName().toString()).endsWith(EventLog.SEALED_SUFFIX);
      assertThat(Files.getLastModifiedTime(f).toInstant())
          .isEqualTo(TestServer.NOW.plus(Duration.ofMinutes(3)));
    }
  }

  private Path sealed(String name, Instant sealedAt) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, "");
    Files.setLastModifiedTime(f, FileTime.from(sealedAt));
    return f;
  }
}
