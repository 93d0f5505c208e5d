internal import CGit2

extension GitError {
    /// What kind of failure happened: libgit2's `git_error_code`, plus a few codes Conveyor defines itself
    /// (below -1000, outside libgit2's range).
    ///
    /// An open set: new codes can be added without breaking callers. Match with `catch GitError.Code.auth`.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The libgit2 return code (negative) or a Conveyor code.
        public let rawValue: Int32

        /// Wraps a raw code.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        init(_ code: git_error_code) { rawValue = code.rawValue }

        /// A generic failure (`GIT_ERROR`).
        public static let generic = Code(GIT_ERROR)
        /// The object, reference, path or repository does not exist (`GIT_ENOTFOUND`).
        public static let notFound = Code(GIT_ENOTFOUND)
        /// The object or reference already exists (`GIT_EEXISTS`).
        public static let exists = Code(GIT_EEXISTS)
        /// A short id or name matches more than one object (`GIT_EAMBIGUOUS`).
        public static let ambiguous = Code(GIT_EAMBIGUOUS)
        /// A callback asked to stop (`GIT_EUSER`).
        public static let user = Code(GIT_EUSER)
        /// The operation needs a working tree (`GIT_EBAREREPO`).
        public static let bareRepository = Code(GIT_EBAREREPO)
        /// HEAD points at a branch with no commits yet (`GIT_EUNBORNBRANCH`).
        public static let unbornBranch = Code(GIT_EUNBORNBRANCH)
        /// The reference could not be fast-forwarded (`GIT_ENONFASTFORWARD`).
        public static let nonFastForward = Code(GIT_ENONFASTFORWARD)
        /// A name or refspec is malformed (`GIT_EINVALIDSPEC`).
        public static let invalidSpec = Code(GIT_EINVALIDSPEC)
        /// Checkout conflicts stopped the operation (`GIT_ECONFLICT`).
        public static let conflict = Code(GIT_ECONFLICT)
        /// A lock file is held by someone else (`GIT_ELOCKED`).
        public static let locked = Code(GIT_ELOCKED)
        /// A reference changed under us: the compare-and-swap failed (`GIT_EMODIFIED`).
        public static let modified = Code(GIT_EMODIFIED)
        /// The remote refused the credentials, or needed some and got none (`GIT_EAUTH`).
        public static let auth = Code(GIT_EAUTH)
        /// The server's TLS certificate is invalid (`GIT_ECERTIFICATE`).
        public static let certificate = Code(GIT_ECERTIFICATE)
        /// An object cannot be peeled to the requested type (`GIT_EPEEL`).
        public static let peel = Code(GIT_EPEEL)
        /// The connection ended early (`GIT_EEOF`).
        public static let unexpectedEOF = Code(GIT_EEOF)
        /// An invalid argument or operation (`GIT_EINVALID`).
        public static let invalid = Code(GIT_EINVALID)
        /// The path is a directory where a file was expected (`GIT_EDIRECTORY`).
        public static let directory = Code(GIT_EDIRECTORY)
        /// The repository is owned by another user (`GIT_EOWNER`).
        public static let owner = Code(GIT_EOWNER)

        /// A network operation passed its deadline (Conveyor).
        public static let timedOut = Code(rawValue: -1001)
        /// The calling task was cancelled (Conveyor).
        public static let cancelled = Code(rawValue: -1002)
        /// The remote refused a pushed reference for a reason other than a stale old value (Conveyor).
        public static let pushRejected = Code(rawValue: -1003)

        /// True when `error` is a ``GitError`` with this code, so `catch GitError.Code.auth` works.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? GitError)?.code == code
        }

        private static let names: [Code: String] = [
            .generic: "generic", .notFound: "notFound", .exists: "exists", .ambiguous: "ambiguous", .user: "user",
            .bareRepository: "bareRepository", .unbornBranch: "unbornBranch", .nonFastForward: "nonFastForward",
            .invalidSpec: "invalidSpec", .conflict: "conflict", .locked: "locked", .modified: "modified",
            .auth: "auth", .certificate: "certificate", .peel: "peel", .unexpectedEOF: "unexpectedEOF",
            .invalid: "invalid", .directory: "directory", .owner: "owner", .timedOut: "timedOut",
            .cancelled: "cancelled", .pushRejected: "pushRejected",
        ]

        public var description: String { Self.names[self] ?? "code(\(rawValue))" }
    }
}
