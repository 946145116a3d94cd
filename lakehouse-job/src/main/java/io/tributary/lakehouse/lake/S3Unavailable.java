package io.tributary.lakehouse.lake;

import java.util.Optional;

/**
 * Recognises a failure that is the object store's, not the data's: S3 that does not answer (connection refused,
 * timeouts, 5xx after s3a's retries) or refuses the job's requests (403). Such a failure stops the job with one
 * message naming the endpoint and bucket and what to do; nothing is half-applied, because every Delta commit is
 * one atomic object write and a replayed batch is idempotent.
 */
public final class S3Unavailable {

    /** The exit code of {@code stream} when S3 is unavailable (1 is any other failure, 2 a configuration error). */
    public static final int EXIT_CODE = 3;

    private S3Unavailable() {
    }

    /**
     * The operator's message when {@code failure} is an S3 outage or refusal, else empty.
     *
     * @param endpoint the configured endpoint (or "AWS default") for the message
     * @param bucket   the configured bucket
     * @param retries  a description of the s3a retry settings in force
     */
    public static Optional<String> describe(Throwable failure, String endpoint, String bucket, String retries) {
        boolean fromS3 = false;
        String kind = null;
        String detail = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            String name = t.getClass().getName();
            String message = String.valueOf(t.getMessage());
            if (name.startsWith("org.apache.hadoop.fs.s3a.") || name.startsWith("software.amazon.awssdk.")
                    || message.contains("s3a://")) {
                fromS3 = true;
            }
            if (kind == null) {
                if (t instanceof java.nio.file.AccessDeniedException || name.endsWith("AWSForbiddenException")
                        || message.contains("403 Forbidden") || message.contains("AccessDenied")) {
                    kind = "refuses the job's requests (access denied)";
                    detail = message;
                } else if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException
                        || t instanceof java.net.NoRouteToHostException
                        || name.endsWith("AWSClientIOException") || name.endsWith("AWSNoResponseException")
                        || name.endsWith("AWSStatus500Exception") || name.endsWith("AWSServiceThrottledException")
                        || name.endsWith("SdkClientException") || message.contains("Connection refused")) {
                    kind = "does not answer";
                    detail = message;
                }
            }
        }
        if (!fromS3 || kind == null) {
            return Optional.empty();
        }
        return Optional.of("S3 " + kind + " (endpoint " + endpoint + ", bucket " + bucket + ") after " + retries
                + ": " + firstLine(detail) + ". The job stops with exit code " + EXIT_CODE + "; the failed batch"
                + " is not half-applied (Delta commits are atomic) and is replayed from the checkpoint on restart."
                + " Check that S3 is up and that the credentials may read and write the bucket, then start the job"
                + " again (the supervisor does): it resumes without loss.");
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.strip();
        int nl = line.indexOf('\n');
        line = nl < 0 ? line : line.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
