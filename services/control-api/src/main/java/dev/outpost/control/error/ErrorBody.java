package dev.outpost.control.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON body of every REST error.
 *
 * @param error    a stable code ({@code NOT_FOUND}, {@code INVALID_ARGUMENT}, {@code ALREADY_EXISTS},
 *                 {@code UNAVAILABLE}, …)
 * @param message  what is wrong and how to fix it
 * @param problems located problems in a submitted document, if any
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String error, String message, List<InvalidInputException.Problem> problems) {
}
