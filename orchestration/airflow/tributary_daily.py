"""Tributary's daily jobs as an Airflow DAG, for teams that already run Airflow.

NOT RUN HERE: Airflow is not installed on the machine this project is built on (PyPI is not reachable there), so this
file was neither parsed by Airflow nor executed. It calls the same jobs as Tributary's own scheduler, through
`tributary schedule run`, so each run is still recorded in scheduler.job_runs and never runs twice beside a run of the
scheduler. Airflow's `ds` of a daily DAG is the day that just ended, as the scheduler's.

Set TRIBUTARY_HOME to the Tributary checkout on the Airflow worker (it needs a JDK 17 and the running stack).
"""
import os
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

TRIBUTARY = os.path.join(os.environ.get("TRIBUTARY_HOME", "/opt/tributary"), "tributary")

with DAG(
    dag_id="tributary_daily",
    description="daily-sales then validate for the day that ended; maintain once a day",
    schedule="30 0 * * *",
    start_date=datetime(2026, 12, 1),
    catchup=True,  # a missed day is run later, oldest first, as `tributary schedule backfill` does
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
) as dag:
    daily_sales = BashOperator(task_id="daily_sales",
                               bash_command=f"{TRIBUTARY} schedule run daily-sales --date {{{{ ds }}}}")
    validate = BashOperator(task_id="validate",
                            bash_command=f"{TRIBUTARY} schedule run validate --date {{{{ ds }}}}")
    maintain = BashOperator(task_id="maintain", bash_command=f"{TRIBUTARY} schedule run maintain")
    daily_sales >> validate >> maintain
