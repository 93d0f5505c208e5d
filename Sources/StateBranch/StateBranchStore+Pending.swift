import Foundation
import Git

extension StateBranchStore {
    /// Saves `changes` to a pending-state file and returns the error to throw, naming the file.
    func savePending(_ changes: [StateChange], message: String, failure: PublishFailure) -> StateBranchError {
        let cause = Self.sentence(failure.cause)
        let remote = Remote.url(location.remote).description
        let pending = PendingStateFile(
            remote: remote, branch: location.branch, file: location.file, message: message, reason: cause,
            savedAt: Date(), changes: changes)
        do {
            let file = try pending.save(
                in: options.pendingDirectory ?? location.cacheDirectory, label: options.pendingLabel)
            return StateBranchError(
                .notPublished,
                message: StateBranchError.Messages.notPublished(
                    count: changes.count, branch: location.branch, remote: remote, attempts: failure.attempts,
                    cause: cause, pendingFile: file),
                pendingFile: file)
        } catch {
            return StateBranchError(
                .lost,
                message: StateBranchError.Messages.lost(
                    count: changes.count, branch: location.branch, cause: cause,
                    saveFailure: String(describing: error)))
        }
    }

    /// The error's description as a sentence ending in a full stop.
    static func sentence(_ error: any Error) -> String {
        let text = String(describing: error).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.hasSuffix(".") ? text : text + "."
    }
}
