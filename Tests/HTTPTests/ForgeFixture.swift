import ConveyorTestSupport
import Foundation
import HTTP

extension FakeForge {
    /// A client that authenticates to this forge (or with `authorization` when given).
    func client(
        retry: RetryPolicy = .fast, totalTimeout: Duration = .seconds(10), authorization: String? = nil
    ) -> HTTPClient {
        HTTPClient(
            configuration: .init(
                connectTimeout: .seconds(2), totalTimeout: totalTimeout, retry: retry, userAgent: "conveyor-tests",
                authorization: authorization ?? "Bearer \(token)"))
    }
}

/// The fields of an issue comment both dialects share.
struct CommentSummary: Decodable, Equatable {
    let id: Int
    let body: String
}

/// The fields of an issue both dialects share.
struct IssueSummary: Decodable, Equatable {
    let number: Int
    let title: String
}

/// The fields of a label both dialects share.
struct LabelSummary: Decodable, Equatable {
    let id: Int
    let name: String
}

/// Runs `operation` and returns the error it threw, or nil.
func thrownError(_ operation: () async throws -> Void) async -> (any Error)? {
    do {
        try await operation()
        return nil
    } catch {
        return error
    }
}
