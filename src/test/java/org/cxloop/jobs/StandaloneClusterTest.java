package org.cxloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cxloop.output.CxTables;
import org.cxloop.output.TableDef;
import org.cxloop.testing.MiniFixture;
import org.cxloop.testing.SharedSpark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path for real: a Spark standalone master and worker on 127.0.0.1 started from the
 * Maven classpath, the nightly job submitted through jobs/cxloop-nightly with
 * --master spark://..., and its tables compared with a local run of the same script.
 * Run with: mvn -B test -Dcxloop.excluded.groups=none -Dgroups=cluster (after mvn package).
 */
@Tag("cluster")
class StandaloneClusterTest {

  @TempDir Path dir;

  private final List<Process> daemons = new ArrayList<>();
  private final SparkSession spark = SharedSpark.get();

  @AfterEach
  void stopDaemons() {
    daemons.forEach(Process::destroyForcibly);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * A Spark home for the worker without a Spark distribution: jars/ links every provided (Spark)
   * jar of the Maven classpath, and the launcher's build folder exists, which is what the worker
   * checks before it starts executors.
   */
  private Path sparkHome() throws IOException {
    Path home = dir.resolve("spark-home");
    Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
    Set<String> shipped = Set.of(Files.readString(Path.of("target/classpath-ship.txt")).trim().split(":"));
    for (String jar : Files.readString(Path.of("target/classpath-compile.txt")).trim().split(":")) {
      if (!shipped.contains(jar)) {
        Path link = home.resolve("jars").resolve(Path.of(jar).getFileName());
        if (!Files.exists(link)) {
          Files.createSymbolicLink(link, Path.of(jar));
        }
      }
    }
    return home;
  }

  private Process daemon(Path sparkHome, Path log, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("java", "-Xmx512m", "-cp", Files.readString(Path.of("target/classpath-compile.txt")).trim()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    daemons.add(p);
    return p;
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int i = 0; i < 120; i++) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(500);
      }
    }
    throw new IllegalStateException("nothing listens on 127.0.0.1:" + port);
  }

  private int submit(Path warehouse, String master, Path log) throws Exception {
    Path props = dir.resolve(warehouse.getFileName() + ".properties");
    StringBuilder p = new StringBuilder();
    MiniFixture.settings(warehouse).forEach((k, v) -> p.append(k).append('=').append(v).append('\n'));
    Files.writeString(props, p.toString());
    ProcessBuilder pb = new ProcessBuilder("jobs/cxloop-nightly", "--master", master,
        "--conf", "spark.executor.memory=512m", "--from", "2026-06-14", "--to", "2026-06-17", "--conf", props.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().remove("SPARK_HOME");
    pb.environment().put("CXLOOP_DRIVER_MEMORY", "1g");
    Process run = pb.start();
    assertThat(run.waitFor(10, TimeUnit.MINUTES)).as("the run ends within 10 minutes").isTrue();
    return run.exitValue();
  }

  private Map<String, List<Row>> contents(Path warehouse) {
    return org.cxloop.testing.TableContents.all(spark, warehouse.toString(), CxTables.DATA_TABLES,
        org.cxloop.testing.TableContents.RUN_COLUMNS);
  }


  @Test
  void nightlyJobOnAStandaloneClusterWritesWhatALocalRunWrites() throws Exception {
    Path home = sparkHome();
    int masterPort = freePort();
    daemon(home, dir.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", Integer.toString(masterPort), "--webui-port", Integer.toString(freePort()));
    awaitPort(masterPort);
    String master = "spark://127.0.0.1:" + masterPort;
    daemon(home, dir.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker", master, "--host", "127.0.0.1",
        "--cores", "1", "--memory", "1g", "--webui-port", Integer.toString(freePort()));

    Path onCluster = dir.resolve("cluster-warehouse");
    int clusterExit = submit(onCluster, master, dir.resolve("cluster-run.log"));
    assertThat(clusterExit).as("cluster run exit code; log: %s", Files.readString(dir.resolve("cluster-run.log"))).isZero();
    assertThat(Files.readString(dir.resolve("worker.log"))).as("an executor ran on the worker")
        .contains("Asked to launch executor");
    Path local = dir.resolve("local-warehouse");
    org.cxloop.testing.MiniRun.copyDevelopmentKey(onCluster, local); // same pseudonyms, as with CXLOOP_PSEUDONYM_KEY
    assertThat(submit(local, "local[2]", dir.resolve("local-run.log"))).isZero();

    Map<String, List<Row>> expected = contents(local);
    assertThat(expected.get("responses_enriched")).hasSize(5);
    assertThat(contents(onCluster)).isEqualTo(expected);
  }
}
