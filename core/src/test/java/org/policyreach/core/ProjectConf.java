package org.policyreach.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's real {@code conf/} folder for tests. */
final class ProjectConf {
  private ProjectConf() {}

  /**
   * {@code ${policyreach.project.root}/conf} (surefire sets the property), else the first {@code
   * conf/} with a needs.yaml found walking up from the working directory.
   */
  static Path dir() {
    String root = System.getProperty("policyreach.project.root");
    if (root != null && Files.isRegularFile(Path.of(root, "conf", "needs.yaml"))) {
      return Path.of(root, "conf");
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("conf/needs.yaml"))) {
        return d.resolve("conf");
      }
    }
    throw new IllegalStateException(
        "conf/ not found: set -Dpolicyreach.project.root or run from inside the project");
  }
}
