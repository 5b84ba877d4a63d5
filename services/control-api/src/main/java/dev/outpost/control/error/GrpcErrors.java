package dev.outpost.control.error;

import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

/** The one place where domain errors become gRPC statuses. */
public final class GrpcErrors {

    /**
     * The trailer that carries the error's stable code (the REST body's {@code error}), e.g. {@code TABLE_NOT_FOUND}
     * where the status alone says NOT_FOUND.
     */
    public static final Metadata.Key<String> CODE = Metadata.Key.of("outpost-error-code",
            Metadata.ASCII_STRING_MARSHALLER);

    private static final Pattern CODE_SHAPE = Pattern.compile("[A-Z0-9_]{1,64}");

    private GrpcErrors() {
    }

    /** Answers a unary call with {@code call}'s result, or with the status its domain error maps to. */
    public static <T> void reply(StreamObserver<T> observer, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (OutpostException e) {
            observer.onError(toStatus(e));
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }

    /** The gRPC status for a domain error, with its message. */
    public static StatusRuntimeException toStatus(OutpostException e) {
        Status status = switch (e) {
            case NotFoundException ignored -> Status.NOT_FOUND;
            case InvalidInputException ignored -> Status.INVALID_ARGUMENT;
            case UnauthenticatedException ignored -> Status.UNAUTHENTICATED;
            case PermissionDeniedException ignored -> Status.PERMISSION_DENIED;
            case InUseException ignored -> Status.FAILED_PRECONDITION;
            case ConflictException ignored -> Status.ALREADY_EXISTS;
            case EdgeUnavailableException ignored -> Status.UNAVAILABLE;
            case EdgeRejectedException rejected -> switch (rejected.reason()) {
                case NOT_FOUND -> Status.NOT_FOUND;
                case INVALID -> Status.INVALID_ARGUMENT;
                case REFUSED_BY_POLICY -> Status.PERMISSION_DENIED;
                case SOURCE_ACCESS, FAILED -> Status.FAILED_PRECONDITION;
                case SOURCE_UNREACHABLE, UNAVAILABLE -> Status.UNAVAILABLE;
                case TIMEOUT -> Status.DEADLINE_EXCEEDED;
            };
            default -> Status.INTERNAL;
        };
        Metadata trailers = new Metadata();
        // An edge chooses its codes: only a code-shaped one goes into a header.
        if (CODE_SHAPE.matcher(e.code()).matches()) {
            trailers.put(CODE, e.code());
        }
        return status.withDescription(e.getMessage()).asRuntimeException(trailers);
    }
}
