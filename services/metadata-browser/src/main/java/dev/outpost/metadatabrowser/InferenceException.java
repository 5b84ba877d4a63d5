package dev.outpost.metadatabrowser;

/**
 * Why one object's columns could not be inferred; the message becomes the file's {@code inference_error}, so it never
 * quotes the object's content.
 */
class InferenceException extends Exception {

    InferenceException(String message) {
        super(message);
    }
}
