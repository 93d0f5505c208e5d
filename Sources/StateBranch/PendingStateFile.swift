public import Foundation

/// Changes that could not be pushed, saved as JSON so `conveyor state replay FILE` can apply them later.
///
/// Replaying is safe at any time: every ``StateChange`` is idempotent.
public struct PendingStateFile: Codable, Sendable, Equatable {
    /// The format this conveyor writes and reads.
    public static let currentFormat = 1

    /// The file format's version.
    public var format: Int
    /// The remote the changes were meant for, without credentials.
    public var remote: String
    /// The state branch.
    public var branch: String
    /// The database file on that branch.
    public var file: String
    /// The commit message the changes were to be committed with.
    public var message: String
    /// Why they were not pushed.
    public var reason: String
    /// When the file was written.
    public var savedAt: Date
    /// The logical changes, in order.
    public var changes: [StateChange]

    /// Creates a pending-state record in the current format.
    public init(
        remote: String, branch: String, file: String, message: String, reason: String, savedAt: Date,
        changes: [StateChange]
    ) {
        self.format = Self.currentFormat
        self.remote = remote
        self.branch = branch
        self.file = file
        self.message = message
        self.reason = reason
        self.savedAt = savedAt
        self.changes = changes
    }

    /// True when the file holds a lease claim for a run it does not also finish: the batch of a job whose claim
    /// never landed (earlier builds saved such batches; this one never does). That job stopped without doing
    /// anything, so replaying the file would record a `started` run holding a lease for a job that never ran;
    /// `conveyor state replay` discards such a file instead.
    public var isAbandonedClaim: Bool {
        let finished = Set(
            changes.compactMap { change -> String? in
                if case .finishRun(let finish) = change { return finish.runID }
                return nil
            })
        return changes.contains { change in
            if case .claimLease(let claim) = change { return !finished.contains(claim.runID) }
            return false
        }
    }

    /// Reads a pending-state file.
    ///
    /// - Throws: ``StateBranchError`` with code ``StateBranchError/Code/invalidPendingFile`` when the file is
    ///   missing, not JSON of this shape, or of a newer format.
    public static func read(from url: URL) throws -> PendingStateFile {
        let pending: PendingStateFile
        do {
            pending = try StateJSON.decoder().decode(PendingStateFile.self, from: Data(contentsOf: url))
        } catch {
            throw StateBranchError(
                .invalidPendingFile,
                message: StateBranchError.Messages.unreadablePending(url, detail: String(describing: error)))
        }
        guard pending.format <= currentFormat else {
            throw StateBranchError(
                .invalidPendingFile, message: StateBranchError.Messages.unsupportedPending(url, format: pending.format))
        }
        return pending
    }

    /// Writes the file as `conveyor-pending-state-<label>.json` in `directory` (`-2`, `-3`… when taken) and
    /// returns its URL. An existing file is never overwritten.
    public func save(in directory: URL, label: String) throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = try StateJSON.encoder().encode(self)
        let stem = "conveyor-pending-state-\(Self.safeLabel(label))"
        for number in 1...1_000 {
            let name = number == 1 ? "\(stem).json" : "\(stem)-\(number).json"
            let url = directory.appendingPathComponent(name)
            do {
                try data.write(to: url, options: .withoutOverwriting)
                return url
            } catch CocoaError.fileWriteFileExists {
                continue
            }
        }
        throw CocoaError(.fileWriteFileExists)
    }

    /// `label` with every character outside `A-Z a-z 0-9 . _ -` replaced by `-`.
    static func safeLabel(_ label: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        let safe = String(label.map { allowed.contains($0) ? $0 : "-" })
        return safe.isEmpty ? "run" : safe
    }
}
