internal import CGit2

/// Owns one `git_repository *` and frees it when the last reference goes.
///
/// Confinement: the pointer is only used on the queue of the ``Repository`` that holds this handle (or, before
/// that actor exists, on the same queue inside `QueueExecutor.run`). `deinit` runs after the last use, when no
/// other thread can still touch the pointer, hence `@unchecked Sendable`.
final class RepositoryHandle: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        git_repository_free(pointer)
    }
}
