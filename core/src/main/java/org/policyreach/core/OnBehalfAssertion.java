package org.policyreach.core;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The e-application portal's statement of on whose behalf it asks for a firm's data: the signed-in
 * firm's corporate number and an expiry a few minutes ahead, signed with a secret the portal and
 * the server share (HMAC-SHA256). Sent as the header {@value #HEADER}:
 *
 * <pre>v1.&lt;13-digit corporate number&gt;.&lt;expiry, Unix seconds&gt;.&lt;signature&gt;</pre>
 *
 * where the signature is the unpadded base64url HMAC-SHA256 of {@code v1.<corporate
 * number>.<expiry>} under the shared secret. A portal key may read a firm's registry and attribute
 * values (profile prefill, draft validation, notices) only with an assertion for that firm that has
 * not expired and lives at most {@link #MAX_LIFETIME}.
 */
public final class OnBehalfAssertion {
  public static final String HEADER = "X-PolicyReach-On-Behalf";

  /** The longest an assertion may live: its expiry at most this far after the check. */
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

  /** Shortest shared secret accepted, in bytes of its UTF-8 form. */
  public static final int MIN_SECRET_BYTES = 16;

  private static final String VERSION = "v1";

  private static final Pattern FORM =
      Pattern.compile("v1\\.([0-9]{13})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");

  /** Why an assertion was refused, or {@link #OK}. */
  public enum Verdict {
    OK("valid"),
    MISSING("no " + HEADER + " header"),
    MALFORMED("not v1.<corporate number>.<expiry>.<signature>"),
    OTHER_FIRM("signed for another firm"),
    EXPIRED("expired"),
    TOO_LONG("expires more than " + MAX_LIFETIME.toMinutes() + " minutes ahead"),
    BAD_SIGNATURE("signature does not match");

    private final String text;

    Verdict(String text) {
      this.text = text;
    }

    /** A short English description, safe to return to the caller. */
    public String text() {
      return text;
    }
  }

  private OnBehalfAssertion() {}

  /** The header value for {@code corporateNumber} (13 digits) expiring at {@code expires}. */
  public static String sign(byte[] secret, String corporateNumber, Instant expires) {
    Objects.requireNonNull(corporateNumber, "corporateNumber is null");
    String payload = VERSION + "." + corporateNumber + "." + expires.getEpochSecond();
    return payload
        + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(secret, payload));
  }

  /**
   * Checks {@code header} (null when absent) for the firm {@code corporateNumber} (13 digits) at
   * {@code now}.
   */
  public static Verdict verify(byte[] secret, String header, String corporateNumber, Instant now) {
    if (header == null || header.isBlank()) {
      return Verdict.MISSING;
    }
    Matcher m = FORM.matcher(header.trim());
    if (!m.matches()) {
      return Verdict.MALFORMED;
    }
    String cn = m.group(1);
    String expiry = m.group(2);
    String signature = m.group(3);
    // compared as text with the one canonical encoding (no second spelling of a signature is
    // accepted), in constant time, and first: nothing about the claims is told to a caller who
    // cannot sign
    String expected =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac(secret, VERSION + "." + cn + "." + expiry));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.BAD_SIGNATURE;
    }
    if (!cn.equals(corporateNumber)) {
      return Verdict.OTHER_FIRM;
    }
    long expires = Long.parseLong(expiry);
    if (expires <= now.getEpochSecond()) {
      return Verdict.EXPIRED;
    }
    if (expires > now.plus(MAX_LIFETIME).getEpochSecond()) {
      return Verdict.TOO_LONG;
    }
    return Verdict.OK;
  }

  private static byte[] mac(byte[] secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
