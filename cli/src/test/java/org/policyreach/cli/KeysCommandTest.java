package org.policyreach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.auth.ApiKey;
import org.policyreach.serving.auth.ApiKeyRegistry;
import org.policyreach.serving.auth.Role;

class KeysCommandTest {
  @TempDir Path conf;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void keysNewPrintsAStrongKeyWhoseEntryTheServerLoadsAndAccepts() throws Exception {
    CliRun a = run("keys", "new", "--id", "portal-prod", "--role", "portal");
    CliRun b = run("keys", "new", "--id", "officer-1", "--role", "officer");
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(a.err()).contains("api-keys.yaml", "shown once");
    String keyA = a.out().lines().findFirst().orElseThrow();
    String keyB = b.out().lines().findFirst().orElseThrow();
    assertThat(keyA).matches("pr_[A-Za-z0-9_-]{43}").isNotEqualTo(keyB);
    assertThat(Base64.getUrlDecoder().decode(keyA.substring(3))).hasSize(32); // 256 bits

    String entries =
        a.out().substring(a.out().indexOf('\n') + 1) + b.out().substring(b.out().indexOf('\n') + 1);
    assertThat(entries).doesNotContain(keyA).doesNotContain(keyB);
    Files.writeString(conf.resolve(ApiKeyRegistry.FILE_NAME), "keys:\n" + entries);
    ApiKeyRegistry keys = ApiKeyRegistry.load(conf);
    assertThat(keys.authenticate(keyA)).map(ApiKey::id).hasValue("portal-prod");
    assertThat(keys.authenticate(keyA)).map(ApiKey::role).hasValue(Role.PORTAL);
    assertThat(keys.authenticate(keyB)).map(ApiKey::role).hasValue(Role.OFFICER);
    assertThat(keys.demoKeyIds()).isEmpty();
  }

  @Test
  void keysNewRefusesABadRoleOrId() {
    CliRun r = run("keys", "new", "--id", "x", "--role", "boss");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("--role 'boss'", "portal, officer or admin");
    assertThat(r.out()).isEmpty();
    CliRun id = run("keys", "new", "--id", "a b", "--role", "portal");
    assertThat(id.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(id.err()).contains("--id 'a b'");
  }
}
