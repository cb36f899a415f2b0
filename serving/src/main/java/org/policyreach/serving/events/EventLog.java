package org.policyreach.serving.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.policyreach.core.EventType;
import org.policyreach.serving.ServingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The landing log of engagement events under {@code <lakehouse>/_landing/events/}, which {@code
 * policyreach ingest --source events} reads.
 *
 * <p>Durability: an event is acknowledged only after its line is written and the file is forced to
 * disk ({@link FileChannel#force}). Segments: the server appends to {@code
 * events-<start>-<n>.jsonl.open} and seals it by renaming to {@code .jsonl} when it reaches {@link
 * #ROTATE_BYTES}, is {@link #ROTATE_AFTER} old, or the server stops; ingestion reads only sealed
 * {@code *.jsonl} files, so it never sees a half-written line. A write that fails cuts the segment
 * back to its last acknowledged length and seals it. On start, every segment is replayed to rebuild
 * the set of seen event ids (idempotency) and the consent state; an {@code .open} segment left by a
 * crash (no live writer holds its lock) loses its unacknowledged partial last line and is sealed.
 *
 * <p>Shared folder: several servers may append to one folder, each to its own segments. Each
 * follows the others' segments every {@link #followEvery()} (see {@link ConsentRegistry}).
 *
 * <p>Retention: event ids are remembered for {@link #dedupWindow()} after they were received
 * ({@value #DEDUP_PROPERTY}, 30 days by default); sealed segments are deleted only by the
 * maintenance call {@link #purgeSegments}.
 */
public final class EventLog extends AbstractLifeCycle {
  public static final long ROTATE_BYTES = 64L * 1024 * 1024;
  public static final Duration ROTATE_AFTER = Duration.ofMinutes(5);
  public static final String OPEN_SUFFIX = ".jsonl.open";
  public static final String SEALED_SUFFIX = ".jsonl";

  /** How often a server reads what the other servers on its landing folder appended. */
  public static final Duration FOLLOW_EVERY = Duration.ofSeconds(2);

  /** How long an event id is remembered after it was received, by default. */
  public static final Duration DEDUP_WINDOW = Duration.ofDays(30);

  /** System property: the dedup window in days. */
  public static final String DEDUP_PROPERTY = "policyreach.events.dedup-days";

  /** System property: the follow interval in milliseconds. */
  public static final String FOLLOW_PROPERTY = "policyreach.events.follow-millis";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter SEGMENT_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

  private final Path dir;
  private final Clock clock;

  /** Event ids received within {@link #dedupWindow()}: when each was received. */
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();

  private final Duration dedupWindow;
  private volatile Instant lastPrune = Instant.MIN;
  private final ConsentRegistry consent = new ConsentRegistry();
  private final Duration followEvery;

  /** Base names ({@code .jsonl}) of the segments this server wrote: not followed. */
  private final Set<String> own = ConcurrentHashMap.newKeySet();

  /** Bytes read so far of each other server's segment, by base name. */
  private final Map<String, Long> followed = new ConcurrentHashMap<>();

  /** Base names of the other servers' sealed segments read to their end. */
  private final Set<String> complete = ConcurrentHashMap.newKeySet();

  private ScheduledExecutorService follower;
  private final Object lock = new Object();
  private FileChannel channel;
  private Path openFile;
  private Instant openedAt;
  private long openBytes;
  private int segmentSeq;
  private ScheduledExecutorService sealer;

  /** Segments abandoned after a failed write whose cut did not succeed yet: their good length. */
  private final Map<Path, Long> unsealed = new LinkedHashMap<>();

  public EventLog(Path dir, Clock clock) {
    this(dir, clock, defaultFollowInterval(), defaultDedupWindow());
  }

  /**
   * @param followEvery how often the other servers' new lines in {@code dir} are read
   * @param dedupWindow how long an event id is remembered (a retry within it is a duplicate)
   */
  public EventLog(Path dir, Clock clock, Duration followEvery, Duration dedupWindow) {
    this.dir = dir;
    this.clock = clock;
    this.followEvery = followEvery;
    this.dedupWindow = dedupWindow;
  }

  /** {@value #DEDUP_PROPERTY} (days) if set, else {@link #DEDUP_WINDOW}. */
  static Duration defaultDedupWindow() {
    String days = System.getProperty(DEDUP_PROPERTY);
    if (days == null || days.isBlank()) {
      return DEDUP_WINDOW;
    }
    try {
      long v = Long.parseLong(days.strip());
      if (v > 0) {
        return Duration.ofDays(v);
      }
    } catch (NumberFormatException ignored) {
      // fall through
    }
    LOG.warn("Ignoring {}={}: not a positive number of days", DEDUP_PROPERTY, days);
    return DEDUP_WINDOW;
  }

  /** How long an event id is remembered after it was received. */
  public Duration dedupWindow() {
    return dedupWindow;
  }

  /**
   * Forgets the event ids received before the dedup window (done by the sealer every 10 minutes);
   * returns how many. A retry of such an old id is written again: ingestion still deduplicates by
   * {@code event_id}.
   */
  int forgetOldIds() {
    Instant cut = clock.instant().minus(dedupWindow);
    int before = seen.size();
    seen.values().removeIf(t -> t.isBefore(cut));
    lastPrune = clock.instant();
    return before - seen.size();
  }

  /**
   * Maintenance: deletes the sealed segments sealed before both {@code ingestedBefore} and {@code
   * retention} ago (the sealing time is the file's modification time, set when it is sealed).
   * {@code ingestedBefore} must be a time by which every segment sealed earlier has been ingested
   * (the start of the last committed {@code ingest --source events} of this folder): this class
   * cannot know it. Open segments are never deleted.
   *
   * @return the deleted files
   */
  public List<Path> purgeSegments(Instant ingestedBefore, Duration retention) throws IOException {
    Instant retained = clock.instant().minus(retention);
    Instant cut = ingestedBefore.isBefore(retained) ? ingestedBefore : retained;
    List<Path> deleted = new ArrayList<>();
    List<Path> sealed;
    try (Stream<Path> s = Files.list(dir)) {
      sealed = s.filter(p -> p.getFileName().toString().endsWith(SEALED_SUFFIX)).sorted().toList();
    }
    for (Path f : sealed) {
      if (Files.getLastModifiedTime(f).toInstant().isBefore(cut) && Files.deleteIfExists(f)) {
        followed.remove(f.getFileName().toString());
        complete.remove(f.getFileName().toString());
        deleted.add(f);
      }
    }
    if (!deleted.isEmpty()) {
      forceDirectory();
      LOG.info("Event log {}: deleted {} segments sealed before {}", dir, deleted.size(), cut);
    }
    return deleted;
  }

  /** {@value #FOLLOW_PROPERTY} (milliseconds) if set, else {@link #FOLLOW_EVERY}. */
  static Duration defaultFollowInterval() {
    String ms = System.getProperty(FOLLOW_PROPERTY);
    if (ms == null || ms.isBlank()) {
      return FOLLOW_EVERY;
    }
    try {
      long v = Long.parseLong(ms.strip());
      if (v > 0) {
        return Duration.ofMillis(v);
      }
    } catch (NumberFormatException ignored) {
      // fall through
    }
    LOG.warn("Ignoring {}={}: not a positive number of milliseconds", FOLLOW_PROPERTY, ms);
    return FOLLOW_EVERY;
  }

  /** How often the other servers' lines are read. */
  public Duration followEvery() {
    return followEvery;
  }

  public Path dir() {
    return dir;
  }

  public ConsentRegistry consent() {
    return consent;
  }

  public int seenCount() {
    return seen.size();
  }

  /** Counts of one append: newly written events and already-seen duplicates. */
  public record Appended(int accepted, int duplicates) {}

  @Override
  protected void doStart() throws IOException {
    Files.createDirectories(dir);
    replay();
    sealer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "event-log-sealer");
              t.setDaemon(true);
              return t;
            });
    sealer.scheduleWithFixedDelay(this::sealIfOld, 10, 10, TimeUnit.SECONDS);
    follower =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "event-log-follower");
              t.setDaemon(true);
              return t;
            });
    long every = followEvery.toMillis();
    follower.scheduleWithFixedDelay(this::followOnce, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void doStop() throws Exception {
    follower.shutdownNow();
    sealer.shutdownNow();
    follower.awaitTermination(5, TimeUnit.SECONDS);
    sealer.awaitTermination(5, TimeUnit.SECONDS);
    synchronized (lock) {
      repairAbandoned();
      seal();
    }
  }

  /**
   * Appends the events not seen before and forces them to disk; returns when they are durable.
   *
   * @throws ServingException (503 {@code EVENT_LOG_UNAVAILABLE}) if the log cannot be written
   */
  public Appended append(List<LandingEvent> events) {
    synchronized (lock) {
      List<LandingEvent> fresh = new ArrayList<>();
      Set<String> inBatch = new HashSet<>();
      for (LandingEvent e : events) {
        if (!seen.containsKey(e.eventId()) && inBatch.add(e.eventId())) {
          fresh.add(e);
        }
      }
      if (!fresh.isEmpty()) {
        repairAbandoned();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(fresh.size() * 200);
        for (LandingEvent e : fresh) {
          writeLine(buf, e);
        }
        long goodLength = -1;
        try {
          if (channel == null
              || openBytes >= ROTATE_BYTES
              || openedAt.plus(ROTATE_AFTER).isBefore(clock.instant())) {
            seal();
            openSegment();
          }
          goodLength = openBytes;
          ByteBuffer bytes = ByteBuffer.wrap(buf.toByteArray());
          while (bytes.hasRemaining()) {
            channel.write(bytes);
          }
          channel.force(false);
          openBytes += buf.size();
        } catch (IOException ex) {
          abandonSegment(goodLength, ex);
          throw new ServingException(
              503,
              "EVENT_LOG_UNAVAILABLE",
              "The events could not be stored durably; nothing was accepted. Retry later"
                  + " (the same event_id is accepted once)",
              ex);
        }
        for (LandingEvent e : fresh) {
          seen.put(e.eventId(), e.receivedAt());
          if (e.isConsent()) {
            consent.record(e.corporateNumber(), e.type(), e.receivedAt());
          }
        }
      }
      return new Appended(fresh.size(), events.size() - fresh.size());
    }
  }

  /**
   * After a failed write: cuts the open segment back to its last acknowledged length (a full disk
   * can leave part of the batch, even whole lines, that was never acknowledged) and seals it, so
   * that the next batch starts a new segment and never follows a fragment. If the cut itself fails,
   * the segment is left {@code .open} with its good length remembered and cut again before the next
   * write, by the sealer and on stop.
   */
  private void abandonSegment(long goodLength, IOException cause) {
    if (channel == null) {
      return;
    }
    Path file = openFile;
    boolean cut = false;
    try {
      // Cut while the lock is still held, so no other server reads the failed lines.
      if (goodLength >= 0 && channel.size() > goodLength) {
        channel.truncate(goodLength);
      }
      channel.force(true);
      cut = true;
    } catch (IOException ex) {
      LOG.error("Cannot yet cut event segment {}: {}", file.getFileName(), ex.toString());
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing more to write to it
    }
    channel = null;
    openFile = null;
    LOG.error(
        "Event segment {}: write failed ({}); cut back to its {} acknowledged bytes and sealed",
        file.getFileName(),
        cause.toString(),
        goodLength);
    if (cut) {
      try {
        sealFile(file);
        return;
      } catch (IOException ex) {
        LOG.error("Cannot yet seal event segment {}: {}", file.getFileName(), ex.toString());
      }
    }
    if (goodLength >= 0) {
      unsealed.put(file, goodLength);
    }
  }

  /** Cuts and seals the segments a failed write left behind; keeps those it still cannot. */
  private void repairAbandoned() {
    for (var it = unsealed.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      try {
        try (FileChannel ch = FileChannel.open(e.getKey(), StandardOpenOption.WRITE)) {
          if (ch.size() > e.getValue()) {
            ch.truncate(e.getValue());
          }
          ch.force(true);
        }
        sealFile(e.getKey());
        it.remove();
      } catch (java.nio.file.NoSuchFileException gone) {
        it.remove(); // sealed by another server meanwhile
      } catch (IOException ex) {
        LOG.error("Cannot yet cut event segment {}: {}", e.getKey().getFileName(), ex.toString());
      }
    }
  }

  private void openSegment() throws IOException {
    Instant now = clock.instant();
    // Another server on this folder (another host, or this JVM) may have taken the name: the
    // next number then.
    for (int attempt = 0; ; attempt++) {
      String name =
          "events-"
              + SEGMENT_TIME.format(now)
              + "-"
              + ProcessHandle.current().pid()
              + "-"
              + (segmentSeq++)
              + OPEN_SUFFIX;
      Path file = dir.resolve(name);
      try {
        channel =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
      } catch (java.nio.file.FileAlreadyExistsException taken) {
        if (attempt < 1000) {
          continue;
        }
        throw taken;
      }
      openFile = file;
      own.add(name.substring(0, name.length() - ".open".length()));
      break;
    }
    // Held while the segment is written: tells the other servers on this folder it is live.
    channel.lock();
    openedAt = now;
    openBytes = 0;
    forceDirectory();
  }

  /** Closes and renames the open segment to {@code .jsonl}; a no-op if none is open. */
  private void seal() throws IOException {
    if (channel == null) {
      return;
    }
    channel.force(true);
    channel.close();
    channel = null;
    sealFile(openFile);
    openFile = null;
  }

  private void sealFile(Path open) throws IOException {
    // The modification time of a sealed segment is when it was sealed (see purgeSegments).
    Files.setLastModifiedTime(open, java.nio.file.attribute.FileTime.from(clock.instant()));
    String name = open.getFileName().toString();
    Path sealed = open.resolveSibling(name.substring(0, name.length() - ".open".length()));
    Files.move(open, sealed, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory();
  }

  private void forceDirectory() {
    // Makes the create/rename durable on Linux; not supported on every platform.
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // best effort
    }
  }

  private void sealIfOld() {
    synchronized (lock) {
      repairAbandoned();
      if (lastPrune.isBefore(clock.instant().minus(PRUNE_EVERY))) {
        forgetOldIds();
      }
      try {
        if (channel != null && openedAt.plus(ROTATE_AFTER).isBefore(clock.instant())) {
          seal();
        }
      } catch (IOException ex) {
        LOG.error("Cannot seal event segment {}: {}", openFile, ex.toString());
      }
    }
  }

  // ---------------------------------------------------------------- replay and follow

  /** Reads every segment at start: the seen ids and consent of every server on this folder. */
  private void replay() throws IOException {
    Counts counts = new Counts();
    int files = follow(counts);
    if (counts.bad > 0) {
      LOG.warn(
          "Event log replay: {} of {} lines in {} could not be read",
          counts.bad,
          counts.lines,
          dir);
    }
    LOG.info(
        "Event log {}: replayed {} events from {} segments, {} firms with a consent event",
        dir,
        counts.lines - counts.bad,
        files,
        consent.size());
  }

  /** Line counts of one pass over the folder. */
  private static final class Counts {
    long lines;
    long bad;
  }

  /**
   * One pass of the follower (every {@link #followEvery()}): reads the complete lines that other
   * servers on this landing folder appended since the last pass, so that their consent events and
   * event ids count here too. The server's own segments are skipped (applied when written).
   */
  void followOnce() {
    try {
      Counts counts = new Counts();
      follow(counts);
      if (counts.bad > 0) {
        LOG.warn(
            "Event log follow: {} of {} new lines could not be read", counts.bad, counts.lines);
      }
    } catch (IOException | RuntimeException ex) {
      if (Thread.currentThread().isInterrupted()) {
        return; // stopping
      }
      LOG.error("Cannot follow the event landing folder {}: {}", dir, ex.toString());
    }
  }

  private int follow(Counts counts) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(SEALED_SUFFIX) || n.endsWith(OPEN_SUFFIX);
                  })
              .sorted()
              .toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      boolean open = name.endsWith(OPEN_SUFFIX);
      String base = open ? name.substring(0, name.length() - ".open".length()) : name;
      if (own.contains(base) || (!open && complete.contains(base))) {
        continue;
      }
      long offset = followed.getOrDefault(base, 0L);
      try {
        boolean sealed = !open;
        if (open && sealIfAbandoned(f)) {
          f = f.resolveSibling(base);
          sealed = true;
        }
        followed.put(base, readFrom(f, offset, counts));
        if (sealed) {
          complete.add(base); // a sealed segment does not change any more
        }
      } catch (java.nio.file.NoSuchFileException renamed) {
        // sealed (renamed) by its writer meanwhile: read as .jsonl on the next pass
      }
    }
    return files.size();
  }

  /**
   * A writer holds an exclusive lock on its open segment as long as it runs; an open segment that
   * can be locked was left by a server that stopped without sealing it (a crash): its unterminated
   * last line was never acknowledged (the fsync comes after it) and is cut, and the segment sealed.
   *
   * @return whether the segment was sealed here
   */
  private boolean sealIfAbandoned(Path f) throws IOException {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock held;
      try {
        held = ch.tryLock();
      } catch (OverlappingFileLockException sameJvm) {
        return false; // a live server in this JVM writes it
      }
      if (held == null) {
        return false; // a live server writes it
      }
      truncatePartialLine(f, ch);
    } catch (IOException ex) {
      if (ex instanceof java.nio.file.NoSuchFileException) {
        throw ex;
      }
      LOG.warn("Cannot check event segment {}: {}", f.getFileName(), ex.toString());
      return false;
    }
    try {
      sealFile(f);
    } catch (java.nio.file.NoSuchFileException raced) {
      // another server sealed it first
    }
    LOG.info("Sealed event segment {} left open by an earlier run", f.getFileName());
    return true;
  }

  /** Applies the complete lines of {@code f} after {@code offset}; returns the new offset. */
  private long readFrom(Path f, long offset, Counts counts) throws IOException {
    byte[] bytes;
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size <= offset) {
        return offset;
      }
      ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size - offset));
      while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) >= 0) {
        // read to the size seen
      }
      bytes = buf.array();
    }
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--; // a line being written: read on a later pass
    }
    int from = 0;
    for (int i = 0; i < end; i++) {
      if (bytes[i] == '\n') {
        String line = new String(bytes, from, i - from, StandardCharsets.UTF_8);
        from = i + 1;
        if (line.isBlank()) {
          continue;
        }
        counts.lines++;
        if (!apply(line)) {
          counts.bad++;
        }
      }
    }
    return offset + end;
  }

  /** Records one landing line's event id and consent; false if it cannot be read. */
  private boolean apply(String line) {
    try {
      JsonNode n = MAPPER.readTree(line);
      String id = n.path("event_id").asText(null);
      if (id == null) {
        return false;
      }
      String received = n.path("received_at").asText(null);
      Instant receivedAt =
          received == null
              ? OffsetDateTime.parse(n.path("at").asText()).toInstant()
              : Instant.parse(received);
      if (!receivedAt.isBefore(clock.instant().minus(dedupWindow))) {
        seen.merge(id, receivedAt, (a, b) -> a.isAfter(b) ? a : b);
      }
      String type = n.path("type").asText("");
      if (type.equals(EventType.OPT_OUT.code()) || type.equals(EventType.OPT_IN.code())) {
        consent.record(n.path("corporate_number").asText(), EventType.parse(type), receivedAt);
      }
      return true;
    } catch (IOException | RuntimeException ex) {
      return false;
    }
  }

  /** Cuts an unterminated last line: it was never acknowledged (the fsync comes after it). */
  private static void truncatePartialLine(Path f, FileChannel ch) throws IOException {
    long size = ch.size();
    long keep = size;
    ByteBuffer one = ByteBuffer.allocate(1);
    while (keep > 0) {
      one.clear();
      ch.read(one, keep - 1);
      if (one.get(0) == '\n') {
        break;
      }
      keep--;
    }
    if (keep < size) {
      ch.truncate(keep);
      ch.force(true);
      LOG.warn(
          "Event segment {} ended in a partial line ({} bytes, never acknowledged): removed",
          f.getFileName(),
          size - keep);
    }
  }

  private static void writeLine(ByteArrayOutputStream out, LandingEvent e) {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("event_id", e.eventId());
      g.writeStringField("corporate_number", e.corporateNumber());
      g.writeStringField("program_id", e.programId());
      g.writeStringField("type", e.type().code());
      g.writeStringField("at", e.at().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      g.writeStringField("channel", e.channel());
      g.writeStringField("received_at", e.receivedAt().toString());
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    out.write('\n');
  }
}
