package org.policyreach.pipelines.recommend;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Flat-maps a partition lazily, so a task never holds more than one firm's output. */
public final class LazyIterator<I, O> implements Iterator<O> {
  private final Iterator<I> input;
  private final Function<I, List<O>> expand;
  private Iterator<O> current = Collections.emptyIterator();

  public LazyIterator(Iterator<I> input, Function<I, List<O>> expand) {
    this.input = input;
    this.expand = expand;
  }

  @Override
  public boolean hasNext() {
    while (!current.hasNext()) {
      if (!input.hasNext()) {
        return false;
      }
      current = expand.apply(input.next()).iterator();
    }
    return true;
  }

  @Override
  public O next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
