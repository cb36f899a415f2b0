package org.policyreach.serving.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.ServingException;
import org.policyreach.serving.TestServer;

class ApiKeyRegistryTest {
  @TempDir Path dir;

  @Test
  void theRepositoryDemoKeysAuthenticateWithTheirRoles() {
    ApiKeyRegistry keys = ApiKeyRegistry.load(TestServer.repoConf());
    assertThat(keys.authenticate("demo-portal-key"))
        .hasValueSatisfying(k -> assertThat(k.role()).isEqualTo(Role.PORTAL));
    assertThat(keys.authenticate("demo-officer-key"))
        .hasValueSatisfying(k -> assertThat(k.role()).isEqualTo(Role.OFFICER));
    assertThat(keys.authenticate("demo-admin-key"))
        .hasValueSatisfying(k -> assertThat(k.id()).isEqualTo("demo-admin"));
    assertThat(keys.authenticate("demo-admin-key ")).isEmpty();
    assertThat(keys.authenticate("")).isEmpty();
    assertThat(keys.authenticate(null)).isEmpty();
    // The file holds hashes only.
    assertThat(keys.keys()).allSatisfy(k -> assertThat(k.toString()).doesNotContain("key-"));
  }

  @Test
  void aBadFileNamesTheLineAndTheFix() throws Exception {
    Files.writeString(
        dir.resolve("api-keys.yaml"), "keys:\n  - id: a\n    role: portal\n    sha: 00\n");
    assertThatThrownBy(() -> ApiKeyRegistry.load(dir))
        .isInstanceOf(ServingException.class)
        .hasMessageContaining("api-keys.yaml")
        .hasMessageContaining("line 4")
        .hasMessageContaining("sha256");
    Files.writeString(
        dir.resolve("api-keys.yaml"),
        "keys:\n  - id: a\n    role: boss\n    sha256: " + "0".repeat(64) + "\n");
    assertThatThrownBy(() -> ApiKeyRegistry.load(dir))
        .hasMessageContaining("role 'boss'")
        .hasMessageContaining("portal, officer or admin");
    Files.delete(dir.resolve("api-keys.yaml"));
    assertThatThrownBy(() -> ApiKeyRegistry.load(dir)).hasMessageContaining("does not exist");
  }

  @Test
  void twoKeysWithTheSameHashAreRefusedNamingBoth() throws Exception {
    String hash = ApiKeyRegistry.sha256Hex("shared-secret");
    Files.writeString(
        dir.resolve("api-keys.yaml"),
        "keys:\n"
            + "  - id: portal-a\n    role: portal\n    sha256: "
            + hash
            + "\n  - id: other\n    role: portal\n    sha256: "
            + ApiKeyRegistry.sha256Hex("other-secret")
            + "\n  - id: admin-b\n    role: admin\n    sha256: "
            + hash.toUpperCase(java.util.Locale.ROOT)
            + "\n");
    assertThatThrownBy(() -> ApiKeyRegistry.load(dir))
        .isInstanceOf(ServingException.class)
        .hasMessageContaining("api-keys.yaml")
        .hasMessageContaining("'admin-b'")
        .hasMessageContaining("'portal-a'")
        .hasMessageContaining("same sha256");
  }

  @Test
  void theTokenBucketRefillsAtItsRate() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(now::get);
    ApiKey key = new ApiKey("k", Role.PORTAL, new byte[32], 2.0, 3);
    assertThat(limiter.acquire(key)).isZero();
    assertThat(limiter.acquire(key)).isZero();
    assertThat(limiter.acquire(key)).isZero();
    assertThat(limiter.acquire(key)).isEqualTo(1);
    now.addAndGet(500_000_000L); // half a second: one token at 2/s
    assertThat(limiter.acquire(key)).isZero();
    assertThat(limiter.acquire(key)).isEqualTo(1);
  }
}
