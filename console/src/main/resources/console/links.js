// Links every console page shows in its header: the lakehouse job's Spark UI, when it serves one (GET /api/links).
"use strict";

async function showSparkUiLink() {
  const response = await fetch("/api/links", { cache: "no-store" }).catch(() => null);
  const links = response && response.ok ? await response.json() : {};
  const spark = document.getElementById("spark-ui");
  if (links.sparkUi) {
    spark.href = links.sparkUi;
    spark.hidden = false;
  }
}
