public import Foundation

/// A failure of the state branch protocol, with a code to match on and a message that says what to do.
///
/// Messages never contain a token: remotes are shown without userinfo, and git errors are already scrubbed.
public struct StateBranchError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. An open set: new codes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name, for logs and JSON output.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// The changes could not be pushed; they were saved to ``StateBranchError/pendingFile``.
        public static let notPublished = Code("notPublished")
        /// A batch that claims a lease could not be pushed. Nothing was saved: the claim never took effect, so the
        /// job did nothing, and replaying it later would record a run that never ran holding a lease nobody uses.
        public static let notClaimed = Code("notClaimed")
        /// The changes could not be pushed, and saving them to a pending file failed too.
        public static let lost = Code("lost")
        /// A change names a run that the state does not record.
        public static let unknownRun = Code("unknownRun")
        /// A change cannot be applied as given.
        public static let invalidChange = Code("invalidChange")
        /// A pending-state file cannot be read.
        public static let invalidPendingFile = Code("invalidPendingFile")

        public var description: String { name }

        /// True when `error` is a ``StateBranchError`` with this code; lets `catch StateBranchError.Code.lost` work.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? StateBranchError)?.code == code
        }
    }

    /// What kind of failure this is.
    public let code: Code
    /// Full sentences naming what failed and what to do.
    public let message: String
    /// The file holding the changes that were not pushed, for ``Code/notPublished``.
    public let pendingFile: URL?

    /// Creates an error; `message` must already say what to do.
    public init(_ code: Code, message: String, pendingFile: URL? = nil) {
        self.code = code
        self.message = message
        self.pendingFile = pendingFile
    }

    public var description: String { message }
}
