package io.tributary.lakehouse.preview;

import io.tributary.contracts.lake.LakePreviewRequest;
import io.tributary.lakehouse.stream.DaemonThreads;
import io.tributary.runtime.StageRequest;
import io.tributary.runtime.StageResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /lake/preview?path=&version=&limit=} on the job's HTTP server: the request checked by
 * {@link LakePreviewRequest} (400 naming the parameter), one read at a time on a thread of its own (503 while another
 * runs), bounded by a timeout after which its Spark jobs are cancelled (503), 404 with Delta's message for a path that
 * is no table or a version it does not have; any other failure is logged at WARN and answered 500. The streaming
 * queries share nothing with it but the session.
 */
public final class LakePreviewEndpoint implements AutoCloseable {
    /** A cold read of a table on S3 (class loading, the log's snapshot) takes seconds on two busy cores, not minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The rows' JSON a preview answers at most. */
    static final int MAX_ROW_BYTES = 4 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(LakePreviewEndpoint.class);

    private final LakePreview preview;
    private final Duration timeout;
    private final Semaphore oneAtATime = new Semaphore(1);
    private final AtomicLong reads = new AtomicLong();
    private final ExecutorService reader = Executors.newSingleThreadExecutor(DaemonThreads.named("lake-preview"));

    public LakePreviewEndpoint(LakePreview preview, Duration timeout) {
        this.preview = preview;
        this.timeout = timeout;
    }

    public StageResponse answer(StageRequest request) throws InterruptedException {
        LakePreviewRequest wanted;
        try {
            Map<String, String> p = request.parameters();
            wanted = LakePreviewRequest.parse(p.get(LakePreviewRequest.PATH), p.get(LakePreviewRequest.VERSION),
                    p.get(LakePreviewRequest.LIMIT));
        } catch (IllegalArgumentException e) {
            return StageResponse.text(400, e.getMessage() + "\n");
        }
        if (!oneAtATime.tryAcquire()) {
            return StageResponse.text(503, "another preview is being read; ask again in a moment\n");
        }
        String jobGroup = "lake-preview-" + reads.incrementAndGet();
        Future<LakePreviewResult> read;
        try {
            read = reader.submit(() -> {
                try {
                    return preview.read(wanted, jobGroup);
                } finally {
                    oneAtATime.release();
                }
            });
        } catch (RuntimeException e) {
            oneAtATime.release();
            throw e;
        }
        try {
            return StageResponse.json(200, LakePreviewJson.render(read.get(timeout.toMillis(), TimeUnit.MILLISECONDS),
                    MAX_ROW_BYTES));
        } catch (TimeoutException e) {
            LOG.warn("preview of {} took longer than {}: its Spark jobs are cancelled", wanted.path(), text(timeout));
            preview.cancel(jobGroup);
            read.cancel(true);
            return StageResponse.text(503, "the preview of " + wanted.path() + " took longer than " + text(timeout)
                    + " and was cancelled; the job may be busy with a large batch: ask again later\n");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LakeTableNotFound) {
                return StageResponse.text(404, cause.getMessage() + "\n");
            }
            LOG.warn("preview of {} failed; the streaming queries are not affected", wanted.path(), cause);
            return StageResponse.text(500, "the preview of " + wanted.path() + " failed: " + cause + "\n");
        }
    }

    private static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
