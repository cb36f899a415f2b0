package org.policyreach.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.Callable;
import org.policyreach.core.CorporateNumber;
import org.policyreach.core.DomainException;
import org.policyreach.core.OnBehalfAssertion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code policyreach keys new}: API keys for {@code conf/api-keys.yaml}. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "API keys of the server (conf/api-keys.yaml).",
    subcommands = {KeysCommand.New.class, KeysCommand.OnBehalf.class})
public final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: new or on-behalf (see keys --help)");
  }

  /** Bytes of randomness in a key: 256 bits. */
  static final int KEY_BYTES = 32;

  static final String PREFIX = "pr_";
  private static final Set<String> ROLES = Set.of("portal", "officer", "admin");

  /** A new random key: {@code pr_} and 43 URL-safe Base64 characters (256 bits). */
  static String newKey(SecureRandom random) {
    byte[] raw = new byte[KEY_BYTES];
    random.nextBytes(raw);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  /** The hex SHA-256 of the key's UTF-8 bytes, as the server stores it. */
  static String sha256Hex(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = {
        "Print a new random API key (256 bits, URL-safe) on the first line, then the entry for"
            + " conf/api-keys.yaml that holds only its SHA-256. The key is shown once and stored"
            + " nowhere: hand it to its user, add the entry under 'keys:', restart the server.",
        "",
        "Example:",
        "  bin/policyreach keys new --id portal-prod --role portal"
      })
  static final class New implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--id",
        required = true,
        description = "the key's public id (logged and audited), e.g. portal-prod")
    String id;

    @Option(names = "--role", required = true, description = "portal, officer or admin")
    String role;

    @Override
    public Integer call() {
      if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        throw new BadInputException(
            "--id '"
                + id
                + "' is not a valid id: use 1 to 64 letters, digits, '.', '_' or '-'"
                + " (e.g. portal-prod)");
      }
      if (!ROLES.contains(role)) {
        throw new BadInputException(
            "--role '" + role + "' is not a role: use portal, officer or admin");
      }
      String key = newKey(new SecureRandom());
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "API key '"
              + id
              + "' ("
              + role
              + ") on the first line below: it is shown once and stored nowhere. Add the"
              + " lines after it under 'keys:' in conf/api-keys.yaml, then restart the server.");
      err.flush();
      out.println(key);
      out.println("  - id: " + id);
      out.println("    role: " + role);
      out.println("    sha256: " + sha256Hex(key));
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "on-behalf",
      mixinStandardHelpOptions = true,
      description = {
        "Print the "
            + OnBehalfAssertion.HEADER
            + " header value the portal sends for a firm: a"
            + " short-lived assertion signed with the portal key's on-behalf secret (HMAC-SHA256),"
            + " which the server needs before a portal key may read the firm's profile, validate"
            + " its draft or read its notices. For trying the API and for checking a portal's"
            + " own signing; the portal signs its requests itself.",
        "",
        "Example (the demo portal key's secret, from conf/api-keys.yaml):",
        "  POLICYREACH_ON_BEHALF_SECRET=demo-portal-on-behalf-secret \\",
        "    bin/policyreach keys on-behalf --cn <13-digit corporate number>"
      })
  static final class OnBehalf implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--cn", required = true, description = "the firm's corporate number")
    String cn;

    @Option(
        names = "--minutes",
        defaultValue = "5",
        description = "minutes until it expires (1 to 10; default ${DEFAULT-VALUE})")
    int minutes;

    @Option(
        names = "--secret-env",
        defaultValue = "POLICYREACH_ON_BEHALF_SECRET",
        description =
            "environment variable that holds the key's on-behalf secret (default"
                + " ${DEFAULT-VALUE})")
    String secretEnv;

    @Option(
        names = "--secret-file",
        description = "file that holds the secret instead (its first line; e.g. a mounted secret)")
    java.nio.file.Path secretFile;

    @Override
    public Integer call() {
      String secret;
      if (secretFile != null) {
        try {
          secret = java.nio.file.Files.readString(secretFile).lines().findFirst().orElse("").trim();
        } catch (java.io.IOException e) {
          throw new BadInputException(
              "Cannot read the on-behalf secret from --secret-file " + secretFile + ": " + e);
        }
        if (secret.isEmpty()) {
          throw new BadInputException(
              "--secret-file " + secretFile + " is empty: put the key's on-behalf secret in it");
        }
      } else {
        secret = System.getenv(secretEnv);
      }
      if (secret == null || secret.isEmpty()) {
        throw new BadInputException(
            "The environment variable "
                + secretEnv
                + " is not set: set it to the portal key's on-behalf secret (the value of its"
                + " on_behalf_secret_env variable, or on_behalf_secret in conf/api-keys.yaml)");
      }
      if (minutes < 1 || minutes > OnBehalfAssertion.MAX_LIFETIME.toMinutes()) {
        throw new BadInputException(
            "--minutes "
                + minutes
                + " is out of range: an assertion lives 1 to "
                + OnBehalfAssertion.MAX_LIFETIME.toMinutes()
                + " minutes");
      }
      CorporateNumber number;
      try {
        number = CorporateNumber.parse(cn);
      } catch (DomainException e) {
        throw new BadInputException(
            "--cn '" + cn + "' is not a corporate number: " + e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          OnBehalfAssertion.sign(
              secret.getBytes(StandardCharsets.UTF_8),
              number.value(),
              Instant.now().plus(Duration.ofMinutes(minutes))));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
