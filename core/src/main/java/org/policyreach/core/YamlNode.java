package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML document as a tree that remembers where every node and key came from, so that the strict
 * configuration loaders can name file, line and column in every error. Built with Jackson's
 * streaming YAML parser; duplicate keys are an error (YAML parsers usually let the last one win
 * silently).
 */
final class YamlNode {
  enum Kind {
    MAP,
    LIST,
    SCALAR,
    NULL
  }

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final Kind kind;
  private final Path file;
  private final int line;
  private final int column;
  private final String context;
  private final Map<String, YamlNode> map;
  private final Map<String, int[]> keyLocations;
  private final List<YamlNode> list;
  private final String text;

  private YamlNode(
      Kind kind,
      Path file,
      int line,
      int column,
      String context,
      Map<String, YamlNode> map,
      Map<String, int[]> keyLocations,
      List<YamlNode> list,
      String text) {
    this.kind = kind;
    this.file = file;
    this.line = line;
    this.column = column;
    this.context = context;
    this.map = map;
    this.keyLocations = keyLocations;
    this.list = list;
    this.text = text;
  }

  /** Reads a whole file; an empty file gives a NULL node. */
  static YamlNode read(Path file) {
    requireNonNull(file, "file is null");
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser p = FACTORY.createParser(reader)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new YamlNode(Kind.NULL, file, 1, 1, "document", null, null, null, null);
      }
      YamlNode root = build(p, file, "document");
      if (p.nextToken() != null) {
        throw ConfigException.at(
            file, line(p), column(p), "more than one YAML document", "keep one document per file");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new ConfigException(
          ConfigException.location(
                  file, loc == null ? -1 : loc.getLineNr(), loc == null ? -1 : loc.getColumnNr())
              + ": not valid YAML: "
              + e.getOriginalMessage()
              + ". Fix the syntax (indentation with spaces, 'key: value', lists with '- ')",
          e);
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot read " + file + ": " + e.getMessage() + ". Check that it exists and is readable",
          e);
    }
  }

  private static YamlNode build(JsonParser p, Path file, String context) throws IOException {
    JsonToken t = p.currentToken();
    int line = line(p);
    int col = column(p);
    switch (t) {
      case START_OBJECT:
        {
          Map<String, YamlNode> map = new LinkedHashMap<>();
          Map<String, int[]> keys = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int kl = line(p);
            int kc = column(p);
            if (map.containsKey(key)) {
              throw ConfigException.at(
                  file,
                  kl,
                  kc,
                  "duplicate key '"
                      + key
                      + "' in "
                      + context
                      + " (first at line "
                      + keys.get(key)[0]
                      + ")",
                  "remove one of them");
            }
            p.nextToken();
            keys.put(key, new int[] {kl, kc});
            map.put(key, build(p, file, context.equals("document") ? key : context + "." + key));
          }
          return new YamlNode(
              Kind.MAP,
              file,
              line,
              col,
              context,
              Collections.unmodifiableMap(map),
              Collections.unmodifiableMap(keys),
              null,
              null);
        }
      case START_ARRAY:
        {
          List<YamlNode> items = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(build(p, file, context + "[" + items.size() + "]"));
          }
          return new YamlNode(
              Kind.LIST,
              file,
              line,
              col,
              context,
              null,
              null,
              Collections.unmodifiableList(items),
              null);
        }
      case VALUE_NULL:
        return new YamlNode(Kind.NULL, file, line, col, context, null, null, null, null);
      default:
        return new YamlNode(Kind.SCALAR, file, line, col, context, null, null, null, p.getText());
    }
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  private static int column(JsonParser p) {
    return p.currentTokenLocation().getColumnNr();
  }

  Kind kind() {
    return kind;
  }

  Path file() {
    return file;
  }

  int line() {
    return line;
  }

  boolean isNull() {
    return kind == Kind.NULL;
  }

  /** Human-readable position inside the document, for example {@code programs[3].window}. */
  String context() {
    return context;
  }

  /** A copy of this node with a friendlier context (for example naming the program id). */
  YamlNode withContext(String newContext) {
    return new YamlNode(kind, file, line, column, newContext, map, keyLocations, list, text);
  }

  ConfigException error(String problem, String fix) {
    return ConfigException.at(file, line, column, problem, fix);
  }

  // ---- maps

  YamlNode requireMap() {
    if (kind != Kind.MAP) {
      throw error(
          context + " must be a mapping of 'key: value' lines, found " + describe(),
          "write it as a mapping");
    }
    return this;
  }

  /** Fails on the first key that is not allowed, naming it, the allowed keys and a suggestion. */
  YamlNode checkKeys(Collection<String> allowed) {
    requireMap();
    for (Map.Entry<String, int[]> e : keyLocations.entrySet()) {
      String key = e.getKey();
      if (!allowed.contains(key)) {
        String suggestion = closest(key, allowed).map(s -> "Did you mean '" + s + "'? ").orElse("");
        throw ConfigException.at(
            file,
            e.getValue()[0],
            e.getValue()[1],
            "unknown key '" + key + "' in " + context,
            suggestion + "Allowed keys: " + String.join(", ", new TreeSet<>(allowed)));
      }
    }
    return this;
  }

  Set<String> keys() {
    requireMap();
    return map.keySet();
  }

  Optional<YamlNode> get(String key) {
    requireMap();
    YamlNode n = map.get(key);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  YamlNode require(String key) {
    return get(key)
        .orElseThrow(
            () ->
                error(
                    "missing required key '" + key + "' in " + context, "add '" + key + ": ...'"));
  }

  // ---- lists

  List<YamlNode> items() {
    if (kind != Kind.LIST) {
      throw error(
          context + " must be a list ('- item' lines or [a, b]), found " + describe(),
          "write it as a list");
    }
    return list;
  }

  /** A list of strings; a single scalar is not accepted. */
  List<String> stringList() {
    List<String> out = new ArrayList<>();
    for (YamlNode item : items()) {
      out.add(item.string());
    }
    return out;
  }

  // ---- scalars

  String string() {
    if (kind != Kind.SCALAR) {
      throw error(context + " must be a single value, found " + describe(), "write a plain value");
    }
    return text;
  }

  String nonBlankString() {
    String s = string().strip();
    if (s.isEmpty()) {
      throw error(context + " is empty", "give a value");
    }
    return s;
  }

  long longValue() {
    String s = string().strip().replace("_", "");
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw error(
          context + " must be a whole number, found '" + text + "'",
          "write digits only, for example 10000000");
    }
  }

  int intValue() {
    long v = longValue();
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw error(context + " is out of range: " + v, "use a smaller number");
    }
    return (int) v;
  }

  double doubleValue() {
    String s = string().strip();
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw error(context + " must be a number, found '" + text + "'", "write it like 0.5");
    }
  }

  boolean booleanValue() {
    String s = string().strip().toLowerCase(Locale.ROOT);
    if (s.equals("true")) {
      return true;
    }
    if (s.equals("false")) {
      return false;
    }
    throw error(context + " must be true or false, found '" + text + "'", "write true or false");
  }

  LocalDate date() {
    String s = string().strip();
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw error(
          context + " is not a valid ISO date: '" + s + "' (" + e.getMessage() + ")",
          "write the date as YYYY-MM-DD, for example 2026-04-01");
    }
  }

  private String describe() {
    switch (kind) {
      case MAP:
        return "a mapping";
      case LIST:
        return "a list";
      case NULL:
        return "nothing";
      default:
        return "'" + text + "'";
    }
  }

  static Optional<String> closest(String key, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(key.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 3)
        ? Optional.of(best)
        : Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
