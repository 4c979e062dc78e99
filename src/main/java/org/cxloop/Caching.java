package org.cxloop;

import org.apache.spark.storage.StorageLevel;

/** How the nightly run caches what it reads more than once. */
public final class Caching {

  private Caching() {}

  /**
   * In memory as objects, spilled to local disk when memory is short. The serialized level
   * (MEMORY_AND_DISK_SER) was tried when a 4 GiB driver ran out of heap at 10M answers: it ran
   * out of heap at 1M as well, and made enrich and write about 30% slower before it did. See
   * docs/benchmark.md for what a 10M full rebuild needs.
   */
  public static final StorageLevel SPILLABLE = StorageLevel.MEMORY_AND_DISK();
}
