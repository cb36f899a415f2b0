package org.policyreach.serving.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: status, content type, body and extra headers. */
public final class ApiResponse {
  public static final String JSON = "application/json; charset=utf-8";

  private final int status;
  private final String contentType;
  private final byte[] body;
  private final int length;
  private final Map<String, String> headers = new LinkedHashMap<>();

  private ApiResponse(int status, String contentType, byte[] body, int length) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.length = length;
  }

  public static ApiResponse json(int status, Object value) {
    byte[] b = Json.write(value);
    return new ApiResponse(status, JSON, b, b.length);
  }

  public static ApiResponse ok(Object value) {
    return json(200, value);
  }

  public static ApiResponse bytes(int status, String contentType, byte[] body) {
    return new ApiResponse(status, contentType, body, body.length);
  }

  /** The first {@code length} bytes of {@code buffer} (no copy). */
  public static ApiResponse bytes(int status, String contentType, byte[] buffer, int length) {
    return new ApiResponse(status, contentType, buffer, length);
  }

  public static ApiResponse text(int status, String contentType, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return new ApiResponse(status, contentType, b, b.length);
  }

  public ApiResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  /** The body (only the first {@link #length()} bytes count). */
  public byte[] body() {
    return body;
  }

  public int length() {
    return length;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
