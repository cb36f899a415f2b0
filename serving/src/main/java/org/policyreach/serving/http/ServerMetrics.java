package org.policyreach.serving.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.policyreach.serving.events.EventLog;
import org.policyreach.serving.snapshot.Snapshot;
import org.policyreach.serving.snapshot.SnapshotLoader;
import org.policyreach.serving.snapshot.SnapshotStore;

/**
 * Prometheus metrics via Micrometer: a latency histogram per route template, method and status
 * ({@code http_server_requests_seconds}), and the served snapshot's publication, table versions,
 * age and size.
 */
public final class ServerMetrics {
  private static final List<String> TABLES =
      List.of(
          SnapshotLoader.FIRM_PROFILES,
          SnapshotLoader.RECOMMENDATIONS,
          SnapshotLoader.PROGRAM_TARGETS,
          SnapshotLoader.SEGMENTS,
          SnapshotLoader.SEGMENT_REPORTS);

  private static final java.util.Set<String> KNOWN_METHODS =
      java.util.Set.of("GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
  private final SnapshotStore store;
  private final MultiGauge info;
  private volatile String infoFor;

  public ServerMetrics(SnapshotStore store, EventLog events, Clock clock) {
    this.store = store;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    snapshotGauge("policyreach.snapshot.ready", null, "1 once a snapshot is served", s -> 1);
    snapshotGauge(
        "policyreach.snapshot.age",
        "seconds",
        "seconds since the served publication was created",
        s -> Duration.between(s.publication().createdAt(), clock.instant()).toMillis() / 1000.0);
    snapshotGauge(
        "policyreach.snapshot.load.duration",
        "seconds",
        "time it took to load the served snapshot",
        s -> s.loadMillis() / 1000.0);
    snapshotGauge(
        "policyreach.snapshot.index",
        "bytes",
        "size of the served snapshot's index arrays",
        s -> s.estimatedBytes());
    snapshotGauge(
        "policyreach.snapshot.firms", null, "firms in the snapshot", s -> s.firms().size());
    snapshotGauge(
        "policyreach.snapshot.recommendations",
        null,
        "recommendation rows in the snapshot",
        s -> s.recommendations().size());
    for (String table : TABLES) {
      Gauge.builder(
              "policyreach.snapshot.table.version",
              this,
              m -> {
                Snapshot s = m.store.current();
                Long v = s == null ? null : s.publication().tables().get(table);
                return v == null ? Double.NaN : v;
              })
          .tag("table", table)
          .description("Delta version of each gold table in the served publication")
          .register(registry);
    }
    Gauge.builder("policyreach.events.seen", events, e -> e.seenCount())
        .description("distinct event ids in the landing log")
        .register(registry);
    Gauge.builder("policyreach.consent.firms", events, e -> e.consent().size())
        .description("firms with a consent event received by this server")
        .register(registry);
    info =
        MultiGauge.builder("policyreach.snapshot.info")
            .description("1 for the served publication")
            .register(registry);
  }

  private void snapshotGauge(
      String name, String unit, String description, ToDoubleFunction<Snapshot> f) {
    Gauge.Builder<ServerMetrics> b =
        Gauge.builder(
                name,
                this,
                m -> {
                  Snapshot s = m.store.current();
                  return s == null
                      ? (name.endsWith(".ready") ? 0 : Double.NaN)
                      : f.applyAsDouble(s);
                })
            .description(description);
    if (unit != null) {
      b.baseUnit(unit);
    }
    b.register(registry);
  }

  /** Records one request's latency under its route template ({@code NOT_FOUND} for no route). */
  public void record(String rawMethod, String route, int status, long nanos) {
    // Client-chosen methods must not grow the label set without bound.
    String method = KNOWN_METHODS.contains(rawMethod) ? rawMethod : "OTHER";
    String key = method + ' ' + route + ' ' + status;
    Timer t = timers.get(key);
    if (t == null) {
      t =
          timers.computeIfAbsent(
              key,
              k ->
                  Timer.builder("http.server.requests")
                      .description("HTTP requests by route template")
                      .tags("method", method, "uri", route, "status", Integer.toString(status))
                      .publishPercentileHistogram()
                      .minimumExpectedValue(Duration.ofNanos(50_000))
                      .maximumExpectedValue(Duration.ofSeconds(30))
                      .register(registry));
    }
    t.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The Prometheus text exposition. */
  /** Registers another component's meters (the audit log's health) with this registry. */
  public void bind(io.micrometer.core.instrument.binder.MeterBinder binder) {
    binder.bindTo(registry);
  }

  public String scrape() {
    Snapshot s = store.current();
    String id = s == null ? null : s.publicationId();
    if (id != null && !id.equals(infoFor)) {
      info.register(
          List.of(
              MultiGauge.Row.of(Tags.of("publication", id, "build", s.publication().buildId()), 1)),
          true);
      infoFor = id;
    }
    return registry.scrape();
  }
}
