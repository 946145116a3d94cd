package io.tributary.runtime;

/** One route of a stage's HTTP endpoint. An exception it throws is answered 500 with its message. */
@FunctionalInterface
public interface StageRoute {
    StageResponse handle(StageRequest request) throws Exception;
}
