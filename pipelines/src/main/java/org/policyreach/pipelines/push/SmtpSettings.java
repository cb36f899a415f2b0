package org.policyreach.pipelines.push;

import org.policyreach.core.PolicyReachConfig;
import org.policyreach.pipelines.PipelineException;

/**
 * Where campaign e-mail goes: {@code push.smtp_host}/{@code smtp_port}, or env {@code
 * POLICYREACH_SMTP}.
 */
public record SmtpSettings(String host, int port, String from, String portalUrl) {
  public static final String ENV = "POLICYREACH_SMTP";

  /**
   * The configured server, overridden by {@code override} ({@code host:port}, the value of {@value
   * #ENV}) when it is not blank.
   */
  public static SmtpSettings resolve(PolicyReachConfig.Push push, String override) {
    if (override == null || override.isBlank()) {
      return new SmtpSettings(push.smtpHost(), push.smtpPort(), push.mailFrom(), push.portalUrl());
    }
    String v = override.strip();
    int colon = v.lastIndexOf(':');
    try {
      if (colon <= 0) {
        throw new NumberFormatException("no port");
      }
      int port = Integer.parseInt(v.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException("port out of range");
      }
      return new SmtpSettings(v.substring(0, colon), port, push.mailFrom(), push.portalUrl());
    } catch (NumberFormatException e) {
      throw PipelineException.badInput(
          ENV
              + "='"
              + override
              + "' is not host:port (e.g. localhost:2525); fix or unset it to use"
              + " push.smtp_host and push.smtp_port of conf/policyreach.yaml");
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
