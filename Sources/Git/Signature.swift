internal import CGit2
import Foundation

/// The author or committer of a commit.
public struct Signature: Sendable, Equatable {
    /// The person's name, e.g. "Conveyor".
    public var name: String
    /// The person's email address.
    public var email: String
    /// When the change was made; stored with whole-second precision and this machine's time-zone offset.
    public var date: Date

    /// Creates a signature dated `date` (now by default).
    public init(name: String, email: String, date: Date = Date()) {
        self.name = name
        self.email = email
        self.date = date
    }

    /// Creates a libgit2 signature that the caller frees with `git_signature_free`.
    func makeGitSignature() throws -> UnsafeMutablePointer<git_signature> {
        var signature: UnsafeMutablePointer<git_signature>?
        let offsetMinutes = Int32(TimeZone.current.secondsFromGMT(for: date) / 60)
        let seconds = git_time_t(date.timeIntervalSince1970.rounded(.down))
        try GitError.check(git_signature_new(&signature, name, email, seconds, offsetMinutes), "git_signature_new")
        guard let signature else {
            throw GitError(klass: .internal, code: .generic, message: "no signature", operation: "git_signature_new")
        }
        return signature
    }
}
