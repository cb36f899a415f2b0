package org.policyreach.serving.http;

/** One route's logic: from a parsed, authorized request to a response. */
@FunctionalInterface
public interface Endpoint {
  ApiResponse handle(ApiRequest request);
}
