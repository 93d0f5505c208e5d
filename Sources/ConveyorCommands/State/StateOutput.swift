import ArgumentParser
import Foundation
import Git
import StateBranch

/// Printing and publishing helpers shared by the `state` subcommands.
enum StateOutput {
    /// `value` as one JSON document: sorted keys, times like `2026-01-31T12:00:00.000Z`.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(StateTimestamp.text(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// `date` in the stored text form.
    static func time(_ date: Date) -> String {
        StateTimestamp.text(date)
    }

    /// Writes `line` to standard error.
    static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Applies `changes` through a store for `context`; when they cannot be pushed, prints the error naming the
    /// pending-state file and exits with ``StateExitCode/notPublished`` (a claim, which is never saved, exits
    /// with ``ExitStatus/temporaryFailure``).
    static func publish(
        _ changes: [StateChange], message: String, runID: String, context: StateContext
    ) async throws -> StateCommitResult {
        let store = StateBranchStore(location: context.location, options: context.writeOptions(runID: runID))
        do {
            return try await store.apply(changes, message: message)
        } catch let error as StateBranchError where error.code == .notPublished {
            note("conveyor: \(error.message)")
            throw StateExitCode.notPublished
        } catch let error as StateBranchError where error.code == .notClaimed {
            note("conveyor: \(error.message)")
            throw ExitStatus.temporaryFailure
        }
    }

    /// A short commit id for text output.
    static func short(_ id: ObjectID?) -> String {
        id.map { String($0.description.prefix(12)) } ?? "none"
    }
}
