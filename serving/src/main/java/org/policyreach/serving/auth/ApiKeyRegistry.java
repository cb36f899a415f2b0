package org.policyreach.serving.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.policyreach.core.OnBehalfAssertion;
import org.policyreach.serving.ServingException;

/**
 * The API keys of {@code conf/api-keys.yaml}. Keys are stored as SHA-256 hashes; a presented key is
 * hashed and compared with every configured hash in constant time ({@link MessageDigest#isEqual}),
 * without stopping at the first match, so timing does not tell how many bytes or which entry
 * matched.
 */
public final class ApiKeyRegistry {
  public static final String FILE_NAME = "api-keys.yaml";
  public static final double DEFAULT_REQUESTS_PER_SECOND = 50;
  public static final int DEFAULT_BURST = 100;

  /**
   * Distinct firms a key may read a day (Tokyo) unless {@code daily_firm_quota} says otherwise: far
   * above a day of real portal traffic, far below an enumeration of the registry.
   */
  public static final int DEFAULT_DAILY_FIRM_QUOTA = 50_000;

  /**
   * The keys shipped in the repository's {@code conf/api-keys.yaml}, whose plaintext is published
   * in the README: recognised by hash, whatever id they are given.
   */
  public static final List<String> DEMO_KEY_PLAINTEXTS =
      List.of("demo-portal-key", "demo-officer-key", "demo-admin-key");

  private static final Set<String> DEMO_HASHES =
      DEMO_KEY_PLAINTEXTS.stream().map(ApiKeyRegistry::sha256Hex).collect(Collectors.toSet());

  private final List<ApiKey> keys;

  public ApiKeyRegistry(List<ApiKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * Loads {@code <confDir>/api-keys.yaml}, on-behalf secrets named by variable from the process.
   */
  public static ApiKeyRegistry load(Path confDir) {
    return load(confDir, System.getenv());
  }

  /**
   * Loads {@code <confDir>/api-keys.yaml}; an {@code on_behalf_secret_env} is looked up in {@code
   * env}.
   */
  public static ApiKeyRegistry load(Path confDir, Map<String, String> env) {
    Path file = confDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw ServingException.failure(
          "Cannot load API keys: "
              + file
              + " does not exist. Create it (see conf/api-keys.yaml in the repository) or pass"
              + " --conf with the directory that holds it",
          null);
    }
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    KeysFile parsed;
    try {
      parsed = yaml.readValue(file.toFile(), KeysFile.class);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw ServingException.failure(
          "Cannot load API keys from "
              + file
              + where
              + ": "
              + e.getOriginalMessage()
              + ". Each entry needs id, role (portal|officer|admin) and sha256 (64 hex digits);"
              + " optional requests_per_second, burst, daily_firm_quota, on_behalf_secret_env"
              + " (or on_behalf_secret) and note",
          e);
    } catch (IOException e) {
      throw ServingException.failure("Cannot read API keys file " + file + ": " + e, e);
    }
    if (parsed == null || parsed.keys == null || parsed.keys.isEmpty()) {
      throw ServingException.failure(
          "Cannot load API keys: " + file + " lists no keys under 'keys:'; add at least one", null);
    }
    double defaultRate =
        parsed.defaults == null || parsed.defaults.requestsPerSecond == null
            ? DEFAULT_REQUESTS_PER_SECOND
            : parsed.defaults.requestsPerSecond;
    int defaultBurst =
        parsed.defaults == null || parsed.defaults.burst == null
            ? DEFAULT_BURST
            : parsed.defaults.burst;
    int defaultQuota =
        parsed.defaults == null || parsed.defaults.dailyFirmQuota == null
            ? DEFAULT_DAILY_FIRM_QUOTA
            : parsed.defaults.dailyFirmQuota;
    List<ApiKey> keys = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, String> idByHash = new HashMap<>();
    int n = 0;
    for (KeyEntry e : parsed.keys) {
      n++;
      String at = file + " key #" + n;
      if (e.id == null || e.id.isBlank()) {
        throw ServingException.failure("Cannot load API keys: " + at + " has no id", null);
      }
      if (!ids.add(e.id)) {
        throw ServingException.failure(
            "Cannot load API keys: " + at + " repeats the id '" + e.id + "'; ids must be unique",
            null);
      }
      Role role = Role.ofId(e.role);
      if (role == null) {
        throw ServingException.failure(
            "Cannot load API keys: "
                + at
                + " ('"
                + e.id
                + "') has role '"
                + e.role
                + "'; use portal, officer or admin",
            null);
      }
      if (e.sha256 == null || !e.sha256.matches("[0-9a-fA-F]{64}")) {
        throw ServingException.failure(
            "Cannot load API keys: "
                + at
                + " ('"
                + e.id
                + "') needs sha256 with 64 hex digits (printf %s KEY | sha256sum)",
            null);
      }
      double rate = e.requestsPerSecond == null ? defaultRate : e.requestsPerSecond;
      int burst = e.burst == null ? defaultBurst : e.burst;
      if (!(rate > 0) || burst < 1) {
        throw ServingException.failure(
            "Cannot load API keys: "
                + at
                + " ('"
                + e.id
                + "') needs requests_per_second > 0 and burst >= 1",
            null);
      }
      String other = idByHash.putIfAbsent(e.sha256.toLowerCase(Locale.ROOT), e.id);
      if (other != null) {
        throw ServingException.failure(
            "Cannot load API keys: "
                + at
                + " ('"
                + e.id
                + "') has the same sha256 as '"
                + other
                + "', so one secret would sign in as either; give each key its own secret"
                + " (bin/policyreach keys new)",
            null);
      }
      int quota = e.dailyFirmQuota == null ? defaultQuota : e.dailyFirmQuota;
      if (quota < 0) {
        throw ServingException.failure(
            "Cannot load API keys: "
                + at
                + " ('"
                + e.id
                + "') has daily_firm_quota "
                + quota
                + "; use a number of distinct firms a day, or 0 for no quota",
            null);
      }
      keys.add(
          new ApiKey(
              e.id,
              role,
              HexFormat.of().parseHex(e.sha256),
              rate,
              burst,
              onBehalfSecret(e, at, env),
              quota));
    }
    return new ApiKeyRegistry(keys);
  }

  /**
   * The secret a key shares with the portal for on-behalf assertions: {@code on_behalf_secret_env}
   * (the name of an environment variable that holds it: the way to configure a real key) or {@code
   * on_behalf_secret} (the secret itself, in the file: for the demo and tests); null with neither.
   */
  private static byte[] onBehalfSecret(KeyEntry e, String at, Map<String, String> env) {
    if (e.onBehalfSecret != null && e.onBehalfSecretEnv != null) {
      throw ServingException.failure(
          "Cannot load API keys: "
              + at
              + " ('"
              + e.id
              + "') has both on_behalf_secret and on_behalf_secret_env; keep one (the variable,"
              + " outside the demo)",
          null);
    }
    String secret = e.onBehalfSecret;
    String source = "on_behalf_secret";
    if (e.onBehalfSecretEnv != null) {
      secret = env.get(e.onBehalfSecretEnv);
      source = "the environment variable " + e.onBehalfSecretEnv + " (on_behalf_secret_env)";
      if (secret == null || secret.isEmpty()) {
        throw ServingException.failure(
            "Cannot load API keys: "
                + at
                + " ('"
                + e.id
                + "') takes its on-behalf secret from "
                + source
                + ", which is not set; set it to the secret the portal signs with (at least "
                + OnBehalfAssertion.MIN_SECRET_BYTES
                + " characters) before starting the server",
            null);
      }
    }
    if (secret == null) {
      return null;
    }
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < OnBehalfAssertion.MIN_SECRET_BYTES) {
      throw ServingException.failure(
          "Cannot load API keys: "
              + at
              + " ('"
              + e.id
              + "'): the on-behalf secret from "
              + source
              + " is shorter than "
              + OnBehalfAssertion.MIN_SECRET_BYTES
              + " bytes; use a long random one (openssl rand -base64 32)",
          null);
    }
    return bytes;
  }

  /** The key whose hash matches {@code presented}, compared in constant time. */
  public Optional<ApiKey> authenticate(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = sha256(presented);
    ApiKey match = null;
    for (ApiKey key : keys) {
      if (MessageDigest.isEqual(hash, key.hashForComparison())) {
        match = key;
      }
    }
    return Optional.ofNullable(match);
  }

  public List<ApiKey> keys() {
    return keys;
  }

  /** The ids of the loaded keys whose plaintext is a published demo key. */
  public List<String> demoKeyIds() {
    return keys.stream()
        .filter(k -> DEMO_HASHES.contains(HexFormat.of().formatHex(k.hashForComparison())))
        .map(ApiKey::id)
        .toList();
  }

  /** SHA-256 of the UTF-8 bytes of {@code secret}, as stored in api-keys.yaml. */
  public static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  public static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }

  static final class KeysFile {
    @JsonProperty("defaults")
    Defaults defaults;

    @JsonProperty("keys")
    List<KeyEntry> keys;
  }

  static final class Defaults {
    @JsonProperty("requests_per_second")
    Double requestsPerSecond;

    @JsonProperty("burst")
    Integer burst;

    @JsonProperty("daily_firm_quota")
    Integer dailyFirmQuota;
  }

  static final class KeyEntry {
    @JsonProperty("id")
    String id;

    @JsonProperty("role")
    String role;

    @JsonProperty("sha256")
    String sha256;

    @JsonProperty("requests_per_second")
    Double requestsPerSecond;

    @JsonProperty("burst")
    Integer burst;

    @JsonProperty("daily_firm_quota")
    Integer dailyFirmQuota;

    @JsonProperty("on_behalf_secret")
    String onBehalfSecret;

    @JsonProperty("on_behalf_secret_env")
    String onBehalfSecretEnv;

    @JsonProperty("note")
    String note;
  }
}
