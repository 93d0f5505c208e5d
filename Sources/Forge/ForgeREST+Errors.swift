import Foundation
import HTTP

extension ForgeREST {
    /// Runs `work` and turns whatever it throws into a ``ForgeError`` for `operation`.
    func perform<T>(_ operation: APIOperation, _ work: () async throws -> T) async throws(ForgeError) -> T {
        do {
            return try await work()
        } catch let error as ForgeError {
            throw error
        } catch let error as HTTPError {
            let code = ForgeError.Code.classifying(error)
            throw failure(code, operation, httpError: error, remedy: remedy(for: code, operation))
        } catch is CancellationError {
            throw failure(.cancelled, operation, detail: "The task was cancelled before the forge answered.")
        } catch is EncodingError {
            throw failure(.invalidRequest, operation, detail: "The request body could not be encoded as JSON.")
        } catch {
            throw failure(.invalidRequest, operation, detail: "The request failed with \(type(of: error)).")
        }
    }

    /// An error about `operation` in this repository.
    func failure(
        _ code: ForgeError.Code, _ operation: APIOperation, httpError: HTTPError? = nil, detail: String? = nil,
        remedy: String? = nil
    ) -> ForgeError {
        ForgeError(
            code: code, operation: operation.summary, forge: kind, repository: repository, httpError: httpError,
            detail: detail, remedy: remedy)
    }

    /// What to change for a failure of `code`, when the forge's answer says enough to tell.
    private func remedy(for code: ForgeError.Code, _ operation: APIOperation) -> String? {
        switch code {
        case .unauthorized:
            "The forge rejected the token: check that CONVEYOR_TOKEN (or GITHUB_TOKEN / GITEA_TOKEN) is set, "
                + "has not expired, and belongs to this forge."
        case .forbidden:
            operation.access.remedy(on: kind)
        case .notFound:
            "Check the repository name and the number or name asked for; a token that may not see the "
                + "repository also gets 404. " + operation.access.remedy(on: kind)
        default:
            nil
        }
    }
}
