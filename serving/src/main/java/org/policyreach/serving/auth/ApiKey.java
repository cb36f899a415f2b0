package org.policyreach.serving.auth;

import static java.util.Objects.requireNonNull;

/**
 * One API key as configured: its public id (logged), its role, the SHA-256 of the secret (never the
 * secret) and its rate limit.
 */
public record ApiKey(String id, Role role, byte[] sha256, double requestsPerSecond, int burst) {
  public ApiKey {
    requireNonNull(id, "id is null");
    requireNonNull(role, "role is null");
    requireNonNull(sha256, "sha256 is null");
    sha256 = sha256.clone();
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
