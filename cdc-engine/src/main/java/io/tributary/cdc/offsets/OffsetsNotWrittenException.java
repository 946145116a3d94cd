package io.tributary.cdc.offsets;

import io.tributary.cdc.pipeline.EngineStopException;

/** The offsets file could not be written (e.g. the disk is full): the engine stops instead of running uncommitted. */
public final class OffsetsNotWrittenException extends EngineStopException {
    public OffsetsNotWrittenException(String message, Throwable cause) {
        super(message, cause);
    }
}
