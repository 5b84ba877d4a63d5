package dev.outpost.control.error;

import java.util.function.Supplier;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

/** The one place where domain errors become gRPC statuses. */
public final class GrpcErrors {

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
            case EdgeRejectedException rejected -> rejected.notFound() ? Status.NOT_FOUND
                    : rejected.refusedByPolicy() ? Status.PERMISSION_DENIED : Status.FAILED_PRECONDITION;
            default -> Status.INTERNAL;
        };
        return status.withDescription(e.getMessage()).asRuntimeException();
    }
}
