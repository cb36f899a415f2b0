package org.policyreach.serving.snapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns values to small dense ids while a snapshot loads, so that millions of rows store an int
 * (or short) instead of a reference to one of a few thousand distinct values.
 */
final class Dictionary<T> {
  private final Map<T, Integer> ids = new HashMap<>();
  private final List<T> values = new ArrayList<>();

  int id(T value) {
    Integer id = ids.get(value);
    if (id == null) {
      id = values.size();
      ids.put(value, id);
      values.add(value);
    }
    return id;
  }

  int size() {
    return values.size();
  }

  List<T> values() {
    return values;
  }
}
