import ConveyorTestSupport
import Foundation
import Git
import Testing

/// One commit as the git CLI sees it.
struct CLICommit: Equatable, CustomStringConvertible {
    var id: String
    var parents: [String]
    var authorName: String
    var authorEmail: String
    var subject: String

    var description: String { "\(id.prefix(10)) parents=\(parents.map { $0.prefix(10) }) \(authorName) \(subject)" }
}

/// Checks libgit2's writes against the git CLI: the repository passes `git fsck --strict`, and `git log`
/// shows the history we expect.
enum GitConsistency {
    /// The history of `ref` in `repository`, newest first, as `git log` prints it.
    static func log(_ repository: URL, _ ref: String) throws -> [CLICommit] {
        let format = "%H%x1f%P%x1f%an%x1f%ae%x1f%s%x1e"
        let output = try GitCLI.run(["-C", repository.path, "log", "--format=\(format)", ref, "--"])
        return output.split(separator: "\u{1e}").compactMap { record in
            let fields = record.trimmingCharacters(in: .newlines).split(
                separator: "\u{1f}", omittingEmptySubsequences: false)
            guard fields.count == 5 else { return nil }
            return CLICommit(
                id: String(fields[0]), parents: fields[1].split(separator: " ").map(String.init),
                authorName: String(fields[2]), authorEmail: String(fields[3]), subject: String(fields[4]))
        }
    }

    /// Fails the test unless `git fsck --strict` finds nothing wrong in `repository`.
    static func expectClean(_ repository: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fsck = try GitCLI.attempt(["-C", repository.path, "fsck", "--strict", "--no-dangling", "--no-progress"])
        #expect(
            fsck.succeeded, "git fsck --strict failed in \(repository.lastPathComponent): \(fsck.stderr)",
            sourceLocation: sourceLocation)
        #expect(!fsck.stderr.contains("error"), "fsck reported: \(fsck.stderr)", sourceLocation: sourceLocation)
        #expect(!fsck.stderr.contains("warning"), "fsck warned: \(fsck.stderr)", sourceLocation: sourceLocation)
    }

    /// Fails the test unless `repository` is fsck-clean and the CLI's `git log ref` starts with `head`, made by
    /// `author` with `subject` on top of exactly `parents`.
    static func expectAgrees(
        _ repository: URL, ref: String, head: ObjectID, parents: [ObjectID], subject: String, author: Signature,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try expectClean(repository, sourceLocation: sourceLocation)
        let history = try log(repository, ref)
        let expected = CLICommit(
            id: head.description, parents: parents.map(\.description), authorName: author.name,
            authorEmail: author.email, subject: subject)
        #expect(
            history.first == expected, "git log \(ref) in \(repository.lastPathComponent): \(history)",
            sourceLocation: sourceLocation)
    }
}
