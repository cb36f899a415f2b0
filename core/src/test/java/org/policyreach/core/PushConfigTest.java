package org.policyreach.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code push} section of {@code conf/policyreach.yaml} (push campaigns). */
class PushConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsAndOverrides() throws IOException {
    PolicyReachConfig.Push d = PolicyReachConfig.defaults().push();
    assertThat(d.smtpHost()).isEqualTo("localhost");
    assertThat(d.smtpPort()).isEqualTo(25);
    assertThat(d.mailFrom()).isEqualTo("noreply@policyreach.example.go.jp");
    assertThat(d.portalUrl()).isEqualTo("https://portal.example.go.jp");
    Files.writeString(
        dir.resolve("policyreach.yaml"),
        "push:\n  smtp_host: mail.example.go.jp\n  smtp_port: 2525\n  portal_url: https://p.example/\n");
    PolicyReachConfig.Push p = PolicyReachConfig.load(dir).push();
    assertThat(p.smtpHost()).isEqualTo("mail.example.go.jp");
    assertThat(p.smtpPort()).isEqualTo(2525);
    assertThat(p.portalUrl()).isEqualTo("https://p.example");
    assertThat(p.mailFrom()).isEqualTo(d.mailFrom());
  }

  @Test
  void badValuesNameTheLineAndTheFix() throws IOException {
    Path f = dir.resolve("policyreach.yaml");
    Files.writeString(f, "push:\n  smtp_port: 70000\n");
    assertThatThrownBy(() -> PolicyReachConfig.load(dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(f + ":2:")
        .hasMessageContaining("push.smtp_port must be in 1..65535, got 70000");
    Files.writeString(f, "push:\n  mail_from: nobody\n");
    assertThatThrownBy(() -> PolicyReachConfig.load(dir))
        .hasMessageContaining("push.mail_from must be an e-mail address, got nobody");
    Files.writeString(f, "push:\n  smtp_hots: x\n");
    assertThatThrownBy(() -> PolicyReachConfig.load(dir))
        .hasMessageContaining("unknown key 'smtp_hots' in section 'push'");
  }

  @Test
  void noticeEventTypesParse() {
    assertThat(EventType.parse("notice_opened")).isEqualTo(EventType.NOTICE_OPENED);
    assertThat(EventType.parse("notice-clicked")).isEqualTo(EventType.NOTICE_CLICKED);
  }
}
