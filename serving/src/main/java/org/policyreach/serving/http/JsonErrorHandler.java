package org.policyreach.serving.http;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty itself produces (a malformed request line, headers too large, an exception that
 * escaped) in the API's error shape, with the security headers and never a stack trace.
 */
public final class JsonErrorHandler extends ErrorHandler {
  public JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  /** Errors found while parsing, before a request exists (bad request line, huge headers). */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    SecurityHeaders.apply(fields, false);
    fields.put(HttpHeader.CONTENT_TYPE, ApiResponse.JSON);
    return ByteBuffer.wrap(body(status));
  }

  private static byte[] body(int code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", "HTTP_" + code);
    String reason = HttpStatus.getMessage(code);
    error.put("message", reason == null ? "Request failed" : reason);
    return Json.write(Map.of("error", error));
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    byte[] body = body(code);
    SecurityHeaders.apply(response.getHeaders(), false);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiResponse.JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
