package org.policyreach.models.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON form of one model kind (the {@code "model"} object of an artifact). */
interface ModelCodec<M> {
  void write(M model, ObjectNode out);

  /** Reads the model; {@code where} names the artifact for error messages. */
  M read(JsonNode node, String where);
}
