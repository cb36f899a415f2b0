package org.policyreach.pipelines.airflow;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where Airflow's API server is and who to log in as. {@link #fromEnvironment} reads {@code
 * POLICYREACH_AIRFLOW_URL}, {@code POLICYREACH_AIRFLOW_USER} and {@code
 * POLICYREACH_AIRFLOW_PASSWORD}; explicit values win over the environment.
 *
 * @param baseUrl the API server's root, e.g. {@code http://127.0.0.1:8080} (no {@code /api/v2})
 * @param username a user of Airflow's auth manager
 * @param password that user's password (never printed: see {@link #toString()})
 * @param requestTimeout how long one HTTP request may take
 */
public record AirflowSettings(
    URI baseUrl, String username, String password, Duration requestTimeout) {

  public static final String URL_ENV = "POLICYREACH_AIRFLOW_URL";
  public static final String USER_ENV = "POLICYREACH_AIRFLOW_USER";
  public static final String PASSWORD_ENV = "POLICYREACH_AIRFLOW_PASSWORD";
  public static final String DEFAULT_URL = "http://127.0.0.1:8080";
  public static final String DEFAULT_USER = "admin";
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  public AirflowSettings {
    Objects.requireNonNull(baseUrl, "baseUrl is null");
    Objects.requireNonNull(username, "username is null");
    Objects.requireNonNull(password, "password is null");
    Objects.requireNonNull(requestTimeout, "requestTimeout is null");
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
      throw AirflowException.badRequest(
          "Cannot use Airflow URL '"
              + baseUrl
              + "': it must be an http(s) URL of the API server, e.g. http://127.0.0.1:8080.");
    }
    // Paths are appended to the base URL: keep it without a trailing slash.
    String text = baseUrl.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    baseUrl = URI.create(text);
  }

  /**
   * Settings from explicit values, each falling back to the environment and then to the defaults
   * ({@value #DEFAULT_URL}, user {@value #DEFAULT_USER}). The password has no default.
   *
   * @param passwordEnv the environment variable holding the password (null: {@value
   *     #PASSWORD_ENV}); passwords are never given on the command line
   */
  public static AirflowSettings fromEnvironment(
      Map<String, String> env, String url, String user, String passwordEnv) {
    String u = firstNonBlank(url, env.get(URL_ENV), DEFAULT_URL);
    String name = firstNonBlank(user, env.get(USER_ENV), DEFAULT_USER);
    String pwVar = passwordEnv == null || passwordEnv.isBlank() ? PASSWORD_ENV : passwordEnv;
    String pw = env.get(pwVar);
    if (pw == null || pw.isEmpty()) {
      throw AirflowException.badRequest(
          "Cannot log in to Airflow at "
              + u
              + " as '"
              + name
              + "': environment variable "
              + pwVar
              + " holding the password is not set. Export it (bin/airflow-standalone writes it to"
              + " its env file) or name another variable with --password-env.");
    }
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw AirflowException.badRequest(
          "Cannot use Airflow URL '" + u + "': " + e.getMessage() + ". Use e.g. http://host:8080.");
    }
    return new AirflowSettings(uri, name, pw, DEFAULT_REQUEST_TIMEOUT);
  }

  /** The same settings with another request timeout. */
  public AirflowSettings withRequestTimeout(Duration timeout) {
    return new AirflowSettings(baseUrl, username, password, timeout);
  }

  @Override
  public String toString() {
    return "AirflowSettings[baseUrl=" + baseUrl + ", username=" + username + ", password=***]";
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
