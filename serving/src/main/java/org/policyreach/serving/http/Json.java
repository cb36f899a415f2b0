package org.policyreach.serving.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.stream.Collectors;
import org.policyreach.serving.ServingException;

/**
 * The one JSON configuration of the API: strict on input (unknown fields, duplicate keys, trailing
 * tokens, floats for integers and nulls for primitives are errors), and the translation of
 * Jackson's exceptions into 400 messages that name the field and the fix, without stack traces or
 * class names.
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  static {
    MAPPER.getFactory().setCharacterEscapes(new SafeEscapes());
  }

  private Json() {}

  /**
   * Output escapes on top of JSON's own: {@code < > &} as {@code \u003C} etc. (an echoed {@code
   * <script>} never appears literally in a response), U+2028/U+2029, and surrogates one by one, so
   * a lone surrogate from an escaped input string ({@code "\uD800"}) is written, not a 500.
   */
  static final class SafeEscapes extends com.fasterxml.jackson.core.io.CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    SafeEscapes() {
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public com.fasterxml.jackson.core.SerializableString getEscapeSequence(int ch) {
      if ((ch >= 0xD800 && ch <= 0xDFFF) || ch == 0x2028 || ch == 0x2029) {
        return new com.fasterxml.jackson.core.io.SerializedString(String.format("\\u%04X", ch));
      }
      return null;
    }
  }

  /** {@code s} with every unpaired surrogate replaced by U+FFFD (safe to encode as UTF-8). */
  public static String wellFormed(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean bad;
      if (Character.isHighSurrogate(c)) {
        bad = i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1));
        if (!bad) {
          if (out != null) {
            out.append(c).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else {
        bad = Character.isLowSurrogate(c);
      }
      if (bad && out == null) {
        out = new StringBuilder(n).append(s, 0, i);
      }
      if (out != null) {
        out.append(bad ? '\uFFFD' : c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static ServingException notAnObject(String where) {
    return ServingException.badRequest(
        "INVALID_JSON", where + " is null: send a JSON object (see /openapi.json)");
  }

  /**
   * Parses {@code body} into {@code type} or throws a 400 {@code INVALID_JSON}/{@code
   * INVALID_FIELD}.
   */
  public static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw ServingException.badRequest(
          "INVALID_JSON",
          "The request body is empty: send a JSON document (Content-Type: application/json)");
    }
    T value;
    try {
      value = MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw translate(e);
    }
    if (value == null) {
      throw notAnObject("The request body");
    }
    return value;
  }

  /** Parses a JSON tree (for bodies that may be an object or an array). */
  public static JsonNode readTree(byte[] body) {
    if (body.length == 0) {
      throw ServingException.badRequest(
          "INVALID_JSON",
          "The request body is empty: send a JSON document (Content-Type: application/json)");
    }
    try (JsonParser p = MAPPER.createParser(body)) {
      JsonNode node = MAPPER.readTree(p);
      if (node == null || node.isMissingNode() || node.isNull()) {
        throw notAnObject("The request body");
      }
      if (p.nextToken() != null) {
        throw ServingException.badRequest(
            "INVALID_JSON",
            "The request body has content after the JSON document at line "
                + p.currentLocation().getLineNr()
                + ": send exactly one JSON value");
      }
      return node;
    } catch (IOException e) {
      throw translate(e);
    }
  }

  public static <T> T convert(JsonNode node, Class<T> type, String where) {
    T value;
    try {
      value = MAPPER.treeToValue(node, type);
    } catch (IOException e) {
      ServingException t = translate(e);
      throw new ServingException(t.status(), t.code(), where + ": " + t.getMessage());
    }
    if (value == null) {
      throw notAnObject(where);
    }
    return value;
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw ServingException.failure("Cannot write JSON response: " + e.getOriginalMessage(), e);
    }
  }

  static ServingException translate(IOException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String known =
          u.getKnownPropertyIds() == null
              ? ""
              : " (accepted fields: "
                  + u.getKnownPropertyIds().stream()
                      .map(Object::toString)
                      .sorted()
                      .collect(Collectors.joining(", "))
                  + ")";
      return ServingException.badRequest(
          "UNKNOWN_FIELD",
          "Unknown field '" + u.getPropertyName() + "' at " + path(u) + ": remove it" + known);
    }
    if (e instanceof InvalidFormatException f) {
      return ServingException.badRequest(
          "INVALID_FIELD",
          "Field "
              + path(f)
              + " has the value "
              + quote(f.getValue())
              + " which is not a valid "
              + typeName(f.getTargetType())
              + ": "
              + hint(f.getTargetType()));
    }
    if (e instanceof MismatchedInputException m) {
      String base = m.getOriginalMessage() == null ? "" : m.getOriginalMessage();
      String what =
          base.contains("Null value for creator property") || base.contains("Cannot map `null`")
              ? "must not be null"
              : "has the wrong type, expected " + typeName(m.getTargetType());
      return ServingException.badRequest(
          "INVALID_FIELD", "Field " + path(m) + " " + what + ": " + hint(m.getTargetType()));
    }
    if (e instanceof JsonParseException p) {
      return ServingException.badRequest(
          "INVALID_JSON",
          "The request body is not valid JSON at line "
              + p.getLocation().getLineNr()
              + ", column "
              + p.getLocation().getColumnNr()
              + ": "
              + firstLine(p.getOriginalMessage()));
    }
    if (e instanceof JsonMappingException m) {
      Throwable cause = m.getCause();
      if (cause instanceof ServingException s) {
        return s;
      }
      return ServingException.badRequest(
          "INVALID_FIELD",
          "Field "
              + path(m)
              + " is invalid: "
              + firstLine(cause != null ? cause.getMessage() : m.getOriginalMessage()));
    }
    if (e instanceof JsonProcessingException j) {
      return ServingException.badRequest(
          "INVALID_JSON",
          "The request body is not valid JSON: " + firstLine(j.getOriginalMessage()));
    }
    return ServingException.badRequest(
        "INVALID_JSON", "The request body cannot be read as JSON: " + firstLine(e.getMessage()));
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder("$");
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append('.').append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String typeName(Class<?> t) {
    if (t == null) {
      return "value";
    }
    if (t == Long.class || t == long.class || t == Integer.class || t == int.class) {
      return "integer";
    }
    if (t == Double.class || t == double.class) {
      return "number";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "boolean (true or false)";
    }
    if (t == String.class) {
      return "string";
    }
    if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) {
      return "array";
    }
    return "object";
  }

  private static String hint(Class<?> t) {
    if (t == Long.class || t == long.class || t == Integer.class || t == int.class) {
      return "give a whole number without quotes, separators or decimals (e.g. 7500000)";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "give true or false";
    }
    if (t == String.class) {
      return "give a JSON string";
    }
    return "see /openapi.json for the expected shape";
  }

  private static String quote(Object v) {
    return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
