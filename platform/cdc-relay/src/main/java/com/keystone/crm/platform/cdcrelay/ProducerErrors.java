package com.keystone.crm.platform.cdcrelay;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownProducerIdException;

/**
 * Decides whether a failed send leaves the producer unusable, so the relay must replace it rather than send through
 * it again. An idempotent producer keeps per-partition sequence numbers and a producer epoch; after
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} (seen after a topic was deleted and auto-created under the relay), a fenced
 * or unknown producer id, or an authorization failure, it either refuses every further send or keeps failing the
 * same way: retrying through it loops forever.
 */
final class ProducerErrors {

    private ProducerErrors() {
    }

    /**
     * True for a fatal producer state (the types above), for an expired batch ({@link TimeoutException}: its sequence
     * numbers may no longer match the broker's), for any other non-retriable Kafka error and for an
     * {@link IllegalStateException} (a closed producer, or one in a fatal error state). False for retriable errors the
     * producer recovers from by itself (a leader moving, a network blip) and for errors that are not the producer's.
     */
    static boolean requiresNewProducer(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (isFatal(current)) {
                return true;
            }
        }
        if (error instanceof TimeoutException) {
            return true;
        }
        if (error instanceof RetriableException) {
            return false;
        }
        return error instanceof KafkaException || error instanceof IllegalStateException;
    }

    private static boolean isFatal(Throwable error) {
        return error instanceof OutOfOrderSequenceException
                || error instanceof ProducerFencedException
                || error instanceof InvalidProducerEpochException
                || error instanceof UnknownProducerIdException
                || error instanceof AuthorizationException
                || error instanceof AuthenticationException;
    }
}
