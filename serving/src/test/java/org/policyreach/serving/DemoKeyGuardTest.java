package org.policyreach.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.policyreach.serving.auth.ApiKeyRegistry;
import picocli.CommandLine;

/**
 * The repository's demo keys have published plaintext: the server refuses to bind a non-loopback
 * address while one is loaded, unless told to allow it.
 */
class DemoKeyGuardTest {
  @TempDir Path lake;
  @TempDir Path confDir;

  private Path demoConf() throws Exception {
    Path conf = TestServer.conf(confDir);
    Files.copy(
        TestServer.repoConf().resolve(ApiKeyRegistry.FILE_NAME),
        conf.resolve(ApiKeyRegistry.FILE_NAME),
        StandardCopyOption.REPLACE_EXISTING);
    return conf;
  }

  private ServingConfig config(String host, Path conf) {
    return new ServingConfig(
        host,
        0,
        lake.toString(),
        conf,
        Duration.ofHours(1),
        null,
        null,
        Clock.fixed(TestServer.NOW, ZoneOffset.UTC));
  }

  @Test
  void demoKeysOnAPublicAddressAreRefusedWithWhatToDo() throws Exception {
    Path conf = demoConf();
    assertThat(ApiKeyRegistry.load(conf).demoKeyIds())
        .containsExactly("demo-portal", "demo-officer", "demo-admin");
    for (String host : new String[] {"0.0.0.0", "::", ""}) {
      assertThatThrownBy(() -> PolicyReachServer.newServer(config(host, conf)))
          .as("host '" + host + "'")
          .isInstanceOf(ServingException.class)
          .hasMessageStartingWith(PolicyReachServer.DEMO_KEYS_REFUSED)
          .hasMessageContaining(conf.resolve(ApiKeyRegistry.FILE_NAME).toString())
          .hasMessageContaining("demo-admin")
          .hasMessageContaining("keys new")
          .hasMessageContaining("--allow-demo-keys");
    }
  }

  @Test
  void demoKeysAreServedOnLoopbackOrWithTheOverride() throws Exception {
    Path conf = demoConf();
    try (TestServer local = TestServer.start(config("127.0.0.1", conf))) {
      assertThat(local.get("/v1/programs", "demo-officer-key").statusCode()).isNotIn(401, 403);
    }
    ServingConfig allowed =
        config("0.0.0.0", conf)
            .withSecurity(ServingConfig.Security.DEFAULTS.withAllowDemoKeys(true));
    try (TestServer any = TestServer.start(allowed)) {
      assertThat(any.get("/healthz", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void ownKeysOnAPublicAddressAreServed() {
    try (TestServer any = TestServer.start(config("0.0.0.0", TestServer.conf(confDir)))) {
      assertThat(any.get("/v1/programs", TestServer.OFFICER_KEY).statusCode()).isNotIn(401, 403);
    }
  }

  @Test
  void serveExitsWithCode2AndTheMessage() throws Exception {
    Path conf = demoConf();
    CommandLine cl = ServeMain.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int code =
        cl.execute(
            "--host",
            "0.0.0.0",
            "--port",
            "0",
            "--conf",
            conf.toString(),
            "--lakehouse",
            lake.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("policyreach serve: " + PolicyReachServer.DEMO_KEYS_REFUSED + "0.0.0.0")
        .contains("--allow-demo-keys");
  }
}
