package org.policyreach.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.auth.ApiKey;
import org.policyreach.serving.auth.ApiKeyRegistry;
import org.policyreach.serving.auth.FirmAccess;
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

  @Test
  void keysOnBehalfSignsAnAssertionTheServerAccepts() throws Exception {
    String secret = "portal-on-behalf-secret-for-the-test";
    Path file = conf.resolve("secret");
    Files.writeString(file, secret + "\n");
    String cn = org.policyreach.core.CorporateNumber.ofBase("010401098455").value();
    CliRun r = run("keys", "on-behalf", "--cn", cn, "--secret-file", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String header = r.out().strip();
    assertThat(header).startsWith("v1." + cn + ".");

    Files.writeString(
        conf.resolve(ApiKeyRegistry.FILE_NAME),
        "keys:\n  - id: p\n    role: portal\n    sha256: "
            + ApiKeyRegistry.sha256Hex("k")
            + "\n    on_behalf_secret: "
            + secret
            + "\n");
    ApiKey key = ApiKeyRegistry.load(conf).keys().get(0);
    FirmAccess access = new FirmAccess(List.of(key), java.time.Clock.systemUTC());
    access.check(key, "GET", "/v1/companies/{cn}/profile", header, cn); // no exception: accepted
    String other = org.policyreach.core.CorporateNumber.ofBase("120001000002").value();
    assertThatThrownBy(() -> access.check(key, "GET", "/v1/companies/{cn}/profile", header, other))
        .hasMessageContaining("signed for another firm");

    CliRun bad = run("keys", "on-behalf", "--cn", "12345", "--secret-file", file.toString());
    assertThat(bad.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains("--cn '12345'");
    CliRun noSecret = run("keys", "on-behalf", "--cn", cn, "--secret-env", "PR_NO_SUCH_VARIABLE");
    assertThat(noSecret.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(noSecret.err()).contains("PR_NO_SUCH_VARIABLE is not set");
    CliRun tooLong =
        run("keys", "on-behalf", "--cn", cn, "--minutes", "60", "--secret-file", file.toString());
    assertThat(tooLong.code()).isEqualTo(ExitCodes.BAD_INPUT);
  }
}
