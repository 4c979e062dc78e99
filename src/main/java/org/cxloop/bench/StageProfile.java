package org.cxloop.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;

/**
 * Stage timings of each benchmark phase, from Spark's listener bus: the profile that says what
 * dominates a run without opening the Spark UI. A stage belongs to the phase and the cxloop job
 * group (ingest, enrich, write, nps) its job was started under.
 */
final class StageProfile extends SparkListener {

  /** Local property the benchmark sets to the phase name; job groups come from NightlyJob. */
  static final String PHASE_PROPERTY = "cxloop.bench.phase";
  private static final String JOB_GROUP = "spark.jobGroup.id";

  /** One completed stage. */
  record StageTime(String phase, String group, int stageId, String name, int tasks, double seconds,
      double taskSeconds, double taskCpuSeconds, long inputBytes, long shuffleReadBytes, long shuffleWriteBytes,
      long memorySpillBytes, long diskSpillBytes) {

    String line() {
      return String.format(Locale.ROOT, "%-12s stage %4d %6.1f s wall %7.1f s tasks %6.1f s CPU (%3d) in %s sh-r %s "
          + "sh-w %s spill %s | %s", group, stageId, seconds, taskSeconds, taskCpuSeconds, tasks, BenchReport.bytes(inputBytes),
          BenchReport.bytes(shuffleReadBytes), BenchReport.bytes(shuffleWriteBytes),
          BenchReport.bytes(diskSpillBytes), name);
    }
  }

  private final Map<Integer, String[]> stageOwner = new ConcurrentHashMap<>();
  private final List<StageTime> stages = java.util.Collections.synchronizedList(new ArrayList<>());

  static StageProfile attach(SparkContext sc) {
    StageProfile p = new StageProfile();
    sc.addSparkListener(p);
    return p;
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    java.util.Properties props = job.properties();
    String phase = props == null ? null : props.getProperty(PHASE_PROPERTY);
    String group = props == null ? null : props.getProperty(JOB_GROUP);
    String[] owner = {phase == null ? "(none)" : phase, group == null ? "(other)" : group.replace("cxloop-", "")};
    scala.collection.Iterator<StageInfo> it = job.stageInfos().iterator();
    while (it.hasNext()) {
      stageOwner.putIfAbsent(it.next().stageId(), owner);
    }
  }

  @Override
  public void onStageCompleted(SparkListenerStageCompleted event) {
    StageInfo info = event.stageInfo();
    String[] owner = stageOwner.getOrDefault(info.stageId(), new String[] {"(none)", "(other)"});
    long start = info.submissionTime().isDefined() ? (Long) info.submissionTime().get() : 0L;
    long end = info.completionTime().isDefined() ? (Long) info.completionTime().get() : start;
    TaskMetrics m = info.taskMetrics();
    stages.add(new StageTime(owner[0], owner[1], info.stageId(), info.name(), info.numTasks(), (end - start) / 1000.0,
        m == null ? 0 : m.executorRunTime() / 1000.0,
        m == null ? 0 : m.executorCpuTime() / 1e9,
        m == null ? 0 : m.inputMetrics().bytesRead(),
        m == null ? 0 : m.shuffleReadMetrics().totalBytesRead(),
        m == null ? 0 : m.shuffleWriteMetrics().bytesWritten(),
        m == null ? 0 : m.memoryBytesSpilled(),
        m == null ? 0 : m.diskBytesSpilled()));
  }

  /** Waits until the listener bus has delivered every event of the jobs run so far. */
  static void drain(SparkContext sc) {
    try {
      sc.listenerBus().waitUntilEmpty(60_000L);
    } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
      // A late event only makes the profile less complete, never the timings wrong.
    }
  }

  List<StageTime> of(String phase) {
    synchronized (stages) {
      return stages.stream().filter(s -> s.phase().equals(phase)).toList();
    }
  }

  /** Stage wall time summed per job group: stages of one group can overlap, so it is a load figure. */
  Map<String, Double> secondsByGroup(String phase) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (StageTime s : of(phase)) {
      out.merge(s.group(), s.seconds(), Double::sum);
    }
    return out;
  }

  long diskSpill(String phase) {
    return of(phase).stream().mapToLong(StageTime::diskSpillBytes).sum();
  }

  List<StageTime> slowest(String phase, int n) {
    return of(phase).stream().sorted(Comparator.comparingDouble(StageTime::seconds).reversed()).limit(n).toList();
  }
}
