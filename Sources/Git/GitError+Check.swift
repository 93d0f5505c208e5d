internal import CGit2

extension GitError {
    /// Throws the libgit2 error for `result` when it is negative.
    ///
    /// Must run on the thread that made the call, right after it: `git_error_last()` is thread-local.
    static func check(_ result: Int32, _ operation: String, redacting secrets: [String] = []) throws {
        guard result < 0 else { return }
        throw last(result, operation, redacting: secrets)
    }

    /// The error libgit2 recorded for the call that just returned `result` on this thread.
    static func last(_ result: Int32, _ operation: String, redacting secrets: [String] = []) -> GitError {
        let code = Code(rawValue: result)
        guard let recorded = git_error_last(), let text = recorded.pointee.message else {
            return GitError(
                klass: .none, code: code, message: "libgit2 returned \(result) without a message", operation: operation)
        }
        return GitError(
            klass: Class(rawValue: recorded.pointee.klass), code: code, message: String(cString: text),
            operation: operation, redacting: secrets)
    }

    /// Creates an out-pointer object with `create` and returns it, or throws the libgit2 error.
    ///
    /// The caller owns the returned pointer and frees it with the matching `git_*_free`, usually in a `defer`.
    static func make(
        _ operation: String, redacting secrets: [String] = [],
        _ create: (UnsafeMutablePointer<OpaquePointer?>) -> Int32
    ) throws -> OpaquePointer {
        var pointer: OpaquePointer?
        try check(create(&pointer), operation, redacting: secrets)
        guard let pointer else {
            throw GitError(klass: .internal, code: .generic, message: "returned no object", operation: operation)
        }
        return pointer
    }
}
