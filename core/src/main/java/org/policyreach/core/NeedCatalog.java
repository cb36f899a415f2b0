package org.policyreach.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The needs taxonomy, loaded strictly from {@code conf/needs.yaml}:
 *
 * <pre>
 * needs:
 *   - id: equipment_investment
 *     label_ja: 設備投資
 *     label_en: Equipment investment
 *     keywords: [設備, 機械, 更新]
 * </pre>
 */
public final class NeedCatalog {
  static final Set<String> FILE_KEYS = Set.of("needs");
  static final Set<String> NEED_KEYS = Set.of("id", "label_ja", "label_en", "keywords");

  private final Map<String, Need> byId;

  private NeedCatalog(List<Need> needs) {
    Map<String, Need> m = new LinkedHashMap<>();
    for (Need n : needs) {
      if (m.put(n.id(), n) != null) {
        throw new IllegalArgumentException("duplicate need id " + n.id());
      }
    }
    this.byId = Collections.unmodifiableMap(m);
  }

  /** A catalog from values (for tests and generators). */
  public static NeedCatalog of(List<Need> needs) {
    return new NeedCatalog(requireNonNull(needs, "needs is null"));
  }

  /**
   * Loads and validates {@code needs.yaml}.
   *
   * @throws ConfigException naming file and line for unknown keys, missing fields, duplicate or
   *     malformed ids, empty keyword lists
   */
  public static NeedCatalog load(Path needsYaml) {
    YamlNode root = YamlNode.read(needsYaml);
    if (root.isNull()) {
      throw root.error("the needs file is empty", "list the needs under 'needs:'");
    }
    root.checkKeys(FILE_KEYS);
    List<Need> needs = new ArrayList<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    for (YamlNode raw : root.require("needs").items()) {
      YamlNode n = raw.requireMap();
      if (n.get("id").isEmpty()) {
        n.checkKeys(NEED_KEYS); // a misspelt id key is reported as such
      }
      YamlNode idNode = n.require("id");
      String id = idNode.nonBlankString();
      if (!Need.ID.matcher(id).matches()) {
        throw idNode.error(
            "need id '" + id + "' is not snake_case",
            "use lower-case letters, digits and '_', for example equipment_investment");
      }
      Integer previous = lines.putIfAbsent(id, idNode.line());
      if (previous != null) {
        throw idNode.error(
            "duplicate need id '" + id + "' (first at line " + previous + ")",
            "give each need a unique id");
      }
      YamlNode named = n.withContext("need '" + id + "'").checkKeys(NEED_KEYS);
      List<String> keywords = new ArrayList<>();
      YamlNode kw = named.require("keywords");
      for (String k : kw.withContext("keywords of need '" + id + "'").stringList()) {
        String s = JapaneseText.nfkcTrim(k);
        if (s.isEmpty()) {
          throw kw.error("empty keyword in need '" + id + "'", "remove it");
        }
        if (!keywords.contains(s)) {
          keywords.add(s);
        }
      }
      if (keywords.isEmpty()) {
        throw kw.error("need '" + id + "' has no keywords", "list at least one Japanese keyword");
      }
      needs.add(
          new Need(
              id,
              named
                  .require("label_ja")
                  .withContext("label_ja of need '" + id + "'")
                  .nonBlankString(),
              named
                  .require("label_en")
                  .withContext("label_en of need '" + id + "'")
                  .nonBlankString(),
              keywords));
    }
    if (needs.isEmpty()) {
      throw root.error("no needs are defined", "list at least one need under 'needs:'");
    }
    return new NeedCatalog(needs);
  }

  /** All needs in file order. */
  public List<Need> needs() {
    return List.copyOf(byId.values());
  }

  public Optional<Need> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Ids in file order. */
  public Set<String> ids() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(byId.keySet()));
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  public int size() {
    return byId.size();
  }
}
