package org.cxloop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import org.cxloop.jobs.NightlyJob;

/**
 * One nightly run on the {@link MiniFixture} inputs (2026-06-14..17), shared by the test classes
 * of a JVM: a run costs tens of seconds, reading it costs little. Classes that only read use
 * {@link #warehouse()}; classes that go on writing take a {@link #copyTo private copy} (Delta
 * tables hold relative paths only, so a copied folder is a complete, independent warehouse).
 */
public final class MiniRun {

  private static Path warehouse;
  private static NightlyJob.Result result;

  private MiniRun() {}

  /** The warehouse of the shared run, made on first use, deleted at JVM exit. Read it, never write it. */
  public static synchronized Path warehouse() {
    if (warehouse == null) {
      try {
        Path dir = Files.createTempDirectory("cxloop-minirun-");
        result = NightlyJob.run(SharedSpark.get(), new NightlyJob.Config(MiniFixture.config(dir),
            LocalDate.parse("2026-06-14"), LocalDate.parse("2026-06-17"), "minirun-1"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        warehouse = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return warehouse;
  }

  /** What the shared run returned (its stage counts, inserted and updated rows). */
  public static synchronized NightlyJob.Result result() {
    warehouse();
    return result;
  }

  /** Copies the shared run's warehouse to {@code target} (which must not exist yet) and returns it. */
  public static Path copyTo(Path target) {
    return copy(warehouse(), target);
  }

  /** Copies warehouse folder {@code source} to {@code target} (which must not exist yet) and returns it. */
  public static Path copy(Path source, Path target) {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path from : files.toList()) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the warehouse " + source + " to " + target, e);
    }
    return target;
  }

  /**
   * Copies the development pseudonym key of warehouse {@code from} into {@code to}. Without
   * CXLOOP_PSEUDONYM_KEY each warehouse makes its own key; warehouses compared row by row need the
   * same one, as in production, where the key comes from the environment.
   */
  public static void copyDevelopmentKey(Path from, Path to) {
    try {
      Path key = from.resolve("_cxloop_private");
      Files.createDirectories(to.resolve("_cxloop_private"));
      try (Stream<Path> files = Files.list(key)) {
        for (Path f : files.toList()) {
          Files.copy(f, to.resolve("_cxloop_private").resolve(f.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: it is a temp folder
    }
  }
}
