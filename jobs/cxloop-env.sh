# Shared by the jobs/ entry points (sourced, not run). Finds the project, builds the jar and the
# dependency classpath when they are missing or older than the sources, and launches
# spark-submit: the distribution's when SPARK_HOME is set, else Spark's own SparkSubmit class
# from the Maven classpath (no Spark download needed on a laptop or CI).
set -euo pipefail

CXLOOP_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CXLOOP_JAR="$CXLOOP_HOME/target/cxloop.jar"
CXLOOP_CP_FILE="$CXLOOP_HOME/target/classpath-compile.txt"   # Spark + Delta + the rest (no test jars): local runs
CXLOOP_RUNTIME_FILE="$CXLOOP_HOME/target/classpath-runtime.txt" # compile + runtime scope (no provided)
CXLOOP_SHIP_FILE="$CXLOOP_HOME/target/classpath-ship.txt"   # what a Spark cluster lacks: --jars
# Runtime-scope jars that every Spark distribution already holds in its jars/ folder (they reach
# the runtime scope through Delta): shipping them again would only put a second copy on the path.
CXLOOP_IN_SPARK='/(org/apache/spark|org/scala-lang|org/slf4j|org/apache/logging/log4j|org/apache/hadoop|org/apache/parquet|com/fasterxml/jackson/core|org/xerial/snappy|org/roaringbitmap|io/airlift|com/google/code/findbugs|javax/annotation|org/locationtech/jts)/'

# Spark on Java 17 needs these (the same list as surefire's argLine in pom.xml).
CXLOOP_JAVA_OPENS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
)

cxloop_build_if_needed() {
  local newest
  newest=$(find "$CXLOOP_HOME/src/main" "$CXLOOP_HOME/pom.xml" -newer "$CXLOOP_JAR" -type f -print -quit 2>/dev/null || true)
  if [[ ! -f "$CXLOOP_JAR" || -n "$newest" || ! -f "$CXLOOP_CP_FILE" || ! -f "$CXLOOP_SHIP_FILE" ]]; then
    echo "cxloop: building the jar (mvn package -DskipTests)..." >&2
    (cd "$CXLOOP_HOME" && mvn -q -B package -DskipTests \
      && mvn -q -B dependency:build-classpath -DincludeScope=compile -Dmdep.outputFile="$CXLOOP_CP_FILE" \
      && mvn -q -B dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$CXLOOP_RUNTIME_FILE") >&2
    # Local runs need both: compile scope holds the provided Spark jars, runtime scope the
    # runtime-only ones (log4j-core, ...). Maven's includeScope takes one at a time.
    cat "$CXLOOP_CP_FILE" "$CXLOOP_RUNTIME_FILE" | tr ':' '\n' | awk 'NF && !seen[$0]++' | paste -sd: - > "$CXLOOP_CP_FILE.tmp"
    mv "$CXLOOP_CP_FILE.tmp" "$CXLOOP_CP_FILE"
    tr ':' '\n' < "$CXLOOP_RUNTIME_FILE" | grep -Ev "$CXLOOP_IN_SPARK" | paste -sd: - > "$CXLOOP_SHIP_FILE"
  fi
}

# Splits "$@" into spark-submit options (CXLOOP_SUBMIT_ARGS) and the job's own (CXLOOP_JOB_ARGS).
cxloop_split_args() {
  CXLOOP_SUBMIT_ARGS=()
  CXLOOP_JOB_ARGS=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --master|--deploy-mode|--conf|--properties-file|--driver-memory|--executor-memory|--executor-cores|\
      --num-executors|--total-executor-cores|--queue|--name|--jars|--packages|--repositories|--files|\
      --driver-java-options|--driver-class-path|--principal|--keytab)
        # --conf is spark-submit's only when it holds a key=value; a file path is the job's --conf.
        if [[ "$1" == --conf && "${2:-}" != *=* ]]; then
          CXLOOP_JOB_ARGS+=("$1" "${2:-}")
        else
          CXLOOP_SUBMIT_ARGS+=("$1" "${2:-}")
        fi
        shift 2 || shift ;;
      --verbose|--supervise)
        CXLOOP_SUBMIT_ARGS+=("$1"); shift ;;
      *)
        CXLOOP_JOB_ARGS+=("$1"); shift ;;
    esac
  done
}

# cxloop_submit JOB [args...]: runs the jar's Cli with the job name first.
cxloop_submit() {
  local job="$1"; shift
  cxloop_build_if_needed
  cxloop_split_args "$@"
  local master="" prev=""
  for a in "${CXLOOP_SUBMIT_ARGS[@]+"${CXLOOP_SUBMIT_ARGS[@]}"}"; do [[ "$prev" == --master ]] && master="$a"; prev="$a"; done
  if [[ -z "$master" ]]; then master="${CXLOOP_MASTER:-local[2]}"; CXLOOP_SUBMIT_ARGS+=(--master "$master"); fi
  # Executors on a cluster need what the cluster does not provide (Delta, Lucene, commons-cli).
  if [[ "$master" != local* ]]; then CXLOOP_SUBMIT_ARGS+=(--jars "$(tr ':' ',' < "$CXLOOP_SHIP_FILE")"); fi
  export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  cd "$CXLOOP_HOME"
  if [[ -n "${SPARK_HOME:-}" ]]; then
    [[ "$master" == local* ]] && CXLOOP_SUBMIT_ARGS+=(--jars "$(tr ':' ',' < "$CXLOOP_SHIP_FILE")")
    exec "$SPARK_HOME/bin/spark-submit" "${CXLOOP_SUBMIT_ARGS[@]}" \
      --driver-java-options "-XX:G1HeapRegionSize=16m -Dlog4j2.configurationFile=$CXLOOP_HOME/conf/log4j2.properties" \
      --class org.cxloop.jobs.Cli "$CXLOOP_JAR" "$job" "${CXLOOP_JOB_ARGS[@]+"${CXLOOP_JOB_ARGS[@]}"}"
  else
    # In-process client mode: this JVM is the driver, so its heap is the driver memory.
    # G1 regions of 16 MiB: with the 2 MiB regions G1 picks for a 4 GiB heap, every cached
    # column buffer of 1 MiB or more (a 10,000-row batch of comments is about 2 MiB) is a
    # "humongous" object that takes whole regions, up to twice its size. At 10M answers that
    # waste ran the 4 GiB heap out while Spark counted 2.2 GiB in use (heap dump, docs/benchmark.md).
    # CXLOOP_JAVA_OPTS: further options for this JVM (GC, JIT, JFR), split on spaces; they come
    # last, so they override these.
    local extra=()
    read -r -a extra <<< "${CXLOOP_JAVA_OPTS:-}"
    exec java -Xmx"${CXLOOP_DRIVER_MEMORY:-4g}" -XX:G1HeapRegionSize=16m "${CXLOOP_JAVA_OPENS[@]}" ${extra[@]+"${extra[@]}"} \
      -Dlog4j2.configurationFile="$CXLOOP_HOME/conf/log4j2.properties" \
      -cp "$CXLOOP_JAR:$(cat "$CXLOOP_CP_FILE")" org.apache.spark.deploy.SparkSubmit \
      "${CXLOOP_SUBMIT_ARGS[@]}" --class org.cxloop.jobs.Cli "$CXLOOP_JAR" "$job" \
      "${CXLOOP_JOB_ARGS[@]+"${CXLOOP_JOB_ARGS[@]}"}"
  fi
}
