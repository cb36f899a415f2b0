package org.policyreach.serving.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The officer UI's static files, served from the classpath folder {@code /ui/} (a directory path
 * serves its {@code index.html}). The files are indexed and read once, at start-up; a request for
 * anything else is a miss that is not remembered. Types come from the extension.
 */
public final class StaticAssets {
  public static final String PREFIX = "/ui/";
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json; charset=utf-8"),
          Map.entry("map", "application/json; charset=utf-8"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("csv", "text/csv; charset=utf-8"));

  private final Map<String, Asset> assets;

  /**
   * Indexes every file under the classpath folder {@code ui/} once: later requests only look up
   * this fixed map, so a request for a missing file stores nothing.
   */
  public StaticAssets(ClassLoader loader) {
    Map<String, Asset> found = new HashMap<>();
    try {
      Enumeration<URL> roots = loader.getResources("ui");
      while (roots.hasMoreElements()) {
        index(roots.nextElement(), found);
      }
    } catch (IOException | URISyntaxException e) {
      throw new UncheckedIOException(
          "Cannot index the UI assets: " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
    this.assets = Map.copyOf(found);
  }

  /** A file's bytes and content type. */
  public record Asset(byte[] bytes, String contentType) {}

  /** How many files are served (fixed at start-up). */
  public int size() {
    return assets.size();
  }

  /** The asset for a request path under {@code /ui/}; empty if there is none. */
  public Optional<Asset> find(String path) {
    if (!path.startsWith(PREFIX) || path.contains("..") || path.contains("//")) {
      return Optional.empty();
    }
    String rel = path.substring(1);
    if (rel.endsWith("/")) {
      rel = rel + "index.html";
    }
    return Optional.ofNullable(assets.get(rel));
  }

  private static void index(URL root, Map<String, Asset> into)
      throws IOException, URISyntaxException {
    if (root.getProtocol().equals("file")) {
      Path dir = Path.of(root.toURI());
      if (!Files.isDirectory(dir)) {
        return;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String rel = "ui/" + dir.relativize(f).toString().replace('\\', '/');
          add(rel, Files.readAllBytes(f), into);
        }
      }
    } else if (root.getProtocol().equals("jar")) {
      JarURLConnection c = (JarURLConnection) root.openConnection();
      c.setUseCaches(false);
      try (JarFile jar = c.getJarFile()) {
        for (JarEntry e : Collections.list(jar.entries())) {
          if (!e.isDirectory() && e.getName().startsWith("ui/")) {
            try (InputStream in = jar.getInputStream(e)) {
              add(e.getName(), in.readAllBytes(), into);
            }
          }
        }
      }
    }
  }

  private static void add(String resource, byte[] bytes, Map<String, Asset> into) {
    if (resource.endsWith("/README.md")) {
      return;
    }
    int dot = resource.lastIndexOf('.');
    String ext = dot < 0 ? "" : resource.substring(dot + 1).toLowerCase(Locale.ROOT);
    String type = TYPES.get(ext);
    if (type != null) {
      into.putIfAbsent(resource, new Asset(bytes, type));
    }
  }
}
