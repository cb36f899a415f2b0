package org.policyreach.serving.auth;

import static java.util.Objects.requireNonNull;

/**
 * One API key as configured: its public id (logged), its role, the SHA-256 of the secret (never the
 * secret), its rate limit, the secret it shares with the portal for on-behalf assertions (null: it
 * has none, so it cannot read a firm's data on a route that needs one) and its daily quota of
 * distinct firms (0: none).
 */
public record ApiKey(
    String id,
    Role role,
    byte[] sha256,
    double requestsPerSecond,
    int burst,
    byte[] onBehalfSecret,
    int dailyFirmQuota) {
  public ApiKey {
    requireNonNull(id, "id is null");
    requireNonNull(role, "role is null");
    requireNonNull(sha256, "sha256 is null");
    sha256 = sha256.clone();
    onBehalfSecret = onBehalfSecret == null ? null : onBehalfSecret.clone();
    if (dailyFirmQuota < 0) {
      throw new IllegalArgumentException("dailyFirmQuota must be >= 0 (0: no quota)");
    }
  }

  /** A key without on-behalf secret and with the default daily quota of distinct firms. */
  public ApiKey(String id, Role role, byte[] sha256, double requestsPerSecond, int burst) {
    this(id, role, sha256, requestsPerSecond, burst, null, ApiKeyRegistry.DEFAULT_DAILY_FIRM_QUOTA);
  }

  @Override
  public byte[] onBehalfSecret() {
    return onBehalfSecret == null ? null : onBehalfSecret.clone();
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  byte[] hashForComparison() {
    return sha256;
  }

  @Override
  public String toString() {
    return "ApiKey[" + id + ", " + role.id() + "]";
  }
}
