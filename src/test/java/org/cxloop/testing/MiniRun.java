package org.cxloop.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cxloop.jobs.NightlyJob;

/**
 * One nightly run on the {@link MiniFixture} inputs, shared by the test classes that only read
 * its tables (Delta Kernel, publish): a run costs tens of seconds, reading it costs little.
 */
public final class MiniRun {

  private static Path warehouse;

  private MiniRun() {}

  /** The warehouse of the shared run (2026-06-14..17), made on first use, deleted at JVM exit. */
  public static synchronized Path warehouse() {
    if (warehouse == null) {
      try {
        Path dir = Files.createTempDirectory("cxloop-minirun-");
        NightlyJob.run(SharedSpark.get(), new NightlyJob.Config(MiniFixture.config(dir),
            LocalDate.parse("2026-06-14"), LocalDate.parse("2026-06-17"), "minirun-1"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        warehouse = dir;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return warehouse;
  }

  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temp folder
    }
  }
}
