package org.policyreach.pipelines.segments;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.policyreach.core.ConfigException;
import org.policyreach.pipelines.segments.expr.ExpressionSource;
import org.policyreach.pipelines.segments.expr.SegmentExpression;
import org.policyreach.pipelines.segments.expr.SegmentFields;

/**
 * Loads {@code conf/segments.yaml} strictly: unknown keys, missing keys, duplicate ids and bad
 * expressions are errors naming the file, line and column.
 *
 * <pre>
 * segments:
 *   - id: small-manufacturing-digital
 *     label_ja: 小規模製造業・デジタル化ニーズ
 *     label_en: Small manufacturers needing digitalization
 *     description: IT導入補助金の重点対象
 *     where: size_class == "small_scale" and jsic in ["E"] and need.digitalization >= 0.5
 * </pre>
 */
public final class SegmentDefinitions {

  public static final String FILE_NAME = "segments.yaml";

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Set<String> KEYS =
      Set.of("id", "label_ja", "label_en", "description", "where");

  private SegmentDefinitions() {}

  /** The rule segments of {@code confDir/segments.yaml}; none when the file does not exist. */
  public static List<RuleSegment> loadFrom(Path confDir, SegmentFields fields) {
    Path file = confDir.resolve(FILE_NAME);
    return Files.exists(file) ? load(file, fields) : List.of();
  }

  public static List<RuleSegment> load(Path file, SegmentFields fields) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          "Cannot read " + file + ": " + e.getMessage() + ". Check the path and permissions.", e);
    }
    return parse(file, text, fields);
  }

  static List<RuleSegment> parse(Path file, String text, SegmentFields fields) {
    String[] lines = text.split("\n", -1);
    List<RuleSegment> out = new ArrayList<>();
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return out;
      }
      expect(file, p, t == JsonToken.START_OBJECT, "a mapping with the key 'segments'");
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        if (!p.currentName().equals("segments")) {
          throw error(
              file,
              p.currentTokenLocation(),
              "unknown key '" + p.currentName() + "'",
              "The file holds one key, 'segments', with a list of segments.");
        }
        expect(file, p, p.nextToken() == JsonToken.START_ARRAY, "a list of segments");
        Set<String> ids = new HashSet<>();
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
          RuleSegment s = segment(file, lines, p, fields);
          if (!ids.add(s.id())) {
            throw error(
                file,
                p.currentTokenLocation(),
                "duplicate segment id '" + s.id() + "'",
                "Give every segment its own id.");
          }
          out.add(s);
        }
        expect(file, p, t == JsonToken.END_ARRAY, "a segment (a mapping with id, label_ja, where)");
      }
    } catch (IOException e) {
      throw new ConfigException(
          file + ": not valid YAML: " + e.getMessage() + ". Fix the YAML syntax.", e);
    }
    return out;
  }

  private static RuleSegment segment(Path file, String[] lines, JsonParser p, SegmentFields fields)
      throws IOException {
    JsonLocation start = p.currentTokenLocation();
    Map<String, String> values = new HashMap<>();
    JsonLocation whereAt = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonLocation keyAt = p.currentTokenLocation();
      if (!KEYS.contains(key)) {
        throw error(
            file,
            keyAt,
            "unknown key '" + key + "' in a segment",
            "Allowed keys: id, label_ja, label_en, description, where.");
      }
      JsonToken v = p.nextToken();
      if (!v.isScalarValue()) {
        throw error(
            file, p.currentTokenLocation(), "'" + key + "' must be text", "Write one value.");
      }
      values.put(key, p.getText());
      if (key.equals("where")) {
        whereAt = p.currentTokenLocation();
      }
    }
    for (String required : List.of("id", "label_ja", "where")) {
      if (values.get(required) == null || values.get(required).isBlank()) {
        throw error(
            file,
            start,
            "segment without '" + required + "'",
            "Every segment needs id, label_ja and where.");
      }
    }
    String id = values.get("id").trim();
    if (!ID.matcher(id).matches()) {
      throw error(
          file,
          start,
          "segment id '" + id + "' is not a valid id",
          "Use lower-case letters, digits, '-' and '_' (e.g. small-manufacturing-digital).");
    }
    String where = values.get("where");
    int[][] positions = align(lines, whereAt, where);
    ExpressionSource source =
        ExpressionSource.in(
            file,
            "segment '" + id + "'",
            where,
            offset -> {
              int[] lc = positions[Math.min(Math.max(offset, 0), positions.length - 1)];
              return new ExpressionSource.Position(lc[0], lc[1]);
            });
    return new RuleSegment(
        id,
        values.get("label_ja").trim(),
        values.get("label_en"),
        values.get("description"),
        SegmentExpression.parse(source, fields));
  }

  /**
   * Maps each offset of the scalar's value to its 1-based line and column in the file. YAML may
   * fold lines and strip indentation, but never changes non-blank characters (bar escapes), so the
   * non-blank characters of the value are matched in order against the file from where the scalar
   * starts.
   */
  static int[][] align(String[] lines, JsonLocation at, String value) {
    int[][] out = new int[value.length() + 1][];
    int line = Math.max(0, at.getLineNr() - 1);
    int col = Math.max(0, at.getColumnNr() - 1);
    int[] fallback = {line + 1, col + 1};
    if (line < lines.length && col < lines[line].length()) {
      char first = lines[line].charAt(col);
      if (first == '|' || first == '>') {
        line++;
        col = 0;
      } else if (first == '"' || first == '\'') {
        col++;
      }
    }
    int[] last = fallback;
    boolean lost = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || lost) {
        out[i] = last;
        continue;
      }
      boolean found = false;
      while (line < lines.length) {
        String l = lines[line];
        while (col < l.length() && Character.isWhitespace(l.charAt(col))) {
          col++;
        }
        if (col < l.length()) {
          found = l.charAt(col) == c;
          break;
        }
        line++;
        col = 0;
      }
      if (!found) {
        lost = true; // an escape sequence: keep the last known position from here on
        out[i] = last;
        continue;
      }
      out[i] = new int[] {line + 1, col + 1};
      last = new int[] {line + 1, col + 2};
      col++;
    }
    out[value.length()] = last;
    return out;
  }

  private static void expect(Path file, JsonParser p, boolean ok, String what) {
    if (!ok) {
      throw error(file, p.currentTokenLocation(), "unexpected content", "Expected " + what + ".");
    }
  }

  private static ConfigException error(Path file, JsonLocation at, String problem, String fix) {
    return ConfigException.at(file, at.getLineNr(), at.getColumnNr(), problem, fix);
  }
}
