package io.tributary.bench;

/** Benchmark 5 (placeholder until written). */
final class EndToEndBenchmark {
    private final BenchContext ctx;

    EndToEndBenchmark(BenchContext ctx) {
        this.ctx = ctx;
    }

    BenchmarkResult run() {
        BenchmarkResult r = new BenchmarkResult("end-to-end", "5. End to end: sustained rates", null);
        r.error = "not implemented yet (" + ctx.mode.name() + ")";
        return r;
    }
}
