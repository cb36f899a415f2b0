package org.policyreach.serving.snapshot;

import java.util.Arrays;

/** Append-only primitive arrays for staging table rows while a snapshot loads. */
final class GrowableArrays {
  private GrowableArrays() {}

  private static int grow(int capacity, int needed) {
    int next = Math.max(needed, capacity + (capacity >> 1) + 16);
    if (next < 0) {
      throw new OutOfMemoryError("staging array too large");
    }
    return next;
  }

  static final class Longs {
    long[] a = new long[1024];
    int size;

    void add(long v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, grow(a.length, size + 1));
      }
      a[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }

  static final class Ints {
    int[] a = new int[1024];
    int size;

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, grow(a.length, size + 1));
      }
      a[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }

  static final class Shorts {
    short[] a = new short[1024];
    int size;

    void add(short v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, grow(a.length, size + 1));
      }
      a[size++] = v;
    }
  }

  static final class Floats {
    float[] a = new float[1024];
    int size;

    void add(float v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, grow(a.length, size + 1));
      }
      a[size++] = v;
    }
  }

  static final class Bytes {
    byte[] a = new byte[1024];
    int size;

    void add(byte v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, grow(a.length, size + 1));
      }
      a[size++] = v;
    }

    void addAll(byte[] v) {
      if (size + v.length > a.length) {
        a = Arrays.copyOf(a, grow(a.length, size + v.length));
      }
      System.arraycopy(v, 0, a, size, v.length);
      size += v.length;
    }
  }
}
