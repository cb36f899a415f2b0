package org.policyreach.ingestion.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reading one JSON Lines record: strict JSON, values as text for the core parsers. */
final class JsonLine {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // {"status":"a","status":"b"}: which value was meant is not known, so the line is refused
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          // exact numbers: 1e-400 must not silently become 0, nor 1e400 Infinity
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Digits before the decimal point above which a JSON number is rejected, not expanded. */
  static final int MAX_INTEGER_DIGITS = 30;

  private static final Pattern CONTACT_BLOCK = Pattern.compile("\"contact\"\\s*:\\s*\\{[^}]*\\}?");
  private static final Pattern PHONE =
      Pattern.compile("\\+?\\d{2,5}[-‐ー−()（）\\s]\\d{1,4}[-‐ー−()（）\\s]\\d{3,4}");

  private JsonLine() {}

  /** The object on the line, or null (with a reason added) when it is not one JSON object. */
  static ObjectNode parse(String text, FieldChecks checks) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node instanceof ObjectNode object) {
        return object;
      }
      checks.reject(
          "PARSE_ERROR",
          "line is not a JSON object (got "
              + (node == null ? "nothing" : node.getNodeType())
              + ")");
    } catch (JsonProcessingException e) {
      String m = e.getOriginalMessage();
      checks.reject(
          "PARSE_ERROR",
          m != null && m.startsWith("Duplicate field")
              ? m + ": a field given twice on one line; keep one value (which was meant is unclear)"
              : "not valid JSON: " + m);
    }
    return null;
  }

  /**
   * A scalar as text: strings as they are, integral numbers in plain digits, null/missing as null.
   * Objects and arrays reject the line.
   */
  static String text(JsonNode parent, String field, FieldChecks checks) {
    JsonNode v = parent == null ? null : parent.get(field);
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isTextual()) {
      checks.noControlCharacters(field, v.textValue());
      return v.textValue();
    }
    if (v.isNumber()) {
      BigDecimal d = v.isIntegralNumber() ? new BigDecimal(v.bigIntegerValue()) : v.decimalValue();
      // 1e999999999 is a short text for a billion digits: never expand it
      if (d.signum() != 0 && d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
        checks.reject(
            "FIELD_INVALID",
            field
                + " is a number with more than "
                + MAX_INTEGER_DIGITS
                + " digits ("
                + abbreviate(v.asText())
                + ")");
        return null;
      }
      d = d.stripTrailingZeros();
      if (d.signum() != 0 && d.scale() > MAX_INTEGER_DIGITS) {
        checks.reject(
            "FIELD_INVALID",
            field + " is a number too small to be meaningful (" + abbreviate(v.asText()) + ")");
        return null;
      }
      return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }
    if (v.isBoolean()) {
      return Boolean.toString(v.booleanValue());
    }
    checks.reject("FIELD_TYPE", field + " must be a single value, got " + v.getNodeType());
    return null;
  }

  /** A list of strings; each element may also be an object whose {@code key} is taken. */
  static List<String> strings(JsonNode parent, String field, String key, FieldChecks checks) {
    JsonNode v = parent == null ? null : parent.get(field);
    List<String> out = new ArrayList<>();
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      checks.reject("FIELD_TYPE", field + " must be a list, got " + v.getNodeType());
      return out;
    }
    for (JsonNode item : v) {
      String s = null;
      if (item.isTextual()) {
        s = item.textValue();
        checks.noControlCharacters(field, s);
      } else if (item.isObject() && key != null && item.get(key) != null) {
        s = item.get(key).asText(null);
      } else if (!item.isNull()) {
        checks.reject(
            "FIELD_TYPE",
            field
                + " holds "
                + item.getNodeType()
                + " where a text"
                + (key == null ? "" : " or {\"" + key + "\": …}")
                + " was expected");
      }
      String t = FieldChecks.text(s);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  static JsonNode object(JsonNode parent, String field, FieldChecks checks) {
    JsonNode v = parent == null ? null : parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      checks.reject("FIELD_TYPE", field + " must be an object, got " + v.getNodeType());
      return null;
    }
    return v;
  }

  /**
   * The line as it may be stored outside bronze: the {@code contact} object removed when the line
   * is JSON, otherwise e-mail addresses and phone numbers masked.
   */
  static String withoutContact(String text, ObjectNode parsed) {
    if (parsed != null) {
      if (!parsed.has("contact")) {
        return text;
      }
      ObjectNode copy = parsed.deepCopy();
      copy.remove("contact");
      try {
        return MAPPER.writeValueAsString(copy);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("re-serializing parsed JSON cannot fail", e);
      }
    }
    return maskContacts(text);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  static String maskContacts(String text) {
    String masked = CONTACT_BLOCK.matcher(text).replaceAll("\"contact\":{}");
    masked = org.policyreach.core.ContactMask.mask(masked);
    // a line that did not parse: also any phone-like number, Japanese or not
    return PHONE.matcher(masked).replaceAll(org.policyreach.core.ContactMask.PHONE);
  }
}
