internal import CGit2

/// The process-wide libgit2 library: its version, its compiled-in features and its one-time initialisation.
public enum LibGit2 {
    /// The linked libgit2 version, e.g. "1.5.1".
    public static var version: String {
        ensureInitialized()
        var major: Int32 = 0
        var minor: Int32 = 0
        var revision: Int32 = 0
        git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }

    /// True when libgit2 was built with an HTTPS transport (OpenSSL, mbedTLS or the platform's).
    public static var supportsHTTPS: Bool {
        features & Int32(GIT_FEATURE_HTTPS.rawValue) != 0
    }

    /// True when libgit2 was built with an SSH transport (libssh2).
    public static var supportsSSH: Bool {
        features & Int32(GIT_FEATURE_SSH.rawValue) != 0
    }

    private static var features: Int32 {
        ensureInitialized()
        return git_libgit2_features()
    }

    /// Initialises libgit2 the first time any caller gets here; later calls do nothing.
    ///
    /// libgit2 1.5.1 has no per-server connect or read timeout (`GIT_OPT_SET_SERVER_CONNECT_TIMEOUT` and
    /// `GIT_OPT_SET_SERVER_TIMEOUT` arrived in 1.7), and `git_libgit2_opts` is variadic, which Swift cannot call.
    /// Network operations are bounded instead by ``TransferControl``, which aborts from libgit2's progress
    /// callbacks once a deadline passes.
    static func ensureInitialized() {
        _ = initialization
    }
}

/// Runs `git_libgit2_init` exactly once, on first use (Swift initialises globals lazily and atomically).
/// libgit2 stays initialised for the life of the process; it is never shut down.
private let initialization: Int32 = git_libgit2_init()
