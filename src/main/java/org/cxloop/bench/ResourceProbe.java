package org.cxloop.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak driver heap and process RSS over one phase. In local mode the driver JVM runs the tasks
 * too, so this is the whole of Spark's memory (and DuckDB's, which runs in-process).
 *
 * <p>Heap: a daemon thread samples the used heap every {@value #SAMPLE_MS} ms (MemoryMXBean);
 * a peak shorter than that can be missed. RSS: the kernel's high-water mark VmHWM from
 * /proc/self/status, reset at the phase start by writing 5 to /proc/self/clear_refs; where the
 * reset is refused the figure is the process's peak so far, and {@link #rssIsPerPhase} says so.
 */
final class ResourceProbe implements AutoCloseable {

  static final long SAMPLE_MS = 20;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final Thread sampler;
  private volatile long peakHeap;
  private volatile boolean running = true;
  private long gcMillisAtStart;
  private final long cpuNanosAtStart = processCpuNanos();
  private final long jitMillisAtStart = jitMillis();
  private final boolean rssIsPerPhase;

  /** Result of one phase. */
  record Peaks(long heapBytes, long rssBytes, double gcSeconds, double cpuSeconds, double jitSeconds) {}

  private ResourceProbe() {
    rssIsPerPhase = resetRssPeak();
    peakHeap = memory.getHeapMemoryUsage().getUsed();
    gcMillisAtStart = gcMillis();
    sampler = new Thread(() -> {
      while (running) {
        long used = memory.getHeapMemoryUsage().getUsed();
        if (used > peakHeap) {
          peakHeap = used;
        }
        try {
          Thread.sleep(SAMPLE_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "cxloop-bench-probe");
    sampler.setDaemon(true);
    sampler.start();
  }

  static ResourceProbe start() {
    return new ResourceProbe();
  }

  boolean rssIsPerPhase() {
    return rssIsPerPhase;
  }

  Peaks stop() {
    running = false;
    sampler.interrupt();
    long used = memory.getHeapMemoryUsage().getUsed();
    return new Peaks(Math.max(peakHeap, used), vmHwmBytes(), (gcMillis() - gcMillisAtStart) / 1000.0,
        (processCpuNanos() - cpuNanosAtStart) / 1e9, (jitMillis() - jitMillisAtStart) / 1000.0);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }

  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** Total time of the JIT compiler threads so far (0 where the JVM does not say). */
  static long jitMillis() {
    java.lang.management.CompilationMXBean c = ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : 0;
  }

  /** CPU time of the whole JVM process (all threads), or 0 where the platform does not say. */
  static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
  }

  /** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+). */
  static boolean resetRssPeak() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** VmHWM of this process in bytes; 0 where /proc is not there (not Linux). */
  static long vmHwmBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
