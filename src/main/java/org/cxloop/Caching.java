package org.cxloop;

import org.apache.spark.storage.StorageLevel;

/** How the nightly run caches what it reads more than once. */
public final class Caching {

  private Caching() {}

  /**
   * Serialized in memory, spilled to local disk when memory is short. The deserialized
   * MEMORY_AND_DISK ran a 4 GiB driver out of heap at 10M answers: a cached partition of the
   * inputs (about 230 MiB) that had gone to disk was deserialized back into memory whole when
   * it was read again. Serialized blocks are sized exactly before they are taken into memory,
   * and read from disk batch by batch when they do not fit.
   */
  public static final StorageLevel SPILLABLE = StorageLevel.MEMORY_AND_DISK_SER();
}
