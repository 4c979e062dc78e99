"""Airflow DAG for the cxloop nightly run and, once a week, the emerging-themes step (example; not
executed by the tests).

Exit-code contract of every cxloop job (jobs/cxloop-*):
  0  success
  1  bad input or a failed error-level data-quality check -> fix the data, re-run the same date
  2  configuration or command-line error                   -> fix the config; retrying cannot help
  3  internal error (bug, lost executor, full disk)        -> retrying may help
A run that fails leaves every table as it was before the run; a re-run of the same date is safe.
A run killed hard (OOM killer, pre-emption) is repaired by `cxloop recover` (on_failure below) or
by the next run itself.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.operators.python import ShortCircuitOperator
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

CXLOOP_HOME = "/opt/cxloop"
RUNTIME_JARS = ",".join([
    f"{CXLOOP_HOME}/lib/delta-spark_2.13-4.3.1.jar",
    f"{CXLOOP_HOME}/lib/delta-storage-4.3.1.jar",
    f"{CXLOOP_HOME}/lib/lucene-core-9.12.3.jar",
    f"{CXLOOP_HOME}/lib/lucene-analysis-common-9.12.3.jar",
    f"{CXLOOP_HOME}/lib/lucene-analysis-stempel-9.12.3.jar",
    f"{CXLOOP_HOME}/lib/commons-cli-1.9.0.jar",
])

default_args = {
    "owner": "cx-data",
    # Exit code 3 (internal) is worth a retry; 1 and 2 fail the same way again, but Airflow
    # cannot tell them apart through spark-submit, so keep retries few and alert on failure.
    "retries": 2,
    "retry_delay": timedelta(minutes=15),
}

with DAG(
    dag_id="cxloop_nightly",
    start_date=datetime(2026, 5, 1),
    schedule="30 2 * * *",           # 02:30 Europe/Warsaw, after the survey export lands
    catchup=True,                     # backfills a missed day by running it; re-runs are idempotent
    max_active_runs=1,                # one run at a time: runs of later days build on earlier ones
    default_args=default_args,
) as dag:
    nightly = SparkSubmitOperator(
        task_id="nightly",
        application=f"{CXLOOP_HOME}/cxloop.jar",
        java_class="org.cxloop.jobs.Cli",
        jars=RUNTIME_JARS,
        files=f"{CXLOOP_HOME}/conf/prod.properties",
        application_args=["nightly", "--run-date", "{{ ds }}", "--conf", "prod.properties"],
        conf={"spark.sql.shuffle.partitions": "64"},
        driver_memory="4g",
        executor_memory="4g",
    )
    recover = BashOperator(
        task_id="recover_after_failure",
        bash_command=f"{CXLOOP_HOME}/jobs/cxloop-recover --conf {CXLOOP_HOME}/conf/prod.properties",
        trigger_rule="one_failed",
    )
    nightly >> recover

    # Weekly emerging themes, after the nightly run that loads a Sunday (it runs on Monday at
    # 02:30): the ISO week that ends on that Sunday is then complete. With catchup, missed weeks
    # are analysed too. On other days the themes task is skipped.
    def _week_complete(logical_date, **_):
        return logical_date.weekday() == 6  # Sunday

    week_complete = ShortCircuitOperator(task_id="week_complete", python_callable=_week_complete)
    themes = SparkSubmitOperator(
        task_id="themes",
        application=f"{CXLOOP_HOME}/cxloop.jar",
        java_class="org.cxloop.jobs.Cli",
        jars=RUNTIME_JARS,
        files=f"{CXLOOP_HOME}/conf/prod.properties",
        application_args=["themes", "--week", "{{ ds }}", "--conf", "prod.properties"],
        conf={"spark.sql.shuffle.partitions": "64"},
        driver_memory="4g",
        executor_memory="4g",
    )
    nightly >> week_complete >> themes
