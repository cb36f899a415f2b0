package org.policyreach.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the configuration folder ({@code conf/} holding {@code needs.yaml}, {@code programs/} and
 * optionally {@code policyreach.yaml}). Order: the {@code --conf} option; the system property
 * {@code policyreach.conf}; the environment variable {@code POLICYREACH_CONF}; {@code ./conf};
 * {@code conf/} under the system property {@code policyreach.project.root} (set by the build for
 * tests); {@code conf/} in a parent of the working directory. An explicitly given location (option,
 * property, variable) must exist — it is never silently replaced by a later candidate.
 */
public final class ConfPaths {
  public static final String ENV = "POLICYREACH_CONF";
  public static final String PROPERTY = "policyreach.conf";
  public static final String PROJECT_ROOT_PROPERTY = "policyreach.project.root";
  public static final String NEEDS_FILE = "needs.yaml";
  public static final String PROGRAMS_DIR = "programs";

  private ConfPaths() {}

  /** {@link #locate(String)} without a {@code --conf} option. */
  public static Path locate() {
    return locate(null);
  }

  /**
   * @param confOption the {@code --conf} value, or null
   * @throws ConfigException when an explicit location is not a conf folder or none is found
   */
  public static Path locate(String confOption) {
    String[][] explicit = {
      {"--conf", confOption},
      {"system property " + PROPERTY, System.getProperty(PROPERTY)},
      {"environment variable " + ENV, System.getenv(ENV)},
    };
    for (String[] e : explicit) {
      if (e[1] != null && !e[1].isBlank()) {
        Path p = Path.of(e[1]).toAbsolutePath().normalize();
        if (!isConfDir(p)) {
          throw new ConfigException(
              p
                  + " (from "
                  + e[0]
                  + ") is not a configuration folder: it must contain "
                  + NEEDS_FILE
                  + " and "
                  + PROGRAMS_DIR
                  + "/. Point "
                  + e[0]
                  + " at the project's conf/ folder");
        }
        return p;
      }
    }
    List<Path> tried = new ArrayList<>();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    List<Path> candidates = new ArrayList<>();
    candidates.add(cwd.resolve("conf"));
    String root = System.getProperty(PROJECT_ROOT_PROPERTY);
    if (root != null && !root.isBlank()) {
      candidates.add(Path.of(root).toAbsolutePath().normalize().resolve("conf"));
    }
    for (Path dir = cwd.getParent(); dir != null; dir = dir.getParent()) {
      candidates.add(dir.resolve("conf"));
    }
    for (Path c : candidates) {
      tried.add(c);
      if (isConfDir(c)) {
        return c;
      }
    }
    throw new ConfigException(
        "No configuration folder found (looked at "
            + tried.get(0)
            + (root != null ? ", " + root + "/conf" : "")
            + " and the parents of "
            + cwd
            + "). Run from the project folder or pass --conf DIR (or set "
            + ENV
            + ")");
  }

  /** True if {@code dir} holds {@code needs.yaml} and a {@code programs/} folder. */
  public static boolean isConfDir(Path dir) {
    return Files.isRegularFile(dir.resolve(NEEDS_FILE))
        && Files.isDirectory(dir.resolve(PROGRAMS_DIR));
  }

  public static Path needsFile(Path confDir) {
    return confDir.resolve(NEEDS_FILE);
  }

  public static Path programsDir(Path confDir) {
    return confDir.resolve(PROGRAMS_DIR);
  }

  public static Path configFile(Path confDir) {
    return confDir.resolve(PolicyReachConfig.FILE_NAME);
  }
}
