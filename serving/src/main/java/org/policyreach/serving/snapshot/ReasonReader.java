package org.policyreach.serving.snapshot;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code reasons ARRAY<STRUCT<code, message>>} cells and interns whole reason lists:
 * recommendations mostly share a few templated reasons, so a row keeps one int.
 */
final class ReasonReader {
  private final Dictionary<List<Reason>> lists = new Dictionary<>();
  private final Dictionary<Reason> reasons = new Dictionary<>();

  ReasonReader() {
    lists.id(List.of()); // id 0 = no reasons
  }

  int read(ColumnarBatch batch, int ordinal, int row) {
    if (ordinal < 0) {
      return 0;
    }
    ColumnVector column = batch.getColumnVector(ordinal);
    if (column.isNullAt(row)) {
      return 0;
    }
    ArrayValue array = column.getArray(row);
    int n = array.getSize();
    if (n == 0) {
      return 0;
    }
    ColumnVector elements = array.getElements();
    StructType struct = (StructType) ((ArrayType) column.getDataType()).getElementType();
    ColumnVector codes = elements.getChild(struct.indexOf("code"));
    ColumnVector messages = elements.getChild(struct.indexOf("message"));
    List<Reason> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (elements.isNullAt(i)) {
        continue;
      }
      String code = codes.isNullAt(i) ? "" : codes.getString(i);
      String message = messages.isNullAt(i) ? "" : messages.getString(i);
      Reason r = new Reason(code, message);
      list.add(reasons.values().get(reasons.id(r)));
    }
    return lists.id(List.copyOf(list));
  }

  @SuppressWarnings("unchecked")
  List<Reason>[] toArray() {
    return lists.values().toArray(new List[0]);
  }
}
