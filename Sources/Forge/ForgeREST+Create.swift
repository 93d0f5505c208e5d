import Foundation
import HTTP

extension ForgeREST {
    // MARK: - Writes that must not happen twice

    /// Sends a `POST` that creates something, without ever creating it twice.
    ///
    /// A create whose answer is lost (a dropped connection, a 5xx sent after the forge stored the write, a reply
    /// after the timeout) may have happened; sending it again blindly makes a second comment or a 422 "already
    /// exists" pull request. So the `POST` goes out once (``HTTPRequest/sendsAtMostOnce``), and before each
    /// further attempt `existing` is asked whether the first one took effect; what it finds is the result. An
    /// answer that the object already exists (409, or 422 naming a conflict) resolves to what `existing` finds
    /// too. The number of attempts and the pauses between them follow the client's ``RetryPolicy``; see
    /// `docs/architecture/0007-writes-looked-up-before-retry.md`.
    ///
    /// - Parameters:
    ///   - existing: finds the object this write creates, or nil when it does not exist. It should recognise
    ///     only what this write would have made (a comment by its exact body, a pull request by its head).
    /// - Throws: the last attempt's ``ForgeError`` when the write neither succeeded nor is found.
    func create<T: Decodable & Sendable>(
        _ segments: [String], body: some Encodable, decoding type: T.Type, _ operation: APIOperation,
        existing: () async throws(ForgeError) -> T?
    ) async throws(ForgeError) -> T {
        let policy = http.configuration.retry
        var attempt = 1
        while true {
            if attempt > 1, let found = try await existing() { return found }
            do {
                return try await perform(operation) {
                    var request = try HTTPRequest.json(
                        .post, try url(segments, method: .post), body: body,
                        headers: ["Accept": http.configuration.defaultHeaders["Accept"] ?? "application/json"])
                    request.sendsAtMostOnce = true
                    return try await http.json(type, request)
                }
            } catch {
                if Self.saysAlreadyExists(error), let found = try await existing() { return found }
                guard error.isRetryable, attempt < policy.maxAttempts else { throw error }
                do {
                    try await Task.sleep(for: policy.backoff(afterAttempt: attempt))
                } catch {
                    throw failure(.cancelled, operation, detail: "The job was cancelled while waiting to retry.")
                }
                attempt += 1
            }
        }
    }

    /// True for the answers both forges give to a create that conflicts with what exists: GitHub's 422
    /// "Validation Failed" (e.g. "A pull request already exists for owner:branch"), Gitea's 409 (or 422 in
    /// older versions).
    static func saysAlreadyExists(_ error: ForgeError) -> Bool {
        switch error.status {
        case 409: return true
        case 422: return error.httpError?.bodyPrefix.lowercased().contains("already exist") ?? false
        default: return false
        }
    }
}
