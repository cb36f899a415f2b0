package org.policyreach.serving.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The officer UI's static files, served from the classpath folder {@code /ui/} (a directory path
 * serves its {@code index.html}). Files are read once and kept; types come from the extension.
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

  private final ClassLoader loader;
  private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

  public StaticAssets(ClassLoader loader) {
    this.loader = loader;
  }

  /** A file's bytes and content type. */
  public record Asset(byte[] bytes, String contentType) {}

  /** The asset for a request path under {@code /ui/}; empty if there is none. */
  public Optional<Asset> find(String path) {
    if (!path.startsWith(PREFIX) || path.contains("..") || path.contains("//")) {
      return Optional.empty();
    }
    String rel = path.substring(1);
    if (rel.endsWith("/")) {
      rel = rel + "index.html";
    }
    if (rel.endsWith("/README.md")) {
      return Optional.empty();
    }
    String resource = rel;
    return cache.computeIfAbsent(resource, this::load);
  }

  private Optional<Asset> load(String resource) {
    int dot = resource.lastIndexOf('.');
    String ext = dot < 0 ? "" : resource.substring(dot + 1).toLowerCase(Locale.ROOT);
    String type = TYPES.get(ext);
    if (type == null) {
      return Optional.empty();
    }
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      return Optional.of(new Asset(in.readAllBytes(), type));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read UI asset " + resource, e);
    }
  }
}
