package org.policyreach.generator;

/** Receives progress of a generation run (called from worker threads, possibly concurrently). */
public interface GeneratorListener {
  /** A stage starts: {@code firms}, {@code registry diff}, {@code assemble}. */
  default void stage(String name) {}

  /** Records (firms) processed so far in the current stage. */
  default void progress(long records) {}

  /** The current stage finished. */
  default void done(String summary) {}

  GeneratorListener NONE = new GeneratorListener() {};
}
