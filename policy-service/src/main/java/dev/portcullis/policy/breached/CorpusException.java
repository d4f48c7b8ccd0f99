package dev.portcullis.policy.breached;

/** A corpus file or import input that cannot be used, with a message fit for the operator. */
public class CorpusException extends RuntimeException {

    public CorpusException(String message) {
        super(message);
    }

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}
