internal import CGit2

extension GitError {
    /// Which libgit2 subsystem reported the failure (`git_error_t`). An open set, like ``Code``.
    public struct Class: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The libgit2 error class number.
        public let rawValue: Int32

        /// Wraps a raw class number.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        init(_ klass: git_error_t) { rawValue = Int32(klass.rawValue) }

        /// No class: libgit2 set no error message.
        public static let none = Class(GIT_ERROR_NONE)
        /// An operating-system call failed.
        public static let os = Class(GIT_ERROR_OS)
        /// An argument was invalid.
        public static let invalid = Class(GIT_ERROR_INVALID)
        /// Reference handling.
        public static let reference = Class(GIT_ERROR_REFERENCE)
        /// Opening or discovering a repository.
        public static let repository = Class(GIT_ERROR_REPOSITORY)
        /// Reading or writing configuration.
        public static let config = Class(GIT_ERROR_CONFIG)
        /// The object database.
        public static let odb = Class(GIT_ERROR_ODB)
        /// The index.
        public static let index = Class(GIT_ERROR_INDEX)
        /// Object lookup or parsing.
        public static let object = Class(GIT_ERROR_OBJECT)
        /// The network layer.
        public static let net = Class(GIT_ERROR_NET)
        /// Tree building or lookup.
        public static let tree = Class(GIT_ERROR_TREE)
        /// Pack indexing during a fetch.
        public static let indexer = Class(GIT_ERROR_INDEXER)
        /// TLS.
        public static let ssl = Class(GIT_ERROR_SSL)
        /// Checkout of a working tree.
        public static let checkout = Class(GIT_ERROR_CHECKOUT)
        /// SSH transport.
        public static let ssh = Class(GIT_ERROR_SSH)
        /// A user callback failed or asked to stop.
        public static let callback = Class(GIT_ERROR_CALLBACK)
        /// The filesystem.
        public static let filesystem = Class(GIT_ERROR_FILESYSTEM)
        /// The HTTP transport.
        public static let http = Class(GIT_ERROR_HTTP)
        /// libgit2 internals.
        public static let `internal` = Class(GIT_ERROR_INTERNAL)

        private static let names: [Class: String] = [
            .none: "none", .os: "os", .invalid: "invalid", .reference: "reference", .repository: "repository",
            .config: "config", .odb: "odb", .index: "index", .object: "object", .net: "net", .tree: "tree",
            .indexer: "indexer", .ssl: "ssl", .checkout: "checkout", .ssh: "ssh", .callback: "callback",
            .filesystem: "filesystem", .http: "http", .internal: "internal",
        ]

        public var description: String { Self.names[self] ?? "class(\(rawValue))" }
    }
}
