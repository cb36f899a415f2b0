package org.policyreach.serving.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.policyreach.serving.http.ApiRequest;
import org.policyreach.serving.http.ApiResponse;
import org.policyreach.serving.http.ErrorReference;
import org.policyreach.serving.http.ServerMetrics;
import org.policyreach.serving.snapshot.Snapshot;
import org.policyreach.serving.snapshot.SnapshotStore;

/**
 * {@code /healthz}, {@code /readyz}, {@code /metrics}. A load failure is shown by reference only
 * ({@link ErrorReference}): its text names files and tables. A server whose audit log cannot be
 * written is not ready (503, {@code status: "degraded"}): every API call must be audited, so a load
 * balancer should send the calls to a replica that can record them.
 */
public final class OperationsApi {
  private final SnapshotStore store;
  private final ServerMetrics metrics;
  private final BooleanSupplier auditHealthy;

  /**
   * @param auditHealthy false while the audit log cannot be written ({@code AuditLog::healthy})
   */
  public OperationsApi(SnapshotStore store, ServerMetrics metrics, BooleanSupplier auditHealthy) {
    this.store = store;
    this.metrics = metrics;
    this.auditHealthy = auditHealthy;
  }

  /** The process is up (says nothing about data). */
  public ApiResponse health(ApiRequest r) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ok");
    Snapshot s = store.current();
    body.put("publication", s == null ? null : s.publicationId());
    return ApiResponse.ok(body);
  }

  /** 200 once a snapshot is served and the audit log is written, 503 otherwise. */
  public ApiResponse ready(ApiRequest r) {
    Snapshot s = store.current();
    Map<String, Object> body = new LinkedHashMap<>();
    if (s != null && !auditHealthy.getAsBoolean()) {
      body.put("status", "degraded");
      body.put("publication", s.publicationId());
      body.put(
          "message",
          "the audit log cannot be written (see the server log and"
              + " policyreach_audit_write_failures_total): calls would go unrecorded");
      return ApiResponse.json(503, body).header("Retry-After", "5");
    }
    if (s == null) {
      body.put("status", "not_ready");
      body.put("publication", null);
      body.put(
          "message",
          store
              .lastError()
              .map(ErrorReference::loadFailure)
              .orElse("the first snapshot is loading"));
      return ApiResponse.json(503, body).header("Retry-After", "5");
    }
    body.put("status", "ready");
    body.put("publication", s.publicationId());
    body.put("build_id", s.publication().buildId());
    body.put("as_of", s.publication().asOf() == null ? null : s.publication().asOf().toString());
    body.put("loaded_at", s.loadedAt().toString());
    store.lastError().ifPresent(e -> body.put("message", ErrorReference.loadFailure(e)));
    return ApiResponse.ok(body);
  }

  public ApiResponse metrics(ApiRequest r) {
    return ApiResponse.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
  }
}
